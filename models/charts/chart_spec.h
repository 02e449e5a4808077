#pragma once

#include "models/data/indices.h"
#include "models/stats/box_summary.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace benchlens {

struct Dataset;
struct Analysis;
enum class MetricKind; // data/metric_catalog.h

// Plain descriptions of the GUI's charts, built from a Dataset and its Analysis: what to draw, with the sample or
// variant behind every mark. No Qt Charts here (ui/charts turns specs into QCharts), so tests need no display.
// `include` is a per-variant mask (empty = every variant) coming from the current filter.
namespace charts {

enum class ErrorKind
{
    StdDev, // mean ± sample standard deviation
    Ci95 // the 95% confidence interval of the mean (Student's t)
};

struct Bar
{
    uint32_t variant = 0;
    std::string label; // the variant id
    double value = 0; // mean
    double low = 0; // error bar ends
    double high = 0;
    double stddev = 0; // sample standard deviation, 0 for n < 2 (the "± x" of a StdDev chart)
    size_t n = 0;
    uint32_t failed = 0;
};

struct FailedVariant
{
    uint32_t variant = 0;
    std::string label;
    uint32_t failed = 0;
};

// Mean of a metric per variant with an error bar, best first (highest mean first).
struct BarChartSpec
{
    std::string metric;
    std::string unit;
    ErrorKind error = ErrorKind::StdDev;
    std::vector<Bar> bars;
    std::vector<FailedVariant> allFailed; // variants whose every observation failed: not drawn as zero
    size_t omitted = 0; // variants left out beyond maxBars
    double maxValue = 0; // largest bar end (value or error bar)
};
BarChartSpec meanBars(const Dataset& ds, const Analysis& analysis, std::optional<MetricIndex> metric, ErrorKind error,
    const std::vector<char>& include = {}, size_t maxBars = 30);

// One box: the variant's observations summarized by boxSummary (stats/box_summary.h).
struct Box : BoxSummary
{
    std::optional<VariantIndex> variant; // none for a box over several variants (a compare side)
    std::string label;
};
// Distribution of a metric per variant, lowest median first.
struct BoxChartSpec
{
    std::string metric;
    std::string unit;
    std::vector<Box> boxes;
    size_t omitted = 0;
    double minValue = 0, maxValue = 0; // over all observations
    double maxWhisker = 0; // the highest whisker end: a y range that shows the boxes
};
BoxChartSpec boxes(const Dataset& ds, const Analysis& analysis, std::optional<MetricIndex> metric,
    const std::vector<char>& include = {}, size_t maxBoxes = 30);

// Percentiles that files report for a metric (p50/p95/p99 aggregates, or per-record latency_pXX_ms columns,
// averaged per variant). A missing percentile is NaN.
struct PercentileRow
{
    uint32_t variant = 0;
    std::string label;
    double p50, p95, p99;
    std::string source; // first file the values come from
};
struct PercentileChartSpec
{
    std::string metric;
    std::string unit;
    std::vector<PercentileRow> rows;
    size_t omitted = 0;
    double maxValue = 0;
};
PercentileChartSpec reportedPercentiles(
    const Dataset& ds, std::optional<MetricIndex> metric, const std::vector<char>& include = {}, size_t maxRows = 30);
// Metrics for which some file reports percentiles.
std::vector<MetricIndex> metricsWithPercentiles(const Dataset& ds);

// One point per observation that has both metrics (the same file and record), one series per model.
struct ScatterSeries
{
    std::string name; // model ("(no model)" when none)
    std::vector<double> x, y;
    std::vector<uint32_t> sample; // the y metric's sample index per point
    std::vector<uint32_t> xSample;
};
struct ScatterSpec
{
    std::string xMetric, xUnit, yMetric, yUnit;
    std::vector<ScatterSeries> series;
    double xMax = 0, yMax = 0; // over all observations, drawn or not
    size_t points = 0; // observations with both metrics
    size_t shown = 0; // points in the series (every stride-th observation of each model when capped)
    size_t stride = 1;
};
// `maxPoints` caps the points drawn (0: no cap) by keeping every stride-th observation of each model: Qt Charts
// draws a scatter point as one graphics item, so 100 000 of them would freeze the window.
ScatterSpec scatter(const Dataset& ds, std::optional<MetricIndex> xMetric, std::optional<MetricIndex> yMetric,
    const std::vector<char>& include = {}, size_t maxPoints = 0);

// A metric against a numeric configuration parameter for one model, one line per value of a second parameter
// (all variants in one line when seriesParam is empty). Each point is the mean of the samples at that setting.
struct SweepSeries
{
    std::string name; // "num_gpu=40"
    std::vector<double> x, y;
    std::vector<size_t> n; // samples behind each point
    std::vector<std::optional<VariantIndex>> variant; // the variant behind each point; none when several are averaged
};
struct SweepSpec
{
    std::string model, metric, unit, xParam, seriesParam;
    std::vector<SweepSeries> series;
    double xMin = 0, xMax = 0, yMax = 0;
    size_t points = 0;
};
SweepSpec sweep(const Dataset& ds, const std::string& model, std::optional<MetricIndex> metric,
    const std::string& xParam, const std::string& seriesParam, const std::vector<char>& include = {});

// Configuration keys of a model's measured variants (with observations; with samples of `metric` when given) that
// take at least two numeric values (the swept parameters).
std::vector<std::string> sweepParameters(
    const Dataset& ds, const std::string& model, std::optional<MetricIndex> metric = std::nullopt);
// Models that have samples of `metric`, by sample count (most first).
std::vector<std::string> modelsWithSamples(const Dataset& ds, std::optional<MetricIndex> metric);
// Metrics of a MetricKind that have samples, in Dataset order; the preferred id first when present.
std::vector<MetricIndex> metricsOfKind(const Dataset& ds, MetricKind kind, const std::string& preferred = {});

} // namespace charts
} // namespace benchlens
