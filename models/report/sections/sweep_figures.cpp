// Performance Analysis, sweeps: per model with a parameter sweep, mean throughput over the values of the parameter
// with the largest effect, one line per combination of the other parameters, and the figure's sources.
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
    if (ctx.throughput < 0)
        return;
    for (const auto& model : sweepModels(ds)) {
        const auto result = analyzeSweep(ds, ctx.analysis, model, {}, "throughput_tok_s");
        if (!result || result.value().parameters.empty())
            continue;
        const SweepAnalysis* sweep = &result.value();
        const ParameterEffect* top = nullptr;
        for (const auto& e : sweep->effects) {
            if (static_cast<int>(e.metric) != ctx.throughput || e.levels.size() < 2)
                continue;
            if (!top || e.etaSquared.value_or(-1) > top->etaSquared.value_or(-1))
                top = &e;
        }
        const SweepRanking* ranking = nullptr;
        for (const auto& r : sweep->rankings)
            ranking = static_cast<int>(r.metric) == ctx.throughput ? &r : ranking;
        if (!top || !ranking)
            continue;
        const uint32_t p = top->parameter;
        LineChart chart;
        chart.title = fmt::format("Sweep of {}: mean throughput over {}", model, sweep->parameters[p]);
        chart.xLabel = sweep->parameters[p];
        chart.yLabel = fmt::format("mean throughput ({})", ds.metrics[static_cast<uint32_t>(ctx.throughput)].unit);
        for (const auto& level : top->levels)
            chart.categories.push_back(level.value);
        std::map<std::string, size_t> seriesOf;
        for (const auto& row : ranking->rows) {
            const auto& config = sweep->configs[row.config];
            if (!config.values[p])
                continue;
            std::string key;
            for (size_t k = 0; k < sweep->parameters.size(); ++k) {
                if (k == p)
                    continue;
                if (!key.empty())
                    key.push_back(' ');
                key.append(sweep->parameters[k]).append("=").append(config.values[k].value_or("unset"));
            }
            if (key.empty())
                key = "all configurations";
            auto [it, added] = seriesOf.emplace(key, chart.series.size());
            if (added) {
                if (chart.series.size() == 8)
                    continue;
                const double nan = std::numeric_limits<double>::quiet_NaN();
                chart.series.push_back({key, std::vector<double>(chart.categories.size(), nan),
                    std::vector<double>(chart.categories.size(), 0.0)});
            }
            if (it->second >= chart.series.size())
                continue;
            const auto at = std::find(chart.categories.begin(), chart.categories.end(), *config.values[p]);
            const auto c = static_cast<size_t>(at - chart.categories.begin());
            if (c < chart.categories.size()) {
                chart.series[it->second].values[c] = row.summary.mean;
                chart.series[it->second].errors[c] = row.summary.n >= 2 ? row.summary.stddev : 0;
            }
        }
        if (chart.series.empty())
            continue;
        std::sort(chart.series.begin(), chart.series.end(),
            [](const LineSeries& a, const LineSeries& b) { return a.label < b.label; });
        auto svg = renderLineChartSvg(chart);
        std::string caption = fmt::format("Figure {}: sweep of {}: mean throughput (± 1 standard deviation) per "
                                          "value of {}, the parameter with the largest effect",
            ctx.figureCount() + 1, model, sweep->parameters[p]);
        if (top->etaSquared)
            caption.append(fmt::format(" (eta² {:.3f})", *top->etaSquared));
        caption.append(seriesOf.size() > chart.series.size()
                ? fmt::format(
                    "; {} of {} combinations of the other parameters shown.", chart.series.size(), seriesOf.size())
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
