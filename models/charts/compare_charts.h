#pragma once

#include "models/charts/chart_spec.h"
#include "models/stats/pareto.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace benchlens {

struct Dataset;
struct DatasetComparison;
enum class Verdict; // stats/two_sample_tests.h

// Plain descriptions of the Compare view's charts, built from a DatasetComparison (stats/dataset_comparison.h).
namespace charts {

// Forest plot: the Hodges-Lehmann shift of each compared metric with its 95% CI (the interval the verdict is read
// from), both in percent of the baseline median, coloured by verdict. One point per (candidate, metric) with a
// baseline median other than 0.
struct ForestPoint
{
    uint32_t candidate = 0; // index into DatasetComparison::candidates
    uint32_t metric = 0; // index into Dataset::metrics
    std::string label; // metric id ("metric · candidate" when several candidates)
    double diffPct = 0; // the shift in % of |baseline median|
    bool hasCi = false;
    double ciLowPct = 0, ciHighPct = 0; // the CI of the shift in % of |baseline median|, low first
    Verdict verdict {}; // Verdict::Better until set
};
struct ForestSpec
{
    std::vector<ForestPoint> points; // in the comparison's order
    std::vector<std::string> skipped; // labels of metrics whose baseline mean is 0 (no relative difference)
    double minPct = 0, maxPct = 0; // over points and whiskers, always including 0
    double thresholdPct = 0; // the practical threshold, for guide lines
};
ForestSpec forestPlot(const Dataset& ds, const DatasetComparison& comparison);
// One candidate's points (an index into DatasetComparison::candidates), labelled by the metric id alone: the
// report's per-candidate figure. An index out of range gives an empty spec.
ForestSpec forestPlot(const Dataset& ds, const DatasetComparison& comparison, uint32_t candidate);

// Baseline and candidate distributions of one metric side by side: one box per side (baseline first), over the
// samples the comparison used (excluded observations left out).
struct DistributionSpec
{
    std::string metric, unit;
    std::vector<Box> boxes; // Box::variant is none; label "baseline" / the candidate selector
    double minValue = 0, maxValue = 0;
};
DistributionSpec distributions(
    const Dataset& ds, const DatasetComparison& comparison, std::optional<MetricIndex> metric);

// Throughput against TTFT, one point per variant (the means of its samples, exclusions applied) of the compared
// models (those of the baseline and candidate variants); the points no other variant beats on both (higher
// throughput, lower TTFT) form the Pareto front.
// What a variant is in the comparison.
enum class MarkRole
{
    Other,
    Baseline,
    Candidate
};
struct ParetoMark
{
    ParetoPoint point; // id: the variant; on the front when no other point beats it (stats/pareto.h)
    std::string label;
    MarkRole role = MarkRole::Other;
};
struct ParetoSpec
{
    std::string xMetric, xUnit, yMetric, yUnit; // x: TTFT, y: throughput
    std::vector<ParetoMark> points; // in Dataset::variants order
    double xMax = 0, yMax = 0;
};
ParetoSpec paretoScatter(const Dataset& ds, const DatasetComparison& comparison);

} // namespace charts
} // namespace benchlens
