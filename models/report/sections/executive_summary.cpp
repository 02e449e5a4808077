// Executive Summary: what was read, the headline throughput and TTFT, failures, and the comparison's verdicts.
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/stats/analysis.h"
#include "models/stats/headlines.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace benchlens {

namespace {
std::set<uint32_t> fileValues(const std::vector<FileIndex>& files)
{
    std::set<uint32_t> out;
    for (const FileIndex f : files)
        out.insert(f.value);
    return out;
}

// The headline verdicts of the comparison: throughput and TTFT where compared.
void comparisonVerdicts(ReportContext& ctx)
{
    for (const auto& cand : ctx.comparison->candidates) {
        std::vector<std::string> parts;
        for (const auto& m : cand.metrics) {
            const std::string& id = ctx.ds.metrics[m.metric].id;
            if (id != "throughput_tok_s" && id != "ttft_ms")
                continue;
            const auto& mc = m.comparison;
            // The shift with the interval the verdict was read from.
            parts.push_back(fmt::format("{} {} (shift {}{}{}{})", id, verdictName(mc.verdict),
                mc.shiftPct ? fmt::format("{:+.2f}%", *mc.shiftPct * 100) : formatValue(mc.shift),
                mc.ci95 ? fmt::format(", 95% CI {} to {}", formatValue(mc.ci95->first), formatValue(mc.ci95->second))
                        : std::string(),
                mc.pValue ? fmt::format(", p = {:.3g}", *mc.pValue) : std::string(),
                mc.fewRepetitions ? fmt::format(", fewer than {} repetitions", kMinRepetitionsForVerdict)
                                  : std::string()));
        }
        if (parts.empty())
            continue;
        std::string line;
        for (const auto& part : parts)
            line.append(line.empty() ? "" : "; ").append(part);
        ctx.doc.paragraph({text("Against the baseline "), code(ctx.comparison->baseline.selector), text(", "),
            code(cand.selection.selector), text(": " + line + ".")});
    }
}
} // namespace

void writeExecutiveSummary(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    const auto& inv = ds.inventory;
    const FolderTotals totals = folderTotals(ds);
    const uint64_t failed = totals.failed;
    std::vector<Inlines> items;
    items.push_back({text(fmt::format("BenchLens read {} ({} csv, {} json, {} md, {} txt, {} other) in {}{} {} of {}, "
                                      "{} successful observations and {} failed ones (excluded from all statistics), "
                                      "and {} aggregates that files report themselves.",
        plural(inv.files, "file", "files"), inv.byType[0], inv.byType[1], inv.byType[2], inv.byType[3], inv.byType[4],
        plural(inv.directories.size(), "folder", "folders"), ds.scope ? "; the selected part holds" : ":",
        plural(totals.variants, "variant", "variants"), plural(totals.models, "model", "models"), totals.successful,
        failed, ds.reported.size()))});

    // Headlines rank only variants measured at least kMinSamplesForHeadline times; one value is no ranking
    // (stats/headlines.h).
    const auto notRepeated = [&](std::string_view what, size_t variants, size_t mostRepeated) {
        items.push_back({text(fmt::format("{}: no variant was measured at least {} times (of {}, the most repeated "
                                          "has n={}), so none is ranked.",
            what, kMinSamplesForHeadline, plural(variants, "variant", "variants"), mostRepeated))});
    };
    // "; its 95% CI overlaps that of the runner-up X" when the lead is inside the noise.
    const auto overlapText = [&](const MetricStats& best, const MetricStats* runnerUp, Statistic statistic) {
        if (!leadWithinNoise(best, runnerUp, statistic))
            return std::string();
        return fmt::format("; its 95% CI overlaps that of the runner-up {} ({}), so the lead is within the noise",
            ds.variants[runnerUp->variant].id,
            ctx.valueWithUnit(
                statistic == Statistic::Median ? runnerUp->summary.median : runnerUp->summary.mean, runnerUp->metric));
    };
    const HeadlineRanking tpRanking = rankByHighestMean(ctx.analysis, ctx.throughput);
    const auto& tp = tpRanking.ranked;
    if (tpRanking.measured > 0 && tp.empty())
        notRepeated("Throughput", tpRanking.measured, tpRanking.mostRepeated);
    if (!tp.empty()) {
        const auto* best = tp.front();
        const auto* worst = tp.back();
        items.push_back(join({text(fmt::format("Highest mean throughput of the {} measured at least {} times: ",
                                  plural(tp.size(), "variant", "variants"), kMinSamplesForHeadline)),
                                 strong(ds.variants[best->variant].id),
                                 text(fmt::format(" at {} ({}{}) ", ctx.valueWithUnit(best->summary.mean, best->metric),
                                     ctx.nText(best->summary, Statistic::Mean),
                                     overlapText(*best, tp.size() > 1 ? tp[1] : nullptr, Statistic::Mean)))},
            ctx.refsFor(*best)));
        if (tp.size() > 1) {
            items.push_back(
                join({text(fmt::format("Spread: mean throughput across those {} variants ranges from {} (", tp.size(),
                          ctx.valueWithUnit(worst->summary.mean, worst->metric))),
                         code(ds.variants[worst->variant].id),
                         text(fmt::format(") to {}. ", ctx.valueWithUnit(best->summary.mean, best->metric)))},
                    ctx.refsFor({worst, best})));
        }
    }
    const HeadlineRanking ttftRanking = rankByLowestMedian(ctx.analysis, ctx.ttft);
    const auto& ttft = ttftRanking.ranked;
    if (ttftRanking.measured > 0 && ttft.empty())
        notRepeated("Time to first token", ttftRanking.measured, ttftRanking.mostRepeated);
    if (!ttft.empty()) {
        const auto* best = ttft.front();
        items.push_back(
            join({text(fmt::format("Lowest median time to first token of the {} measured at least {} "
                                   "times: ",
                      plural(ttft.size(), "variant", "variants"), kMinSamplesForHeadline)),
                     strong(ds.variants[best->variant].id),
                     text(fmt::format(" at {} ({}{}) ", ctx.valueWithUnit(best->summary.median, best->metric),
                         ctx.nText(best->summary, Statistic::Median),
                         overlapText(*best, ttft.size() > 1 ? ttft[1] : nullptr, Statistic::Median)))},
                ctx.refsFor(*best)));
    }
    if (failed > 0) {
        std::vector<const Variant*> failing;
        for (const auto& v : ds.variants) {
            if (v.failedObservations)
                failing.push_back(&v);
        }
        std::sort(failing.begin(), failing.end(), [](auto* a, auto* b) {
            return a->failedObservations != b->failedObservations ? a->failedObservations > b->failedObservations
                                                                  : a->id < b->id;
        });
        items.push_back(join({text(fmt::format("Failures: {} failed observations in {}; most in ", failed,
                                  plural(failing.size(), "variant", "variants"))),
                                 code(failing.front()->id),
                                 text(fmt::format(" ({} of {}). ", failing.front()->failedObservations,
                                     failing.front()->failedObservations + failing.front()->observations))},
            ctx.refsForFiles(fileValues(failing.front()->files))));
    } else {
        items.push_back({text("Failures: none recorded.")});
    }
    if (const size_t coldStarts = ctx.count(FindingKind::ColdStart)) {
        items.push_back({text(fmt::format("Cold starts and reloads: {} whose TTFT includes loading the model (see "
                                          "Key Findings).",
            plural(coldStarts, "observation", "observations")))});
    }
    if (const size_t disagreements = ctx.count(FindingKind::ReportedDisagreement))
        items.push_back(
            {text(fmt::format("{} reported by files disagree with what their samples give (see Key Findings).",
                plural(disagreements, "aggregate", "aggregates")))});
    ctx.doc.bullets(std::move(items));
    if (ctx.comparison)
        comparisonVerdicts(ctx);
}

} // namespace benchlens
