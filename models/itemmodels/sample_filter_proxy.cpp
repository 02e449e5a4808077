#include "models/itemmodels/sample_filter_proxy.h"

#include "models/data/dataset.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/variants_model.h"
#include "models/stats/selector.h"

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

void SampleFilterProxy::changed()
{
    m_cacheValid = false;
    invalidateFilter();
    emit filtersChanged();
}

void SampleFilterProxy::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    changed();
}

void SampleFilterProxy::setModelFilter(const QString& model)
{
    if (model == m_model)
        return;
    m_model = model;
    changed();
}

void SampleFilterProxy::setMetricFilter(const QString& metricId)
{
    if (metricId == m_metric)
        return;
    m_metric = metricId;
    changed();
}

void SampleFilterProxy::setConfigFilter(const QString& key, const QString& value)
{
    const auto it = m_configFilters.find(key);
    if (value.isEmpty()) {
        if (it == m_configFilters.end())
            return;
        m_configFilters.erase(it);
    } else {
        if (it != m_configFilters.end() && it->second == value)
            return;
        m_configFilters[key] = value;
    }
    changed();
}

void SampleFilterProxy::clearConfigFilters()
{
    if (m_configFilters.empty())
        return;
    m_configFilters.clear();
    changed();
}

void SampleFilterProxy::setVariantFilter(int variant)
{
    if (variant == m_variant)
        return;
    m_variant = variant;
    changed();
}

void SampleFilterProxy::setFileFilter(int file)
{
    if (file == m_file)
        return;
    m_file = file;
    changed();
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
    const bool hasText = !m_text.isEmpty();
    const auto matches = [&](const QString& s) { return !hasText || s.contains(m_text, Qt::CaseInsensitive); };
    // Configuration filters refer to keys by name; resolve them to SamplesModel key columns once.
    std::vector<std::pair<int, QString>> config;
    bool unknownKey = false;
    for (const auto& [key, value] : m_configFilters) {
        const auto k = m_samples->configKeys().indexOf(key);
        if (k < 0)
            unknownKey = true;
        else
            config.emplace_back(static_cast<int>(k), value);
    }
    m_variantOk.resize(ds->variants.size());
    m_variantText.resize(ds->variants.size());
    for (size_t v = 0; v < ds->variants.size(); ++v) {
        const int vi = static_cast<int>(v);
        bool ok = !unknownKey && (m_model.isEmpty() || m_samples->modelName(vi) == m_model);
        for (const auto& [k, value] : config)
            ok = ok && m_samples->configValue(vi, k) == value;
        m_variantOk[v] = ok;
        m_variantText[v] = matches(m_samples->variantId(vi));
    }
    m_fileText.resize(ds->files.size());
    for (size_t f = 0; f < ds->files.size(); ++f)
        m_fileText[f] = matches(m_samples->filePath(static_cast<int>(f)));
    m_metricOk.resize(ds->metrics.size());
    m_metricText.resize(ds->metrics.size());
    for (size_t m = 0; m < ds->metrics.size(); ++m) {
        const QString& id = m_samples->metricId(static_cast<int>(m));
        m_metricOk[m] = m_metric.isEmpty() || id == m_metric;
        m_metricText[m] = matches(id);
    }
}

bool SampleFilterProxy::acceptsVariant(int variant) const
{
    ensureCache();
    return variant >= 0 && static_cast<size_t>(variant) < m_variantOk.size()
        && m_variantOk[static_cast<size_t>(variant)];
}

std::string SampleFilterProxy::scopeSelector() const
{
    std::string selector;
    const auto add = [&](std::string_view key, const QString& value) {
        selector.append(selector.empty() ? "" : ",").append(selectorTerm(key, value.toStdString()));
    };
    if (!m_model.isEmpty())
        add("model", m_model);
    for (const auto& [key, value] : m_configFilters)
        add(key.toStdString(), value);
    if (!m_metric.isEmpty())
        add("metric", m_metric);
    const Dataset* ds = m_samples ? m_samples->dataset().get() : nullptr;
    if (ds && m_variant >= 0 && static_cast<size_t>(m_variant) < ds->variants.size())
        add("variant", QString::fromStdString(ds->variants[static_cast<size_t>(m_variant)].id));
    if (ds && m_file >= 0 && static_cast<size_t>(m_file) < ds->files.size())
        add("file", QString::fromStdString(ds->files[static_cast<size_t>(m_file)].path));
    return selector;
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
    if (m_variant >= 0 && v != static_cast<uint32_t>(m_variant))
        return false;
    if (m_file >= 0 && f != static_cast<uint32_t>(m_file))
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
    if (!m_filter)
        return true;
    return m_filter->acceptsVariant(idx.data(VariantsModel::VariantRole).toInt());
}

} // namespace benchlens
