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

// An observation that measured a model load rather than inference. Two causes:
// - FirstPrompt: in one file and variant with at least three TTFT samples, the first TTFT is more than
//   kColdStartFactor times the median of the others and above all of them (files without a load time);
// - Reload: the observation states its model load time (load_ms), the load is more than kReloadLoadShare of its TTFT
//   (of its latency where it has no TTFT) and more than kReloadFactor times the median load of every observation of
//   the same model in the folder. This finds the first row after a configuration change in a sweep, the first run of
//   a run folder, and every call of a folder whose model was reloaded each time, wherever they are.
// An observation both rules find is listed once, as a Reload.
constexpr double kColdStartFactor = 3;
constexpr double kReloadLoadShare = 0.5;
constexpr double kReloadFactor = 5;
struct ColdStart
{
    enum class Cause
    {
        FirstPrompt,
        Reload
    };
    Cause cause = Cause::FirstPrompt;
    uint32_t variant = 0;
    uint32_t metric = 0; // ttft_ms (Reload: latency_ms where the observation has no TTFT)
    uint32_t file = 0;
    uint32_t sample = 0; // index into Dataset::samples: the sample of `metric`
    double firstValue = 0; // the flagged observation's value of `metric`
    double restMin = 0; // FirstPrompt: the file/variant's other TTFTs
    double restMax = 0;
    double restMedian = 0;
    double loadMs = 0; // Reload: the observation's load time
    double medianLoadMs = 0; // Reload: the median load of the model's observations in the folder
};
// Sorted by file, variant, then record.
std::vector<ColdStart> detectColdStarts(const Dataset& dataset);

} // namespace benchlens
