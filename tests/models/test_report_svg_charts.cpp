// The report's SVG charts (report/svg_charts.h), drawn from the chart specs the window draws (models/charts/).
// Moved from test_report_markdown.cpp when the writer began taking specs; the expectations are unchanged.
#include "models/charts/chart_spec.h"
#include "models/charts/compare_charts.h"
#include "models/charts/sweep_levels.h"
#include "models/report/svg_charts.h"
#include "models/stats/two_sample_tests.h"

#include <gtest/gtest.h>
#include <limits>

using namespace benchlens;

namespace {

size_t count(const std::string& s, const std::string& needle)
{
    size_t n = 0;
    for (size_t pos = s.find(needle); pos != std::string::npos; pos = s.find(needle, pos + 1))
        ++n;
    return n;
}

charts::Box box(std::string label, const std::vector<double>& values)
{
    charts::Box b;
    static_cast<BoxSummary&>(b) = boxSummary(values);
    b.label = std::move(label);
    return b;
}

} // namespace

TEST(SvgCharts, BarsOnePerItemFromZeroWithEscapedLabels)
{
    charts::BarChartSpec spec;
    spec.error = charts::ErrorKind::StdDev;
    // variant, label, mean, low, high, stddev, n
    spec.bars
        = {{0, "model a&b <script>", 100.0, 95.0, 105.0, 5.0, 3, 0}, {1, "model \"c\"", 50.0, 50.0, 50.0, 0, 1, 0}};
    const SvgChart svg = renderBarChartSvg(spec, "Throughput <b>", "tok/s");
    EXPECT_EQ(svg.svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    // One background rect plus one bar per item.
    EXPECT_EQ(count(svg.svg, "<rect "), 1u + spec.bars.size());
    EXPECT_EQ(svg.svg.find("<script>"), std::string::npos);
    EXPECT_NE(svg.svg.find("model a&amp;b &lt;script&gt;"), std::string::npos);
    EXPECT_NE(svg.svg.find("model &quot;c&quot;"), std::string::npos);
    EXPECT_NE(svg.svg.find("Throughput &lt;b&gt;"), std::string::npos);
    EXPECT_NE(svg.svg.find("100.00 ± 5.00 (n=3)"), std::string::npos) << svg.svg;
    // The axis starts at 0 and covers value + error (105) in at most 5 steps of 1, 2 or 5 × 10^k: 0 … 150 by 50.
    EXPECT_NE(svg.svg.find(">0</text>"), std::string::npos);
    EXPECT_NE(svg.svg.find(">150</text>"), std::string::npos);
    // Deterministic.
    EXPECT_EQ(renderBarChartSvg(spec, "Throughput <b>", "tok/s").svg, svg.svg);
    EXPECT_GT(svg.height, 0);
}

TEST(SvgCharts, BoxPlotMarksOutliersBeyondTheAxis)
{
    charts::BoxChartSpec spec;
    spec.boxes = {box("v1", {1, 2, 3, 4, 5, 6, 7, 8, 100}), box("v2", {4, 5, 6})};
    const std::string svg = renderBoxChartSvg(spec, "TTFT", "ms").svg;
    EXPECT_EQ(count(svg, "<rect "), 1u + spec.boxes.size());
    // The outlier lies beyond the axis (0 … 10): marked at the edge with its value, not drawn as a point.
    EXPECT_NE(svg.find("1 beyond, max 100"), std::string::npos) << svg;
    EXPECT_EQ(count(svg, "<circle"), 0u);
}

TEST(SvgCharts, NiceAxis)
{
    EXPECT_DOUBLE_EQ(niceAxis(119.43).max, 150);
    EXPECT_DOUBLE_EQ(niceAxis(119.43).step, 50);
    EXPECT_DOUBLE_EQ(niceAxis(95).max, 100);
    EXPECT_DOUBLE_EQ(niceAxis(95).step, 20);
    EXPECT_DOUBLE_EQ(niceAxis(0.37).max, 0.4);
    EXPECT_DOUBLE_EQ(niceAxis(0).max, 1);
}

TEST(SvgCharts, ForestPlotOneRowPerMetricAroundZero)
{
    charts::ForestSpec spec;
    // candidate, metric, label, diff %, has CI, CI low %, CI high %, verdict
    spec.points = {{0, 0, "throughput_tok_s", -39.2, true, -41.6, -36.8, Verdict::Worse},
        {0, 1, "ttft_ms", 10.5, true, -38.0, 59.0, Verdict::NoSignificantDifference}};
    const SvgChart svg = renderForestChartSvg(spec, "Difference <&>", "%");
    EXPECT_EQ(count(svg.svg, "<circle"), 2u);
    EXPECT_NE(svg.svg.find("Difference &lt;&amp;&gt;"), std::string::npos);
    EXPECT_NE(svg.svg.find("-39.2% (worse)"), std::string::npos);
    EXPECT_NE(svg.svg.find("+10.5% (no significant difference)"), std::string::npos);
    // The axis is symmetric around 0 and spans the widest interval (59 -> a nice 60 or 100).
    EXPECT_NE(svg.svg.find(">0</text>"), std::string::npos);
    EXPECT_EQ(renderForestChartSvg(spec, "Difference <&>", "%").svg, svg.svg); // deterministic
}

TEST(SvgCharts, SweepLinesOnePathPerSeriesSkippingMissingLevels)
{
    // Two levels; series "b=x" has both points (20 ± 1, 30 ± 2), "b=y" only the first (25, no error bar).
    const double nan = std::numeric_limits<double>::quiet_NaN();
    charts::SweepLevelsSpec spec;
    spec.levels = {"1", "2"};
    spec.series = {{"b=x", {20, 30}, {1, 2}}, {"b=y", {25, nan}, {0, 0}}};
    const std::string svg = renderLineChartSvg(spec, "Sweep <m>", "a", "mean throughput (tok/s)").svg;
    EXPECT_EQ(count(svg, "<path "), 2u); // one line per series
    EXPECT_EQ(count(svg, "<circle"), 3u); // the NaN level draws nothing
    // 2 error bars of 3 lines, the axis and 5 grid lines: the top 32 (30 + 2) in at most 5 steps is 0 … 40 by 10.
    EXPECT_EQ(count(svg, "<line "), 3u * 2 + 1 + 5);
    EXPECT_NE(svg.find(">40</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find("Sweep &lt;m&gt;"), std::string::npos);
    EXPECT_NE(svg.find(">b=y</text>"), std::string::npos);
}
