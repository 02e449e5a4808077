#include "ui/selection_hub.h"

#include "models/data/dataset.h"

#include <QDir>

namespace benchlens {

namespace {

// The hub's signals and slots speak Qt's int with -1 for none; the filter holds typed indices. The two meet here.
template <typename IndexType> int toInt(std::optional<IndexType> index)
{
    return index ? int(index->value) : -1;
}

template <typename IndexType> std::optional<IndexType> fromInt(int index)
{
    if (index < 0)
        return std::nullopt;
    return IndexType(size_t(index));
}

} // namespace

SelectionHub::SelectionHub(QObject* parent)
    : QObject(parent)
{ }

SelectionHub::~SelectionHub() = default;

void SelectionHub::setFolder(const LoadedFolder& folder)
{
    // Carry the selection over by name: a reload renumbers variants and files.
    const QString variant = variantId(this->variant());
    const QString file = filePath(this->file());
    m_folder = folder;
    m_filter.variant.reset();
    m_filter.file.reset();
    m_sample = -1;
    if (const Dataset* ds = dataset()) {
        if (!variant.isEmpty())
            m_filter.variant = ds->findVariant(variant.toStdString());
        if (!file.isEmpty())
            m_filter.file = ds->findFile(file.toStdString());
    }
    emit folderChanged();
    emit variantChanged(this->variant());
    emit fileChanged(this->file());
    emit sampleChanged(m_sample);
    emit filterChanged(); // the same filter on a new folder
}

int SelectionHub::variant() const
{
    return toInt(m_filter.variant);
}

int SelectionHub::file() const
{
    return toInt(m_filter.file);
}

QString SelectionHub::variantId(int variant) const
{
    const Dataset* ds = dataset();
    if (!ds || variant < 0 || static_cast<size_t>(variant) >= ds->variants.size())
        return {};
    return QString::fromStdString(ds->variants[static_cast<size_t>(variant)].id);
}

QString SelectionHub::filePath(int file) const
{
    const Dataset* ds = dataset();
    if (!ds || file < 0 || static_cast<size_t>(file) >= ds->files.size())
        return {};
    return QString::fromStdString(ds->files[static_cast<size_t>(file)].path);
}

QString SelectionHub::absoluteFilePath(int file) const
{
    const QString rel = filePath(file);
    return rel.isEmpty() ? QString() : QDir(m_folder.root).filePath(rel);
}

QString SelectionHub::runId(int file) const
{
    const Dataset* ds = dataset();
    if (!ds || file < 0 || static_cast<size_t>(file) >= ds->files.size())
        return {};
    const RunIndex run = ds->files[static_cast<size_t>(file)].run;
    return run.value < ds->runs.size() ? QString::fromStdString(ds->run(run).id) : QString();
}

void SelectionHub::requestMapRule(const QString& column, const QString& ruleJson)
{
    if (!column.isEmpty())
        emit mapRuleRequested(column, ruleJson);
}

void SelectionHub::requestCompareBaseline(const QString& selector)
{
    if (!selector.isEmpty())
        emit compareBaselineRequested(selector);
}

void SelectionHub::requestCompareCandidate(const QString& selector)
{
    if (!selector.isEmpty())
        emit compareCandidateRequested(selector);
}

std::string SelectionHub::reportSelector() const
{
    return m_scope == ReportScope::FilteredView ? scopeSelector() : std::string();
}

void SelectionHub::setScope(ReportScope scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    emit scopeChanged();
}

void SelectionHub::setCompareRequest(const CompareRequest& request)
{
    if (request == m_compare)
        return;
    m_compare = request;
    emit compareRequestChanged();
}

void SelectionHub::selectVariant(int variant)
{
    if (fromInt<VariantIndex>(variant) == m_filter.variant)
        return;
    m_filter.variant = fromInt<VariantIndex>(variant);
    emit variantChanged(variant);
    emit filterChanged();
}

void SelectionHub::selectFile(int file)
{
    if (fromInt<FileIndex>(file) == m_filter.file)
        return;
    m_filter.file = fromInt<FileIndex>(file);
    emit fileChanged(file);
    emit filterChanged();
}

std::string SelectionHub::scopeSelector() const
{
    return m_filter.scopeSelector(dataset());
}

void SelectionHub::setFilter(const SampleFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    emit filterChanged();
}

void SelectionHub::setFilterText(const QString& text)
{
    SampleFilter f = m_filter;
    f.text = text;
    setFilter(f);
}

void SelectionHub::setModelFilter(const QString& model)
{
    SampleFilter f = m_filter;
    f.model = model;
    setFilter(f);
}

void SelectionHub::setMetricFilter(const QString& metricId)
{
    SampleFilter f = m_filter;
    f.metric = metricId;
    setFilter(f);
}

void SelectionHub::setConfigFilter(const QString& key, const QString& value)
{
    SampleFilter f = m_filter;
    if (f.setConfig(key, value))
        setFilter(f);
}

void SelectionHub::clearConfigFilters()
{
    SampleFilter f = m_filter;
    f.config.clear();
    setFilter(f);
}

void SelectionHub::selectSample(int sample)
{
    const Dataset* ds = dataset();
    if (sample >= 0 && ds && static_cast<size_t>(sample) < ds->samples.size())
        selectVariant(static_cast<int>(ds->samples.variant[static_cast<size_t>(sample)]));
    if (sample == m_sample)
        return;
    m_sample = sample;
    emit sampleChanged(sample);
}

void SelectionHub::clearSelection()
{
    selectSample(-1);
    selectVariant(-1);
    selectFile(-1);
}

} // namespace benchlens
