#include "ui/data_export_action.h"

#include "models/data/dataset.h"
#include "models/export/data_export.h"
#include "models/jobs/job_tracker.h"
#include "models/stats/scope.h"
#include "ui/selection_hub.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QWidget>

namespace benchlens {

namespace {
constexpr auto kLastDirKey = "export/lastDataDir";

// What the worker hands back: the files written, or why nothing was.
struct Outcome
{
    QStringList files;
    QString error;
};

Outcome run(std::shared_ptr<const Dataset> folder, std::string selector, std::string path, ExportFormat format)
{
    std::shared_ptr<const Dataset> part = folder;
    if (!selector.empty()) {
        auto restricted = restrictDataset(*folder, {selector});
        if (!restricted)
            return {{}, QString::fromStdString(restricted.error())};
        part = std::make_shared<const Dataset>(std::move(restricted).value());
    }
    const auto written = exportDataset(*part, path, format, std::nullopt, folder->root);
    if (!written)
        return {{}, QString::fromStdString(written.error())};
    Outcome out;
    for (const std::string& f : written.value())
        out.files << QString::fromStdString(f);
    return out;
}
} // namespace

struct DataExportAction::Private
{
    SelectionHub* hub = nullptr;
    QWidget* window = nullptr;
    JobTracker jobs; // one export at a time
    std::function<void(const QString&)> showError;
};

DataExportAction::DataExportAction(SelectionHub* hub, QWidget* window)
    : QObject(window)
    , d(std::make_unique<Private>())
{
    d->hub = hub;
    d->window = window;
    d->showError = [window](const QString& message) { QMessageBox::warning(window, tr("Export Data"), message); };
}

DataExportAction::~DataExportAction() = default; // the tracker waits for the export in flight

void DataExportAction::setErrorHandler(std::function<void(const QString& message)> show)
{
    d->showError = std::move(show);
}

bool DataExportAction::isExporting() const
{
    return d->jobs.isRunning();
}

void DataExportAction::fail(const QString& message)
{
    if (d->showError)
        d->showError(message);
    emit exportFailed(message);
}

void DataExportAction::choose()
{
    if (!d->hub->dataset()) {
        fail(tr("Open a folder first."));
        return;
    }
    Scope scope = Scope::WholeFolder;
    const QString selector = QString::fromStdString(d->hub->scopeSelector());
    if (!selector.isEmpty()) {
        const QStringList items {tr("Filtered view (%1)").arg(selector), tr("Whole folder")};
        bool ok = false;
        // The scope the Report view is set to comes first.
        const int current = d->hub->scope() == Scope::FilteredView ? 0 : 1;
        const QString item
            = QInputDialog::getItem(d->window, tr("Export Data"), tr("Export:"), items, current, false, &ok);
        if (!ok)
            return;
        scope = item == items[0] ? Scope::FilteredView : Scope::WholeFolder;
    }
    QSettings settings;
    const QString root = d->hub->folder().root;
    // Never inside the analysed folder: the default is the folder beside it.
    const QString dir = settings.value(QLatin1String(kLastDirKey), QFileInfo(root).absolutePath()).toString();
    const QString base
        = QFileInfo(root).fileName().isEmpty() ? QStringLiteral("benchlens") : QFileInfo(root).fileName();
    QString chosenFilter;
    const QString csv = tr("CSV, one file per table (*.csv)");
    const QString jsonl = tr("JSON Lines, one file per table (*.jsonl)");
    const QString sqlite = tr("SQLite database (*.sqlite)");
    QString path
        = QFileDialog::getSaveFileName(d->window, tr("Export Data"), QDir(dir).filePath(base + QStringLiteral(".csv")),
            csv + QStringLiteral(";;") + jsonl + QStringLiteral(";;") + sqlite, &chosenFilter);
    if (path.isEmpty())
        return;
    if (!exportFormatOf(path.toStdString())) {
        path += chosenFilter == sqlite ? QStringLiteral(".sqlite")
            : chosenFilter == jsonl    ? QStringLiteral(".jsonl")
                                       : QStringLiteral(".csv");
    }
    settings.setValue(QLatin1String(kLastDirKey), QFileInfo(path).absolutePath());
    exportTo(path, scope);
}

bool DataExportAction::exportTo(const QString& path, Scope scope)
{
    const auto dataset = d->hub->folder().dataset;
    if (!dataset) {
        fail(tr("Open a folder first."));
        return false;
    }
    if (isExporting()) {
        fail(tr("An export is still being written."));
        return false;
    }
    const auto format = exportFormatOf(path.toStdString());
    if (!format) {
        fail(tr("%1: BenchLens exports .csv, .jsonl or .sqlite files.").arg(path));
        return false;
    }
    const std::string selector = scope == Scope::FilteredView ? d->hub->scopeSelector() : std::string();
    d->jobs.startJob([dataset, selector, file = path.toStdString(), format = *format](
                         const JobTracker::CancelFlag&) { return run(dataset, selector, file, format); },
        [this](const Outcome& out) {
            if (out.error.isEmpty())
                emit exported(out.files);
            else
                fail(out.error);
        });
    return true;
}

} // namespace benchlens
