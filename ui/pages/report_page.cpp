#include "report_page.h"

#include "data/dataset.h"
#include "jobs/ingest_job.h"
#include "pages/compare_page.h"
#include "report/output_file.h"
#include "report/pdf_writer.h"
#include "report/report_builder.h"
#include "report/report_document.h"
#include "report/report_export.h"
#include "selection_hub.h"
#include "stats/analysis.h"
#include "stats/comparison.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSvgRenderer>
#include <QTextBrowser>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

namespace benchlens {

namespace {

const auto kExportFolderKey = QStringLiteral("report/exportFolder");

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// QTextBrowser draws no SVG: each inline figure of the HTML report becomes an image resource of the document,
// rendered at twice its size for sharp text on high-DPI screens.
QString previewHtml(const std::string& html, QTextDocument* document)
{
    std::string out;
    out.reserve(html.size());
    size_t pos = 0;
    int figure = 0;
    while (true) {
        const size_t start = html.find("<svg", pos);
        const size_t end = start == std::string::npos ? std::string::npos : html.find("</svg>", start);
        if (end == std::string::npos) {
            out.append(html, pos, std::string::npos);
            break;
        }
        out.append(html, pos, start - pos);
        const size_t stop = end + 6;
        QSvgRenderer renderer(QByteArray(html.data() + start, static_cast<qsizetype>(stop - start)));
        const QSize size = renderer.defaultSize().isValid() ? renderer.defaultSize() : QSize(640, 360);
        QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            renderer.render(&painter);
        }
        image.setDevicePixelRatio(2);
        const QString name = QStringLiteral("benchlens-figure-%1.png").arg(++figure);
        document->addResource(QTextDocument::ImageResource, QUrl(name), image);
        // The report's line-height (145%) would also stretch the image's line: 100% keeps it tight.
        out.append("<p style=\"line-height: 100%;\"><img src=\"")
            .append(name.toStdString())
            .append("\" width=\"")
            .append(std::to_string(size.width()))
            .append("\" height=\"")
            .append(std::to_string(size.height()))
            .append("\"></p>");
        pos = stop;
    }
    // Nor does it know <figure>: the image and its caption would share one line. Paragraphs keep them apart.
    QString preview = q(out);
    preview.replace(QStringLiteral("<figure "), QStringLiteral("<div "))
        .replace(QStringLiteral("</figure>"), QStringLiteral("</div>"))
        .replace(QStringLiteral("<figcaption>"), QStringLiteral("<p style=\"font-size: 9pt; color: #4a5568;\">"))
        .replace(QStringLiteral("</figcaption>"), QStringLiteral("</p>"));
    return preview;
}

// Renders and writes one report; runs on the thread pool. Returns an error message, empty on success.
QString exportMessage(const ReportDocument& doc, const std::string& path, ui::ReportFormat format,
    const std::string& root, const ui::PdfOptions& pdfOptions)
{
    const Status written = ui::writeReport(doc, path, format, root, pdfOptions);
    return written ? QString() : q(written.error());
}

} // namespace

struct ReportPage::Private
{
    SelectionHub* hub = nullptr;
    ComparePage* compare = nullptr;
    QLineEdit* title = nullptr;
    QCheckBox* timings = nullptr;
    QPushButton* exportButton = nullptr;
    QLabel* note = nullptr;
    QTextBrowser* browser = nullptr;
    QTimer timer;
    bool dirty = true; // a rebuild is due when the page is next shown
    bool exporting = false;
    std::shared_ptr<const ReportDocument> doc;
    std::function<bool(const QString&)> confirm;
    std::function<void(const QString&)> showError;
};

ReportPage::ReportPage(SelectionHub* hub, ComparePage* compare, QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->hub = hub;
    d->compare = compare;
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    d->title = new QLineEdit;
    d->title->setPlaceholderText(tr("BenchLens Technical Report: <folder name>"));
    d->title->setClearButtonEnabled(true);
    d->timings = new QCheckBox(tr("Measured &times"));
    d->timings->setChecked(true);
    d->timings->setToolTip(tr("List ingest, analysis and report times in the Workflow Summary (off: the same input "
                              "gives the same report)"));
    d->exportButton = new QPushButton(tr("&Export…"));
    d->exportButton->setToolTip(tr("Export the report to Markdown, HTML or PDF (Ctrl+E)"));
    bar->addWidget(new QLabel(tr("Title:")));
    bar->addWidget(d->title, 1);
    bar->addWidget(d->timings);
    bar->addWidget(d->exportButton);
    layout->addLayout(bar);
    d->note = new QLabel;
    d->note->setWordWrap(true);
    d->note->hide();
    layout->addWidget(d->note);
    d->browser = new QTextBrowser;
    d->browser->setOpenLinks(false); // the anchors are in-page; external links are not followed from the preview
    connect(d->browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.hasFragment() && url.path().isEmpty())
            d->browser->scrollToAnchor(url.fragment());
    });
    layout->addWidget(d->browser, 1);

    d->confirm = [this](const QString& path) {
        return QMessageBox::question(this, tr("Replace File?"),
                   tr("%1 exists and is not a BenchLens report.\nReplace it with the report?")
                       .arg(QDir::toNativeSeparators(path)),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes;
    };
    d->showError = [this](const QString& message) { QMessageBox::warning(this, tr("Export Report"), message); };

    d->timer.setSingleShot(true);
    d->timer.setInterval(250); // debounce: typing a title or toggling exclusions rebuilds once
    connect(&d->timer, &QTimer::timeout, this, &ReportPage::rebuildNow);
    connect(hub, &SelectionHub::folderChanged, this, &ReportPage::scheduleRebuild);
    connect(compare, &ComparePage::comparisonChanged, this, &ReportPage::scheduleRebuild);
    connect(d->title, &QLineEdit::textChanged, this, &ReportPage::scheduleRebuild);
    connect(d->timings, &QCheckBox::toggled, this, &ReportPage::scheduleRebuild);
    connect(d->exportButton, &QPushButton::clicked, this, &ReportPage::chooseExportFile);
    rebuildNow();
}

ReportPage::~ReportPage() = default;

QTextBrowser* ReportPage::browser() const
{
    return d->browser;
}

std::shared_ptr<const ReportDocument> ReportPage::document() const
{
    return d->doc;
}

QString ReportPage::title() const
{
    return d->title->text();
}

void ReportPage::setTitle(const QString& title)
{
    d->title->setText(title);
}

bool ReportPage::isExporting() const
{
    return d->exporting;
}

void ReportPage::setConfirmOverwrite(std::function<bool(const QString&)> confirm)
{
    d->confirm = std::move(confirm);
}

void ReportPage::setErrorHandler(std::function<void(const QString&)> show)
{
    d->showError = std::move(show);
}

void ReportPage::scheduleRebuild()
{
    // A hidden page rebuilds when it is shown (showEvent) or exported, not on every change elsewhere.
    d->dirty = true;
    if (isVisible())
        d->timer.start();
}

void ReportPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (d->dirty)
        d->timer.start(0);
}

void ReportPage::rebuildNow()
{
    d->timer.stop();
    d->dirty = false;
    const LoadedFolder& folder = d->hub->folder();
    if (!folder.dataset || !folder.analysis) {
        d->doc.reset();
        d->exportButton->setEnabled(false);
        d->browser->setHtml(tr("<p>Open a folder of benchmark results (File > Open Folder) to see its report.</p>"));
        emit rebuilt();
        return;
    }
    using Clock = std::chrono::steady_clock;
    const auto msSince
        = [](Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); };
    const Dataset& ds = *folder.dataset;
    ReportOptions options;
    options.title = d->title->text().trimmed().toStdString();
    options.timings = d->timings->isChecked();
    options.exclusions.coldStarts = d->compare->excludeColdStarts();
    options.exclusions.shortReplies = d->compare->excludeShortReplies();
    // The Compare view's selection becomes the Comparison section, once it compares (an invalid selector is shown
    // on the Compare view, not turned into a report sentence).
    if (d->compare->comparison() && !d->compare->baseline().isEmpty()) {
        options.baseline = d->compare->baseline().toStdString();
        for (const QString& c : d->compare->candidates())
            options.candidates.push_back(c.toStdString());
        if (!d->compare->metricFilter().isEmpty())
            options.compareMetrics.push_back(d->compare->metricFilter().toStdString());
        options.compareOptions.practicalThreshold = d->compare->thresholdPercent() / 100;
    }
    WorkflowTimes times;
    times.ingestMs = folder.elapsedMs;
    std::shared_ptr<const Analysis> analysis = folder.analysis;
    if (options.exclusions.coldStarts || options.exclusions.shortReplies) {
        const auto start = Clock::now();
        analysis = std::make_shared<const Analysis>(
            analyze(ds, excludedSamples(ds, flagObservations(ds, options.exclusions))));
        times.analysisMs = msSince(start);
    }
    const auto start = Clock::now();
    ReportDocument doc = buildReport(ds, *analysis, options, times);
    if (options.timings) {
        // As the CLI: the measured time of building the document goes into the document.
        times.reportMs = msSince(start);
        doc = buildReport(ds, *analysis, options, times);
    }
    d->doc = std::make_shared<const ReportDocument>(std::move(doc));
    d->exportButton->setEnabled(true);

    QScrollBar* scroll = d->browser->verticalScrollBar();
    const int position = scroll->value();
    d->browser->setHtml(previewHtml(renderHtml(*d->doc), d->browser->document()));
    scroll->setValue(position);
    emit rebuilt();
}

void ReportPage::chooseExportFile()
{
    if (d->dirty || d->timer.isActive())
        rebuildNow();
    if (!d->doc) {
        fail(tr("Open a folder first: the report describes the open folder."));
        return;
    }
    QSettings settings;
    QString dir = settings.value(kExportFolderKey).toString();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    const QString base = QFileInfo(d->hub->folder().root).fileName() + QStringLiteral("-report");
    const QString markdown = tr("Markdown (*.md)");
    const QString html = tr("HTML (*.html)");
    const QString pdf = tr("PDF (*.pdf)");
    QString filter = markdown;
    // Overwriting is confirmed by exportTo (only for files that are not BenchLens reports).
    QString path
        = QFileDialog::getSaveFileName(this, tr("Export Report"), QDir(dir).filePath(base + QStringLiteral(".md")),
            markdown + QStringLiteral(";;") + html + QStringLiteral(";;") + pdf, &filter,
            QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == pdf ? QStringLiteral(".pdf")
            : filter == html  ? QStringLiteral(".html")
                              : QStringLiteral(".md");
    settings.setValue(kExportFolderKey, QFileInfo(path).absolutePath());
    exportTo(path);
}

bool ReportPage::exportTo(const QString& path)
{
    if (d->exporting) {
        fail(tr("An export is already running."));
        return false;
    }
    d->note->hide(); // the outcome of an earlier export
    if (d->dirty || d->timer.isActive())
        rebuildNow();
    if (!d->doc) {
        fail(tr("Open a folder first: the report describes the open folder."));
        return false;
    }
    const QFileInfo info(path);
    const QString target = info.absoluteFilePath();
    const QString suffix = info.suffix().toLower();
    ui::ReportFormat format = ui::ReportFormat::Markdown;
    if (suffix == QStringLiteral("pdf")) {
        format = ui::ReportFormat::Pdf;
    } else if (suffix == QStringLiteral("html") || suffix == QStringLiteral("htm")) {
        format = ui::ReportFormat::Html;
    } else if (suffix != QStringLiteral("md")) {
        fail(tr("%1: the report is written as Markdown (.md), HTML (.html) or PDF (.pdf); choose one of these "
                "extensions.")
                 .arg(QDir::toNativeSeparators(target)));
        return false;
    }
    const std::string root = d->hub->dataset()->root;
    if (isInside(target.toStdString(), root)) {
        fail(tr("%1 is inside the analysed folder %2.\nBenchLens never writes into the folder it reads: choose "
                "another folder.")
                 .arg(QDir::toNativeSeparators(target), QDir::toNativeSeparators(q(root))));
        return false;
    }
    if (info.isDir()) {
        fail(tr("%1 is a folder: choose a file name.").arg(QDir::toNativeSeparators(target)));
        return false;
    }
    if (info.exists() && !isBenchLensReport(target.toStdString()) && !d->confirm(target)) {
        d->note->setText(tr("Not exported: %1 was kept.").arg(QDir::toNativeSeparators(target)));
        d->note->show();
        return false;
    }

    ui::PdfOptions pdfOptions;
    if (QLocale().measurementSystem() == QLocale::ImperialUSSystem)
        pdfOptions.pageSize = ui::PdfPageSize::Letter;
    d->exporting = true;
    d->exportButton->setEnabled(false);
    auto* progress = new QProgressDialog(
        tr("Writing %1…").arg(QDir::toNativeSeparators(target)), QString(), 0, 0, this); // busy: no steps to count
    progress->setWindowTitle(tr("Export Report"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setValue(0);

    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, progress, target] {
        const QString error = watcher->result();
        watcher->deleteLater();
        progress->close();
        progress->deleteLater();
        d->exporting = false;
        d->exportButton->setEnabled(d->doc != nullptr);
        if (!error.isEmpty()) {
            fail(tr("The report could not be written.\n%1").arg(error));
            emit exportFailed(error);
            return;
        }
        d->note->setText(tr("Report written to %1").arg(QDir::toNativeSeparators(target)));
        d->note->show();
        emit exported(target);
    });
    // The document is immutable and shared: the worker renders and writes it while the preview may be rebuilt.
    watcher->setFuture(QtConcurrent::run([doc = d->doc, file = target.toStdString(), format, root, pdfOptions] {
        return exportMessage(*doc, file, format, root, pdfOptions);
    }));
    return true;
}

void ReportPage::fail(const QString& message)
{
    d->note->setText(message);
    d->note->show();
    if (d->showError)
        d->showError(message);
}

} // namespace benchlens
