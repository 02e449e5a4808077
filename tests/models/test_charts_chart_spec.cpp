// Chart specs (models/charts): what each chart draws, checked against the Dataset by independent loops. No display.
#include "models/charts/chart_spec.h"
#include "tests/support/loaded_folder.h"
#include "tests/support/test_paths.h"

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace benchlens;

namespace {
const test::Loaded& sample()
{
    static const test::Loaded loaded = test::loadFolder(test::sampleDir());
    return loaded;
}
} // namespace

TEST(ChartSpec, ThroughputBarsAreMeansSortedWithErrorBarsAndFailuresApart)
{
    const Dataset& ds = *sample().dataset;
    const auto metric = ds.findMetric("throughput_tok_s");
    ASSERT_TRUE(metric);
    // Mean and standard deviation per variant, computed here.
    std::map<uint32_t, std::vector<double>> values;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        if (ds.samples.metric[s] == metric->value)
            values[ds.samples.variant[s]].push_back(ds.samples.value[s]);
    }
    const auto spec = charts::meanBars(ds, *sample().analysis, metric, charts::ErrorKind::StdDev);
    ASSERT_EQ(spec.bars.size(), std::min<size_t>(30, values.size()));
    EXPECT_EQ(spec.unit, "tok/s");
    for (size_t i = 0; i < spec.bars.size(); ++i) {
        const auto& b = spec.bars[i];
        const auto& v = values.at(b.variant);
        double sum = 0;
        for (const double x : v)
            sum += x;
        const double mean = sum / static_cast<double>(v.size());
        double ss = 0;
        for (const double x : v)
            ss += (x - mean) * (x - mean);
        const double sd = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0;
        EXPECT_NEAR(b.value, mean, 1e-9);
        EXPECT_NEAR(b.high - b.low, 2 * sd, 1e-9);
        EXPECT_GT(b.value, 0); // a failure is never a zero bar
        if (i > 0) {
            EXPECT_GE(spec.bars[i - 1].value, b.value);
        }
    }
    // Variants where every observation failed are listed apart, not drawn.
    for (const auto& f : spec.allFailed) {
        EXPECT_EQ(ds.variants[f.variant].observations, 0U);
        EXPECT_GT(f.failed, 0U);
        EXPECT_EQ(values.count(f.variant), 0U);
    }
    // The 95% CI is narrower than ±1 sd for n = 3 only when t * sd / sqrt(3) < sd, i.e. never (t(2) = 4.30): wider.
    const auto ci = charts::meanBars(ds, *sample().analysis, metric, charts::ErrorKind::Ci95);
    ASSERT_FALSE(ci.bars.empty());
    EXPECT_GT(ci.maxValue, 0);
    // Filtering by a variant mask keeps only those variants.
    std::vector<char> include(ds.variants.size(), 0);
    include[spec.bars.front().variant] = 1;
    const auto one = charts::meanBars(ds, *sample().analysis, metric, charts::ErrorKind::StdDev, include);
    ASSERT_EQ(one.bars.size(), 1U);
    EXPECT_EQ(one.bars.front().variant, spec.bars.front().variant);
}

TEST(ChartSpec, BoxesHoldQuartilesAndTukeyWhiskers)
{
    const Dataset& ds = *sample().dataset;
    const auto ttft = ds.findMetric("ttft_ms");
    const auto spec = charts::boxes(ds, *sample().analysis, ttft);
    ASSERT_FALSE(spec.boxes.empty());
    for (const auto& b : spec.boxes) {
        EXPECT_LE(b.min, b.lowWhisker);
        EXPECT_LE(b.lowWhisker, b.q1);
        EXPECT_LE(b.q1, b.median);
        EXPECT_LE(b.median, b.q3);
        EXPECT_LE(b.q3, b.highWhisker);
        EXPECT_LE(b.highWhisker, b.max);
        EXPECT_LE(b.outliers.size(), b.n);
    }
    // The sample's cold starts (first TTFT > 3x the median) make outliers.
    size_t outliers = 0;
    for (const auto& b : spec.boxes)
        outliers += b.outliers.size();
    EXPECT_GT(outliers, 0U);
    EXPECT_LT(spec.maxWhisker, spec.maxValue);
}

TEST(ChartSpec, ScatterPairsTheMetricsOfOneObservation)
{
    const Dataset& ds = *sample().dataset;
    const auto ttft = ds.findMetric("ttft_ms");
    const auto tput = ds.findMetric("throughput_tok_s");
    // Observations (file, record) that have both metrics.
    std::set<std::pair<uint32_t, uint32_t>> x, y;
    std::set<std::string> models;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        const auto key = std::pair(ds.samples.file[s], ds.samples.record[s]);
        if (MetricIndex(ds.samples.metric[s]) == ttft)
            x.insert(key);
        if (MetricIndex(ds.samples.metric[s]) == tput)
            y.insert(key);
    }
    size_t both = 0;
    for (const auto& k : x)
        both += y.count(k);
    const auto spec = charts::scatter(ds, ttft, tput);
    EXPECT_EQ(spec.points, both);
    EXPECT_GT(both, 0U);
    size_t points = 0;
    for (const auto& s : spec.series) {
        points += s.x.size();
        for (size_t i = 0; i < s.x.size(); ++i) {
            EXPECT_DOUBLE_EQ(s.y[i], ds.samples.value[s.sample[i]]);
            EXPECT_DOUBLE_EQ(s.x[i], ds.samples.value[s.xSample[i]]);
            EXPECT_EQ(ds.samples.file[s.sample[i]], ds.samples.file[s.xSample[i]]);
            EXPECT_EQ(ds.variants[ds.samples.variant[s.sample[i]]].model, s.name);
        }
    }
    EXPECT_EQ(points, both);
}

TEST(ChartSpec, SweepHasOneLinePerSecondParameterValue)
{
    const Dataset& ds = *sample().dataset;
    const std::string model = "llama3.2:3b-instruct-q4_K_M";
    const auto params = charts::sweepParameters(ds, model);
    EXPECT_NE(std::find(params.begin(), params.end(), "num_ctx"), params.end());
    EXPECT_NE(std::find(params.begin(), params.end(), "num_gpu"), params.end());
    const auto tput = ds.findMetric("throughput_tok_s");
    const auto spec = charts::sweep(ds, model, tput, "num_ctx", "num_gpu");
    // Distinct values, from the variants' configurations.
    std::set<std::string> gpus;
    std::set<std::string> ctxs;
    for (const auto& v : ds.variants) {
        if (v.model != model)
            continue;
        std::string gpu, ctx;
        for (const auto& [k, value] : v.config) {
            if (k == "num_gpu")
                gpu = value;
            if (k == "num_ctx")
                ctx = value;
        }
        if (!gpu.empty() && !ctx.empty()) {
            gpus.insert(gpu);
            ctxs.insert(ctx);
        }
    }
    ASSERT_EQ(spec.series.size(), gpus.size());
    for (const auto& s : spec.series) {
        EXPECT_EQ(s.x.size(), ctxs.size()) << s.name;
        for (size_t i = 1; i < s.x.size(); ++i)
            EXPECT_LT(s.x[i - 1], s.x[i]);
    }
    EXPECT_EQ(spec.series.front().name, "num_gpu=20"); // numeric order, not text order
    EXPECT_EQ(spec.series.back().name, "num_gpu=999");
}

TEST(ChartSpec, ScatterIsCappedByStrideAndSaysSo)
{
    const Dataset& ds = *sample().dataset;
    const auto ttft = ds.findMetric("ttft_ms");
    const auto tput = ds.findMetric("throughput_tok_s");
    const auto all = charts::scatter(ds, ttft, tput);
    ASSERT_GT(all.points, 20U);
    const auto capped = charts::scatter(ds, ttft, tput, {}, 20);
    EXPECT_EQ(capped.points, all.points);
    EXPECT_GT(capped.stride, 1U);
    EXPECT_LE(capped.shown, 20U + capped.series.size());
    size_t drawn = 0;
    for (size_t s = 0; s < capped.series.size(); ++s) {
        drawn += capped.series[s].x.size();
        // Every stride-th point of each model, starting with the first.
        for (size_t i = 0; i < capped.series[s].x.size(); ++i)
            EXPECT_EQ(capped.series[s].sample[i], all.series[s].sample[i * capped.stride]);
    }
    EXPECT_EQ(drawn, capped.shown);
    EXPECT_DOUBLE_EQ(capped.xMax, all.xMax); // axes still cover every observation
}
