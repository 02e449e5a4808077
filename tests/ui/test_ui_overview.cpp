// Issue 16: the window opens on an Overview of what the folder holds and its headline results, each line a link to
// the view that shows it. Its numbers must be the report's: the expected values are those of the reviewed golden
// report of the sample folder (tests/data/golden/sample_report.md, Executive Summary) and a ranking made here from the
// Analysis.
#include "models/data/dataset.h"
#include "models/stats/analysis.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/charts/charts_page.h"
#include "ui/main_window.h"
#include "ui/pages/overview_page.h"
#include "ui/pages/report_page.h"
#include "ui/selection_hub.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <optional>
#include <string>

using namespace benchlens;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// The index of the entry whose text starts with `prefix`, or none.
std::optional<size_t> entryStarting(const OverviewPage& page, const QString& prefix)
{
    for (size_t i = 0; i < page.entries().size(); ++i) {
        if (page.entries()[i].text.startsWith(prefix))
            return i;
    }
    return std::nullopt;
}

// The variant with the best value of `metric` among those with at least 3 samples (highest mean, or lowest median),
// the first in variant order on a tie.
int bestVariant(const Dataset& ds, const Analysis& an, const std::string& metric, bool highestMean)
{
    const auto m = ds.findMetric(metric);
    const MetricStats* best = nullptr;
    for (const MetricStats& ms : an.stats) {
        if (!m || ms.metric != m->value || ms.summary.n < 3)
            continue;
        const bool better
            = !best || (highestMean ? ms.summary.mean > best->summary.mean : ms.summary.median < best->summary.median);
        if (better)
            best = &ms;
    }
    return best ? static_cast<int>(best->variant) : -1;
}

} // namespace

TEST(Overview, OpensOnItWithTheReportsNumbersAndLinks)
{
    MainWindow window;
    test::showQuietly(window);
    auto* page = window.findChild<OverviewPage*>();
    ASSERT_NE(page, nullptr);
    EXPECT_EQ(window.findChild<QTabWidget*>()->currentWidget(), page) << "the window opens on the Overview";
    ASSERT_TRUE(test::openAndWait(window, q(test::sampleDir())));
    const Dataset& ds = *window.hub()->dataset();
    const Analysis& an = *window.hub()->folder().analysis;

    // The golden report: "11 files (...) in 8 folders: 23 variants of 3 models, 113 successful observations and 16
    // failed ones", "16 failed observations in 4 variants", "4 observations whose TTFT includes loading the model".
    const auto models = entryStarting(*page, QStringLiteral("3 models measured (3 named in all), in "));
    ASSERT_TRUE(models) << page->entries().front().text.toStdString();
    EXPECT_TRUE(page->entries()[*models].text.endsWith(QStringLiteral("(23 variants in all)")));
    EXPECT_EQ(page->entries()[*models].view, QStringLiteral("variants"));
    const auto files = entryStarting(*page, QStringLiteral("%1 runs in 11 files and 8 folders").arg(ds.runs.size()));
    ASSERT_TRUE(files);
    EXPECT_EQ(page->entries()[*files].view, QStringLiteral("inventory"));
    EXPECT_TRUE(entryStarting(*page,
        QStringLiteral("113 successful observations; 16 failed ones (excluded from all statistics) in 4 variants")));
    const auto cold = entryStarting(*page, QStringLiteral("Cold starts and reloads: 4 observations"));
    ASSERT_TRUE(cold);
    EXPECT_EQ(page->entries()[*cold].view, QStringLiteral("samples"));

    // Fastest: "Highest mean throughput of the 22 variants measured at least 3 times: ... at 119.43 tok/s (n=3, 95% CI
    // of the mean 119.24–119.79; its 95% CI overlaps that of the runner-up ...".
    const int fastest = bestVariant(ds, an, "throughput_tok_s", true);
    ASSERT_GE(fastest, 0);
    const auto tp = entryStarting(*page,
        QStringLiteral("Highest mean throughput of the 22 variants measured at least 3 times: %1 at 119.43 tok/s (n=3, "
                       "95% CI of the mean 119.24–119.79)")
            .arg(q(ds.variants[static_cast<size_t>(fastest)].id)));
    ASSERT_TRUE(tp);
    EXPECT_TRUE(page->entries()[*tp].text.contains(QStringLiteral("so the lead is within the noise")));
    EXPECT_EQ(page->entries()[*tp].variant, fastest);
    const int lowest = bestVariant(ds, an, "ttft_ms", false);
    const auto ttft = entryStarting(*page,
        QStringLiteral("Lowest median time to first token of the 23 variants measured at least 3 times: %1 at 66.80 ms "
                       "(n=3, 95% CI of the median 61.00–70.10)")
            .arg(q(ds.variants[static_cast<size_t>(lowest)].id)));
    ASSERT_TRUE(ttft);

    // A click selects the variant and opens the view that shows it.
    page->openEntry(*tp);
    EXPECT_EQ(window.hub()->variant(), fastest);
    EXPECT_EQ(window.findChild<QTabWidget*>()->currentWidget(), window.chartsPage());
    EXPECT_EQ(window.chartsPage()->currentTab(), ChartsPage::Throughput);
    page->openEntry(*files);
    EXPECT_EQ(window.findChild<QTabWidget*>()->currentWidget()->metaObject()->className(),
        std::string("benchlens::InventoryPage"));
    // The rendered page holds one link per entry.
    EXPECT_EQ(page->browser()->toHtml().count(QStringLiteral("href=\"benchlens:")),
        static_cast<qsizetype>(page->entries().size()));
    window.showView(QStringLiteral("overview"));
    QCoreApplication::processEvents();
    EXPECT_TRUE(window.grab().save(test::screenshotDir() + QStringLiteral("/overview_sample.png")));
}

namespace {

// WCAG 2 contrast ratio, written here from the definition (relative luminance of sRGB, (L1 + 0.05) / (L2 + 0.05)).
double wcag(const QColor& a, const QColor& b)
{
    const auto lin = [](int v8) {
        const double v = v8 / 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const auto lum
        = [&](const QColor& c) { return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue()); };
    const double x = lum(a), y = lum(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

} // namespace

// Issue 16: on a dark palette the report preview was dark text on dark grey (about 1.5:1). The preview is white paper
// with the report's dark text, and the Overview's links read on its base, at 4.5:1 at least (WCAG AA), on a dark
// palette whose own link colour (Qt's default blue) would not.
TEST(Overview, DarkPaletteContrast)
{
    const QPalette saved = QApplication::palette();
    QPalette dark = saved;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Link, QColor(0, 0, 255));
    QApplication::setPalette(dark);
    {
        MainWindow window;
        test::showQuietly(window, QSize(1024, 700));
        ASSERT_TRUE(test::openAndWait(window, q(test::sampleDir())));
        QTextBrowser* preview = window.reportPage()->browser();
        EXPECT_GE(wcag(preview->palette().color(QPalette::Text), preview->palette().color(QPalette::Base)), 4.5);
        // The report's body text colour (#1d1f21, models/report/html_writer.cpp) on the preview's base.
        EXPECT_GE(wcag(QColor(0x1d, 0x1f, 0x21), preview->palette().color(QPalette::Base)), 4.5);
        auto* page = window.findChild<OverviewPage*>();
        const QString html = page->browser()->toHtml();
        const QColor base = page->browser()->palette().color(QPalette::Base);
        EXPECT_LT(wcag(QColor(0, 0, 255), base), 4.5); // the palette's own link colour would not do
        // The links' colour as the document has it.
        const QTextCharFormat link = [&] {
            QTextCursor c(page->browser()->document());
            c.movePosition(QTextCursor::Start);
            while (!c.atEnd()) {
                c.movePosition(QTextCursor::NextCharacter);
                if (c.charFormat().isAnchor())
                    return c.charFormat();
            }
            return QTextCharFormat();
        }();
        ASSERT_TRUE(link.isAnchor());
        EXPECT_GE(wcag(link.foreground().color(), base), 4.5) << link.foreground().color().name().toStdString();
        EXPECT_GE(wcag(page->browser()->palette().color(QPalette::Text), base), 4.5);
    }
    QApplication::setPalette(saved);
}
