#pragma once

#include "models/itemmodels/sample_filter.h"

#include <QWidget>

#include <functional>
#include <memory>

class QTextBrowser;

namespace benchlens {

class NarrativePanel;
class SelectionHub;
struct ReportDocument;

// The Report view: the technical report (report/report_builder.h, the document `benchlens report` writes) of the
// filtered view or of the whole folder, previewed as rendered HTML with its figures, and exported to Markdown, HTML
// or PDF. It follows the folder, the filters and selection (its scope: the same selector `--filter` takes) and the
// hub's compare request (the Comparison section). The document is built on the thread pool after a short debounce.
class ReportPage : public QWidget
{
    Q_OBJECT
public:
    using Scope = ReportScope; // the hub's: the Scope box writes it and follows it

    explicit ReportPage(SelectionHub* hub, QWidget* parent = nullptr);
    ~ReportPage() override;

    QTextBrowser* browser() const;
    NarrativePanel* narrative() const; // the Narrative panel beside the preview
    std::shared_ptr<const ReportDocument> document() const; // null until a folder is loaded
    QString title() const; // empty: the default title
    void setTitle(const QString& title);
    Scope scope() const;
    void setScope(Scope scope);
    // The selector the report is restricted to ("" for the whole folder): what `benchlens report --filter` takes.
    QString scopeSelector() const;
    bool isExporting() const;
    bool isBuilding() const;

    // Asked before replacing an existing file that is not a BenchLens report; the default is a QMessageBox.
    void setConfirmOverwrite(std::function<bool(const QString& path)> confirm);
    // Shows an export error; the default is a QMessageBox.
    void setErrorHandler(std::function<void(const QString& message)> show);

public slots:
    // Builds the report now, on the calling thread (the screenshot mode and tests); a build in flight is dropped.
    void rebuildNow();
    // Rebuilds after the debounce, on the thread pool, when the page is visible (else when it is next shown).
    void scheduleRebuild();
    // File > Export Report…: a file dialog (remembering the last folder), then exportTo.
    void chooseExportFile();
    // Writes the current report to `path` (.md with its <name>_files/ figures, .html or .pdf, by extension) off the
    // GUI thread, atomically, never inside the analysed folder; an existing file that is not a BenchLens report is
    // replaced only after confirmation. Returns false when refused or nothing was started (the reason is shown);
    // otherwise exported() or exportFailed() follows.
    bool exportTo(const QString& path);

signals:
    void rebuilt();
    void exported(const QString& path);
    void exportFailed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void startRebuild();
    void fail(const QString& message);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
