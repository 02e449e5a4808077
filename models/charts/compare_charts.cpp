#include "models/charts/compare_charts.h"

#include "models/data/dataset.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/pareto.h"
#include "models/stats/statistics.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace benchlens::charts {

namespace {

using Observation = std::pair<uint32_t, uint32_t>; // (file, record)

std::set<Observation> excludedObservations(const DatasetComparison& c)
{
    std::set<Observation> out;
    for (const auto& f : c.flagged) {
        if (f.excluded)
            out.insert({f.file, f.record});
    }
    return out;
}

bool isExcluded(const Dataset& ds, const std::set<Observation>& excluded, uint32_t sample)
{
    return !excluded.empty() && excluded.count({ds.samples.file[sample], ds.samples.record[sample]}) > 0;
}

} // namespace

namespace {

// The points of one candidate; `selectorInLabel` appends " · selector" to each metric id.
void addForestPoints(
    ForestSpec& spec, const Dataset& ds, const DatasetComparison& comparison, uint32_t c, bool selectorInLabel)
{
    const CandidateComparison& cand = comparison.candidates[c];
    for (const auto& m : cand.metrics) {
        const MetricComparison& mc = m.comparison;
        std::string label = ds.metrics[m.metric].id;
        if (selectorInLabel)
            label.append(" · ").append(cand.selection.selector);
        if (!mc.shiftPct || mc.baselineMedian == 0) {
            spec.skipped.push_back(std::move(label));
            continue;
        }
        ForestPoint p;
        p.candidate = c;
        p.metric = m.metric;
        p.label = std::move(label);
        p.diffPct = *mc.shiftPct * 100;
        p.verdict = mc.verdict;
        spec.minPct = std::min(spec.minPct, p.diffPct);
        spec.maxPct = std::max(spec.maxPct, p.diffPct);
        if (mc.ci95) {
            // The CI of the shift in % of the baseline median's magnitude, as shiftPct is (two_sample_tests.h).
            p.hasCi = true;
            const double scale = 100 / std::fabs(mc.baselineMedian);
            const double a = mc.ci95->first * scale;
            const double b = mc.ci95->second * scale;
            p.ciLowPct = std::min(a, b);
            p.ciHighPct = std::max(a, b);
            spec.minPct = std::min(spec.minPct, p.ciLowPct);
            spec.maxPct = std::max(spec.maxPct, p.ciHighPct);
        }
        spec.points.push_back(std::move(p));
    }
}

} // namespace

ForestSpec forestPlot(const Dataset& ds, const DatasetComparison& comparison)
{
    ForestSpec spec;
    spec.thresholdPct = comparison.options.practicalThreshold * 100;
    const bool several = comparison.candidates.size() > 1;
    for (uint32_t c = 0; c < comparison.candidates.size(); ++c)
        addForestPoints(spec, ds, comparison, c, several);
    return spec;
}

ForestSpec forestPlot(const Dataset& ds, const DatasetComparison& comparison, uint32_t candidate)
{
    ForestSpec spec;
    spec.thresholdPct = comparison.options.practicalThreshold * 100;
    if (candidate < comparison.candidates.size())
        addForestPoints(spec, ds, comparison, candidate, false);
    return spec;
}

DistributionSpec distributions(
    const Dataset& ds, const DatasetComparison& comparison, std::optional<MetricIndex> metric)
{
    DistributionSpec spec;
    if (!metric || metric->value >= ds.metrics.size())
        return spec;
    spec.metric = ds.metric(*metric).id;
    spec.unit = ds.metric(*metric).unit;
    const auto excluded = excludedObservations(comparison);
    const auto add = [&](const Selection& s, std::string label) {
        std::vector<double> values;
        for (const uint32_t i : s.samples) {
            if (ds.samples.metric[i] == metric->value && !isExcluded(ds, excluded, i))
                values.push_back(ds.samples.value[i]);
        }
        Box b;
        static_cast<BoxSummary&>(b) = boxSummary(values);
        b.label = std::move(label);
        if (b.n > 0) {
            spec.minValue = spec.boxes.empty() ? b.min : std::min(spec.minValue, b.min);
            spec.maxValue = std::max(spec.maxValue, b.max);
        }
        spec.boxes.push_back(std::move(b));
    };
    add(comparison.baseline, "baseline");
    for (const auto& cand : comparison.candidates)
        add(cand.selection, cand.selection.selector);
    return spec;
}

ParetoSpec paretoScatter(const Dataset& ds, const DatasetComparison& comparison)
{
    ParetoSpec spec;
    const std::optional<MetricIndex> xIndex = ds.findMetric("ttft_ms");
    const std::optional<MetricIndex> yIndex = ds.findMetric("throughput_tok_s");
    if (!xIndex || !yIndex)
        return spec;
    const uint32_t x = xIndex->value, y = yIndex->value;
    spec.xMetric = ds.metric(*xIndex).id;
    spec.xUnit = ds.metric(*xIndex).unit;
    spec.yMetric = ds.metric(*yIndex).id;
    spec.yUnit = ds.metric(*yIndex).unit;
    std::set<std::string> models;
    std::set<uint32_t> baselineVariants(comparison.baseline.variants.begin(), comparison.baseline.variants.end());
    std::set<uint32_t> candidateVariants;
    for (const auto& cand : comparison.candidates)
        candidateVariants.insert(cand.selection.variants.begin(), cand.selection.variants.end());
    for (const auto* set : {&baselineVariants, &candidateVariants}) {
        for (const uint32_t v : *set)
            models.insert(ds.variants[v].model);
    }

    const auto excluded = excludedObservations(comparison);
    struct Sums
    {
        double x = 0, y = 0;
        size_t nx = 0, ny = 0;
    };
    std::vector<Sums> sums(ds.variants.size());
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        const uint32_t v = ds.samples.variant[i];
        const uint32_t m = ds.samples.metric[i];
        if ((m != x && m != y) || !models.count(ds.variants[v].model) || isExcluded(ds, excluded, i))
            continue;
        if (m == x) {
            sums[v].x += ds.samples.value[i];
            ++sums[v].nx;
        } else {
            sums[v].y += ds.samples.value[i];
            ++sums[v].ny;
        }
    }
    std::vector<ParetoPoint> points;
    for (uint32_t v = 0; v < sums.size(); ++v) {
        if (sums[v].nx == 0 || sums[v].ny == 0)
            continue;
        points.push_back(
            {v, sums[v].y / static_cast<double>(sums[v].ny), sums[v].x / static_cast<double>(sums[v].nx), {}});
        spec.points.push_back({{}, ds.variants[v].id,
            candidateVariants.count(v)      ? MarkRole::Candidate
                : baselineVariants.count(v) ? MarkRole::Baseline
                                            : MarkRole::Other});
    }
    findParetoFront(points);
    for (size_t i = 0; i < points.size(); ++i) {
        spec.xMax = std::max(spec.xMax, points[i].ttftMs);
        spec.yMax = std::max(spec.yMax, points[i].throughputTokS);
        spec.points[i].point = std::move(points[i]);
    }
    return spec;
}

} // namespace benchlens::charts
