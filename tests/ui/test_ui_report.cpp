// The Report view: the preview holds the report's sections and the numbers `benchlens report` writes for the same
// folder, exports to Markdown, HTML and PDF through the page (atomically, never inside the folder, never over a
// file that is not a report without confirmation), follows the Compare view, and renders in the screenshot mode.
#include "models/data/dataset.h"
#include "models/itemmodels/sample_filter_proxy.h"
#include "tests/support/read_only_folder.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/filter_bar.h"
#include "ui/main_window.h"
#include "ui/pages/compare_page.h"
#include "ui/pages/report_page.h"
#include "ui/selection_hub.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>

#include <gtest/gtest.h>
#include <unistd.h>

using namespace benchlens;
using test::exportAndWait;
using test::openAndWait;
using test::screenshotDir;
using test::showQuietly;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QByteArray head(const QString& path, qint64 bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(bytes);
}

// Numbers with a decimal point from the Executive Summary of a Markdown report (as `benchlens report` writes it).
QStringList summaryNumbers(const QString& markdown)
{
    // The section, not its line in the table of contents above it.
    const qsizetype start = markdown.lastIndexOf(QStringLiteral("1. Executive Summary"));
    const qsizetype end = markdown.indexOf(QStringLiteral("2. Data Ingestion Summary"), start);
    QStringList numbers;
    if (start < 0 || end < start)
        return numbers;
    static const QRegularExpression number(QStringLiteral("\\b\\d+\\.\\d+\\b"));
    auto it = number.globalMatch(markdown.mid(start, end - start));
    while (it.hasNext())
        numbers << it.next().captured();
    return numbers;
}

} // namespace

TEST(ReportPage, PreviewsExportsAndRefusesAsTheCliDoes)
{
    MainWindow window;
    showQuietly(window);
    const QString sample = q(test::sampleDir());
    ASSERT_TRUE(openAndWait(window, sample));
    ReportPage* page = window.reportPage();
    ASSERT_TRUE(page);

    // Ctrl+7 shows the Report view; Ctrl+E is File > Export Report….
    EXPECT_FALSE(page->isVisible());
    bool exportAction = false;
    for (QAction* a : window.findChildren<QAction*>()) {
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_7))
            a->trigger();
        exportAction = exportAction || a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E);
    }
    EXPECT_TRUE(page->isVisible());
    EXPECT_TRUE(exportAction);

    // The preview: the six sections, rendered (no Markdown syntax, figures as images).
    page->rebuildNow();
    ASSERT_TRUE(page->document());
    const QString text = page->browser()->toPlainText();
    for (const char* section : {"1. Executive Summary", "2. Data Ingestion Summary", "3. Performance Analysis",
             "4. Key Findings and Recommendations", "5. Workflow Summary", "Appendix D: Sources"})
        EXPECT_TRUE(text.contains(QLatin1String(section))) << section;
    EXPECT_TRUE(text.contains(QStringLiteral("\nFigure 1: mean throughput"))) << text.toStdString().substr(0, 200000);
    EXPECT_FALSE(page->browser()->toHtml().contains(QStringLiteral("<svg")));
    EXPECT_TRUE(page->browser()->toHtml().contains(QStringLiteral("benchlens-figure-1.png")));
    EXPECT_FALSE(page->browser()
                     ->document()
                     ->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("benchlens-figure-1.png")))
                     .isNull());

    QApplication::processEvents();
    EXPECT_TRUE(window.grab().save(screenshotDir() + QStringLiteral("/report.png")));
    // And a figure, drawn from its SVG.
    for (QTextBlock b = page->browser()->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isImageFormat()) {
                QTextCursor cursor(page->browser()->document());
                cursor.setPosition(it.fragment().position());
                page->browser()->setTextCursor(cursor);
                page->browser()->verticalScrollBar()->setValue(
                    page->browser()->cursorRect().top() + page->browser()->verticalScrollBar()->value() - 60);
                break;
            }
        }
        if (page->browser()->textCursor().position() > 0)
            break;
    }
    QTest::qWait(300); // QTextEdit lays a long document out in chunks from the event loop
    EXPECT_TRUE(window.grab().save(screenshotDir() + QStringLiteral("/report_figure.png")));
    page->browser()->verticalScrollBar()->setValue(0);

    // The same numbers as `benchlens report --no-timings` writes for the folder (the CLI computes them itself).
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString cliReport = tmp.filePath(QStringLiteral("cli.md"));
    QProcess cli;
    cli.start(q(test::binary()),
        {QStringLiteral("report"), sample, QStringLiteral("-o"), cliReport, QStringLiteral("--no-timings")});
    ASSERT_TRUE(cli.waitForFinished(120000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    const QStringList numbers = summaryNumbers(QString::fromUtf8(head(cliReport, 1 << 22)));
    ASSERT_FALSE(numbers.isEmpty());
    for (const QString& n : numbers)
        EXPECT_TRUE(text.contains(n)) << n.toStdString();

    // Export through the page, as the dialog does: Markdown (with its figures beside it), HTML and PDF.
    QStringList errors;
    page->setErrorHandler([&](const QString& message) { errors << message; });
    int confirmations = 0;
    bool answer = false;
    page->setConfirmOverwrite([&](const QString&) {
        ++confirmations;
        return answer;
    });
    const QString md = tmp.filePath(QStringLiteral("report.md"));
    const QString html = tmp.filePath(QStringLiteral("report.html"));
    const QString pdf = tmp.filePath(QStringLiteral("report.pdf"));
    ASSERT_TRUE(exportAndWait(page, md));
    ASSERT_TRUE(exportAndWait(page, html));
    ASSERT_TRUE(exportAndWait(page, pdf));
    EXPECT_TRUE(head(md, 2) == "# ") << head(md, 40).toStdString();
    EXPECT_TRUE(QFileInfo(tmp.filePath(QStringLiteral("report_files/figure-1.svg"))).isFile());
    EXPECT_TRUE(head(html, 15) == "<!DOCTYPE html>") << head(html, 40).toStdString();
    EXPECT_TRUE(head(pdf, 4) == "%PDF");
    EXPECT_TRUE(errors.isEmpty()) << errors.join(QLatin1Char('\n')).toStdString();
    // A previous report is replaced without asking.
    ASSERT_TRUE(exportAndWait(page, md));
    EXPECT_EQ(confirmations, 0);

    // A file that is not a report is kept unless the confirmation says yes.
    const QString notes = tmp.filePath(QStringLiteral("notes.md"));
    {
        QFile f(notes);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("my notes\n");
    }
    EXPECT_FALSE(page->exportTo(notes));
    EXPECT_EQ(confirmations, 1);
    EXPECT_EQ(head(notes, 100), QByteArray("my notes\n"));
    EXPECT_FALSE(page->isExporting());
    answer = true;
    ASSERT_TRUE(exportAndWait(page, notes));
    EXPECT_EQ(confirmations, 2);
    EXPECT_TRUE(head(notes, 2) == "# ");

    // Never inside the analysed folder, with a clear message; an unknown extension is refused too.
    const QString inside = sample + QStringLiteral("/report.md");
    EXPECT_FALSE(page->exportTo(inside));
    EXPECT_FALSE(QFileInfo::exists(inside));
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors.front().contains(QStringLiteral("inside the analysed folder"))) << errors.front().toStdString();
    EXPECT_FALSE(page->exportTo(tmp.filePath(QStringLiteral("report.docx"))));
    EXPECT_EQ(errors.size(), 2);
    // A folder that does not exist: the writer's error reaches the page.
    QSignalSpy failed(page, &ReportPage::exportFailed);
    ASSERT_TRUE(page->exportTo(tmp.filePath(QStringLiteral("missing/report.html"))));
    ASSERT_TRUE(failed.wait(60000));
    EXPECT_EQ(errors.size(), 3);
    EXPECT_FALSE(QFileInfo::exists(tmp.filePath(QStringLiteral("missing/report.html"))));

    // The title field goes into the report.
    page->setTitle(QStringLiteral("Quantization study"));
    page->rebuildNow();
    EXPECT_TRUE(page->browser()->toPlainText().startsWith(QStringLiteral("Quantization study")))
        << page->browser()->toPlainText().left(80).toStdString();
    page->setTitle({});
    page->rebuildNow();
}

TEST(ReportPage, FollowsTheCompareViewsSelection)
{
    MainWindow window;
    showQuietly(window, QSize(1200, 800));
    ASSERT_TRUE(openAndWait(window, q(test::sampleDir())));
    window.showView(QStringLiteral("report"));
    ReportPage* page = window.reportPage();
    ComparePage* compare = window.comparePage();
    const Dataset* ds = window.hub()->dataset();
    ASSERT_TRUE(ds);

    // Two variants of the folder as baseline and candidate: the report gains its Comparison section, which goes
    // again when the baseline is cleared. The change arrives through the debounce timer.
    const QString baseline = window.hub()->variantId(0);
    const QString candidate = window.hub()->variantId(1);
    compare->clearCandidates();
    compare->setBaseline(baseline);
    compare->addCandidate(candidate); // shows the Compare view: the hidden report waits until it is shown
    compare->recomputeNow();
    ASSERT_TRUE(compare->comparison()) << compare->errorText().toStdString();
    EXPECT_FALSE(page->isVisible());
    QSignalSpy rebuilt(page, &ReportPage::rebuilt);
    window.showView(QStringLiteral("report"));
    ASSERT_TRUE(rebuilt.wait(10000));
    EXPECT_TRUE(page->browser()->toPlainText().contains(QStringLiteral("Comparison")));
    EXPECT_TRUE(page->browser()->toPlainText().contains(candidate)) << candidate.toStdString();

    compare->setBaseline({});
    compare->recomputeNow();
    ASSERT_TRUE(rebuilt.wait(10000));
    EXPECT_FALSE(page->browser()->toPlainText().contains(QStringLiteral("Candidate ") + candidate));
}

TEST(ReportPage, ScreenshotModeShowsTheReport)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString png = tmp.filePath(QStringLiteral("report.png"));
    QProcess p;
    p.start(q(test::binary()),
        {q(test::sampleDir()), QStringLiteral("--screenshot"), png, QStringLiteral("--view"), QStringLiteral("report"),
            QStringLiteral("--size"), QStringLiteral("1200x800")});
    ASSERT_TRUE(p.waitForFinished(120000));
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    const QImage image(png);
    EXPECT_EQ(image.size(), QSize(1200, 800));
}

TEST(ReportPage, CoversTheFilteredViewAsTheCliDoesOrTheWholeFolder)
{
    MainWindow window;
    showQuietly(window);
    const QString sample = q(test::sampleDir());
    ASSERT_TRUE(openAndWait(window, sample));
    window.showView(QStringLiteral("report"));
    ReportPage* page = window.reportPage();
    SelectionHub* filter = window.hub(); // the filter state lives in the hub
    EXPECT_EQ(page->scope(), ReportPage::Scope::FilteredView);
    EXPECT_TRUE(page->scopeSelector().isEmpty());

    // The filter bar's model and configuration filters are the report's scope, built on the thread pool.
    QSignalSpy rebuilt(page, &ReportPage::rebuilt);
    auto* bar = window.findChild<FilterBar*>();
    ASSERT_TRUE(bar);
    const int model = bar->modelCombo()->findData(QStringLiteral("llama3.2:3b-instruct-q4_K_M"));
    ASSERT_GE(model, 0);
    bar->modelCombo()->setCurrentIndex(model);
    EXPECT_EQ(filter->filter().model, QStringLiteral("llama3.2:3b-instruct-q4_K_M"));
    filter->setConfigFilter(QStringLiteral("num_ctx"), QStringLiteral("4096"));
    const QString selector = page->scopeSelector();
    EXPECT_EQ(selector, QStringLiteral("model=llama3.2:3b-instruct-q4_K_M,num_ctx=4096"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return !rebuilt.isEmpty() && !page->isBuilding() && page->browser()->toPlainText().contains(selector); },
        60000));
    const QString text = page->browser()->toPlainText();
    EXPECT_TRUE(text.contains(QStringLiteral("Scope: the part of the folder selected by ") + selector))
        << text.left(600).toStdString();
    QApplication::processEvents();
    EXPECT_TRUE(window.grab().save(screenshotDir() + QStringLiteral("/report_filtered.png")));

    // The same numbers as `benchlens report --filter SELECTOR` writes.
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString cliReport = tmp.filePath(QStringLiteral("cli.md"));
    QProcess cli;
    cli.start(q(test::binary()),
        {QStringLiteral("report"), sample, QStringLiteral("-o"), cliReport, QStringLiteral("--no-timings"),
            QStringLiteral("--filter"), selector});
    ASSERT_TRUE(cli.waitForFinished(120000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    const QString markdown = QString::fromUtf8(head(cliReport, 1 << 22));
    EXPECT_TRUE(markdown.contains(QStringLiteral("**Scope:**")));
    const QStringList numbers = summaryNumbers(markdown);
    ASSERT_FALSE(numbers.isEmpty());
    for (const QString& n : numbers)
        EXPECT_TRUE(text.contains(n)) << n.toStdString();
    // Only num_ctx=4096 variants of that model in the Executive Summary.
    const qsizetype start = text.lastIndexOf(QStringLiteral("1. Executive Summary")); // not the contents' line
    const QString summary = text.mid(start, text.indexOf(QStringLiteral("2. Data Ingestion Summary"), start) - start);
    EXPECT_FALSE(summary.contains(QStringLiteral("qwen2.5")));
    EXPECT_FALSE(summary.contains(QStringLiteral("num_ctx=1024")));
    EXPECT_TRUE(summary.contains(QStringLiteral("num_ctx=4096")));

    // Exported right after a change, before the preview caught up: the file has the new scope.
    const Dataset* ds = window.hub()->dataset();
    ASSERT_TRUE(ds);
    const auto variant = ds->findVariant("llama3.2:3b-instruct-q4_K_M num_ctx=4096 num_gpu=999 temperature=0.8");
    ASSERT_TRUE(variant);
    window.hub()->selectVariant(int(variant->value));
    const QString withVariant = page->scopeSelector();
    EXPECT_EQ(withVariant,
        selector + QStringLiteral(",variant=llama3.2:3b-instruct-q4_K_M num_ctx=4096 num_gpu=999 temperature=0.8"));
    const QString md = tmp.filePath(QStringLiteral("variant.md"));
    ASSERT_TRUE(exportAndWait(page, md));
    const QString exported = QString::fromUtf8(head(md, 1 << 22));
    EXPECT_TRUE(
        exported.contains(QStringLiteral("selected by `") + withVariant + QStringLiteral("`: 1 of 23 variants")))
        << exported.left(800).toStdString();

    // A scope that selects nothing says so instead of a report.
    filter->setMetricFilter(QStringLiteral("latency_ms")); // the sweep's variants have no latency_ms samples
    page->rebuildNow();
    EXPECT_FALSE(page->document());
    EXPECT_TRUE(page->browser()->toPlainText().contains(QStringLiteral("selects nothing")))
        << page->browser()->toPlainText().toStdString();
    filter->setMetricFilter({});
    window.hub()->clearSelection();

    // The whole folder, whatever the filters.
    page->setScope(ReportPage::Scope::WholeFolder);
    EXPECT_TRUE(page->scopeSelector().isEmpty());
    page->rebuildNow();
    ASSERT_TRUE(page->document());
    EXPECT_FALSE(page->browser()->toPlainText().contains(QStringLiteral("Scope:")));
    EXPECT_TRUE(page->browser()->toPlainText().contains(QStringLiteral("qwen2.5")));
}

TEST(ReportPage, ExportIntoAReadOnlyFolderFailsCleanly)
{
    MainWindow window;
    showQuietly(window);
    ASSERT_TRUE(openAndWait(window, q(test::sampleDir())));
    window.showView(QStringLiteral("report"));
    ReportPage* page = window.reportPage();
    page->rebuildNow();
    QStringList errors;
    page->setErrorHandler([&](const QString& message) { errors << message; });

    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString readOnly = test::makeReadOnlyFolder(tmp);
    ASSERT_FALSE(readOnly.isEmpty());
    // Root writes anywhere: as root the export runs with nobody's effective user id (every thread of the process).
    const bool root = geteuid() == 0;
    for (const char* name : {"r.md", "r.html", "r.pdf"}) {
        if (root) {
            ASSERT_EQ(seteuid(test::kNobody), 0);
        }
        QSignalSpy failed(page, &ReportPage::exportFailed);
        const bool started = page->exportTo(readOnly + QLatin1Char('/') + QLatin1String(name));
        const bool ended = started && failed.wait(60000);
        if (root) {
            ASSERT_EQ(seteuid(0), 0);
        }
        ASSERT_TRUE(ended) << name;
        EXPECT_TRUE(failed.front().front().toString().contains(QStringLiteral("ermission denied")))
            << failed.front().front().toString().toStdString();
    }
    EXPECT_EQ(errors.size(), 3);
    for (const QString& e : errors)
        EXPECT_TRUE(e.contains(readOnly)) << "names the file: " << e.toStdString();
    EXPECT_TRUE(QDir(readOnly).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
    EXPECT_FALSE(page->isExporting());
    ASSERT_TRUE(QFile::setPermissions(readOnly, test::everyoneReads()));
}
