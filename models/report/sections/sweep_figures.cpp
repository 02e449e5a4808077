// Performance Analysis, sweeps: per model with a parameter sweep, mean throughput over the values of the parameter
// with the largest effect, one line per combination of the other parameters, and the figure's sources.
#include "models/charts/sweep_levels.h"
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/report/svg_charts.h"
#include "models/stats/analysis.h"
#include "models/stats/sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace benchlens {

void writeSweepFigures(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    if (!ctx.throughput)
        return;
    for (const auto& model : sweepModels(ds)) {
        const auto result = analyzeSweep(ds, ctx.analysis, model, {}, "throughput_tok_s");
        if (!result || result.value().parameters.empty())
            continue;
        const charts::SweepLevelsSpec levels = charts::sweepLevels(ds, result.value(), ctx.throughput->value);
        if (levels.series.empty())
            continue;
        auto svg
            = renderLineChartSvg(levels, fmt::format("Sweep of {}: mean throughput over {}", model, levels.parameter),
                levels.parameter, fmt::format("mean throughput ({})", levels.unit));
        std::string caption
            = fmt::format("Figure {}: sweep of {}: mean throughput (± 1 standard deviation) per value of {}",
                ctx.figureCount() + 1, model, levels.parameter);
        const std::string kw = levels.kruskalWallisP ? fmt::format("Kruskal-Wallis p = {:.3g}", *levels.kruskalWallisP)
                                                     : std::string("no Kruskal-Wallis test possible");
        if (levels.established) {
            caption.append(fmt::format(", the parameter with the largest established effect (eta² {:.3f}, {})",
                levels.etaSquared.value_or(0), kw));
        } else if (!levels.replicated) {
            caption.append(fmt::format(
                "; some configurations were measured fewer than {} times, so no parameter's effect can be told from "
                "noise: the figure describes the sweep and ranks no parameter ({})",
                kMinReplicatesForEffect, kw));
        } else {
            caption.append(fmt::format("; no parameter's effect is significant ({}, not below {}): the figure "
                                       "describes the sweep and ranks no parameter",
                kw, kEffectAlpha));
        }
        caption.append(levels.combinations > levels.series.size()
                ? fmt::format(
                    "; {} of {} combinations of the other parameters shown.", levels.series.size(), levels.combinations)
                : std::string("."));
        ctx.doc.figure(std::move(caption), std::move(svg.svg), svg.width, svg.height);
        std::set<uint32_t> files;
        for (const auto* ms : statsOfMetric(ctx.analysis, ctx.throughput)) {
            if (ds.variants[ms->variant].model != model)
                continue;
            for (const uint32_t sample : ms->samples)
                files.insert(ds.samples.file[sample]);
        }
        ctx.doc.paragraph(
            join({text(fmt::format("Sources of Figure {}: ", ctx.figureCount()))}, ctx.refsForFiles(files)));
    }
}

} // namespace benchlens
