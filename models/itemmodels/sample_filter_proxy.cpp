#include "models/itemmodels/sample_filter_proxy.h"

#include "models/data/dataset.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/variants_model.h"
#include "models/stats/analysis.h"

#include <algorithm>

namespace benchlens {

void RefilteringProxy::refilter()
{
    m_refiltering = true;
    invalidateFilter();
    m_refiltering = false;
}

SampleFilterProxy::SampleFilterProxy(QObject* parent)
    : RefilteringProxy(parent)
{
    setSortRole(SamplesModel::SortRole);
}

SampleFilterProxy::~SampleFilterProxy() = default;

void SampleFilterProxy::setSamplesModel(SamplesModel* model)
{
    m_samples = model;
    m_cacheValid = false;
    setSourceModel(model);
}

void SampleFilterProxy::setFilter(const SampleFilter& filter)
{
    if (filter == m_filter)
        return;
    if (refiltering()) {
        // Changed from a slot of this very refilter: judging rows by two filters in one pass corrupts the mapping.
        QMetaObject::invokeMethod(
            this, [this, filter] { setFilter(filter); }, Qt::QueuedConnection);
        return;
    }
    m_filter = filter;
    m_cacheValid = false;
    refilter();
    emit filtersChanged();
}

// Builds the per-variant, per-file and per-metric verdicts for the current Dataset and filters.
void SampleFilterProxy::ensureCache() const
{
    const Dataset* ds = m_samples ? m_samples->dataset().get() : nullptr;
    if (m_cacheValid && m_cachedFor == ds)
        return;
    m_cachedFor = ds;
    m_cacheValid = true;
    m_variantOk.clear();
    m_variantText.clear();
    m_fileText.clear();
    m_metricOk.clear();
    m_metricText.clear();
    if (!ds)
        return;
    const QString& text = m_filter.text;
    const auto matches = [&](const QString& s) { return text.isEmpty() || s.contains(text, Qt::CaseInsensitive); };
    m_variantOk.resize(ds->variants.size());
    m_variantText.resize(ds->variants.size());
    for (size_t v = 0; v < ds->variants.size(); ++v) {
        const int vi = static_cast<int>(v);
        m_variantOk[v] = m_filter.acceptsVariant(*ds, vi);
        m_variantText[v] = matches(m_samples->variantId(vi));
    }
    m_fileText.resize(ds->files.size());
    for (size_t f = 0; f < ds->files.size(); ++f)
        m_fileText[f] = matches(m_samples->filePath(static_cast<int>(f)));
    m_metricOk.resize(ds->metrics.size());
    m_metricText.resize(ds->metrics.size());
    for (size_t m = 0; m < ds->metrics.size(); ++m) {
        const QString& id = m_samples->metricId(static_cast<int>(m));
        m_metricOk[m] = m_filter.metric.isEmpty() || id == m_filter.metric;
        m_metricText[m] = matches(id);
    }
}

bool SampleFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid() || !m_samples || !m_samples->dataset())
        return false;
    ensureCache();
    const SampleColumns& s = m_samples->dataset()->samples;
    const auto row = static_cast<size_t>(sourceRow);
    if (row >= s.size())
        return false;
    const uint32_t v = s.variant[row];
    const uint32_t f = s.file[row];
    const uint32_t m = s.metric[row];
    if (m_filter.variant && v != m_filter.variant->value)
        return false;
    if (m_filter.file && f != m_filter.file->value)
        return false;
    if (!m_variantOk[v] || !m_metricOk[m])
        return false;
    return m_variantText[v] || m_fileText[f] || m_metricText[m];
}

VariantFilterProxy::VariantFilterProxy(QObject* parent)
    : RefilteringProxy(parent)
{
    setSortRole(VariantsModel::SortRole);
    // A new Dataset may reuse the old Analysis's address: the cache is keyed on the reset, not only the pointer.
    connect(this, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_cacheValid = false; });
}

void VariantFilterProxy::setSampleFilter(const SampleFilterProxy* filter)
{
    if (m_filter)
        disconnect(m_filter, nullptr, this, nullptr);
    m_filter = filter;
    if (m_filter) {
        connect(m_filter, &SampleFilterProxy::filtersChanged, this, &VariantFilterProxy::onFiltersChanged);
        m_applied = m_filter->filter();
    }
    m_cacheValid = false;
    refilter();
}

void VariantFilterProxy::setOnlyWithSamples(bool on)
{
    if (on == m_onlyWithSamples)
        return;
    m_onlyWithSamples = on;
    refilter();
}

// A new text, metric, model or configuration filter refilters; a new selection leaves the rows as they are. And a
// filter change is never invalidate(): that emits layoutChanged, on which every QItemSelectionModel turns its
// selection ranges into one QPersistentModelIndex per selected cell, and destroying them is quadratic in Qt 6.4 (its
// QHash of persistent indexes clusters on QModelIndex's hash): Ctrl+A in the Variants tree, then Clear selection,
// froze the window (issue 16). invalidateFilter() removes and inserts rows, which a selection model follows range by
// range.
void VariantFilterProxy::onFiltersChanged()
{
    const SampleFilter& f = m_filter->filter();
    if (f.model == m_applied.model && f.config == m_applied.config && f.text == m_applied.text
        && f.metric == m_applied.metric)
        return;
    if (refiltering()) {
        QMetaObject::invokeMethod(this, &VariantFilterProxy::onFiltersChanged, Qt::QueuedConnection);
        return;
    }
    m_applied = f;
    m_cacheValid = false;
    refilter();
}

void VariantFilterProxy::ensureCache() const
{
    const auto* variants = qobject_cast<const VariantsModel*>(sourceModel());
    const Analysis* an = variants ? variants->analysis().get() : nullptr;
    if (m_cacheValid && m_cachedFor == an)
        return;
    m_cachedFor = an;
    m_cacheValid = true;
    m_statOk.clear();
    if (!an)
        return;
    const Dataset& ds = *variants->dataset();
    const QString& text = m_applied.text;
    const auto matches = [&](const std::string& s) {
        return text.isEmpty() || QString::fromStdString(s).contains(text, Qt::CaseInsensitive);
    };
    std::vector<char> variantText(ds.variants.size()), metricText(ds.metrics.size()), metricOk(ds.metrics.size());
    for (size_t v = 0; v < ds.variants.size(); ++v)
        variantText[v] = matches(ds.variants[v].id);
    for (size_t m = 0; m < ds.metrics.size(); ++m) {
        metricText[m] = matches(ds.metrics[m].id);
        metricOk[m] = m_applied.metric.isEmpty() || QString::fromStdString(ds.metrics[m].id) == m_applied.metric;
    }
    std::vector<char> fileText;
    if (!text.isEmpty()) {
        fileText.resize(ds.files.size());
        for (size_t f = 0; f < ds.files.size(); ++f)
            fileText[f] = matches(ds.files[f].path);
    }
    m_statOk.resize(an->stats.size());
    for (size_t i = 0; i < an->stats.size(); ++i) {
        const MetricStats& ms = an->stats[i];
        bool ok = metricOk[ms.metric] && (variantText[ms.variant] || metricText[ms.metric]);
        if (metricOk[ms.metric] && !ok) {
            ok = std::any_of(ms.samples.begin(), ms.samples.end(),
                [&](uint32_t sample) { return fileText[ds.samples.file[sample]] != 0; });
        }
        m_statOk[i] = ok;
    }
}

bool VariantFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto* variants = qobject_cast<const VariantsModel*>(sourceModel());
    const bool filtered = m_filter && variants && variants->dataset() && variants->analysis();
    if (filtered)
        ensureCache();
    const auto statOk = [&](const QModelIndex& idx) {
        const int stat = idx.data(VariantsModel::StatsRole).toInt();
        return stat >= 0 && static_cast<size_t>(stat) < m_statOk.size() && m_statOk[static_cast<size_t>(stat)];
    };
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (sourceParent.isValid())
        return !filtered || statOk(idx);
    const int metrics = sourceModel()->rowCount(idx);
    if (m_onlyWithSamples && metrics == 0)
        return false;
    if (!filtered)
        return true;
    if (!m_applied.acceptsVariant(*variants->dataset(), idx.data(VariantsModel::VariantRole).toInt()))
        return false;
    if (metrics == 0) // known from reported values only: no sample passes a text or metric filter
        return m_applied.text.isEmpty() && m_applied.metric.isEmpty();
    for (int r = 0; r < metrics; ++r) {
        if (statOk(sourceModel()->index(r, 0, idx)))
            return true;
    }
    return false;
}

} // namespace benchlens
