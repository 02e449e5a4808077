// Performance Analysis: one table per catalogued metric (variants best first), the throughput bars and TTFT boxes.
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
void throughputFigure(ReportContext& ctx, const std::vector<const MetricStats*>& rows)
{
    const Dataset& ds = ctx.ds;
    BarChart chart;
    const size_t shown = std::min(rows.size(), kMaxCharted);
    chart.title = rows.size() > shown ? fmt::format("Mean throughput: the {} best of {} variants", shown, rows.size())
                                      : std::string("Mean throughput per variant");
    chart.axisLabel = fmt::format("mean {} ({}), error bars ± 1 standard deviation", ds.metrics[rows[0]->metric].id,
        ds.metrics[rows[0]->metric].unit);
    for (size_t i = 0; i < shown; ++i) {
        const auto& s = rows[i]->summary;
        chart.items.push_back({ds.variants[rows[i]->variant].id, s.mean, s.n >= 2 ? s.stddev : 0, s.n});
    }
    auto svg = renderBarChartSvg(chart);
    ctx.doc.figure(fmt::format("Figure {}: mean throughput per variant (best first), ± 1 standard deviation; "
                               "values from the table above.",
                       ctx.figureCount() + 1),
        std::move(svg.svg), svg.width, svg.height);
}

// Box plots of every TTFT sample per variant, lowest median first.
void latencyFigure(ReportContext& ctx, std::vector<const MetricStats*> rows)
{
    const Dataset& ds = ctx.ds;
    std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
        return a->summary.median != b->summary.median ? a->summary.median < b->summary.median : a->variant < b->variant;
    });
    BoxChart chart;
    const size_t shown = std::min(rows.size(), kMaxCharted);
    chart.title = rows.size() > shown
        ? fmt::format("Time to first token: the {} lowest medians of {} variants", shown, rows.size())
        : std::string("Time to first token per variant");
    chart.axisLabel = fmt::format(
        "{} ({}); box: quartiles, whiskers: 1.5 IQR", ds.metrics[rows[0]->metric].id, ds.metrics[rows[0]->metric].unit);
    for (size_t i = 0; i < shown; ++i) {
        BoxItem item {ds.variants[rows[i]->variant].id, {}};
        for (const uint32_t sample : rows[i]->samples)
            item.values.push_back(ds.samples.value[sample]);
        chart.items.push_back(std::move(item));
    }
    auto svg = renderBoxChartSvg(chart);
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
        auto rows = statsOfMetric(ctx.analysis, static_cast<int>(m));
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
                {text(std::to_string(v.failedSamples))}, ctx.refsFor(*ms)});
        }
        ctx.doc.table(std::move(t));
        if (static_cast<int>(m) == ctx.throughput)
            throughputFigure(ctx, rows);
        else if (static_cast<int>(m) == ctx.ttft)
            latencyFigure(ctx, rows);
    }
}

} // namespace benchlens
