#pragma once

#include "models/data/indices.h"
#include "models/stats/two_sample_tests.h"
#include "models/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

struct Dataset;

// Baseline-vs-candidate comparison over a Dataset: what a selector picks, which samples are set aside, and the
// per-metric statistics of two_sample_tests.h. Used by `benchlens compare`, the GUI's Compare view and the report.

// The samples a selector (stats/selector.h) picks: a variant id, a run id, or key=value terms such as
// "model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv".
struct Selection
{
    std::string selector;
    std::vector<uint32_t> variants; // the variants with samples in the selection, sorted
    std::vector<RunIndex> runs; // sorted
    std::vector<uint32_t> samples; // indices into Dataset::samples
};
Result<Selection> selectSamples(const Dataset& dataset, std::string_view selector);

struct ExclusionOptions
{
    bool coldStarts = false; // drop the first observation of a file/variant flagged as a cold start
    bool shortReplies = false; // drop observations that generated fewer than shortReplyTokens tokens
    double shortReplyTokens = 10;
};

// A sample set aside or worth a look: why, and whether it was excluded.
struct FlaggedObservation
{
    enum class Kind
    {
        ColdStart,
        ShortReply
    };
    Kind kind = Kind::ColdStart;
    uint32_t file = 0;
    uint32_t record = 0;
    uint32_t variant = 0;
    std::string reason; // "cold start: TTFT 2319 ms vs median 98 ms of the rest", "near-empty reply: 3 tokens"
    bool excluded = false;
};

// Observations that cannot carry a metric honestly (cold starts, near-empty replies), each marked excluded or not
// according to the options; and the samples of the excluded ones (sorted), for any statistic that sets them aside.
std::vector<FlaggedObservation> flagObservations(const Dataset& dataset, const ExclusionOptions& exclusions);
std::vector<uint32_t> excludedSamples(const Dataset& dataset, const std::vector<FlaggedObservation>& flagged);

struct CandidateComparison
{
    Selection selection;
    std::vector<std::pair<std::string, std::string>> differingConfig; // key -> "baseline value -> candidate value"
    struct Metric
    {
        uint32_t metric = 0; // index into Dataset::metrics
        MetricComparison comparison;
        // What a file of the same run states for this difference (the agent's "delta"), and whether it disagrees
        // with the recomputed difference by more than half a percentage point.
        std::optional<double> statedDiffPct;
        std::string statedSource; // "file (locator)"
        bool statedDisagrees = false;
    };
    std::vector<Metric> metrics;
};

struct DatasetComparison
{
    Selection baseline;
    std::vector<CandidateComparison> candidates;
    std::vector<FlaggedObservation> flagged;
    std::vector<std::string> warnings; // comparability: overlapping selections, different prompt counts, ...
    CompareOptions options;
    ExclusionOptions exclusions;
};

// Baseline/candidate selector pairs that files state themselves (the agent's metrics.json with baseline, chimera and
// delta sections): one pair per such file, restricted to its run. For `benchlens compare DIR` without --baseline.
std::vector<std::pair<std::string, std::string>> statedComparisonSelectors(const Dataset& dataset);

// `metricIds` empty: every metric with samples on both sides.
Result<DatasetComparison> compareSelections(const Dataset& dataset, std::string_view baseline,
    const std::vector<std::string>& candidates, const std::vector<std::string>& metricIds,
    const CompareOptions& options = {}, const ExclusionOptions& exclusions = {});

} // namespace benchlens
