// The main window offscreen: open the sample folder, wait for the ingest, check the views and charts, that a
// selected variant filters the samples table, and write screenshots into the build folder for a person to see.
#include "models/data/dataset.h"
#include "models/itemmodels/inventory_model.h"
#include "models/itemmodels/sample_filter_proxy.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/variants_model.h"
#include "tests/support/loaded_folder.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/charts/chart_view.h"
#include "ui/charts/charts_page.h"
#include "ui/main_window.h"
#include "ui/selection_hub.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtCharts/QAbstractBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QChart>
#include <QtCharts/QXYSeries>

#include <fstream>
#include <gtest/gtest.h>
#include <set>

using namespace benchlens;
using test::countFiles;
using test::openAndWait;
using test::screenshotDir;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

size_t xyPoints(const QChart* chart)
{
    size_t n = 0;
    for (auto* s : chart->series()) {
        if (auto* xy = qobject_cast<QXYSeries*>(s); xy && s->name() != QStringLiteral("selected"))
            n += static_cast<size_t>(xy->count());
    }
    return n;
}

} // namespace

TEST(MainWindow, OpensTheSampleFolderAndSelectionFiltersEverywhere)
{
    MainWindow window;
    window.setWatchEnabled(false);
    window.resize(1400, 900);
    window.show();
    QAbstractItemModelTester tester(window.sampleProxy(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_TRUE(openAndWait(window, q(test::sampleDir())));
    const Dataset& ds = *window.hub()->dataset();

    EXPECT_EQ(countFiles(*window.inventoryModel()), 11);
    EXPECT_EQ(window.samplesModel()->rowCount(), static_cast<int>(ds.samples.size()));
    EXPECT_EQ(window.sampleProxy()->rowCount(), static_cast<int>(ds.samples.size()));
    EXPECT_EQ(window.variantsModel()->rowCount(), static_cast<int>(ds.variants.size()));
    EXPECT_TRUE(window.statusSummary().startsWith(QStringLiteral("11 files")));

    // Charts: one bar per variant with throughput samples; one scatter series per model.
    const uint32_t tput = ds.findMetric("throughput_tok_s").value().value;
    std::set<uint32_t> tputVariants;
    std::set<std::string> models;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        if (ds.samples.metric[s] == tput) {
            tputVariants.insert(ds.samples.variant[s]);
            models.insert(ds.variants[ds.samples.variant[s]].model);
        }
    }
    ChartsPage* charts = window.chartsPage();
    ASSERT_EQ(charts->throughputChart()->series().size(), 1);
    auto* bars = qobject_cast<QAbstractBarSeries*>(charts->throughputChart()->series().front());
    ASSERT_TRUE(bars);
    ASSERT_EQ(bars->barSets().size(), 1);
    EXPECT_EQ(static_cast<size_t>(bars->barSets().front()->count()), tputVariants.size());
    ASSERT_EQ(charts->latencyChart()->series().size(), 1);
    EXPECT_GT(qobject_cast<QBoxPlotSeries*>(charts->latencyChart()->series().front())->count(), 0);
    EXPECT_EQ(static_cast<size_t>(charts->scatterChart()->series().size()), models.size());
    EXPECT_GT(xyPoints(charts->scatterChart()), 0U);
    // The sweep of the model with a num_gpu x num_ctx grid: a line per num_gpu value.
    ASSERT_TRUE(charts->setSweep(QStringLiteral("llama3.2:3b-instruct-q4_K_M"), QStringLiteral("throughput_tok_s"),
        QStringLiteral("num_ctx"), QStringLiteral("num_gpu")));
    EXPECT_EQ(charts->sweepChart()->series().size(), 3); // num_gpu 20, 40, 999
    EXPECT_EQ(xyPoints(charts->sweepChart()), 9U); // x 3 num_ctx values

    // Clicking a scatter point selects its sample (and its variant); clicking a bar selects its variant.
    {
        // Charts are rebuilt (new series) after every selection or setting change: fetch them afresh.
        bars = qobject_cast<QAbstractBarSeries*>(charts->throughputChart()->series().front());
        auto* scatter = qobject_cast<QXYSeries*>(charts->scatterChart()->series().front());
        ASSERT_TRUE(scatter);
        const QPointF point = scatter->at(0);
        emit scatter->clicked(point);
        const int picked = window.hub()->sample();
        ASSERT_GE(picked, 0);
        EXPECT_DOUBLE_EQ(ds.samples.value[static_cast<size_t>(picked)], point.y());
        EXPECT_EQ(window.hub()->variant(), static_cast<int>(ds.samples.variant[static_cast<size_t>(picked)]));
        emit bars->clicked(bars->barSets().front()->count() - 1, bars->barSets().front()); // the top bar: the best
        EXPECT_NE(window.hub()->variant(), -1);
        window.hub()->clearSelection();
        charts->rebuildNow();
        bars = qobject_cast<QAbstractBarSeries*>(charts->throughputChart()->series().front());
    }

    // Selecting a variant filters the samples table to its samples and highlights its bar.
    const uint32_t variant = *tputVariants.begin();
    int expected = 0;
    for (size_t s = 0; s < ds.samples.size(); ++s)
        expected += ds.samples.variant[s] == variant ? 1 : 0;
    window.hub()->selectVariant(static_cast<int>(variant));
    EXPECT_EQ(window.sampleProxy()->rowCount(), expected);
    for (int r = 0; r < window.sampleProxy()->rowCount(); ++r)
        ASSERT_EQ(window.sampleProxy()->index(r, 0).data(SamplesModel::VariantRole).toInt(), static_cast<int>(variant));
    charts->rebuildNow();
    bars = qobject_cast<QAbstractBarSeries*>(charts->throughputChart()->series().front());
    EXPECT_EQ(bars->barSets().front()->selectedBars().size(), 1);

    // Selecting a file filters by file as well; clearing shows everything again.
    window.hub()->selectFile(static_cast<int>(ds.samples.file[0]));
    window.hub()->selectVariant(-1);
    int inFile = 0;
    for (size_t s = 0; s < ds.samples.size(); ++s)
        inFile += ds.samples.file[s] == ds.samples.file[0] ? 1 : 0;
    EXPECT_EQ(window.sampleProxy()->rowCount(), inFile);
    window.hub()->clearSelection();
    EXPECT_EQ(window.sampleProxy()->rowCount(), static_cast<int>(ds.samples.size()));

    // The model filter narrows the charts too.
    window.hub()->setModelFilter(QStringLiteral("qwen2.5:7b-instruct-q4_K_M"));
    charts->rebuildNow();
    EXPECT_EQ(charts->scatterChart()->series().size(), 1);
    window.hub()->setModelFilter({});
    charts->rebuildNow();

    // Screenshots of every view for a person to look at, and the chart exports.
    const QString dir = screenshotDir();
    for (const char* view : {"inventory", "samples", "variants", "charts", "charts:latency", "charts:scatter",
             "charts:sweep", "diagnostics"}) {
        ASSERT_TRUE(window.showView(QString::fromLatin1(view)));
        const QString path = dir + QStringLiteral("/sample_")
            + QString::fromLatin1(view).replace(QLatin1Char(':'), QLatin1Char('_')) + QStringLiteral(".png");
        ASSERT_TRUE(window.grab().save(path)) << path.toStdString();
    }
    window.showView(QStringLiteral("charts"));
    EXPECT_TRUE(charts->throughputView()->savePng(dir + QStringLiteral("/sample_throughput_chart.png")));
    EXPECT_TRUE(charts->throughputView()->saveSvg(dir + QStringLiteral("/sample_throughput_chart.svg")));
    std::ifstream svg((dir + QStringLiteral("/sample_throughput_chart.svg")).toStdString());
    std::string head(200, '\0');
    svg.read(head.data(), 200);
    EXPECT_NE(head.find("<svg"), std::string::npos);
    EXPECT_FALSE(window.showView(QStringLiteral("nonsense")));
}

TEST(MainWindow, CorpusShowsEveryFileTheSixVariantsTheirSweepsAndFailures)
{
    MainWindow window;
    window.setWatchEnabled(false);
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(openAndWait(window, q(test::corpusDir())));
    const Dataset& ds = *window.hub()->dataset();
    // 109 files: `find corpus/chimeraforge -type f | wc -l`.
    EXPECT_EQ(countFiles(*window.inventoryModel()), 109);

    std::set<std::string> models;
    for (const auto& v : ds.variants) {
        if (v.observations > 0)
            models.insert(v.model);
    }
    for (const char* m : {"gemma3:latest", "gemma3:1b-it-qat", "gemma3:270m", "llama3.1:8b-instruct-q4_0",
             "llama3.1:8b-instruct-q5_K_M", "llama3.1:8b-instruct-q8_0"})
        EXPECT_TRUE(models.count(m)) << m;

    // The gemma3 parameter sweeps: tokens/s against num_ctx, one line per num_gpu (40, 60, 80, 999).
    ChartsPage* charts = window.chartsPage();
    for (const char* m : {"gemma3:latest", "gemma3:1b-it-qat", "gemma3:270m"}) {
        ASSERT_TRUE(charts->setSweep(QString::fromLatin1(m), QStringLiteral("throughput_tok_s"),
            QStringLiteral("num_ctx"), QStringLiteral("num_gpu")))
            << m;
        EXPECT_EQ(charts->sweepChart()->series().size(), 4) << m;
        EXPECT_GE(xyPoints(charts->sweepChart()), 11U) << m;
    }
    window.showView(QStringLiteral("charts:sweep"));
    window.grab().save(screenshotDir() + QStringLiteral("/corpus_sweep_gemma3_270m.png"));

    // Failed prompt-suite runs are failures, not zero throughput: no zero bar anywhere, and the failures are counted.
    window.hub()->setModelFilter(QStringLiteral("llama3.1:8b-instruct-q4_0"));
    charts->rebuildNow();
    auto* bars = qobject_cast<QAbstractBarSeries*>(charts->throughputChart()->series().front());
    ASSERT_TRUE(bars);
    for (int i = 0; i < bars->barSets().front()->count(); ++i)
        EXPECT_GT(bars->barSets().front()->at(i), 0);
    const auto suite = ds.findVariant("llama3.1:8b-instruct-q4_0 temperature=0.3 top_p=0.9");
    ASSERT_TRUE(suite);
    EXPECT_EQ(window.variantsModel()
                  ->indexOfVariant(int(suite->value))
                  .siblingAtColumn(VariantsModel::FailedColumn)
                  .data(VariantsModel::SortRole)
                  .toInt(),
        25);
    window.showView(QStringLiteral("variants"));
    window.grab().save(screenshotDir() + QStringLiteral("/corpus_variants_llama3.1_q4_0.png"));
}

TEST(ScreenshotMode, WritesThePngAndFailsClearlyOnABadFolder)
{
    QTemporaryDir tmp;
    const QString png = tmp.filePath(QStringLiteral("charts.png"));
    QProcess p;
    p.start(q(test::binary()),
        {q(test::sampleDir()), QStringLiteral("--screenshot"), png, QStringLiteral("--view"),
            QStringLiteral("charts:scatter"), QStringLiteral("--size"), QStringLiteral("1000x700")});
    ASSERT_TRUE(p.waitForFinished(120000));
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    const QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), 1000);
    EXPECT_EQ(image.height(), 700);

    QProcess bad;
    bad.start(q(test::binary()), {QStringLiteral("--screenshot"), png, QStringLiteral("/nonexistent/benchlens")});
    ASSERT_TRUE(bad.waitForFinished(60000));
    EXPECT_NE(bad.exitCode(), 0);
    // --demo finds the sample folder of the build tree.
    QProcess demo;
    demo.start(q(test::binary()), {QStringLiteral("--demo"), QStringLiteral("--screenshot"), png});
    ASSERT_TRUE(demo.waitForFinished(120000));
    EXPECT_EQ(demo.exitCode(), 0) << demo.readAllStandardError().toStdString();
    EXPECT_TRUE(demo.readAllStandardOutput().contains("sample"));

    // Without a display (the tests run offscreen) the window is not opened, and the user is told why.
    QProcess noDisplay;
    noDisplay.start(q(test::binary()), {q(test::sampleDir())});
    ASSERT_TRUE(noDisplay.waitForFinished(60000));
    EXPECT_EQ(noDisplay.exitCode(), 1);
    EXPECT_TRUE(noDisplay.readAllStandardError().contains("no display"));

    QProcess badView;
    badView.start(q(test::binary()),
        {q(test::sampleDir()), QStringLiteral("--screenshot"), png, QStringLiteral("--view"), QStringLiteral("nope")});
    ASSERT_TRUE(badView.waitForFinished(60000));
    EXPECT_EQ(badView.exitCode(), 1);
}
