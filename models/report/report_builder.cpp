#include "models/report/report_builder.h"

#include "models/charts/chart_spec.h"
#include "models/charts/compare_charts.h"
#include "models/charts/sweep_levels.h"
#include "models/data/dataset.h"
#include "models/report/summary_json.h"
#include "models/report/svg_charts.h"
#include "models/stats/analysis.h"
#include "models/stats/sweep.h"
#include "models/util/stopwatch.h"
#include "models/util/text.h"
#include "models/util/version.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <set>

namespace benchlens {

namespace {
constexpr size_t kMaxListed = 30;
constexpr size_t kMaxCharted = 12; // bars or boxes per chart

std::string folderName(const std::string& root)
{
    const auto slash = root.rfind('/');
    return slash == std::string::npos ? root : root.substr(slash + 1);
}

std::string today()
{
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    return utcTimestamp(ms).substr(0, 10);
}

std::string plural(size_t n, const char* one, const char* many)
{
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

class Builder
{
public:
    Builder(const Dataset& ds, const Analysis& an, const ReportOptions& options, const WorkflowTimes& times)
        : m_ds(ds)
        , m_an(an)
        , m_options(options)
        , m_times(times)
        , m_catalog(MetricCatalog::instance())
    {
        // Sources are the files that contributed samples or reported values, numbered in path order.
        for (uint32_t i = 0; i < ds.files.size(); ++i) {
            const auto& f = ds.files[i];
            if (f.samples || f.failedSamples || f.reported || f.equivalentOf)
                m_sourceLabel[i] = fmt::format("S{}", m_sourceLabel.size() + 1);
        }
        m_coldStarts = detectColdStarts(ds);
        m_throughput = ds.findMetric("throughput_tok_s");
        m_ttft = ds.findMetric("ttft_ms");
    }

    ReportDocument build()
    {
        m_doc.title
            = m_options.title.empty() ? "BenchLens Technical Report: " + folderName(m_ds.root) : m_options.title;
        m_doc.paragraph(
            {strong("Date:"), text(" " + (m_options.date.empty() ? today() : m_options.date) + "  "), strong("Folder:"),
                text(" "), code(m_ds.root), text("  "), strong("BenchLens:"), text(std::string(" ") + version())});
        if (m_ds.scope)
            scopeParagraph();
        if (!m_options.baseline.empty()) {
            auto c = compareSelections(m_ds, m_options.baseline, m_options.candidates, m_options.compareMetrics,
                m_options.compareOptions, m_options.exclusions);
            if (c)
                m_comparison = std::move(c).value();
            else
                m_comparisonError = c.error();
        }
        executiveSummary();
        ingestionSummary();
        performanceAnalysis();
        if (!m_options.baseline.empty())
            comparison();
        findings();
        appendix();
        workflow();
        return std::move(m_doc);
    }

private:
    // A report on part of the folder says which part, and how much of the folder that is.
    void scopeParagraph()
    {
        const DatasetScope& scope = *m_ds.scope;
        uint64_t observations = 0, failed = 0;
        for (const auto& v : m_ds.variants) {
            observations += v.samples;
            failed += v.failedSamples;
        }
        Inlines line {strong("Scope:"), text(" the part of the folder selected by ")};
        for (size_t i = 0; i < scope.selectors.size(); ++i) {
            if (i)
                line.push_back(text(" or "));
            line.push_back(code(scope.selectors[i]));
        }
        line.push_back(text(fmt::format(": {} of {} variants, {} of {} successful observations, {} of {} failed ones "
                                        "and {} of {} reported aggregates, from {} of {} source files. Every "
                                        "statistic, chart and finding below is computed from this part only; the "
                                        "Data Ingestion Summary and the input checksums describe the whole folder.",
            m_ds.variants.size(), scope.folderVariants, observations, scope.folderObservations, failed,
            scope.folderFailed, m_ds.reported.size(), scope.folderReported, m_sourceLabel.size(),
            scope.folderSources)));
        m_doc.paragraph(std::move(line));
    }

    // "## 5. Comparison": sections are numbered in order, so the optional comparison shifts those after it.
    void section(const std::string& name) { m_doc.heading(2, fmt::format("{}. {}", ++m_sectionNumber, name)); }

    // Baseline vs candidates, as `benchlens compare` computes them (the same function).
    void comparison()
    {
        section("Comparison");
        if (!m_comparison) {
            m_doc.paragraph({text("The comparison could not be made: " + m_comparisonError + ".")});
            return;
        }
        const DatasetComparison& c = *m_comparison;
        m_doc.paragraph({text("Baseline: "), code(c.baseline.selector),
            text(fmt::format(" ({} samples). Test: two-sided Mann-Whitney U (exact without ties for small samples); "
                             "95% CI of the difference of means (Welch, or bootstrap for large skewed samples); "
                             "verdicts need p < {} and a change of at least {:.0f}%; fewer than {} samples on a side "
                             "is insufficient data.",
                c.baseline.samples.size(), c.options.alpha, c.options.practicalThreshold * 100,
                c.options.minSamples))});
        for (uint32_t ci = 0; ci < c.candidates.size(); ++ci) {
            const CandidateComparison& cand = c.candidates[ci];
            m_doc.heading(3, "Candidate " + cand.selection.selector);
            if (!cand.differingConfig.empty()) {
                std::vector<Inlines> keys;
                for (const auto& [k, v] : cand.differingConfig)
                    keys.push_back({code(k), text(": "), code(v)});
                m_doc.bullets(std::move(keys));
            }
            ReportTable t;
            t.header = {"Metric", "n (b/c)", "Baseline mean", "Candidate mean", "Difference", "95% CI", "p", "Verdict",
                "sources"};
            t.numeric = {false, true, true, true, true, true, true, false, false};
            for (const auto& m : cand.metrics) {
                if (m_ds.metrics[m.metric].catalog < 0)
                    continue;
                const auto& mc = m.comparison;
                const std::string unit = m_ds.metrics[m.metric].unit;
                t.rows.push_back(
                    {{code(m_ds.metrics[m.metric].id)}, {text(fmt::format("{}/{}", mc.baselineN, mc.candidateN))},
                        {text(formatValue(mc.baselineMean) + " " + unit)},
                        {text(formatValue(mc.candidateMean) + " " + unit)},
                        {text(mc.diffPct ? fmt::format("{:+.2f}%", *mc.diffPct * 100) : formatValue(mc.diff))},
                        {text(mc.ci95 ? fmt::format("{} to {} ({})", formatValue(mc.ci95->first),
                                  formatValue(mc.ci95->second), mc.ciMethod)
                                      : std::string("-"))},
                        {text(mc.pValue ? fmt::format("{:.3g}", *mc.pValue) : std::string("-"))},
                        {strong(std::string(verdictName(mc.verdict)))},
                        refsForFiles(comparedFiles(c.baseline, cand.selection, m.metric))});
            }
            m_doc.table(std::move(t));
            forestFigure(c, ci);
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
            m_doc.bullets(std::move(notes));
    }

    // The files of both sides' samples of one metric.
    std::set<uint32_t> comparedFiles(const Selection& baseline, const Selection& candidate, uint32_t metric) const
    {
        std::set<uint32_t> files;
        for (const Selection* side : {&baseline, &candidate}) {
            for (const uint32_t sample : side->samples) {
                if (m_ds.samples.metric[sample] == metric)
                    files.insert(m_ds.samples.file[sample]);
            }
        }
        return files;
    }

    // The comparison's differences as a forest plot: each metric's change in % of the baseline with its 95% CI.
    void forestFigure(const DatasetComparison& c, uint32_t candidate)
    {
        const CandidateComparison& cand = c.candidates[candidate];
        charts::ForestSpec forest = charts::forestPlot(m_ds, c, candidate);
        std::erase_if(forest.points,
            [&](const charts::ForestPoint& p) { return m_ds.metrics[p.metric].catalog < 0 || !p.hasCi; });
        if (forest.points.empty())
            return;
        const SvgChart svg = renderForestChartSvg(
            forest, "Difference from the baseline", "candidate - baseline, % of the baseline mean (whiskers: 95% CI)");
        m_doc.figure(
            fmt::format("Figure {}: {} against the baseline: difference of each metric, % of the baseline "
                        "mean, with the 95% confidence interval of the difference; values from the table above.",
                figureCount() + 1, cand.selection.selector),
            svg.svg, svg.width, svg.height);
    }

    // [S3][S4]: the sources of a variant's samples for one metric.
    Inlines refsFor(const MetricStats& ms) const
    {
        std::set<uint32_t> files;
        for (const uint32_t s : ms.samples)
            files.insert(m_ds.samples.file[s]);
        return refsForFiles(files);
    }

    Inlines refsForFiles(const std::set<uint32_t>& files) const
    {
        Inlines out;
        size_t shown = 0;
        for (const uint32_t f : files) {
            const auto it = m_sourceLabel.find(f);
            if (it == m_sourceLabel.end())
                continue;
            if (shown++ == 6) {
                out.push_back(text(fmt::format(" (+{} more)", files.size() - 6)));
                break;
            }
            out.push_back(sourceRef(it->second));
        }
        return out;
    }

    // [S7] for a file named by its path (a diagnostic's file), or nothing when it is not a source.
    Inlines refsForPath(const std::string& path) const
    {
        const int file = m_ds.findFile(path);
        return file < 0 ? Inlines() : refsForFiles({static_cast<uint32_t>(file)});
    }

    // The sources of several statistics, each file once.
    Inlines refsFor(std::initializer_list<const MetricStats*> stats) const
    {
        std::set<uint32_t> files;
        for (const MetricStats* ms : stats) {
            for (const uint32_t sample : ms->samples)
                files.insert(m_ds.samples.file[sample]);
        }
        return refsForFiles(files);
    }

    static Inlines join(Inlines a, const Inlines& b)
    {
        a.insert(a.end(), b.begin(), b.end());
        return a;
    }

    std::string valueWithUnit(double v, uint32_t metric) const
    {
        const std::string& unit = m_ds.metrics[metric].unit;
        return unit.empty() ? formatValue(v) : formatValue(v) + " " + unit;
    }

    std::string nText(const Summary& s) const
    {
        if (s.n == 1)
            return "a single value, n=1";
        std::string t = fmt::format("n={}", s.n);
        if (s.ciLow)
            t += fmt::format(", 95% CI {}–{}", formatValue(*s.ciLow), formatValue(*s.ciHigh));
        return t;
    }

    std::vector<const MetricStats*> statsOf(int metric) const
    {
        std::vector<const MetricStats*> out;
        if (metric < 0)
            return out;
        for (const auto& ms : m_an.stats) {
            if (ms.metric == static_cast<uint32_t>(metric))
                out.push_back(&ms);
        }
        return out;
    }

    void executiveSummary()
    {
        section("Executive Summary");
        const auto& inv = m_ds.inventory;
        size_t failed = 0;
        size_t ok = 0;
        std::set<std::string> models;
        for (const auto& v : m_ds.variants) {
            failed += v.failedSamples;
            ok += v.samples;
            if (!v.model.empty())
                models.insert(v.model);
        }
        std::vector<Inlines> items;
        items.push_back(
            {text(fmt::format("BenchLens read {} ({} csv, {} json, {} md, {} txt, {} other) in {}{} {} of {}, "
                              "{} successful observations and {} failed ones (excluded from all statistics), "
                              "and {} aggregates that files report themselves.",
                plural(inv.files, "file", "files"), inv.byType[0], inv.byType[1], inv.byType[2], inv.byType[3],
                inv.byType[4], plural(inv.directories.size(), "folder", "folders"),
                m_ds.scope ? "; the selected part holds" : ":", plural(m_ds.variants.size(), "variant", "variants"),
                plural(models.size(), "model", "models"), ok, failed, m_ds.reported.size()))});

        const auto tp = statsOf(m_throughput);
        if (!tp.empty()) {
            const auto best = *std::max_element(
                tp.begin(), tp.end(), [](auto* a, auto* b) { return a->summary.mean < b->summary.mean; });
            const auto worst = *std::min_element(
                tp.begin(), tp.end(), [](auto* a, auto* b) { return a->summary.mean < b->summary.mean; });
            items.push_back(join({text("Highest mean throughput: "), strong(m_ds.variants[best->variant].id),
                                     text(fmt::format(" at {} ({}) ", valueWithUnit(best->summary.mean, best->metric),
                                         nText(best->summary)))},
                refsFor(*best)));
            if (tp.size() > 1) {
                items.push_back(
                    join({text(fmt::format("Spread: mean throughput across the {} variants with "
                                           "throughput samples ranges from {} (",
                              tp.size(), valueWithUnit(worst->summary.mean, worst->metric))),
                             code(m_ds.variants[worst->variant].id),
                             text(fmt::format(") to {}. ", valueWithUnit(best->summary.mean, best->metric)))},
                        refsFor({worst, best})));
            }
        }
        const auto ttft = statsOf(m_ttft);
        if (!ttft.empty()) {
            const auto best = *std::min_element(
                ttft.begin(), ttft.end(), [](auto* a, auto* b) { return a->summary.median < b->summary.median; });
            items.push_back(
                join({text("Lowest median time to first token: "), strong(m_ds.variants[best->variant].id),
                         text(fmt::format(" at {} ({}) ", valueWithUnit(best->summary.median, best->metric),
                             best->summary.n == 1 ? "a single value, not a median" : nText(best->summary)))},
                    refsFor(*best)));
        }
        if (failed > 0) {
            std::vector<const Variant*> failing;
            for (const auto& v : m_ds.variants) {
                if (v.failedSamples)
                    failing.push_back(&v);
            }
            std::sort(failing.begin(), failing.end(), [](auto* a, auto* b) {
                return a->failedSamples != b->failedSamples ? a->failedSamples > b->failedSamples : a->id < b->id;
            });
            items.push_back(join({text(fmt::format("Failures: {} failed observations in {}; most in ", failed,
                                      plural(failing.size(), "variant", "variants"))),
                                     code(failing.front()->id),
                                     text(fmt::format(" ({} of {}). ", failing.front()->failedSamples,
                                         failing.front()->failedSamples + failing.front()->samples))},
                refsForFiles(std::set<uint32_t>(failing.front()->files.begin(), failing.front()->files.end()))));
        } else {
            items.push_back({text("Failures: none recorded.")});
        }
        if (!m_coldStarts.empty()) {
            items.push_back(
                {text(fmt::format("Cold starts: {} whose first TTFT is a model-load outlier (see Key Findings).",
                    plural(m_coldStarts.size(), "file/variant", "files/variants")))});
        }
        size_t disagreements = 0;
        for (const auto& d : m_ds.diagnostics)
            disagreements += d.message.find("differs from") != std::string::npos ? 1 : 0;
        if (disagreements)
            items.push_back(
                {text(fmt::format("{} reported by files disagree with what their samples give (see Key Findings).",
                    plural(disagreements, "aggregate", "aggregates")))});
        m_doc.bullets(std::move(items));
        if (m_comparison) {
            // The headline verdicts of the comparison: throughput and TTFT where compared.
            for (const auto& cand : m_comparison->candidates) {
                std::vector<std::string> parts;
                for (const auto& m : cand.metrics) {
                    const std::string& id = m_ds.metrics[m.metric].id;
                    if (id != "throughput_tok_s" && id != "ttft_ms")
                        continue;
                    const auto& mc = m.comparison;
                    parts.push_back(fmt::format("{} {} ({}{})", id, verdictName(mc.verdict),
                        mc.diffPct ? fmt::format("{:+.2f}%", *mc.diffPct * 100) : formatValue(mc.diff),
                        mc.pValue ? fmt::format(", p = {:.3g}", *mc.pValue) : std::string()));
                }
                if (parts.empty())
                    continue;
                std::string line;
                for (const auto& part : parts)
                    line.append(line.empty() ? "" : "; ").append(part);
                m_doc.paragraph({text("Against the baseline "), code(m_comparison->baseline.selector), text(", "),
                    code(cand.selection.selector), text(": " + line + ".")});
            }
        }
    }

    void ingestionSummary()
    {
        section("Data Ingestion Summary");
        const auto& inv = m_ds.inventory;
        ReportTable types;
        types.header = {"Type", "Files"};
        types.numeric = {false, true};
        for (int t = 0; t < 5; ++t)
            types.rows.push_back(
                {{text(std::string(fileTypeName(static_cast<FileType>(t))))}, {text(std::to_string(inv.byType[t]))}});
        types.rows.push_back({{strong("total")}, {strong(std::to_string(inv.files))}});
        m_doc.table(std::move(types));

        std::vector<Inlines> items;
        items.push_back({text(fmt::format("Bytes read: {}.", inv.bytes))});
        items.push_back(
            {text(fmt::format("Latest modification: {}.", inv.files ? utcTimestamp(inv.latestModifiedMs) : "-"))});
        Inlines dirs {text(fmt::format("Folders walked ({}): ", inv.directories.size()))};
        for (size_t i = 0; i < inv.directories.size() && i < kMaxListed; ++i) {
            if (i)
                dirs.push_back(text(", "));
            dirs.push_back(code(inv.directories[i].empty() ? "." : inv.directories[i]));
        }
        if (inv.directories.size() > kMaxListed)
            dirs.push_back(text(fmt::format(", and {} more", inv.directories.size() - kMaxListed)));
        items.push_back(std::move(dirs));
        m_doc.bullets(std::move(items));

        if (!inv.duplicates.empty() || !inv.equivalents.empty()) {
            m_doc.paragraph({text("Files whose samples count once:")});
            std::vector<Inlines> dup;
            for (const auto& [a, b] : inv.duplicates)
                dup.push_back({code(m_ds.files[b].path), text(" is byte-identical to "), code(m_ds.files[a].path)});
            for (const auto& [a, b] : inv.equivalents)
                dup.push_back({code(m_ds.files[b].path), text(" holds the same samples as "), code(m_ds.files[a].path),
                    text(" (one run, two formats)")});
            m_doc.bullets(std::move(dup));
        }

        std::vector<Inlines> unreadable;
        std::map<Severity, size_t> bySeverity;
        for (const auto& d : m_ds.diagnostics) {
            ++bySeverity[d.severity];
            if (d.severity == Severity::Error)
                unreadable.push_back({code(d.file.empty() ? "." : d.file), text(": " + d.message)});
        }
        if (!unreadable.empty()) {
            m_doc.paragraph({text("Files that could not be read:")});
            m_doc.bullets(std::move(unreadable));
        }
        m_doc.paragraph({text(fmt::format("Diagnostics{}: {} errors, {} warnings, {} notes; the warnings are listed "
                                          "in the Appendix.",
            m_ds.scope ? " (of the selected part's files, and the files that could not be read)" : "",
            bySeverity[Severity::Error], bySeverity[Severity::Warning], bySeverity[Severity::Info]))});
    }

    void performanceAnalysis()
    {
        section("Performance Analysis");
        m_doc.paragraph(
            {text("Statistics are computed from the successful samples only. Standard deviation uses n−1; "
                  "percentiles use linear interpolation between closest ranks (type 7, as NumPy and R); the "
                  "95% confidence interval of the mean uses Student's t with n−1 degrees of freedom. "
                  "With fewer than 20 samples, p95 and p99 are interpolations between the largest values, "
                  "not measured tails.")});
        for (uint32_t m = 0; m < m_ds.metrics.size(); ++m) {
            const MetricInfo& info = m_ds.metrics[m];
            if (info.catalog < 0)
                continue;
            const MetricDef& def = m_catalog.metric(info.catalog);
            if (def.kind == MetricKind::Other || def.kind == MetricKind::Ratio)
                continue;
            auto rows = statsOf(static_cast<int>(m));
            if (rows.empty())
                continue;
            const bool higherBetter = def.better == Better::Higher;
            std::stable_sort(rows.begin(), rows.end(), [&](auto* a, auto* b) {
                if (a->summary.mean != b->summary.mean)
                    return higherBetter ? a->summary.mean > b->summary.mean : a->summary.mean < b->summary.mean;
                return a->variant < b->variant;
            });
            m_doc.heading(3, fmt::format("{} ({})", info.id, info.unit));
            ReportTable t;
            t.header = {
                "Variant", "n", "mean", "median", "p95", "p99", "stddev", "CV", "95% CI of mean", "failed", "sources"};
            t.numeric = {false, true, true, true, true, true, true, true, false, true, false};
            for (const auto* ms : rows) {
                const auto& s = ms->summary;
                const auto& v = m_ds.variants[ms->variant];
                t.rows.push_back({{code(v.id)}, {text(std::to_string(s.n))}, {text(formatValue(s.mean))},
                    {text(formatValue(s.median))}, {text(formatValue(s.p95))}, {text(formatValue(s.p99))},
                    {text(s.n >= 2 ? formatValue(s.stddev) : "-")},
                    {text(s.n >= 2 && s.mean != 0 ? fmt::format("{:.1f}%", 100 * s.cv) : "-")},
                    {text(s.ciLow ? formatValue(*s.ciLow) + " – " + formatValue(*s.ciHigh) : "-")},
                    {text(std::to_string(v.failedSamples))}, refsFor(*ms)});
            }
            m_doc.table(std::move(t));
            if (static_cast<int>(m) == m_throughput)
                throughputFigure();
            else if (static_cast<int>(m) == m_ttft)
                latencyFigure();
        }
        sweepFigures();
        reportedTable();
    }

    // Bars of mean throughput ± stddev, best first (the table's order).
    void throughputFigure()
    {
        const charts::BarChartSpec bars
            = charts::meanBars(m_ds, m_an, m_throughput, charts::ErrorKind::StdDev, {}, kMaxCharted);
        const size_t total = bars.bars.size() + bars.omitted;
        const std::string title = bars.omitted > 0
            ? fmt::format("Mean throughput: the {} best of {} variants", bars.bars.size(), total)
            : std::string("Mean throughput per variant");
        auto svg = renderBarChartSvg(
            bars, title, fmt::format("mean {} ({}), error bars ± 1 standard deviation", bars.metric, bars.unit));
        m_doc.figure(fmt::format("Figure {}: mean throughput per variant (best first), ± 1 standard deviation; "
                                 "values from the table above.",
                         figureCount() + 1),
            std::move(svg.svg), svg.width, svg.height);
    }

    // Box plots of every TTFT sample per variant, lowest median first.
    void latencyFigure()
    {
        const charts::BoxChartSpec boxes = charts::boxes(m_ds, m_an, m_ttft, {}, kMaxCharted);
        const size_t total = boxes.boxes.size() + boxes.omitted;
        const std::string title = boxes.omitted > 0
            ? fmt::format("Time to first token: the {} lowest medians of {} variants", boxes.boxes.size(), total)
            : std::string("Time to first token per variant");
        auto svg = renderBoxChartSvg(
            boxes, title, fmt::format("{} ({}); box: quartiles, whiskers: 1.5 IQR", boxes.metric, boxes.unit));
        m_doc.figure(
            fmt::format("Figure {}: distribution of time to first token per variant (lowest median "
                        "first), all successful samples including cold starts: the samples of the table above.",
                figureCount() + 1),
            std::move(svg.svg), svg.width, svg.height);
    }

    // Per model with a parameter sweep: mean throughput over the values of the parameter with the largest effect,
    // one line per combination of the other parameters.
    void sweepFigures()
    {
        if (m_throughput < 0)
            return;
        for (const auto& model : sweepModels(m_ds)) {
            const auto result = analyzeSweep(m_ds, m_an, model, {}, "throughput_tok_s");
            if (!result || result.value().parameters.empty())
                continue;
            const charts::SweepLevelsSpec levels
                = charts::sweepLevels(m_ds, result.value(), static_cast<uint32_t>(m_throughput));
            if (levels.series.empty())
                continue;
            auto svg = renderLineChartSvg(levels,
                fmt::format("Sweep of {}: mean throughput over {}", model, levels.parameter), levels.parameter,
                fmt::format("mean throughput ({})", levels.unit));
            std::string caption = fmt::format("Figure {}: sweep of {}: mean throughput (± 1 standard deviation) per "
                                              "value of {}, the parameter with the largest effect",
                figureCount() + 1, model, levels.parameter);
            if (levels.etaSquared)
                caption.append(fmt::format(" (eta² {:.3f})", *levels.etaSquared));
            caption.append(levels.combinations > levels.series.size()
                    ? fmt::format("; {} of {} combinations of the other parameters shown.", levels.series.size(),
                        levels.combinations)
                    : std::string("."));
            m_doc.figure(std::move(caption), std::move(svg.svg), svg.width, svg.height);
            std::set<uint32_t> files;
            for (const auto* ms : statsOf(m_throughput)) {
                if (m_ds.variants[ms->variant].model != model)
                    continue;
                for (const uint32_t sample : ms->samples)
                    files.insert(m_ds.samples.file[sample]);
            }
            m_doc.paragraph(join({text(fmt::format("Sources of Figure {}: ", figureCount()))}, refsForFiles(files)));
        }
    }

    size_t figureCount() const
    {
        return static_cast<size_t>(std::count_if(m_doc.blocks.begin(), m_doc.blocks.end(),
            [](const ReportBlock& b) { return b.kind == ReportBlock::Kind::Figure; }));
    }

    void reportedTable()
    {
        if (m_ds.reported.empty())
            return;
        m_doc.heading(3, "Aggregates reported by the files");
        m_doc.paragraph(
            {text(fmt::format("Files state {} aggregates themselves. They are quoted here, never mixed into the "
                              "samples; where BenchLens has samples for the same variant and metric it shows "
                              "what it computes (from the same run where that run has samples).",
                m_ds.reported.size()))});
        ReportTable t;
        t.header = {"Variant", "Metric", "Statistic", "Reported", "Computed", "n computed", "Source"};
        t.numeric = {false, false, false, true, true, true, false};
        std::vector<const ReportedValue*> rows;
        for (const auto& r : m_ds.reported) {
            if (r.computed)
                rows.push_back(&r);
        }
        size_t withoutComputed = m_ds.reported.size() - rows.size();
        for (const auto* r : rows) {
            const std::string label = m_sourceLabel.count(r->file) ? m_sourceLabel.at(r->file) : "";
            t.rows.push_back({{code(m_ds.variants[r->variant].id)}, {text(m_ds.metrics[r->metric].id)},
                {text(std::string(statisticName(r->statistic)))}, {text(formatValue(r->value))},
                {text(formatValue(*r->computed))}, {text(std::to_string(*r->computedN))},
                {sourceRef(label), text(" " + m_ds.locatorText(r->file, r->locator))}});
        }
        if (!t.rows.empty())
            m_doc.table(std::move(t));
        if (withoutComputed)
            m_doc.paragraph({text(fmt::format("{} more reported values have no samples to check them against; they "
                                              "are listed with their sources in the Appendix.",
                withoutComputed))});
    }

    void findings()
    {
        section("Key Findings and Recommendations");
        std::vector<Inlines> items;
        std::vector<Inlines> recommendations;
        for (const auto& c : m_coldStarts) {
            const auto& f = m_ds.files[c.file];
            Inlines line {text("Cold start: "), code(f.path), text(" ("), code(m_ds.variants[c.variant].id),
                text(fmt::format(") has TTFT {} ms on its first prompt ({}) and {}–{} ms after (median {} ms). ",
                    formatValue(c.firstValue), m_ds.locatorText(c.file, m_ds.samples.locator[c.sample]),
                    formatValue(c.restMin), formatValue(c.restMax), formatValue(c.restMedian)))};
            if (m_sourceLabel.count(c.file))
                line.push_back(sourceRef(m_sourceLabel.at(c.file)));
            items.push_back(std::move(line));
        }
        if (!m_coldStarts.empty())
            recommendations.push_back(
                {text(fmt::format("Send one warm-up request before measuring, or report the first "
                                  "prompt separately: in {} the first TTFT includes model loading.",
                    plural(m_coldStarts.size(), "file", "files")))});

        bestConfigurations(items);

        // High variance.
        for (const auto& ms : m_an.stats) {
            const auto& info = m_ds.metrics[ms.metric];
            if (info.catalog < 0 || ms.summary.n < 3 || ms.summary.cv <= 0.10)
                continue;
            if (static_cast<int>(ms.metric) != m_throughput)
                continue;
            items.push_back(
                join({text("High variance: "), code(m_ds.variants[ms.variant].id),
                         text(fmt::format(" throughput CV {:.1f}% (n={}, {}–{} {}). ", 100 * ms.summary.cv,
                             ms.summary.n, formatValue(ms.summary.min), formatValue(ms.summary.max), info.unit))},
                    refsFor(ms)));
        }

        // Failures.
        size_t failingVariants = 0;
        for (const auto& v : m_ds.variants) {
            if (!v.failedSamples)
                continue;
            ++failingVariants;
            if (failingVariants <= kMaxListed) {
                std::set<uint32_t> files(v.files.begin(), v.files.end());
                items.push_back(join(
                    {text("Failures: "), code(v.id),
                        text(fmt::format(" {} of {} observations failed ({:.0f}%). ", v.failedSamples,
                            v.failedSamples + v.samples, 100.0 * v.failedSamples / (v.failedSamples + v.samples)))},
                    refsForFiles(files)));
            }
        }
        if (failingVariants)
            recommendations.push_back(
                {text(fmt::format("Fix the failing calls and re-run: {} have failed observations; "
                                  "their statistics use the successful ones only.",
                    plural(failingVariants, "variant", "variants")))});

        // Reported aggregates that disagree with the samples.
        size_t disagreements = 0;
        for (const auto& d : m_ds.diagnostics) {
            if (d.message.find("differs from") == std::string::npos)
                continue;
            if (++disagreements <= kMaxListed)
                items.push_back(join(
                    {text("Reported vs computed: "), code(d.file), text(" " + d.locator + ": " + d.message + ". ")},
                    refsForPath(d.file)));
        }
        if (disagreements > kMaxListed)
            items.push_back(
                {text(fmt::format("… and {} more disagreements (see the Appendix).", disagreements - kMaxListed))});

        // Single values presented as statistics.
        size_t single = 0;
        for (const auto& ms : m_an.stats)
            single += static_cast<int>(ms.metric) == m_throughput && ms.summary.n == 1 ? 1 : 0;
        if (single) {
            items.push_back(
                {text(fmt::format("{} a single throughput sample: its number is one measurement, not a mean "
                                  "or a median.",
                    plural(single, "variant has", "variants have")))});
            recommendations.push_back({text("Repeat each configuration at least 5 times so that means, medians and "
                                            "confidence intervals are meaningful.")});
        }

        // Missing telemetry.
        std::vector<std::string> missing;
        if (m_ds.findMetric("latency_p99_ms") < 0 && m_ttft < 0)
            missing.push_back("per-request latency (no p99 can be computed)");
        bool memory = false;
        for (const auto& m : m_ds.metrics)
            memory = memory || m.id.find("memory") != std::string::npos || m.id.find("vram") != std::string::npos;
        if (!memory)
            missing.push_back("memory use (no memory or VRAM figures)");
        if (m_ttft < 0)
            missing.push_back("time to first token");
        if (!missing.empty()) {
            std::string list;
            for (const auto& m : missing)
                list += (list.empty() ? "" : "; ") + m;
            items.push_back({text("Missing telemetry: " + list + ".")});
            recommendations.push_back({text("Record " + list + " alongside throughput.")});
        }
        if (items.empty())
            items.push_back(
                {text("No findings: the data holds no failures, outliers or disagreements BenchLens checks for.")});
        m_doc.heading(3, "Findings");
        m_doc.bullets(std::move(items));
        if (!recommendations.empty()) {
            m_doc.heading(3, "Recommendations");
            m_doc.bullets(std::move(recommendations));
        }
    }

    void bestConfigurations(std::vector<Inlines>& items)
    {
        // Per model with at least two configurations that have throughput samples: best mean and its margin.
        std::map<std::string, std::vector<const MetricStats*>> byModel;
        for (const auto* ms : statsOf(m_throughput)) {
            const auto& v = m_ds.variants[ms->variant];
            if (!v.model.empty())
                byModel[v.model].push_back(ms);
        }
        for (auto& [model, list] : byModel) {
            if (list.size() < 2)
                continue;
            std::stable_sort(
                list.begin(), list.end(), [](auto* a, auto* b) { return a->summary.mean > b->summary.mean; });
            const auto* best = list[0];
            const auto* second = list[1];
            const double margin = second->summary.mean != 0 ? 100 * (best->summary.mean / second->summary.mean - 1) : 0;
            std::string caveat;
            if (best->summary.n < 3 || second->summary.n < 3)
                caveat = " With n<3 on either side this margin cannot be told from noise.";
            else if (best->summary.ciLow && second->summary.ciHigh && *best->summary.ciLow <= *second->summary.ciHigh)
                caveat = " Their 95% confidence intervals overlap: the margin may be noise.";
            items.push_back(
                join({text(fmt::format("Best configuration of {} by mean throughput (of {}): ", model,
                          plural(list.size(), "configuration", "configurations"))),
                         code(m_ds.variants[best->variant].id),
                         text(fmt::format(" at {} (n={}), {:.1f}% above the runner-up ",
                             valueWithUnit(best->summary.mean, best->metric), best->summary.n, margin)),
                         code(m_ds.variants[second->variant].id),
                         text(fmt::format(" at {} (n={}).{} ", valueWithUnit(second->summary.mean, second->metric),
                             second->summary.n, caveat))},
                    refsFor({best, second})));
        }
    }

    void appendix()
    {
        section("Appendix: Sources");
        m_doc.paragraph({text("Every file that contributed a number, with the values drawn from it and where they sit "
                              "(CSV line and column, JSON pointer, Markdown line).")});
        // Each file's samples and reported values, gathered in one pass (not one pass per file).
        std::vector<std::vector<uint32_t>> samplesOf(m_ds.files.size()), reportedOf(m_ds.files.size());
        for (uint32_t s = 0; s < m_ds.samples.size(); ++s)
            samplesOf[m_ds.samples.file[s]].push_back(s);
        for (uint32_t r = 0; r < m_ds.reported.size(); ++r)
            reportedOf[m_ds.reported[r].file].push_back(r);
        for (const auto& [file, label] : m_sourceLabel) {
            const auto& f = m_ds.files[file];
            Inlines head {anchor(label), strong("[" + label + "]"), text(" "), code(f.path),
                text(fmt::format(" — {}; run ", f.recognizer.empty() ? "not recognized" : f.recognizer)),
                code(m_ds.runs[f.run].id)};
            if (f.equivalentOf) {
                head.push_back(text("; the same samples as "));
                head.push_back(code(m_ds.files[*f.equivalentOf].path));
                head.push_back(text(", counted once there."));
                m_doc.paragraph(std::move(head));
                continue;
            }
            head.push_back(
                text(fmt::format("; {} successful, {} failed, {} reported.", f.samples, f.failedSamples, f.reported)));
            m_doc.paragraph(std::move(head));
            std::vector<Inlines> lines;
            // Values drawn from this file, per variant and metric.
            std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> drawn;
            for (const uint32_t s : samplesOf[file])
                drawn[{m_ds.samples.variant[s], m_ds.samples.metric[s]}].push_back(s);
            size_t shown = 0;
            for (const auto& [key, samples] : drawn) {
                if (m_ds.metrics[key.second].catalog < 0)
                    continue;
                if (shown++ == 12) {
                    lines.push_back({text("…")});
                    break;
                }
                std::string values;
                for (size_t k = 0; k < samples.size() && k < 10; ++k)
                    values += (k ? ", " : "") + formatValue(m_ds.samples.value[samples[k]]);
                if (samples.size() > 10)
                    values += fmt::format(", … ({} values)", samples.size());
                const std::string first = m_ds.locatorText(file, m_ds.samples.locator[samples.front()]);
                const std::string last = m_ds.locatorText(file, m_ds.samples.locator[samples.back()]);
                lines.push_back({code(m_ds.variants[key.first].id), text(" " + m_ds.metrics[key.second].id + " ("),
                    text(samples.size() == 1 ? first : first + " … " + last), text("): " + values)});
            }
            size_t reportedShown = 0;
            for (const uint32_t index : reportedOf[file]) {
                const ReportedValue& r = m_ds.reported[index];
                if (m_ds.metrics[r.metric].catalog < 0)
                    continue;
                if (reportedShown++ == 8) {
                    lines.push_back({text(fmt::format("… {} reported values in all", f.reported))});
                    break;
                }
                lines.push_back({code(m_ds.variants[r.variant].id),
                    text(fmt::format(" reported {} {} = {} ({})", statisticName(r.statistic), m_ds.metrics[r.metric].id,
                        formatValue(r.value), m_ds.locatorText(file, r.locator)))});
            }
            if (!lines.empty())
                m_doc.bullets(std::move(lines));
        }
        std::vector<Inlines> warnings;
        for (const auto& d : m_ds.diagnostics) {
            if (d.severity == Severity::Info)
                continue;
            if (warnings.size() == 100) {
                warnings.push_back({text("… (run `benchlens summarize --json` for the full list)")});
                break;
            }
            warnings.push_back({text(std::string(severityName(d.severity)) + ": "), code(d.file.empty() ? "." : d.file),
                text((d.locator.empty() ? "" : " " + d.locator) + ": " + d.message)});
        }
        if (!warnings.empty()) {
            m_doc.heading(3, "Diagnostics");
            m_doc.bullets(std::move(warnings));
        }
    }

    void workflow()
    {
        section("Workflow Summary");
        if (m_options.timings) {
            m_doc.bullets({{text(fmt::format("Ingest: {} ({} bytes) scanned, parsed and recognized in {:.1f} ms.",
                               plural(m_ds.inventory.files, "file", "files"), m_ds.inventory.bytes, m_times.ingestMs))},
                {text(fmt::format("Analysis: {} samples and {} reported values in {:.1f} ms.", m_ds.samples.size(),
                    m_ds.reported.size(), m_times.analysisMs))},
                {text(fmt::format("Report: built in {:.1f} ms.", m_built.elapsedMs()))},
                {text("Times are measured on this run; every other number in this report is the same for the same "
                      "folder and date.")}});
        } else {
            m_doc.bullets({{text(fmt::format("Ingest: {} ({} bytes); analysis: {} samples and {} reported values. "
                                             "Times were not recorded (--no-timings), so this report is the same "
                                             "for the same folder and date.",
                plural(m_ds.inventory.files, "file", "files"), m_ds.inventory.bytes, m_ds.samples.size(),
                m_ds.reported.size()))}});
        }
        {
            const auto flagged = flagObservations(m_ds, m_options.exclusions);
            size_t excluded = 0;
            for (const auto& f : flagged)
                excluded += f.excluded ? 1 : 0;
            m_doc.bullets({{text(excluded
                    ? fmt::format("Excluded from the statistics: {} of {} flagged observation(s) (cold starts{}).",
                        excluded, flagged.size(), m_options.exclusions.shortReplies ? ", near-empty replies" : "")
                    : fmt::format("Nothing was excluded from the statistics: {} flagged observation(s) (cold starts, "
                                  "near-empty replies) are kept and listed in the findings.",
                        flagged.size()))}});
        }
        const bool hashed
            = std::all_of(m_ds.files.begin(), m_ds.files.end(), [](const SourceFile& f) { return !f.sha256.empty(); });
        if (!hashed || m_ds.files.empty())
            return;
        m_doc.heading(3, "Input files");
        m_doc.paragraph({text("The SHA-256 of every file read, so that the folder can be checked against this report "
                              "later: "),
            code("benchlens verify REPORT DIR"), text(".")});
        ReportTable t;
        t.header = {"File", "Bytes", "SHA-256"};
        t.numeric = {false, true, false};
        for (const auto& f : m_ds.files)
            t.rows.push_back({{code(f.path)}, {text(std::to_string(f.bytes))}, {code("sha256:" + f.sha256)}});
        m_doc.table(std::move(t));
    }

    int m_sectionNumber = 0;
    std::optional<DatasetComparison> m_comparison;
    std::string m_comparisonError;
    const Dataset& m_ds;
    const Analysis& m_an;
    const ReportOptions& m_options;
    const WorkflowTimes& m_times;
    const Stopwatch m_built; // the document's own build time, measured up to the Workflow Summary
    const MetricCatalog& m_catalog;
    ReportDocument m_doc;
    std::map<uint32_t, std::string> m_sourceLabel;
    std::vector<ColdStart> m_coldStarts;
    int m_throughput = -1;
    int m_ttft = -1;
};
} // namespace

ReportDocument buildReport(
    const Dataset& dataset, const Analysis& analysis, const ReportOptions& options, const WorkflowTimes& times)
{
    return Builder(dataset, analysis, options, times).build();
}

ReportDocument analyzeAndBuildReport(
    const Dataset& dataset, const ReportOptions& options, WorkflowTimes times, const Analysis* analysis)
{
    const ExclusionOptions& exclusions = options.exclusions;
    if (analysis && !exclusions.coldStarts && !exclusions.shortReplies)
        return buildReport(dataset, *analysis, options, times);
    const Stopwatch watch;
    const Analysis excluding = analyze(dataset, excludedSamples(dataset, flagObservations(dataset, exclusions)));
    times.analysisMs += watch.elapsedMs();
    return buildReport(dataset, excluding, options, times);
}

} // namespace benchlens
