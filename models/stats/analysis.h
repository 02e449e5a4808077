#pragma once

#include "models/data/indices.h"
#include "models/stats/statistics.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace benchlens {

struct Dataset;

// Statistics of every (variant, metric) pair that has samples, computed once from a Dataset.
struct MetricStats
{
    uint32_t variant = 0;
    uint32_t metric = 0;
    Summary summary;
    std::vector<uint32_t> samples; // indices into Dataset::samples, in file/record order
};

struct Analysis
{
    std::vector<MetricStats> stats; // sorted by variant, then metric
    const MetricStats* find(uint32_t variant, uint32_t metric) const;
};

// Every variant's statistics of one metric (index into Dataset::metrics), in Analysis order; none for a negative one.
std::vector<const MetricStats*> statsOfMetric(const Analysis& analysis, std::optional<MetricIndex> metric);

// `excludedSamples` (sorted indices into Dataset::samples): observations set aside (cold starts, near-empty replies).
Analysis analyze(const Dataset& dataset, std::span<const uint32_t> excludedSamples = {});

// A first observation that is an outlier because the model was loading: in one file and variant with at least three
// TTFT samples, the first TTFT is more than kColdStartFactor times the median of the others and above all of them.
constexpr double kColdStartFactor = 3;
struct ColdStart
{
    uint32_t variant = 0;
    uint32_t metric = 0;
    uint32_t file = 0;
    uint32_t sample = 0; // index into Dataset::samples
    double firstValue = 0;
    double restMin = 0;
    double restMax = 0;
    double restMedian = 0;
};
std::vector<ColdStart> detectColdStarts(const Dataset& dataset);

} // namespace benchlens
