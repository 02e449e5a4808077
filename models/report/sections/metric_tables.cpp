// Appendix A: one table per catalogued metric, every variant (best first), with every statistic; the body shows
// the key tables (key_tables.cpp).
#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/export/data_export.h"
#include "models/report/sections/report_context.h"
#include "models/stats/analysis.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace benchlens {

namespace {
// The variants measured once in every metric, per model: one row per variant, one column per metric holding its one
// value. For one value the mean, the median and every percentile are that value, and there is no spread or
// interval: those columns would say nothing.
void writeSingleValues(ReportContext& ctx, const std::vector<uint32_t>& metrics,
    const std::map<uint32_t, std::map<uint32_t, const MetricStats*>>& single, const std::set<uint32_t>& onceOnly)
{
    if (onceOnly.empty())
        return;
    const Dataset& ds = ctx.ds;
    ctx.doc.heading(3, "Variants measured once");
    ctx.doc.paragraph({text(fmt::format(
        "{} measured once in every metric: a single value is its own mean, median and percentiles and has no spread "
        "or confidence interval, so each metric's column holds that value (empty: not measured).",
        plural(onceOnly.size(), "variant was", "variants were")))});
    std::map<std::string, std::vector<uint32_t>> byModel; // model -> variants, in id order
    for (const uint32_t v : onceOnly)
        byModel[ds.variants[v].model].push_back(v);
    size_t listed = 0;
    for (auto& [model, variants] : byModel) {
        std::sort(variants.begin(), variants.end(),
            [&](uint32_t a, uint32_t b) { return ds.variants[a].id < ds.variants[b].id; });
        if (ctx.large() && listed >= kMaxAppendixRows)
            break;
        std::vector<std::string_view> ids;
        for (const uint32_t v : variants)
            ids.push_back(ds.variants[v].id);
        const std::string prefix = commonVariantPrefix(ids);
        std::vector<uint32_t> columns; // the metrics this model's variants have
        for (const uint32_t m : metrics) {
            if (std::any_of(variants.begin(), variants.end(), [&](uint32_t v) { return single.at(v).count(m) > 0; }))
                columns.push_back(m);
        }
        Inlines legend {
            text(plural(variants.size(), "variant", "variants") + " of "), code(model.empty() ? "(no model)" : model)};
        if (!prefix.empty()) {
            legend.push_back(text(", named below without their common prefix "));
            legend.push_back(code(prefix));
        }
        legend.push_back(text(":"));
        ctx.doc.paragraph(std::move(legend));
        ReportTable t;
        t.header = {"Variant"};
        t.numeric = {false};
        for (const uint32_t m : columns) {
            t.header.push_back(ds.metrics[m].id + " (" + ds.metrics[m].unit + ")");
            t.numeric.push_back(true);
        }
        t.header.insert(t.header.end(), {"failed", "sources"});
        t.numeric.insert(t.numeric.end(), {true, false});
        for (const uint32_t v : variants) {
            if (ctx.large() && listed++ >= kMaxAppendixRows)
                break;
            const auto& values = single.at(v);
            std::vector<Inlines> row {{code(ds.variants[v].id.substr(prefix.size()))}};
            std::vector<const MetricStats*> measured;
            for (const uint32_t m : columns) {
                const auto it = values.find(m);
                row.push_back({text(it == values.end() ? std::string() : formatValue(it->second->summary.mean))});
                if (it != values.end())
                    measured.push_back(it->second);
            }
            row.push_back({text(std::to_string(ds.variants[v].failedObservations))});
            std::set<uint32_t> files;
            for (const MetricStats* ms : measured) {
                for (const uint32_t sample : ms->samples)
                    files.insert(ds.samples.file[sample]);
            }
            row.push_back(ctx.refsForFiles(files));
            t.rows.push_back(std::move(row));
        }
        ctx.doc.table(std::move(t));
    }
    if (ctx.large() && onceOnly.size() > kMaxAppendixRows)
        ctx.doc.paragraph(join({text(fmt::format("The first {} of the {} variants measured once; every value is in ",
                                   kMaxAppendixRows, onceOnly.size()))},
            ctx.dataFileRef(ExportTableId::Observations)));
}
} // namespace

void writeMetricTables(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    ctx.doc.paragraph({text(fmt::format(
        "Statistics are computed from the successful samples only. Standard deviation uses n−1; percentiles use "
        "linear interpolation between closest ranks (type 7, as NumPy and R), p95 shown from n ≥ {} and p99 from "
        "n ≥ {} (with fewer values a tail percentile is an interpolation between the largest values, not a measured "
        "tail: –). Each 95% confidence interval stands beside its statistic: for these metrics, which cannot be "
        "negative, both the mean's and the median's are percentile-bootstrap intervals ({} resamples, fixed seed), so "
        "they never leave the range of the data. Outliers: Tukey's fences, mild beyond {} IQR and severe beyond {} "
        "IQR of the quartiles (as criterion).",
        kMinSamplesForP95, kMinSamplesForP99, kBootstrapResamples, kTukeyMild, kTukeySevere))});
    // The metrics with a table: catalogued ones that are not ratios or uncategorized.
    std::vector<uint32_t> metrics;
    for (uint32_t m = 0; m < ds.metrics.size(); ++m) {
        const MetricInfo& info = ds.metrics[m];
        if (!info.catalog)
            continue;
        const MetricKind kind = ctx.catalog.metric(*info.catalog).kind;
        if (kind != MetricKind::Other && kind != MetricKind::Ratio)
            metrics.push_back(m);
    }
    // Variants measured once in every metric (single-sample sweep points): one row each in a table of values.
    std::map<uint32_t, std::map<uint32_t, const MetricStats*>> single; // variant -> metric -> its one value
    std::set<uint32_t> repeated;
    for (const uint32_t m : metrics) {
        for (const MetricStats* ms : statsOfMetric(ctx.analysis, MetricIndex(m))) {
            if (ms->summary.n == 1)
                single[ms->variant][m] = ms;
            else
                repeated.insert(ms->variant);
        }
    }
    std::set<uint32_t> onceOnly;
    for (const auto& [variant, values] : single) {
        if (!repeated.count(variant))
            onceOnly.insert(variant);
    }
    for (const uint32_t m : metrics) {
        const MetricInfo& info = ds.metrics[m];
        const MetricDef& def = ctx.catalog.metric(*info.catalog);
        auto rows = statsOfMetric(ctx.analysis, MetricIndex(m));
        const bool higherBetter = def.better == Better::Higher;
        std::stable_sort(rows.begin(), rows.end(), [&](auto* a, auto* b) {
            if (a->summary.mean != b->summary.mean)
                return higherBetter ? a->summary.mean > b->summary.mean : a->summary.mean < b->summary.mean;
            return a->variant < b->variant;
        });
        // Variants measured once are in the table of single values below, not here.
        std::erase_if(rows, [&](const MetricStats* ms) { return onceOnly.count(ms->variant) > 0; });
        if (rows.empty())
            continue;
        ctx.doc.heading(3, fmt::format("{} ({})", info.id, info.unit));
        const size_t all = rows.size();
        if (ctx.large() && rows.size() > kMaxAppendixRows) {
            rows.resize(kMaxAppendixRows);
            ctx.doc.paragraph(join({text(fmt::format("The best {} of the {} variants; every variant's statistics are "
                                                     "in ",
                                       kMaxAppendixRows, all))},
                ctx.dataFileRef(ExportTableId::Statistics)));
        }
        // Two tables of the same rows, each narrow enough for the page: where the values sit (each 95% confidence
        // interval beside its statistic) and how they spread.
        std::vector<std::string_view> ids;
        for (const auto* ms : rows)
            ids.push_back(ds.variants[ms->variant].id);
        const std::string prefix = commonVariantPrefix(ids);
        if (!prefix.empty())
            ctx.doc.paragraph(
                {text("Every variant below starts with "), code(prefix), text(", left out of the names.")});
        ReportTable t, spread;
        t.header = {"Variant", "n", "mean", "95% CI of mean", "median", "95% CI of median", "sources"};
        t.numeric = {false, true, true, false, true, false, false};
        spread.header = {"Variant", "p95", "p99", "stddev", "CV", "outliers (mild/severe)", "failed"};
        spread.numeric = {false, true, true, true, true, false, true};
        const auto interval = [](const std::optional<Interval>& ci) {
            return ci ? formatValue(ci->low) + " – " + formatValue(ci->high) : std::string("-");
        };
        size_t withheld95 = 0, withheld99 = 0, slowFirst = 0, madOutliers = 0;
        std::set<uint32_t> slowFiles, madFiles; // the files of the flagged variants' samples, cited by the notes
        const auto filesOf = [&](const MetricStats& ms, std::set<uint32_t>& files) {
            for (const uint32_t sample : ms.samples)
                files.insert(ds.samples.file[sample]);
        };
        for (const auto* ms : rows) {
            const auto& s = ms->summary;
            const auto& v = ds.variants[ms->variant];
            withheld95 += s.p95 ? 0 : 1;
            withheld99 += s.p99 ? 0 : 1;
            if (s.slowFirst) {
                ++slowFirst;
                filesOf(*ms, slowFiles);
            } else if (s.madOutliers > 0) {
                ++madOutliers;
                filesOf(*ms, madFiles);
            }
            const std::string name = v.id.substr(prefix.size());
            t.rows.push_back(
                {{code(name)}, {text(std::to_string(s.n))}, {text(formatValue(s.mean))}, {text(interval(s.meanCi))},
                    {text(formatValue(s.median))}, {text(interval(s.medianCi))}, ctx.refsFor(*ms)});
            spread.rows.push_back({{code(name)}, {text(s.p95 ? formatValue(*s.p95) : "–")},
                {text(s.p99 ? formatValue(*s.p99) : "–")}, {text(s.n >= 2 ? formatValue(s.stddev) : "-")},
                {text(s.n >= 2 && s.mean != 0 ? fmt::format("{:.1f}%", 100 * s.cv) : "-")},
                {text(fmt::format("{}/{}", s.mildOutliers, s.severeOutliers))},
                {text(std::to_string(v.failedObservations))}});
        }
        ctx.doc.table(std::move(t));
        ctx.doc.table(std::move(spread));
        std::vector<Inlines> notes;
        if (withheld95 + withheld99 > 0) {
            notes.push_back({text(fmt::format("–: p95 withheld for {} and p99 for {} of the {} variants, whose n is "
                                              "below {} (p95) or {} (p99).",
                withheld95, withheld99, rows.size(), kMinSamplesForP95, kMinSamplesForP99))});
        }
        if (slowFirst > 0) {
            notes.push_back(join({text(fmt::format("{}: the first value is far slower than the rest (modified "
                                                   "Z-score above {:.4g}, as hyperfine's \"first run significantly "
                                                   "slower\" warning): caches or a model load not warmed up. ",
                                     plural(slowFirst, "variant", "variants"), kModifiedZThreshold))},
                ctx.refsForFiles(slowFiles)));
        }
        if (madOutliers > 0) {
            notes.push_back(join({text(fmt::format("{} hold values more than {:.4g} median absolute deviations from "
                                                   "their median (hyperfine's outlier warning): the mean and its "
                                                   "interval follow them; read the median. ",
                                     plural(madOutliers, "variant", "variants"), kModifiedZThreshold))},
                ctx.refsForFiles(madFiles)));
        }
        if (!notes.empty())
            ctx.doc.bullets(std::move(notes));
    }
    writeSingleValues(ctx, metrics, single, onceOnly);
}

} // namespace benchlens
