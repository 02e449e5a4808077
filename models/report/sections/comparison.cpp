// Comparison (with a baseline in the options): baseline vs candidates, as `benchlens compare` computes them (the same
// function), a table and a forest plot per candidate.
#include "models/charts/compare_charts.h"
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/report/svg_charts.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <cmath>

namespace benchlens {

namespace {
// The files of both sides' samples of one metric.
std::set<uint32_t> comparedFiles(
    const Dataset& ds, const Selection& baseline, const Selection& candidate, uint32_t metric)
{
    std::set<uint32_t> files;
    for (const Selection* side : {&baseline, &candidate}) {
        for (const uint32_t sample : side->samples) {
            if (ds.samples.metric[sample] == metric)
                files.insert(ds.samples.file[sample]);
        }
    }
    return files;
}

// The comparison's differences as a forest plot: each metric's change in % of the baseline with its 95% CI.
void forestFigure(ReportContext& ctx, const DatasetComparison& c, uint32_t candidate)
{
    const Dataset& ds = ctx.ds;
    const CandidateComparison& cand = c.candidates[candidate];
    charts::ForestSpec forest = charts::forestPlot(ds, c, candidate);
    std::erase_if(
        forest.points, [&](const charts::ForestPoint& p) { return !ds.metrics[p.metric].catalog || !p.hasCi; });
    if (forest.points.empty())
        return;
    const SvgChart svg = renderForestChartSvg(forest, "Shift from the baseline",
        "Hodges-Lehmann shift, candidate - baseline, % of the baseline median (whiskers: 95% CI)");
    ctx.doc.figure(fmt::format("Figure {}: {} against the baseline: Hodges-Lehmann shift of each metric, % of the "
                               "baseline median, with the 95% confidence interval the verdict is read from; values "
                               "from the table above.",
                       ctx.figureCount() + 1, cand.selection.selector),
        svg.svg, svg.width, svg.height);
}
} // namespace

bool hasBaseline(const ReportContext& ctx)
{
    return !ctx.options.baseline.empty();
}

void writeComparison(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    if (!ctx.comparison) {
        ctx.doc.paragraph({text("The comparison could not be made: " + ctx.comparisonError + ".")});
        return;
    }
    const DatasetComparison& c = *ctx.comparison;
    ctx.doc.paragraph({text("Baseline: "), code(c.baseline.selector),
        text(fmt::format(" ({} samples). One decision rule: the verdict is read from the {:.0f}% confidence interval "
                         "of the Hodges-Lehmann shift (the median of all candidate - baseline differences; Moses' "
                         "distribution-free interval from the Mann-Whitney critical values, or, when every baseline "
                         "observation has its candidate partner (same prompt, same position in a run folder), the "
                         "Walsh averages and the Wilcoxon signed-rank critical values). An interval holding 0 is no "
                         "significant difference; one excluding 0 is better or worse, or negligible below a {:.0f}% "
                         "shift. The p-value (Mann-Whitney, or signed-rank when paired) supports it, with Holm's "
                         "correction over every metric and candidate compared at once; fewer than {} repetitions on a "
                         "side is flagged (as Google Benchmark's compare.py) and fewer than {} is insufficient data.",
            c.baseline.samples.size(), (1 - c.options.alpha) * 100, c.options.practicalThreshold * 100,
            kMinRepetitionsForVerdict, c.options.minSamples))});
    for (uint32_t ci = 0; ci < c.candidates.size(); ++ci) {
        const CandidateComparison& cand = c.candidates[ci];
        ctx.doc.heading(3, "Candidate " + cand.selection.selector);
        if (!cand.differingConfig.empty()) {
            std::vector<Inlines> keys;
            for (const auto& [k, v] : cand.differingConfig)
                keys.push_back({code(k), text(": "), code(v)});
            ctx.doc.bullets(std::move(keys));
        }
        ReportTable t;
        t.header = {"Metric", "n (b/c)", "Baseline median", "Candidate median", "Shift", "95% CI of the shift",
            "p (Holm)", "Verdict", "sources"};
        t.numeric = {false, true, true, true, true, true, true, false, false};
        for (const auto& m : cand.metrics) {
            if (!ds.metrics[m.metric].catalog)
                continue;
            const auto& mc = m.comparison;
            const std::string unit = ds.metrics[m.metric].unit;
            t.rows.push_back(
                {{code(ds.metrics[m.metric].id)}, {text(fmt::format("{}/{}", mc.baselineN, mc.candidateN))},
                    {text(formatValue(mc.baselineMedian) + " " + unit)},
                    {text(formatValue(mc.candidateMedian) + " " + unit)},
                    {text(formatValue(mc.shift) + " " + unit
                        + (mc.shiftPct ? fmt::format(" ({:+.2f}%)", *mc.shiftPct * 100) : std::string()))},
                    {text(mc.ci95 ? fmt::format("{} to {}{}", formatValue(mc.ci95->first), formatValue(mc.ci95->second),
                              mc.paired ? " (paired)" : "")
                                  : std::string("-"))},
                    {text(mc.pValue ? fmt::format(
                              "{:.3g}{}", *mc.pValue, mc.holmP ? fmt::format(" ({:.3g})", *mc.holmP) : std::string())
                                    : std::string("-"))},
                    {strong(std::string(verdictName(mc.verdict))
                        + (mc.fewRepetitions ? fmt::format(" (n<{})", kMinRepetitionsForVerdict) : std::string()))},
                    ctx.refsForFiles(comparedFiles(ds, c.baseline, cand.selection, m.metric))});
        }
        ctx.doc.table(std::move(t));
        forestFigure(ctx, c, ci);
    }
    std::vector<Inlines> notes;
    for (const auto& w : c.warnings)
        notes.push_back({text("Warning: " + w)});
    size_t excluded = 0;
    for (const auto& f : c.flagged)
        excluded += f.excluded ? 1 : 0;
    if (!c.flagged.empty()) {
        notes.push_back({text(fmt::format("{} flagged observation(s) (cold starts, near-empty replies) in the "
                                          "compared data; {} excluded.",
            c.flagged.size(), excluded))});
    }
    if (!notes.empty())
        ctx.doc.bullets(std::move(notes));
}

} // namespace benchlens
