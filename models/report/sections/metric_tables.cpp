// Appendix A: one table per catalogued metric, every variant (best first), with every statistic; the body shows
// the key tables (key_tables.cpp).
#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/report/sections/report_context.h"
#include "models/stats/analysis.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace benchlens {

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
    for (uint32_t m = 0; m < ds.metrics.size(); ++m) {
        const MetricInfo& info = ds.metrics[m];
        if (!info.catalog)
            continue;
        const MetricDef& def = ctx.catalog.metric(*info.catalog);
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
        t.header = {"Variant", "n", "mean", "95% CI of mean", "median", "95% CI of median", "p95", "p99", "stddev",
            "CV", "outliers (mild/severe)", "failed", "sources"};
        t.numeric = {false, true, true, false, true, false, true, true, true, true, false, true, false};
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
            t.rows.push_back({{code(v.id)}, {text(std::to_string(s.n))}, {text(formatValue(s.mean))},
                {text(interval(s.meanCi))}, {text(formatValue(s.median))}, {text(interval(s.medianCi))},
                {text(s.p95 ? formatValue(*s.p95) : "–")}, {text(s.p99 ? formatValue(*s.p99) : "–")},
                {text(s.n >= 2 ? formatValue(s.stddev) : "-")},
                {text(s.n >= 2 && s.mean != 0 ? fmt::format("{:.1f}%", 100 * s.cv) : "-")},
                {text(fmt::format("{}/{}", s.mildOutliers, s.severeOutliers))},
                {text(std::to_string(v.failedObservations))}, ctx.refsFor(*ms)});
        }
        ctx.doc.table(std::move(t));
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
}

} // namespace benchlens
