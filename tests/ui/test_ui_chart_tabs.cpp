// The Charts page rebuilds only the tab on screen: a change marks every tab stale, the visible one rebuilds on the
// next turn of the event loop, a hidden one when it is shown or when one of its charts is asked for.
#include "models/itemmodels/sample_filter_proxy.h"
#include "tests/support/window_helpers.h"
#include "ui/charts/chart_tab.h"
#include "ui/charts/charts_page.h"
#include "ui/selection_hub.h"

#include <QCoreApplication>
#include <QTest>
#include <QtCharts/QChart>

#include <gtest/gtest.h>

using namespace benchlens;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

TEST(ChartTabs, OnlyTheVisibleTabRebuildsAndAHiddenOneWhenShown)
{
    MainWindow window;
    test::showQuietly(window);
    ASSERT_TRUE(test::openAndWait(window, q(test::sampleDir())));
    ASSERT_TRUE(window.showView(QStringLiteral("charts:throughput")));
    ChartsPage* page = window.chartsPage();
    ChartTab* throughput = page->tab(ChartsPage::Throughput);
    ChartTab* latency = page->tab(ChartsPage::Latency);
    ChartTab* sweep = page->tab(ChartsPage::Sweep);
    ASSERT_TRUE(throughput && latency && sweep);
    EXPECT_EQ(page->tab(ChartsPage::TabCount), nullptr);
    QCoreApplication::processEvents();
    ASSERT_FALSE(throughput->isStale());
    const size_t throughputBefore = throughput->rebuildCount();
    const size_t latencyBefore = latency->rebuildCount();
    const size_t sweepBefore = sweep->rebuildCount();

    // A filter change: every tab is stale at once, only the visible one rebuilds (once) on the event loop.
    window.hub()->setModelFilter(QStringLiteral("no such model"));
    EXPECT_TRUE(throughput->isStale());
    EXPECT_TRUE(latency->isStale());
    EXPECT_TRUE(QTest::qWaitFor([&] { return !throughput->isStale(); }, 10000));
    QCoreApplication::processEvents();
    EXPECT_EQ(throughput->rebuildCount(), throughputBefore + 1);
    EXPECT_EQ(latency->rebuildCount(), latencyBefore);
    EXPECT_TRUE(latency->isStale());
    // The filter lets no variant through: no bars.
    EXPECT_TRUE(page->throughputChart()->series().isEmpty());

    // Showing the latency tab rebuilds it, once.
    ASSERT_TRUE(window.showView(QStringLiteral("charts:latency")));
    EXPECT_FALSE(latency->isStale());
    EXPECT_EQ(latency->rebuildCount(), latencyBefore + 1);
    QCoreApplication::processEvents();
    EXPECT_EQ(latency->rebuildCount(), latencyBefore + 1);

    // Asking for a hidden tab's chart rebuilds that tab first; asking again does not rebuild it again.
    window.hub()->setModelFilter(QString());
    EXPECT_TRUE(sweep->isStale());
    page->sweepChart();
    EXPECT_FALSE(sweep->isStale());
    EXPECT_EQ(sweep->rebuildCount(), sweepBefore + 1);
    page->sweepChart();
    EXPECT_EQ(sweep->rebuildCount(), sweepBefore + 1);
}
