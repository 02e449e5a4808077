#include "ui/selection_hub.h"

#include "models/data/dataset.h"

#include <QDir>

namespace benchlens {

SelectionHub::SelectionHub(QObject* parent)
    : QObject(parent)
{ }

SelectionHub::~SelectionHub() = default;

void SelectionHub::setFolder(const LoadedFolder& folder)
{
    // Carry the selection over by name: a reload renumbers variants and files.
    const QString variant = variantId(m_variant);
    const QString file = filePath(m_file);
    m_folder = folder;
    m_variant = -1;
    m_file = -1;
    m_sample = -1;
    if (const Dataset* ds = dataset()) {
        if (!variant.isEmpty())
            m_variant = ds->findVariant(variant.toStdString());
        if (!file.isEmpty())
            m_file = ds->findFile(file.toStdString());
    }
    emit folderChanged();
    emit variantChanged(m_variant);
    emit fileChanged(m_file);
    emit sampleChanged(m_sample);
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
    const uint32_t run = ds->files[static_cast<size_t>(file)].run;
    return run < ds->runs.size() ? QString::fromStdString(ds->runs[run].id) : QString();
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

void SelectionHub::setCompareRequest(const CompareRequest& request)
{
    if (request == m_compare)
        return;
    m_compare = request;
    emit compareRequestChanged();
}

void SelectionHub::selectVariant(int variant)
{
    if (variant == m_variant)
        return;
    m_variant = variant;
    emit variantChanged(variant);
}

void SelectionHub::selectFile(int file)
{
    if (file == m_file)
        return;
    m_file = file;
    emit fileChanged(file);
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
