#pragma once

#include "models/stats/analysis.h"
#include "models/stats/run_order.h"
#include "models/stats/statistics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace benchlens {

struct Dataset;

// The checks behind the report's Key Findings, as data: what each finding is about, its numbers, the files and
// samples behind it and the threshold it crossed. No prose here: the report (models/report/sections/findings.cpp)
// writes the sentences, and the window can list the same values.

// High variance: a variant's throughput whose coefficient of variation exceeds this (0.10 = 10%), over at least
// kMinSamplesForSpread samples (with fewer, a CV says little).
constexpr double kHighVarianceCv = 0.10;
constexpr size_t kMinSamplesForSpread = 3;
// Best configuration: with fewer samples than this on either side, the margin over the runner-up cannot be told
// from noise.
constexpr size_t kMinSamplesForMargin = 3;

enum class FindingKind
{
    ColdStart, // an observation that measured a model load (detectColdStarts: a first TTFT outlier or a reload)
    RunOrder, // a parameter confounded with the order of measurement in a file (detectOrderConfounds)
    BestConfiguration, // per model with two or more configurations with throughput: the best mean and its margin
    HighVariance, // throughput CV above kHighVarianceCv
    Failures, // a variant with failed observations
    ReportedDisagreement, // an aggregate a file reports that its samples do not give (a "differs from" diagnostic)
    SingleSample, // a variant whose throughput is one sample
    MissingTelemetry, // a kind of measurement the folder holds none of
};
const char* findingKindName(FindingKind kind); // "cold_start", "best_configuration", ...

// BestConfiguration: why the margin may not mean much.
enum class MarginCaveat
{
    None,
    FewSamples, // n < kMinSamplesForMargin on either side
    OverlappingIntervals, // the best's 95% CI low end is at or below the runner-up's high end
};

struct BestConfiguration
{
    std::string model;
    size_t configurations = 0; // of this model, with throughput samples
    uint32_t runnerUp = 0; // variant index; the best is Finding::variant
    Summary best; // throughput of the best
    Summary second; // throughput of the runner-up
    double marginPct = 0; // 100 * (best mean / runner-up mean - 1); 0 when the runner-up's mean is 0
    MarginCaveat caveat = MarginCaveat::None;
};

struct FailedObservations
{
    uint64_t failed = 0;
    uint64_t observations = 0; // failed + successful
};

struct ReportedDisagreement
{
    uint32_t diagnostic = 0; // index into Dataset::diagnostics
};

enum class Telemetry
{
    Latency, // neither latency_p99_ms nor ttft_ms: no per-request latency
    Memory, // no metric whose id names memory or VRAM
    TimeToFirstToken, // no ttft_ms
};

struct Finding
{
    FindingKind kind = FindingKind::ColdStart;
    std::optional<uint32_t> variant; // the variant it is about (BestConfiguration: the best one)
    std::optional<uint32_t> metric; // the metric it is about
    std::vector<uint32_t> files; // the files behind it, sorted, each once (indices into Dataset::files)
    std::vector<uint32_t> samples; // the samples behind it (indices into Dataset::samples); Failures: none
    std::optional<double> threshold; // ColdStart: kColdStartFactor (a reload: kReloadFactor); HighVariance:
                                     // kHighVarianceCv; BestConfiguration: kMinSamplesForMargin
    // The numbers, by kind: ColdStart, RunOrder (OrderConfound), BestConfiguration, HighVariance (the throughput
    // Summary), Failures, ReportedDisagreement, SingleSample (the Summary, n = 1), MissingTelemetry.
    std::variant<ColdStart, BestConfiguration, Summary, FailedObservations, ReportedDisagreement, Telemetry,
        OrderConfound>
        detail;
};

// Every finding of the dataset, in the report's order: cold starts (by file, then variant), run order (by file, then
// parameter), best configurations (by
// model name), high variance and failures (by variant), reported disagreements (diagnostic order), single samples
// (by variant), missing telemetry (in Telemetry's order). `analysis` is the dataset's statistics (with whatever
// exclusions the caller chose); throughput is `throughput_tok_s`, TTFT `ttft_ms`. Never fails: a dataset without those
// metrics gives fewer findings.
std::vector<Finding> computeFindings(const Dataset& dataset, const Analysis& analysis);

} // namespace benchlens
