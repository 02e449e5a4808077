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
        std::string caption = fmt::format("Figure {}: sweep of {}: mean throughput (± 1 standard deviation) per "
                                          "value of {}, the parameter with the largest effect",
            ctx.figureCount() + 1, model, levels.parameter);
        if (levels.etaSquared)
            caption.append(fmt::format(" (eta² {:.3f})", *levels.etaSquared));
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
