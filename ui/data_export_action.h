#pragma once

#include "models/itemmodels/sample_filter.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QWidget;

namespace benchlens {

class SelectionHub;

// File > Export Data…: the folder's normalized tables (models/export, what `benchlens export` writes) as CSV with
// sibling files, JSON Lines or SQLite, for the whole folder or for the filtered view (the selector the filter bar
// and the selection make, as the Report view's scope and `--filter` take it). Written on the thread pool,
// atomically, never inside the analysed folder.
class DataExportAction : public QObject
{
    Q_OBJECT
public:
    using Scope = ReportScope; // the hub's (ui/selection_hub.h); the dialog offers it first

    DataExportAction(SelectionHub* hub, QWidget* window);
    ~DataExportAction() override;

    // Shows an export error; the default is a QMessageBox.
    void setErrorHandler(std::function<void(const QString& message)> show);
    bool isExporting() const;

public slots:
    // Asks for the scope (when a filter is set) and the file, then exportTo.
    void choose();
    // Exports to `path` (format by extension: .csv, .jsonl, .sqlite) off the GUI thread. Returns false when nothing
    // was started (no folder, an unknown extension, a scope that selects nothing, an export in flight; the reason
    // is shown); otherwise exported() or exportFailed() follows.
    bool exportTo(const QString& path, Scope scope);

signals:
    void exported(const QStringList& files);
    void exportFailed(const QString& message);

private:
    void fail(const QString& message);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
