// Performance Analysis, sweeps: per model with a parameter sweep, the grid of its configurations (one parameter
// down, one across, one table per level of the others; cell = median throughput with n), then mean throughput over
// the values of the parameter with the largest effect, one line per combination of the other parameters, and the
// figure's sources.
#include "models/charts/sweep_levels.h"
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/report/svg_charts.h"
#include "models/stats/analysis.h"
#include "models/stats/sweep.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace benchlens {

namespace {
constexpr size_t kMaxGrids = 6; // grids per model in the body; a sweep over more levels is in Appendix A

// The distinct values of parameter `p` over the configurations, numbers ascending when all are numbers.
std::vector<std::string> levelsOf(const std::vector<const SweepConfig*>& configs, size_t p)
{
    std::set<std::string> distinct;
    for (const SweepConfig* c : configs) {
        if (c->values[p])
            distinct.insert(*c->values[p]);
    }
    std::vector<std::string> out(distinct.begin(), distinct.end());
    if (std::all_of(out.begin(), out.end(), [](const std::string& v) { return parseNumber(v).has_value(); }))
        std::stable_sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return *parseNumber(a) < *parseNumber(b); });
    return out;
}

// The grids of one model's sweep: the two parameters with the most levels down and across, one table per combination
// of the others' values that occurs. Configurations that leave a parameter unset are not in a grid (Appendix A).
void sweepGrids(ReportContext& ctx, const SweepAnalysis& sweep)
{
    const Dataset& ds = ctx.ds;
    // The grid's parameters: those that at least half of the configurations with throughput set (a baseline or a
    // one-off setting beside a sweep is left to Appendix A).
    std::vector<const SweepConfig*> measured;
    for (const auto& c : sweep.configs) {
        if (ctx.analysis.find(c.variant, ctx.throughput->value))
            measured.push_back(&c);
    }
    std::vector<size_t> kept;
    for (size_t p = 0; p < sweep.parameters.size(); ++p) {
        const auto setting = std::count_if(
            measured.begin(), measured.end(), [&](const SweepConfig* c) { return c->values[p].has_value(); });
        if (setting > 0 && 2 * static_cast<size_t>(setting) >= measured.size())
            kept.push_back(p);
    }
    if (kept.empty())
        return;
    std::vector<const SweepConfig*> inGrid;
    for (const SweepConfig* c : measured) {
        if (std::all_of(kept.begin(), kept.end(), [&](size_t p) { return c->values[p].has_value(); }))
            inGrid.push_back(c);
    }
    const size_t unset = sweep.configs.size() - inGrid.size();
    std::vector<std::vector<std::string>> levels(sweep.parameters.size());
    for (const size_t p : kept)
        levels[p] = levelsOf(inGrid, p);
    std::vector<size_t> order = kept;
    std::stable_sort(
        order.begin(), order.end(), [&](size_t a, size_t b) { return levels[a].size() > levels[b].size(); });
    const size_t down = order[0];
    const bool hasAcross = order.size() > 1;
    const size_t across = hasAcross ? order[1] : 0;
    const std::vector<size_t> rest(order.begin() + std::min<size_t>(2, order.size()), order.end());
    // The configurations per combination of the remaining parameters' values, in level order.
    std::map<std::vector<size_t>, std::vector<const SweepConfig*>> grids;
    size_t cells = 0, single = 0;
    const auto levelIndex = [&](size_t p, const std::string& value) {
        return static_cast<size_t>(std::find(levels[p].begin(), levels[p].end(), value) - levels[p].begin());
    };
    for (const SweepConfig* c : inGrid) {
        std::vector<size_t> key;
        for (const size_t p : rest)
            key.push_back(levelIndex(p, *c->values[p]));
        grids[key].push_back(c);
    }
    if (grids.empty())
        return;
    size_t written = 0;
    for (const auto& [key, configs] : grids) {
        if (written++ == kMaxGrids)
            break;
        std::string label;
        for (size_t i = 0; i < rest.size(); ++i)
            label += (i ? ", " : "") + sweep.parameters[rest[i]] + "=" + levels[rest[i]][key[i]];
        if (!label.empty())
            ctx.doc.paragraph({strong(label)});
        ReportTable t;
        t.header
            = {hasAcross ? sweep.parameters[down] + " ↓ / " + sweep.parameters[across] + " →" : sweep.parameters[down]};
        t.numeric = {false};
        const size_t columns = hasAcross ? levels[across].size() : 1;
        for (size_t a = 0; a < columns; ++a) {
            t.header.push_back(hasAcross ? levels[across][a] : std::string("median (n)"));
            t.numeric.push_back(true);
        }
        t.header.push_back("sources");
        t.numeric.push_back(false);
        std::vector<std::vector<Inlines>> rows(levels[down].size());
        std::vector<std::set<uint32_t>> rowFiles(rows.size());
        for (size_t d = 0; d < rows.size(); ++d) {
            rows[d].assign(columns + 1, {text("")});
            rows[d][0] = {code(levels[down][d])};
        }
        for (const SweepConfig* c : configs) {
            const MetricStats* ms = ctx.analysis.find(c->variant, ctx.throughput->value);
            const size_t d = levelIndex(down, *c->values[down]);
            const size_t a = hasAcross ? levelIndex(across, *c->values[across]) : 0;
            rows[d][a + 1] = {text(fmt::format("{} ({})", formatValue(ms->summary.median), ms->summary.n))};
            ++cells;
            single += ms->summary.n == 1 ? 1 : 0;
            for (const uint32_t sample : ms->samples)
                rowFiles[d].insert(ds.samples.file[sample]);
        }
        // Each row cites the files of its cells; rows of levels no configuration of this grid has are left out.
        for (size_t d = 0; d < rows.size(); ++d) {
            if (rowFiles[d].empty())
                continue;
            rows[d].push_back(ctx.refsForFiles(rowFiles[d]));
            t.rows.push_back(std::move(rows[d]));
        }
        ctx.doc.table(std::move(t));
    }
    // The columns of the full table that say nothing for one value are left out, and the note says why.
    const std::string& metric = ds.metrics[ctx.throughput->value].id;
    const std::string& unit = ds.metrics[ctx.throughput->value].unit;
    std::string spread;
    if (single == cells)
        spread = "every cell is a single measurement (n = 1), for which a standard deviation, a CV and a confidence "
                 "interval do not exist, so those columns of the full table are left out here";
    else if (single > 0)
        spread = fmt::format("{} of the {} cells are a single measurement, for which a standard deviation, a CV and "
                             "a confidence interval do not exist; those columns are left out here, and Appendix A has "
                             "them for the others",
            single, cells);
    else
        spread = "the spread of each cell (standard deviation, CV, confidence interval) is in Appendix A";
    Inlines note {text(fmt::format("Cells: median {} ({}) with n in brackets; {}.", metric, unit, spread))};
    if (grids.size() > kMaxGrids)
        note.push_back(
            text(fmt::format(" {} more grids (other combinations of {}) are in Appendix A.", grids.size() - kMaxGrids,
                rest.size() == 1 ? sweep.parameters[rest.front()] : std::string("the other parameters"))));
    if (unset > 0)
        note.push_back(text(fmt::format(
            " {} that {} not set the grid's parameters or have no throughput {} in Appendix A only.",
            plural(unset, "configuration", "configurations"), unset == 1 ? "does" : "do", unset == 1 ? "is" : "are")));
    ctx.doc.paragraph(std::move(note));
}
} // namespace

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
        ctx.doc.heading(3, "Sweep of " + model);
        sweepGrids(ctx, result.value());
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
