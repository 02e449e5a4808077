// Performance Analysis (the body): per model the key table of the variants measured at least
// kMinSamplesForHeadline times (n, median and its CI, p95 where n supports it, for throughput and TTFT or, in a
// folder without them, the first two catalogued metrics), then the throughput bars and the TTFT boxes. Every
// variant's full statistics are in the appendix (metric_tables.cpp).
#include "models/charts/chart_spec.h"
#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/report/sections/report_context.h"
#include "models/report/svg_charts.h"
#include "models/stats/analysis.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace benchlens {

namespace {
// The chart's title: `whole` when every variant is drawn, else "<shown> the N <best> of M variants".
std::string figureTitle(size_t drawn, size_t omitted, std::string_view shown, std::string_view best, std::string whole)
{
    return omitted > 0 ? fmt::format("{}: the {} {} of {} variants", shown, drawn, best, drawn + omitted) : whole;
}

// Bars of mean throughput ± stddev, best first, of the variants of the key table (`include`, by variant).
void throughputFigure(ReportContext& ctx, const std::vector<char>& include)
{
    const charts::BarChartSpec bars
        = charts::meanBars(ctx.ds, ctx.analysis, ctx.throughput, charts::ErrorKind::StdDev, include, kMaxCharted);
    const std::string title
        = figureTitle(bars.bars.size(), bars.omitted, "Mean throughput", "best", "Mean throughput per variant");
    ctx.addFigure(renderBarChartSvg(bars, title,
                      fmt::format("mean {} ({}), error bars ± 1 standard deviation", bars.metric, bars.unit)),
        "mean throughput of the variants of the table above (best first), ± 1 standard deviation.");
}

// Box plots of every TTFT sample per variant of the key table, lowest median first.
void latencyFigure(ReportContext& ctx, const std::vector<char>& include)
{
    const charts::BoxChartSpec boxes = charts::boxes(ctx.ds, ctx.analysis, ctx.ttft, include, kMaxCharted);
    const std::string title = figureTitle(
        boxes.boxes.size(), boxes.omitted, "Time to first token", "lowest medians", "Time to first token per variant");
    ctx.addFigure(renderBoxChartSvg(boxes, title,
                      fmt::format("{} ({}); box: quartiles, whiskers: 1.5 IQR", boxes.metric, boxes.unit)),
        "distribution of time to first token of the variants of the table above (lowest median first), all "
        "successful samples including cold starts.");
}

std::string interval(const std::optional<Interval>& ci)
{
    return ci ? formatValue(ci->low) + " – " + formatValue(ci->high) : std::string("-");
}

// The metrics of the key tables: throughput and TTFT where the folder has them, else the first two catalogued
// sample metrics (a folder of Google Benchmark or hyperfine results).
std::vector<uint32_t> keyMetrics(const ReportContext& ctx)
{
    std::vector<uint32_t> out;
    for (const auto& m : {ctx.throughput, ctx.ttft}) {
        if (m && !statsOfMetric(ctx.analysis, m).empty())
            out.push_back(m->value);
    }
    if (!out.empty())
        return out;
    for (uint32_t m = 0; m < ctx.ds.metrics.size() && out.size() < 2; ++m) {
        const MetricInfo& info = ctx.ds.metrics[m];
        if (!info.catalog)
            continue;
        const MetricKind kind = ctx.catalog.metric(*info.catalog).kind;
        if (kind != MetricKind::Other && kind != MetricKind::Ratio
            && !statsOfMetric(ctx.analysis, MetricIndex(m)).empty())
            out.push_back(m);
    }
    return out;
}
} // namespace

// The variant's label in a table of one model's variants: its configuration (the model is the table's).
std::string configurationLabel(const Variant& v)
{
    std::string label;
    for (const auto& [key, value] : v.config)
        label.append(label.empty() ? "" : " ").append(key + "=" + value);
    return label.empty() ? std::string("(no parameters)") : label;
}

void writeKeyTables(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    const std::vector<uint32_t> metrics = keyMetrics(ctx);
    if (metrics.empty()) {
        ctx.doc.paragraph({text("No catalogued metric has samples, so there is nothing to tabulate.")});
        return;
    }
    // Per model (in name order; variants without a model under their id), the variants measured often enough.
    std::map<std::string, std::vector<uint32_t>> byModel;
    std::map<std::string, size_t> fewerOfModel;
    size_t shown = 0, measured = 0;
    std::vector<bool> p95Shown(metrics.size(), false);
    for (uint32_t v = 0; v < ds.variants.size(); ++v) {
        bool any = false, often = false;
        for (const uint32_t m : metrics) {
            if (const MetricStats* ms = ctx.analysis.find(v, m)) {
                any = true;
                often = often || ms->summary.n >= kMinSamplesForHeadline;
            }
        }
        if (!any)
            continue;
        ++measured;
        const std::string& model = ds.variants[v].model.empty() ? ds.variants[v].id : ds.variants[v].model;
        if (!often) {
            ++fewerOfModel[model];
            continue;
        }
        byModel[model].push_back(v);
        ++shown;
        for (size_t k = 0; k < metrics.size(); ++k) {
            const MetricStats* ms = ctx.analysis.find(v, metrics[k]);
            p95Shown[k] = p95Shown[k] || (ms && ms->summary.p95);
        }
    }
    std::string names;
    for (size_t i = 0; i < metrics.size(); ++i)
        names += (i ? " or " : "") + ds.metrics[metrics[i]].id;
    std::string withheld;
    for (size_t k = 0; k < metrics.size(); ++k) {
        if (!p95Shown[k])
            withheld += (withheld.empty() ? "" : " and ") + ds.metrics[metrics[k]].id;
    }
    ctx.doc.paragraph({text(fmt::format(
        "The variants whose {} was measured at least {} times ({} of the {} variants with such samples), per model, "
        "best median first: for each metric in that order, n, the median and its 95% confidence interval "
        "(percentile bootstrap){}. Every variant, with mean, stddev, CV, p99 and outliers, is in Appendix A.",
        names, kMinSamplesForHeadline, shown, measured,
        withheld.empty() ? fmt::format(", and p95 (from n ≥ {}; –: fewer values)", kMinSamplesForP95)
                         : fmt::format("; p95 is left out for {}, as no variant here has the n ≥ {} a measured tail "
                                       "needs",
                             withheld, kMinSamplesForP95)))});
    if (!byModel.empty()) {
        ReportTable t;
        t.header = {"Model", "Configuration"};
        t.numeric = {false, false};
        // Columns headed by unit ("median (tok/s)"), the metric's id where two key metrics share a unit.
        const bool sameUnit = metrics.size() > 1 && ds.metrics[metrics[0]].unit == ds.metrics[metrics[1]].unit;
        for (size_t k = 0; k < metrics.size(); ++k) {
            const MetricInfo& info = ds.metrics[metrics[k]];
            t.header.insert(t.header.end(),
                {"n", sameUnit ? "median " + info.id : fmt::format("median ({})", info.unit), "95% CI"});
            t.numeric.insert(t.numeric.end(), {true, true, false});
            if (p95Shown[k]) {
                t.header.push_back("p95");
                t.numeric.push_back(true);
            }
        }
        t.header.push_back("sources");
        t.numeric.push_back(false);
        const Better better = ctx.catalog.betterOf(ds.metrics[metrics.front()].catalog);
        const auto medianOf = [&](uint32_t v) {
            const MetricStats* ms = ctx.analysis.find(v, metrics.front());
            return ms ? ms->summary.median : 0.0;
        };
        for (auto& [model, variants] : byModel) {
            std::stable_sort(variants.begin(), variants.end(), [&](uint32_t a, uint32_t b) {
                return better == Better::Lower ? medianOf(a) < medianOf(b) : medianOf(a) > medianOf(b);
            });
            for (const uint32_t v : variants) {
                // The model names the first row of its group.
                std::vector<Inlines> row {v == variants.front() ? Inlines {code(model)} : Inlines {},
                    {code(configurationLabel(ds.variants[v]))}};
                std::set<uint32_t> files;
                for (size_t k = 0; k < metrics.size(); ++k) {
                    const MetricStats* ms = ctx.analysis.find(v, metrics[k]);
                    if (!ms) {
                        row.insert(row.end(), {{text("0")}, {text("-")}, {text("-")}});
                    } else {
                        const Summary& s = ms->summary;
                        row.insert(row.end(),
                            {{text(std::to_string(s.n))}, {text(formatValue(s.median))}, {text(interval(s.medianCi))}});
                        for (const uint32_t sample : ms->samples)
                            files.insert(ds.samples.file[sample]);
                    }
                    if (p95Shown[k])
                        row.push_back({text(ms && ms->summary.p95 ? formatValue(*ms->summary.p95) : "–")});
                }
                row.push_back(ctx.refsForFiles(files));
                t.rows.push_back(std::move(row));
            }
        }
        ctx.doc.table(std::move(t));
    }
    if (!fewerOfModel.empty()) {
        Inlines line {text(fmt::format("Measured fewer than {} times (in the sweep grids below where they form one, "
                                       "and in Appendix A): ",
            kMinSamplesForHeadline))};
        size_t listed = 0;
        for (const auto& [model, count] : fewerOfModel) {
            if (listed++ == kMaxListed) {
                line.push_back(text(fmt::format(", and {} more models", fewerOfModel.size() - kMaxListed)));
                break;
            }
            if (listed > 1)
                line.push_back(text(", "));
            line.push_back(code(model));
            line.push_back(text(fmt::format(" {}", plural(count, "variant", "variants"))));
        }
        line.push_back(text("."));
        ctx.doc.paragraph(std::move(line));
    }
    std::vector<char> include(ds.variants.size(), 0);
    for (const auto& [model, variants] : byModel) {
        for (const uint32_t v : variants)
            include[v] = 1;
    }
    if (shown == 0)
        return;
    const auto charted = [&](const std::optional<MetricIndex>& m) {
        return m && std::any_of(metrics.begin(), metrics.end(), [&](uint32_t k) { return k == m->value; });
    };
    if (charted(ctx.throughput))
        throughputFigure(ctx, include);
    if (charted(ctx.ttft))
        latencyFigure(ctx, include);
}

} // namespace benchlens
