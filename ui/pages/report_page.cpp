#include "ui/pages/report_page.h"

#include "models/data/dataset.h"
#include "models/jobs/ingest_job.h"
#include "models/jobs/job_tracker.h"
#include "models/llm/narrative.h"
#include "models/report/output_file.h"
#include "models/report/report_builder.h"
#include "models/report/report_document.h"
#include "models/stats/analysis.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/scope.h"
#include "models/util/stopwatch.h"
#include "ui/narrative/narrative_panel.h"
#include "ui/report/pdf_writer.h"
#include "ui/report/report_export.h"
#include "ui/selection_hub.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPalette>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QSvgRenderer>
#include <QTextBrowser>
#include <QTextDocument>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <optional>

namespace benchlens {

namespace {

const auto kExportFolderKey = QStringLiteral("report/exportFolder");

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// The report as the preview shows it: built from the folder (or the part the scope selects) on the thread pool,
// with each inline SVG figure already drawn into an image, since QTextBrowser draws no SVG.
struct PreviewInput
{
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const Analysis> analysis; // the folder's, computed without exclusions
    std::string scope; // a selector; "" for the whole folder
    ReportOptions options;
    double ingestMs = 0;
    QFont font; // the preview's
    QThread* guiThread = nullptr; // where the preview's QTextDocument goes to be shown
};

// A dropped Preview may be freed on a worker thread: its document lives in the GUI thread, so it is deleted there.
struct DeleteLater
{
    void operator()(QObject* object) const { object->deleteLater(); }
};

struct Preview
{
    std::shared_ptr<const ReportDocument> doc; // null when the scope selects nothing
    // The rendered preview, made where it was built (parsing a large report's HTML takes seconds) and moved to the
    // GUI thread; whoever receives the Preview takes it.
    std::unique_ptr<QTextDocument, DeleteLater> text;
    QString error;
};

// The report document, as `benchlens report [--filter SCOPE]` builds it. Null with `error` set when the scope
// selects nothing.
std::shared_ptr<const ReportDocument> buildDocument(const PreviewInput& in, QString& error)
{
    if (in.scope.empty()) {
        return std::make_shared<const ReportDocument>(
            analyzeAndBuildReport(*in.dataset, in.options, WorkflowTimes {in.ingestMs, 0}, in.analysis.get()));
    }
    const Stopwatch restricting;
    auto part = restrictDataset(*in.dataset, {in.scope});
    if (!part) {
        error = q(part.error());
        return nullptr;
    }
    return std::make_shared<const ReportDocument>(
        analyzeAndBuildReport(part.value(), in.options, WorkflowTimes {in.ingestMs, restricting.elapsedMs()}));
}

// The document's HTML as a QTextDocument, each figure drawn from its SVG into an image resource at twice its size
// (sharp on high-DPI screens).
void renderPreview(Preview& preview, const PreviewInput& in)
{
    QList<QPair<QString, QImage>> images;
    const std::string html = renderHtml(*preview.doc);
    std::string out;
    out.reserve(html.size());
    size_t pos = 0;
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
        const QString name = QStringLiteral("benchlens-figure-%1.png").arg(images.size() + 1);
        images.append({name, image});
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
    QString withImages = q(out);
    withImages.replace(QStringLiteral("<figure "), QStringLiteral("<div "))
        .replace(QStringLiteral("</figure>"), QStringLiteral("</div>"))
        .replace(QStringLiteral("<figcaption>"), QStringLiteral("<p style=\"font-size: 9pt; color: #4a5568;\">"))
        .replace(QStringLiteral("</figcaption>"), QStringLiteral("</p>"));
    auto* text = new QTextDocument;
    text->setDefaultFont(in.font);
    for (const auto& [name, image] : images)
        text->addResource(QTextDocument::ImageResource, QUrl(name), image);
    text->setHtml(withImages);
    if (in.guiThread)
        text->moveToThread(in.guiThread);
    preview.text.reset(text);
}

Preview buildPreview(const PreviewInput& in)
{
    Preview preview;
    // No exception leaves the thread pool: through the future it would end the program on the GUI thread.
    try {
        preview.doc = buildDocument(in, preview.error);
        if (preview.doc)
            renderPreview(preview, in);
    } catch (const std::exception& e) {
        preview = Preview {};
        preview.error = QStringLiteral("internal error while building the report: %1").arg(QString::fromUtf8(e.what()));
    }
    return preview;
}

// Renders and writes one report, building it first when `doc` is null; runs on the thread pool. Returns an error
// message, empty on success.
// With a narrative (the Narrative panel's, when it is to be included), it is added to a copy of the document and
// its calls' metrics are written beside the report (issue 18).
QString exportMessage(std::shared_ptr<const ReportDocument> doc, const PreviewInput& input, const std::string& path,
    ui::ReportFormat format, const std::string& root, const ui::PdfOptions& pdfOptions,
    const std::optional<NarrativeResult>& narrative, bool timings)
{
    try {
        QString error;
        if (!doc)
            doc = buildDocument(input, error);
        if (!doc)
            return error;
        if (!narrative) {
            const Status written = ui::writeReport(*doc, path, format, root, pdfOptions);
            return written ? QString() : q(written.error());
        }
        const std::string metrics = narrativeMetricsJson(*narrative);
        const std::string metricsPath = metrics.empty() ? std::string() : narrativeMetricsPath(path);
        ReportDocument withNarrative = *doc;
        addNarrativeToReport(withNarrative, *narrative, timings,
            metricsPath.empty() ? std::string() : metricsPath.substr(metricsPath.rfind('/') + 1));
        const Status written = ui::writeReport(withNarrative, path, format, root, pdfOptions);
        if (!written)
            return q(written.error());
        const Status saved = metrics.empty() ? Status(Ok {}) : writeOutputFile(metricsPath, metrics, root);
        return saved ? QString() : q(saved.error());
    } catch (const std::exception& e) {
        return QStringLiteral("%1: internal error while writing the report: %2")
            .arg(q(path), QString::fromUtf8(e.what()));
    }
}

} // namespace

struct ReportPage::Private
{
    SelectionHub* hub = nullptr;
    QLineEdit* title = nullptr;
    QComboBox* scope = nullptr;
    QCheckBox* timings = nullptr;
    QPushButton* exportButton = nullptr;
    QLabel* scopeNote = nullptr;
    QLabel* building = nullptr; // "Updating…" while a build runs on the thread pool
    QLabel* note = nullptr;
    QTextBrowser* browser = nullptr;
    NarrativePanel* narrative = nullptr;
    QTimer timer;
    JobTracker builds; // the preview: a newer build drops an older one's result
    JobTracker exports; // one export at a time
    bool dirty = true; // a rebuild is due when the page is next shown
    std::shared_ptr<const ReportDocument> doc;

    PreviewInput input() const;
    void apply(ReportPage* page, Preview preview);
    std::function<bool(const QString&)> confirm;
    std::function<void(const QString&)> showError;
};

PreviewInput ReportPage::Private::input() const
{
    const LoadedFolder& folder = hub->folder();
    PreviewInput in;
    in.dataset = folder.dataset;
    in.analysis = folder.analysis;
    in.ingestMs = folder.elapsedMs;
    in.font = browser->font();
    in.guiThread = browser->thread();
    in.scope = hub->reportSelector();
    ReportOptions& options = in.options;
    options.title = title->text().trimmed().toStdString();
    options.timings = timings->isChecked();
    const CompareRequest& compare = hub->compareRequest();
    options.exclusions.coldStarts = compare.excludeColdStarts;
    options.exclusions.shortReplies = compare.excludeShortReplies;
    // The Compare view's selection becomes the Comparison section, once it compares (an invalid selector is shown
    // on the Compare view, not turned into a report sentence).
    if (compare.compares && !compare.baseline.isEmpty()) {
        options.baseline = compare.baseline.toStdString();
        for (const QString& c : compare.candidates)
            options.candidates.push_back(c.toStdString());
        if (!compare.metric.isEmpty())
            options.compareMetrics.push_back(compare.metric.toStdString());
        options.compareOptions.practicalThreshold = compare.thresholdPercent / 100;
    }
    return in;
}

void ReportPage::Private::apply(ReportPage* page, Preview preview)
{
    building->hide();
    doc = preview.doc;
    narrative->setReport(hub->folder().dataset, doc);
    exportButton->setEnabled(doc != nullptr && !exports.isRunning());
    QScrollBar* scroll = browser->verticalScrollBar();
    const int position = scroll->value();
    if (!doc) {
        browser->setHtml(tr("<p>The filtered view selects nothing to report on: %1.</p><p>Change the filters, or "
                            "report on the whole folder.</p>")
                             .arg(preview.error.toHtmlEscaped()));
    } else {
        QTextDocument* text = preview.text.release();
        text->setParent(browser); // the browser deletes the document it shows when it gets the next one
        browser->setDocument(text);
    }
    scroll->setValue(position);
    emit page->rebuilt();
}

ReportPage::ReportPage(SelectionHub* hub, QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->hub = hub;
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    d->title = new QLineEdit;
    d->title->setPlaceholderText(tr("BenchLens Technical Report: <folder name>"));
    d->title->setClearButtonEnabled(true);
    d->scope = new QComboBox;
    d->scope->addItem(tr("Filtered view"));
    d->scope->addItem(tr("Whole folder"));
    d->scope->setToolTip(tr("Report on what the filters and the selection show (model, configuration, metric, "
                            "selected variant or file), or on the whole folder"));
    d->timings = new QCheckBox(tr("Measured &times"));
    d->timings->setChecked(true);
    d->timings->setToolTip(tr("List ingest, analysis and report times in the Workflow Summary (off: the same input "
                              "gives the same report)"));
    d->exportButton = new QPushButton(tr("&Export…"));
    d->exportButton->setToolTip(tr("Export the report to Markdown, HTML or PDF (Ctrl+E)"));
    bar->addWidget(new QLabel(tr("Title:")));
    bar->addWidget(d->title, 1);
    bar->addWidget(new QLabel(tr("Scope:")));
    bar->addWidget(d->scope);
    d->building = new QLabel(tr("Updating…"));
    d->building->setToolTip(tr("The report is being built for the current folder, filters and options"));
    d->building->hide();
    bar->addWidget(d->building);
    bar->addWidget(d->timings);
    bar->addWidget(d->exportButton);
    layout->addLayout(bar);
    d->scopeNote = new QLabel;
    d->scopeNote->setWordWrap(true);
    d->scopeNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(d->scopeNote);
    d->note = new QLabel;
    d->note->setWordWrap(true);
    d->note->hide();
    layout->addWidget(d->note);
    d->browser = new QTextBrowser;
    d->browser->setOpenLinks(false); // the anchors are in-page; external links are not followed from the preview
    // The preview is the report's page: its HTML writes dark text (#1d1f21) and light-theme colours, so it is shown on
    // white paper in every palette (on a dark palette's base it was dark on dark grey, about 1.5:1, issue 16).
    QPalette paper = d->browser->palette();
    for (const auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        paper.setColor(group, QPalette::Base, Qt::white);
        paper.setColor(group, QPalette::Text, QColor(0x1d, 0x1f, 0x21));
        paper.setColor(group, QPalette::Link, QColor(0x2b, 0x6c, 0xb0));
    }
    d->browser->setPalette(paper);
    connect(d->browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.hasFragment() && url.path().isEmpty())
            d->browser->scrollToAnchor(url.fragment());
    });
    // The Narrative panel beside the preview: an extra, checked section the export may include (issue 18).
    d->narrative = new NarrativePanel;
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(d->browser);
    split->addWidget(d->narrative);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

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
    connect(&d->timer, &QTimer::timeout, this, &ReportPage::startRebuild);
    connect(hub, &SelectionHub::folderChanged, this, &ReportPage::scheduleRebuild);
    connect(hub, &SelectionHub::compareRequestChanged, this, &ReportPage::scheduleRebuild);
    connect(d->title, &QLineEdit::textChanged, this, &ReportPage::scheduleRebuild);
    connect(d->timings, &QCheckBox::toggled, this, &ReportPage::scheduleRebuild);
    // The scope is the hub's: the box writes it and shows it.
    d->scope->setCurrentIndex(static_cast<int>(hub->scope()));
    connect(
        d->scope, &QComboBox::currentIndexChanged, hub, [hub](int i) { hub->setScope(static_cast<ReportScope>(i)); });
    connect(hub, &SelectionHub::scopeChanged, this, [this] {
        d->scope->setCurrentIndex(static_cast<int>(d->hub->scope()));
        scheduleRebuild();
    });
    connect(hub, &SelectionHub::filterChanged, this, [this] {
        if (scope() == Scope::FilteredView)
            scheduleRebuild();
    });
    connect(d->exportButton, &QPushButton::clicked, this, &ReportPage::chooseExportFile);
    rebuildNow();
}

ReportPage::~ReportPage() = default; // the trackers wait for the build and the export in flight

NarrativePanel* ReportPage::narrative() const
{
    return d->narrative;
}

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

ReportPage::Scope ReportPage::scope() const
{
    return d->hub->scope();
}

void ReportPage::setScope(Scope scope)
{
    d->hub->setScope(scope);
}

QString ReportPage::scopeSelector() const
{
    return q(d->hub->reportSelector());
}

bool ReportPage::isExporting() const
{
    return d->exports.isRunning();
}

bool ReportPage::isBuilding() const
{
    return d->builds.isRunning();
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

// A word for a POSIX shell, in single quotes.
static QString shellQuoted(QString word)
{
    return QLatin1Char('\'') + word.replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
}

// What the report covers, said above it, with the command line that writes the same report.
static QString scopeNoteText(const QString& selector, const QString& root, const SelectionHub* hub)
{
    QString note = selector.isEmpty()
        ? (hub->scopeSelector().empty()
                ? ReportPage::tr("The report covers the whole folder (no model, configuration or metric filter "
                                 "and no selection are set).")
                : ReportPage::tr("The report covers the whole folder."))
        : ReportPage::tr("The report covers the filtered view: <code>%1</code>. The same report from the command "
                         "line: <code>benchlens report %2 --filter %3 -o FILE</code>")
              .arg(selector.toHtmlEscaped(), shellQuoted(root).toHtmlEscaped(), shellQuoted(selector).toHtmlEscaped());
    if (!hub->filter().text.isEmpty())
        note += ReportPage::tr(" The text filter is a search: it does not narrow the report.");
    return note;
}

void ReportPage::rebuildNow()
{
    d->timer.stop();
    d->dirty = false;
    d->builds.invalidate(); // a build in flight is now stale
    d->scopeNote->setText(scopeNoteText(scopeSelector(), d->hub->folder().root, d->hub));
    if (!d->hub->folder().dataset || !d->hub->folder().analysis) {
        d->doc.reset();
        d->building->hide();
        d->exportButton->setEnabled(false);
        d->browser->setHtml(tr("<p>Open a folder of benchmark results (File > Open Folder) to see its report.</p>"));
        emit rebuilt();
        return;
    }
    d->apply(this, buildPreview(d->input()));
}

void ReportPage::startRebuild()
{
    if (!d->hub->folder().dataset || !d->hub->folder().analysis) {
        rebuildNow(); // the placeholder text: nothing to build
        return;
    }
    d->timer.stop();
    d->dirty = false;
    d->scopeNote->setText(scopeNoteText(scopeSelector(), d->hub->folder().root, d->hub));
    d->building->show();
    // A build in flight is now stale: this one starts when it ends.
    d->builds.startJob([input = d->input()](const JobTracker::CancelFlag&) { return buildPreview(input); },
        [this](Preview preview) { d->apply(this, std::move(preview)); });
}

void ReportPage::chooseExportFile()
{
    if (!d->hub->folder().dataset) {
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
    if (d->exports.isRunning()) {
        fail(tr("An export is already running."));
        return false;
    }
    d->note->hide(); // the outcome of an earlier export
    if (!d->hub->folder().dataset || !d->hub->folder().analysis) {
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
    const std::string root = d->hub->dataset()->diskRoot;
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
    d->exportButton->setEnabled(false);
    auto* progress = new QProgressDialog(
        tr("Writing %1…").arg(QDir::toNativeSeparators(target)), QString(), 0, 0, this); // busy: no steps to count
    progress->setWindowTitle(tr("Export Report"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setValue(0);

    // The document is immutable and shared: the worker renders and writes it while the preview may be rebuilt.
    // When the preview is not up to date with the filters and options, the worker builds the document first.
    const bool fresh = d->doc && !d->dirty && !d->timer.isActive() && !d->builds.isRunning();
    std::optional<NarrativeResult> narrative;
    if (d->narrative->includeInExport())
        narrative = *d->narrative->result();
    d->exports.startJob(
        [doc = fresh ? d->doc : nullptr, input = fresh ? PreviewInput() : d->input(), file = target.toStdString(),
            format, root, pdfOptions, narrative, timings = d->timings->isChecked()](const JobTracker::CancelFlag&) {
            return exportMessage(doc, input, file, format, root, pdfOptions, narrative, timings);
        },
        [this, progress, target](const QString& error) {
            progress->close();
            progress->deleteLater();
            d->exportButton->setEnabled(true);
            if (!error.isEmpty()) {
                fail(tr("The report could not be written.\n%1").arg(error));
                emit exportFailed(error);
                return;
            }
            d->note->setText(tr("Report written to %1").arg(QDir::toNativeSeparators(target)));
            d->note->show();
            emit exported(target);
        });
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
