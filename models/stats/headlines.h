#pragma once

#include "models/data/indices.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace benchlens {

struct Analysis;
struct Dataset;
struct MetricStats;
struct Summary;
enum class Statistic;

// "1 file", "2 files": a count with the singular or plural noun (English), as the report and the Overview write it.
std::string plural(size_t n, const char* one, const char* many);

// What a folder holds, counted once for the Executive Summary's first line and the window's Overview.
struct FolderTotals
{
    size_t models = 0; // distinct model names of the variants
    size_t modelsMeasured = 0; // of those, the models of variants with at least one successful observation
    size_t variants = 0; // every variant (also those known from reported values only)
    size_t variantsMeasured = 0; // with at least one successful observation
    size_t variantsFailing = 0; // with at least one failed observation
    uint64_t successful = 0; // observations
    uint64_t failed = 0; // observations
    size_t notUnderstood = 0; // files with numbers none of which was read (FileStatus::NotUnderstood)
    size_t warnings = 0; // diagnostics other than Severity::Info (warnings and errors)
};
FolderTotals folderTotals(const Dataset& dataset);

// The headline ranking of one metric as data: the Executive Summary writes it as sentences ("Highest mean throughput
// of the N variants measured at least 3 times: ..."), the window's Overview links it. Only variants measured at least
// kMinSamplesForHeadline (stats/findings.h) times are ranked: one value is no ranking.
struct HeadlineRanking
{
    size_t measured = 0; // variants with statistics of the metric (0 when the metric is absent)
    size_t mostRepeated = 0; // the largest n among them
    std::vector<const MetricStats*> ranked; // n >= kMinSamplesForHeadline, best first; ties in Analysis order
};

// Highest mean first (throughput). Pointers into `analysis`.
HeadlineRanking rankByHighestMean(const Analysis& analysis, std::optional<MetricIndex> metric);
// Lowest median first (time to first token). Pointers into `analysis`.
HeadlineRanking rankByLowestMedian(const Analysis& analysis, std::optional<MetricIndex> metric);

// Whether the 95% CIs of `statistic` (Mean or Median) of the leader and its runner-up overlap: the lead is within the
// noise. False without a runner-up or without both intervals.
bool leadWithinNoise(const MetricStats& best, const MetricStats* runnerUp, Statistic statistic);

// "n=5, 95% CI of the mean 1.00–2.00" (the interval of `statistic`: Mean or Median; numbers by formatValue) or "a
// single value, n=1": how a headline states its uncertainty, in the report and the window alike.
std::string sampleSizeText(const Summary& summary, Statistic statistic);

} // namespace benchlens
