#include "models/itemmodels/sample_filter_proxy.h"

#include "models/data/dataset.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/variants_model.h"

namespace benchlens {

SampleFilterProxy::SampleFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
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
    m_filter = filter;
    m_cacheValid = false;
    invalidateFilter();
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
    : QSortFilterProxyModel(parent)
{
    setSortRole(VariantsModel::SortRole);
}

void VariantFilterProxy::setSampleFilter(const SampleFilterProxy* filter)
{
    if (m_filter)
        disconnect(m_filter, nullptr, this, nullptr);
    m_filter = filter;
    if (m_filter)
        connect(m_filter, &SampleFilterProxy::filtersChanged, this, &VariantFilterProxy::invalidate);
    invalidate();
}

void VariantFilterProxy::setOnlyWithSamples(bool on)
{
    if (on == m_onlyWithSamples)
        return;
    m_onlyWithSamples = on;
    invalidate();
}

bool VariantFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid())
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_onlyWithSamples && sourceModel()->rowCount(idx) == 0)
        return false;
    const auto* variants = qobject_cast<const VariantsModel*>(sourceModel());
    if (!m_filter || !variants || !variants->dataset())
        return true;
    return m_filter->filter().acceptsVariant(*variants->dataset(), idx.data(VariantsModel::VariantRole).toInt());
}

} // namespace benchlens
