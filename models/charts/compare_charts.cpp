#include "models/charts/compare_charts.h"

#include "models/data/dataset.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/statistics.h"

#include <algorithm>
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

Box boxOf(std::vector<double> values)
{
    Box b;
    b.variant = kNone;
    if (values.empty())
        return b;
    std::sort(values.begin(), values.end());
    b.min = values.front();
    b.max = values.back();
    b.q1 = percentileSorted(values, 25);
    b.median = percentileSorted(values, 50);
    b.q3 = percentileSorted(values, 75);
    b.n = values.size();
    const double iqr = b.q3 - b.q1;
    b.lowWhisker = b.q1;
    b.highWhisker = b.q3;
    for (const double x : values) {
        if (x < b.q1 - 1.5 * iqr || x > b.q3 + 1.5 * iqr) {
            ++b.outliers;
            continue;
        }
        b.lowWhisker = std::min(b.lowWhisker, x);
        b.highWhisker = std::max(b.highWhisker, x);
    }
    return b;
}

} // namespace

ForestSpec forestPlot(const Dataset& ds, const DatasetComparison& comparison)
{
    ForestSpec spec;
    spec.thresholdPct = comparison.options.practicalThreshold * 100;
    const bool several = comparison.candidates.size() > 1;
    for (size_t c = 0; c < comparison.candidates.size(); ++c) {
        const CandidateComparison& cand = comparison.candidates[c];
        for (const auto& m : cand.metrics) {
            const MetricComparison& mc = m.comparison;
            std::string label = ds.metrics[m.metric].id;
            if (several)
                label.append(" · ").append(cand.selection.selector);
            if (!mc.diffPct || mc.baselineMean == 0) {
                spec.skipped.push_back(std::move(label));
                continue;
            }
            ForestPoint p;
            p.candidate = static_cast<uint32_t>(c);
            p.metric = m.metric;
            p.label = std::move(label);
            p.diffPct = *mc.diffPct * 100;
            p.verdict = static_cast<int>(mc.verdict);
            spec.minPct = std::min(spec.minPct, p.diffPct);
            spec.maxPct = std::max(spec.maxPct, p.diffPct);
            if (mc.ci95) {
                // The CI of the difference in units of the baseline mean, as the diff % is.
                p.hasCi = true;
                const double a = mc.ci95->first / mc.baselineMean * 100;
                const double b = mc.ci95->second / mc.baselineMean * 100;
                p.ciLowPct = std::min(a, b);
                p.ciHighPct = std::max(a, b);
                spec.minPct = std::min(spec.minPct, p.ciLowPct);
                spec.maxPct = std::max(spec.maxPct, p.ciHighPct);
            }
            spec.points.push_back(std::move(p));
        }
    }
    return spec;
}

DistributionSpec distributions(const Dataset& ds, const DatasetComparison& comparison, int metric)
{
    DistributionSpec spec;
    if (metric < 0 || static_cast<size_t>(metric) >= ds.metrics.size())
        return spec;
    spec.metric = ds.metrics[static_cast<size_t>(metric)].id;
    spec.unit = ds.metrics[static_cast<size_t>(metric)].unit;
    const auto excluded = excludedObservations(comparison);
    const auto add = [&](const Selection& s, std::string label) {
        std::vector<double> values;
        for (const uint32_t i : s.samples) {
            if (ds.samples.metric[i] == static_cast<uint32_t>(metric) && !isExcluded(ds, excluded, i))
                values.push_back(ds.samples.value[i]);
        }
        Box b = boxOf(std::move(values));
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
    const int x = ds.findMetric("ttft_ms");
    const int y = ds.findMetric("throughput_tok_s");
    if (x < 0 || y < 0)
        return spec;
    spec.xMetric = ds.metrics[static_cast<size_t>(x)].id;
    spec.xUnit = ds.metrics[static_cast<size_t>(x)].unit;
    spec.yMetric = ds.metrics[static_cast<size_t>(y)].id;
    spec.yUnit = ds.metrics[static_cast<size_t>(y)].unit;
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
        if ((m != static_cast<uint32_t>(x) && m != static_cast<uint32_t>(y)) || !models.count(ds.variants[v].model)
            || isExcluded(ds, excluded, i))
            continue;
        if (m == static_cast<uint32_t>(x)) {
            sums[v].x += ds.samples.value[i];
            ++sums[v].nx;
        } else {
            sums[v].y += ds.samples.value[i];
            ++sums[v].ny;
        }
    }
    for (uint32_t v = 0; v < sums.size(); ++v) {
        if (sums[v].nx == 0 || sums[v].ny == 0)
            continue;
        ParetoPoint p;
        p.variant = v;
        p.label = ds.variants[v].id;
        p.ttft = sums[v].x / static_cast<double>(sums[v].nx);
        p.throughput = sums[v].y / static_cast<double>(sums[v].ny);
        p.role = candidateVariants.count(v) ? 2 : baselineVariants.count(v) ? 1 : 0;
        spec.xMax = std::max(spec.xMax, p.ttft);
        spec.yMax = std::max(spec.yMax, p.throughput);
        spec.points.push_back(std::move(p));
    }
    // Non-dominated: no other point at least as good on both axes and strictly better on one.
    for (auto& p : spec.points) {
        p.front = std::none_of(spec.points.begin(), spec.points.end(), [&](const ParetoPoint& o) {
            return o.ttft <= p.ttft && o.throughput >= p.throughput && (o.ttft < p.ttft || o.throughput > p.throughput);
        });
    }
    return spec;
}

} // namespace benchlens::charts
