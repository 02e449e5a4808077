// Executive Summary: what was read, the headline throughput and TTFT, failures, and the comparison's verdicts.
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/stats/analysis.h"
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
            parts.push_back(fmt::format("{} {} ({}{})", id, verdictName(mc.verdict),
                mc.diffPct ? fmt::format("{:+.2f}%", *mc.diffPct * 100) : formatValue(mc.diff),
                mc.pValue ? fmt::format(", p = {:.3g}", *mc.pValue) : std::string()));
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
    size_t failed = 0;
    size_t ok = 0;
    std::set<std::string> models;
    for (const auto& v : ds.variants) {
        failed += v.failedObservations;
        ok += v.observations;
        if (!v.model.empty())
            models.insert(v.model);
    }
    std::vector<Inlines> items;
    items.push_back({text(fmt::format("BenchLens read {} ({} csv, {} json, {} md, {} txt, {} other) in {}{} {} of {}, "
                                      "{} successful observations and {} failed ones (excluded from all statistics), "
                                      "and {} aggregates that files report themselves.",
        plural(inv.files, "file", "files"), inv.byType[0], inv.byType[1], inv.byType[2], inv.byType[3], inv.byType[4],
        plural(inv.directories.size(), "folder", "folders"), ds.scope ? "; the selected part holds" : ":",
        plural(ds.variants.size(), "variant", "variants"), plural(models.size(), "model", "models"), ok, failed,
        ds.reported.size()))});

    const auto tp = statsOfMetric(ctx.analysis, ctx.throughput);
    if (!tp.empty()) {
        const auto best = *std::max_element(
            tp.begin(), tp.end(), [](auto* a, auto* b) { return a->summary.mean < b->summary.mean; });
        const auto worst = *std::min_element(
            tp.begin(), tp.end(), [](auto* a, auto* b) { return a->summary.mean < b->summary.mean; });
        items.push_back(join({text("Highest mean throughput: "), strong(ds.variants[best->variant].id),
                                 text(fmt::format(" at {} ({}) ", ctx.valueWithUnit(best->summary.mean, best->metric),
                                     ctx.nText(best->summary)))},
            ctx.refsFor(*best)));
        if (tp.size() > 1) {
            items.push_back(
                join({text(fmt::format("Spread: mean throughput across the {} variants with "
                                       "throughput samples ranges from {} (",
                          tp.size(), ctx.valueWithUnit(worst->summary.mean, worst->metric))),
                         code(ds.variants[worst->variant].id),
                         text(fmt::format(") to {}. ", ctx.valueWithUnit(best->summary.mean, best->metric)))},
                    ctx.refsFor({worst, best})));
        }
    }
    const auto ttft = statsOfMetric(ctx.analysis, ctx.ttft);
    if (!ttft.empty()) {
        const auto best = *std::min_element(
            ttft.begin(), ttft.end(), [](auto* a, auto* b) { return a->summary.median < b->summary.median; });
        items.push_back(
            join({text("Lowest median time to first token: "), strong(ds.variants[best->variant].id),
                     text(fmt::format(" at {} ({}) ", ctx.valueWithUnit(best->summary.median, best->metric),
                         best->summary.n == 1 ? "a single value, not a median" : ctx.nText(best->summary)))},
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
