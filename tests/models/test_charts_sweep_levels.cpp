// The report's sweep figure data (charts/sweep_levels.h) from a hand-made SweepAnalysis. Configurations (a, b) and
// their throughput summaries, ranked best first: (2, x) 30 ± 2 n=3, (1, y) 25 n=1, (1, x) 20 ± 1 n=2, (2, unset) 18.
// Effects: a explains more (eta² 0.6) than b (0.1), so a is on the x axis and b makes the series.
#include "models/charts/sweep_levels.h"
#include "models/data/dataset.h"
#include "models/stats/sweep.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace benchlens;

namespace {

SweepAnalysis handMade()
{
    SweepAnalysis s;
    s.model = "m";
    s.parameters = {"a", "b"};
    s.configs = {{0, {"1", "x"}}, {1, {"1", "y"}}, {2, {"2", "x"}}, {3, {"2", std::nullopt}}};
    const auto summary = [](double mean, size_t n, double stddev) {
        Summary x;
        x.mean = mean;
        x.n = n;
        x.stddev = stddev;
        return x;
    };
    SweepRanking r;
    r.metric = 0;
    r.direction = Better::Higher;
    r.rows = {{2, summary(30, 3, 2)}, {1, summary(25, 1, 0)}, {0, summary(20, 2, 1)}, {3, summary(18, 1, 0)}};
    s.rankings = {r};
    ParameterEffect a;
    a.metric = 0;
    a.parameter = 0;
    a.levels = {{"1", 3, 21.7, 2}, {"2", 4, 27, 2}};
    a.etaSquared = 0.6;
    ParameterEffect b;
    b.metric = 0;
    b.parameter = 1;
    b.levels = {{"x", 5, 26, 2}, {"y", 1, 25, 1}};
    b.etaSquared = 0.1;
    s.effects = {b, a};
    return s;
}

Dataset metrics()
{
    Dataset ds;
    ds.metrics = {{"throughput_tok_s", "tok/s", std::nullopt}};
    return ds;
}

} // namespace

TEST(ChartsSweepLevels, LargestEffectOnXOtherParametersAsSeries)
{
    const Dataset ds = metrics();
    const auto spec = charts::sweepLevels(ds, handMade(), 0);
    EXPECT_EQ(spec.model, "m");
    EXPECT_EQ(spec.metric, "throughput_tok_s");
    EXPECT_EQ(spec.unit, "tok/s");
    EXPECT_EQ(spec.parameter, "a");
    ASSERT_TRUE(spec.etaSquared);
    EXPECT_DOUBLE_EQ(*spec.etaSquared, 0.6);
    EXPECT_EQ(spec.levels, (std::vector<std::string> {"1", "2"}));
    // Series by label: b=unset (only at a=2), b=x (both levels), b=y (only at a=1).
    ASSERT_EQ(spec.series.size(), 3u);
    EXPECT_EQ(spec.combinations, 3u);
    EXPECT_EQ(spec.series[0].label, "b=unset");
    EXPECT_TRUE(std::isnan(spec.series[0].mean[0]));
    EXPECT_DOUBLE_EQ(spec.series[0].mean[1], 18);
    EXPECT_EQ(spec.series[1].label, "b=x");
    EXPECT_DOUBLE_EQ(spec.series[1].mean[0], 20);
    EXPECT_DOUBLE_EQ(spec.series[1].stddev[0], 1);
    EXPECT_DOUBLE_EQ(spec.series[1].mean[1], 30);
    EXPECT_DOUBLE_EQ(spec.series[1].stddev[1], 2);
    EXPECT_EQ(spec.series[2].label, "b=y");
    EXPECT_DOUBLE_EQ(spec.series[2].mean[0], 25);
    EXPECT_DOUBLE_EQ(spec.series[2].stddev[0], 0); // n = 1
    EXPECT_TRUE(std::isnan(spec.series[2].mean[1]));
}

TEST(ChartsSweepLevels, SeriesBeyondTheCapAreCountedNotDrawn)
{
    const Dataset ds = metrics();
    // Ranking order meets b=x first (config 2), then b=y: with a cap of 1 only b=x is drawn.
    const auto spec = charts::sweepLevels(ds, handMade(), 0, 1);
    ASSERT_EQ(spec.series.size(), 1u);
    EXPECT_EQ(spec.series[0].label, "b=x");
    EXPECT_EQ(spec.combinations, 3u);
}

TEST(ChartsSweepLevels, EmptyWithoutARankingOrTwoLevels)
{
    const Dataset ds = metrics();
    EXPECT_TRUE(charts::sweepLevels(ds, handMade(), 1).series.empty()); // no such metric
    SweepAnalysis one = handMade();
    for (auto& e : one.effects)
        e.levels.resize(1);
    EXPECT_TRUE(charts::sweepLevels(ds, one, 0).series.empty());
}
