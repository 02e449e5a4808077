// Performance Analysis: one table per catalogued metric (variants best first), the throughput bars and TTFT boxes.
#include "models/charts/chart_spec.h"
#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/report/sections/report_context.h"
#include "models/report/svg_charts.h"
#include "models/stats/analysis.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>

namespace benchlens {

namespace {
// Bars of mean throughput ± stddev, best first (the table's order).
void throughputFigure(ReportContext& ctx)
{
    const charts::BarChartSpec bars
        = charts::meanBars(ctx.ds, ctx.analysis, ctx.throughput, charts::ErrorKind::StdDev, {}, kMaxCharted);
    const size_t total = bars.bars.size() + bars.omitted;
    const std::string title = bars.omitted > 0
        ? fmt::format("Mean throughput: the {} best of {} variants", bars.bars.size(), total)
        : std::string("Mean throughput per variant");
    auto svg = renderBarChartSvg(
        bars, title, fmt::format("mean {} ({}), error bars ± 1 standard deviation", bars.metric, bars.unit));
    ctx.doc.figure(fmt::format("Figure {}: mean throughput per variant (best first), ± 1 standard deviation; "
                               "values from the table above.",
                       ctx.figureCount() + 1),
        std::move(svg.svg), svg.width, svg.height);
}

// Box plots of every TTFT sample per variant, lowest median first.
void latencyFigure(ReportContext& ctx)
{
    const charts::BoxChartSpec boxes = charts::boxes(ctx.ds, ctx.analysis, ctx.ttft, {}, kMaxCharted);
    const size_t total = boxes.boxes.size() + boxes.omitted;
    const std::string title = boxes.omitted > 0
        ? fmt::format("Time to first token: the {} lowest medians of {} variants", boxes.boxes.size(), total)
        : std::string("Time to first token per variant");
    auto svg = renderBoxChartSvg(
        boxes, title, fmt::format("{} ({}); box: quartiles, whiskers: 1.5 IQR", boxes.metric, boxes.unit));
    ctx.doc.figure(fmt::format("Figure {}: distribution of time to first token per variant (lowest median "
                               "first), all successful samples including cold starts: the samples of the table above.",
                       ctx.figureCount() + 1),
        std::move(svg.svg), svg.width, svg.height);
}
} // namespace

void writeMetricTables(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    ctx.doc.paragraph({text("Statistics are computed from the successful samples only. Standard deviation uses n−1; "
                            "percentiles use linear interpolation between closest ranks (type 7, as NumPy and R); the "
                            "95% confidence interval of the mean uses Student's t with n−1 degrees of freedom. "
                            "With fewer than 20 samples, p95 and p99 are interpolations between the largest values, "
                            "not measured tails.")});
    for (uint32_t m = 0; m < ds.metrics.size(); ++m) {
        const MetricInfo& info = ds.metrics[m];
        if (info.catalog < 0)
            continue;
        const MetricDef& def = ctx.catalog.metric(info.catalog);
        if (def.kind == MetricKind::Other || def.kind == MetricKind::Ratio)
            continue;
        auto rows = statsOfMetric(ctx.analysis, MetricIndex(m));
        if (rows.empty())
            continue;
        const bool higherBetter = def.better == Better::Higher;
        std::stable_sort(rows.begin(), rows.end(), [&](auto* a, auto* b) {
            if (a->summary.mean != b->summary.mean)
                return higherBetter ? a->summary.mean > b->summary.mean : a->summary.mean < b->summary.mean;
            return a->variant < b->variant;
        });
        ctx.doc.heading(3, fmt::format("{} ({})", info.id, info.unit));
        ReportTable t;
        t.header
            = {"Variant", "n", "mean", "median", "p95", "p99", "stddev", "CV", "95% CI of mean", "failed", "sources"};
        t.numeric = {false, true, true, true, true, true, true, true, false, true, false};
        for (const auto* ms : rows) {
            const auto& s = ms->summary;
            const auto& v = ds.variants[ms->variant];
            t.rows.push_back({{code(v.id)}, {text(std::to_string(s.n))}, {text(formatValue(s.mean))},
                {text(formatValue(s.median))}, {text(formatValue(s.p95))}, {text(formatValue(s.p99))},
                {text(s.n >= 2 ? formatValue(s.stddev) : "-")},
                {text(s.n >= 2 && s.mean != 0 ? fmt::format("{:.1f}%", 100 * s.cv) : "-")},
                {text(s.ciLow ? formatValue(*s.ciLow) + " – " + formatValue(*s.ciHigh) : "-")},
                {text(std::to_string(v.failedObservations))}, ctx.refsFor(*ms)});
        }
        ctx.doc.table(std::move(t));
        if (MetricIndex(m) == ctx.throughput)
            throughputFigure(ctx);
        else if (MetricIndex(m) == ctx.ttft)
            latencyFigure(ctx);
    }
}

} // namespace benchlens
