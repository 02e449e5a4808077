#pragma once

#include "models/data/metric_catalog.h"
#include "models/stats/pareto.h"
#include "models/stats/statistics.h"
#include "models/util/result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace benchlens {

struct Dataset;
struct Analysis;

// Sweep analysis of one model whose variants differ in configuration (num_gpu, num_ctx, temperature, ...): fed by a
// Dataset and its Analysis, it ranks the configurations per metric, finds the throughput/TTFT Pareto front and
// measures how much of each metric's variance each varying parameter explains. Pure functions, no Qt types.

// One configuration of the model: a variant with at least one sample left after exclusions.
struct SweepConfig
{
    uint32_t variant = 0; // index into Dataset::variants
    // The varying parameters only (keys of SweepAnalysis::parameters), in that order; nullopt where this variant
    // does not set the parameter (a baseline run beside a sweep).
    std::vector<std::optional<std::string>> values;
};

struct SweepRankRow
{
    uint32_t config = 0; // index into SweepAnalysis::configs
    Summary summary; // of the metric's samples of this configuration, exclusions removed
};

struct SweepRanking
{
    uint32_t metric = 0; // index into Dataset::metrics
    Better direction = Better::None; // None: ranked by mean ascending
    std::vector<SweepRankRow> rows; // best mean first; ties keep variant order
};

struct EffectLevel
{
    std::string value;
    size_t n = 0; // samples at this value
    double mean = 0; // mean of those samples
    size_t configs = 0; // configurations at this value
};

// The effect of one parameter on one metric: one-way grouping of the samples by the parameter's value.
// etaSquared = SS_between / SS_total over the samples (each sample weighs 1); etaSquaredOfConfigMeans is the same
// ratio over the configurations' means (each configuration weighs 1, whatever its n). Both are nullopt when the
// total sum of squares is 0 (all values equal) or there are fewer than two levels.
// Samples of configurations that do not set the parameter are left out (counted in `unsetSamples`).
struct ParameterEffect
{
    uint32_t metric = 0; // index into Dataset::metrics
    uint32_t parameter = 0; // index into SweepAnalysis::parameters
    std::vector<EffectLevel> levels; // numeric values ascending when all are numbers, else text order
    std::optional<double> etaSquared;
    std::optional<double> etaSquaredOfConfigMeans;
    size_t unsetSamples = 0;
};

struct SweepAnalysis
{
    std::string model;
    std::vector<std::string> parameters; // configuration keys with more than one distinct value (unset counts as one)
    std::vector<std::pair<std::string, std::string>> fixed; // keys every configuration sets to the same value
    std::vector<SweepConfig> configs; // in Dataset::variants order
    std::vector<SweepRanking> rankings; // in Dataset::metrics order (catalog metrics first)
    std::vector<ParetoPoint> pareto; // ids are configs; front first, each part by throughput descending
    std::vector<ParameterEffect> effects; // by metric, then parameter; none where no level has samples
    size_t excludedSamples = 0; // samples of the model removed by the caller's exclusion list
    // A parameter measured in an order that confounds it (stats/run_order.h), in a file holding the model's
    // configurations: one sentence each (describeOrderConfound), by file.
    std::vector<std::string> orderWarnings;
};

// The configuration keys of `variants` (indices into Dataset::variants), split in two. A key varies when the
// variants hold more than one distinct value of it, not setting it counting as one more value; otherwise every
// variant sets it to the same value and it is fixed. Keys in text order. Used by analyzeSweep (its parameters and
// fixed keys) and by the window's sweep chart (charts::sweepParameters: the varying keys with two numbers at least).
struct SweptParameters
{
    std::vector<std::string> varying;
    std::vector<size_t> distinctNumbers; // per varying key: how many distinct numeric values (parseNumber) it takes
    std::vector<std::pair<std::string, std::string>> fixed;
};
SweptParameters sweptParameters(const Dataset& dataset, std::span<const uint32_t> variants);

// The distinct non-empty model names of the dataset's variants, sorted.
std::vector<std::string> sweepModels(const Dataset& dataset);

// Sweep analysis of `model` (exact Variant::model). `analysis` must come from analyze(dataset): its per
// (variant, metric) sample lists are used. `excludedSamples` are indices into Dataset::samples to leave out
// (cold starts), in any order. `metricId`, when not empty, restricts rankings and effects to that metric (the Pareto
// front still uses throughput_tok_s and ttft_ms). Fails with a message for an unknown model (listing the models)
// or an unknown metric id.
Result<SweepAnalysis> analyzeSweep(const Dataset& dataset, const Analysis& analysis, std::string_view model,
    std::span<const uint32_t> excludedSamples = {}, std::string_view metricId = {});

// Eta squared of a one-way grouping: SS_between / SS_total, in [0, 1]. `groups` holds the values of each group;
// nullopt when all values are equal (SS_total 0) or fewer than two groups are non-empty.
std::optional<double> etaSquared(const std::vector<std::vector<double>>& groups);

} // namespace benchlens
