#pragma once

#include <QWidget>

#include <functional>
#include <memory>

class QTextBrowser;

namespace benchlens {

class ComparePage;
class SelectionHub;
struct ReportDocument;

// The Report view: the technical report of the open folder (report/report_builder.h, the document `benchlens report`
// writes), previewed as rendered HTML with its figures, and exported to Markdown, HTML or PDF. It follows the folder
// and the Compare view (baseline, candidates, exclusions: the Comparison section), rebuilt after a short debounce.
class ReportPage : public QWidget
{
    Q_OBJECT
public:
    explicit ReportPage(SelectionHub* hub, ComparePage* compare, QWidget* parent = nullptr);
    ~ReportPage() override;

    QTextBrowser* browser() const;
    std::shared_ptr<const ReportDocument> document() const; // null until a folder is loaded
    QString title() const; // empty: the default title
    void setTitle(const QString& title);
    bool isExporting() const;

    // Asked before replacing an existing file that is not a BenchLens report; the default is a QMessageBox.
    void setConfirmOverwrite(std::function<bool(const QString& path)> confirm);
    // Shows an export error; the default is a QMessageBox.
    void setErrorHandler(std::function<void(const QString& message)> show);

public slots:
    void rebuildNow();
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
    void fail(const QString& message);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
