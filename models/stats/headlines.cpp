#include "models/stats/headlines.h"

#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/stats/analysis.h"
#include "models/stats/findings.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>

namespace benchlens {

namespace {

template <typename Better>
HeadlineRanking rank(const Analysis& analysis, std::optional<MetricIndex> metric, Better better)
{
    HeadlineRanking out;
    out.ranked = statsOfMetric(analysis, metric);
    out.measured = out.ranked.size();
    for (const MetricStats* ms : out.ranked)
        out.mostRepeated = std::max(out.mostRepeated, ms->summary.n);
    std::erase_if(out.ranked, [](const MetricStats* ms) { return ms->summary.n < kMinSamplesForHeadline; });
    std::stable_sort(out.ranked.begin(), out.ranked.end(), better);
    return out;
}

} // namespace

std::string plural(size_t n, const char* one, const char* many)
{
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

FolderTotals folderTotals(const Dataset& dataset)
{
    FolderTotals t;
    std::set<std::string> models, measured;
    for (const Variant& v : dataset.variants) {
        t.failed += v.failedObservations;
        t.successful += v.observations;
        t.variantsMeasured += v.observations > 0;
        t.variantsFailing += v.failedObservations > 0;
        if (!v.model.empty())
            models.insert(v.model);
        if (!v.model.empty() && v.observations > 0)
            measured.insert(v.model);
    }
    t.models = models.size();
    t.modelsMeasured = measured.size();
    t.variants = dataset.variants.size();
    for (const SourceFile& f : dataset.files)
        t.notUnderstood += f.status == FileStatus::NotUnderstood;
    for (const Diagnostic& d : dataset.diagnostics)
        t.warnings += d.severity != Severity::Info;
    return t;
}

HeadlineRanking rankByHighestMean(const Analysis& analysis, std::optional<MetricIndex> metric)
{
    return rank(
        analysis, metric, [](const MetricStats* a, const MetricStats* b) { return a->summary.mean > b->summary.mean; });
}

HeadlineRanking rankByLowestMedian(const Analysis& analysis, std::optional<MetricIndex> metric)
{
    return rank(analysis, metric,
        [](const MetricStats* a, const MetricStats* b) { return a->summary.median < b->summary.median; });
}

std::string sampleSizeText(const Summary& s, Statistic statistic)
{
    if (s.n == 1)
        return "a single value, n=1";
    std::string t = fmt::format("n={}", s.n);
    const std::optional<Interval>& ci = statistic == Statistic::Median ? s.medianCi : s.meanCi;
    if (ci)
        t += fmt::format(", 95% CI of the {} {}–{}", statistic == Statistic::Median ? "median" : "mean",
            formatValue(ci->low), formatValue(ci->high));
    return t;
}

bool leadWithinNoise(const MetricStats& best, const MetricStats* runnerUp, Statistic statistic)
{
    if (!runnerUp)
        return false;
    const auto& a = statistic == Statistic::Median ? best.summary.medianCi : best.summary.meanCi;
    const auto& b = statistic == Statistic::Median ? runnerUp->summary.medianCi : runnerUp->summary.meanCi;
    return a && b && !(a->high < b->low || b->high < a->low);
}

} // namespace benchlens
