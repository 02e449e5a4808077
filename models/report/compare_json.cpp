#include "models/report/compare_json.h"

#include "models/data/dataset.h"
#include "models/stats/dataset_comparison.h"
#include "models/util/text.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>

namespace benchlens {

namespace {
using nlohmann::json;

json selectionJson(const Dataset& ds, const Selection& s)
{
    json j;
    j["selector"] = s.selector;
    json variants = json::array();
    for (const uint32_t v : s.variants)
        variants.push_back(ds.variants[v].id);
    j["variants"] = variants;
    json runs = json::array();
    for (const RunIndex r : s.runs)
        runs.push_back(ds.run(r).id);
    j["runs"] = runs;
    // "samples" (deprecated, kept for readers of benchlens.compare/1) counts values: one per observation and metric.
    // "observations" counts the calls/rows they come from, as `variants[].samples` of benchlens.summary/1 does.
    std::set<std::pair<uint32_t, uint32_t>> observations;
    for (const uint32_t i : s.samples)
        observations.emplace(ds.samples.file[i], ds.samples.record[i]);
    j["samples"] = s.samples.size();
    j["values"] = s.samples.size();
    j["observations"] = observations.size();
    return j;
}

json optionalNumber(const std::optional<double>& v)
{
    return v ? json(*v) : json(nullptr);
}
} // namespace

std::string compareJson(const Dataset& ds, const DatasetComparison& c)
{
    json doc;
    doc["schema"] = "benchlens.compare/1";
    doc["root"] = ds.root;
    doc["options"] = {{"alpha", c.options.alpha}, {"practical_threshold", c.options.practicalThreshold},
        {"min_samples", c.options.minSamples}, {"exclude_cold_start", c.exclusions.coldStarts},
        {"exclude_short_replies", c.exclusions.shortReplies}, {"short_reply_tokens", c.exclusions.shortReplyTokens}};
    doc["baseline"] = selectionJson(ds, c.baseline);
    json candidates = json::array();
    for (const auto& cand : c.candidates) {
        json j = selectionJson(ds, cand.selection);
        j["id"] = cand.selection.selector;
        json differing = json::object();
        for (const auto& [k, v] : cand.differingConfig)
            differing[k] = v;
        j["differing_config"] = differing;
        json metrics = json::array();
        for (const auto& m : cand.metrics) {
            const auto& mc = m.comparison;
            json e;
            e["metric"] = ds.metrics[m.metric].id;
            e["unit"] = ds.metrics[m.metric].unit;
            e["baseline"] = {{"n", mc.baselineN}, {"mean", mc.baselineMean}, {"median", mc.baselineMedian}};
            e["candidate"] = {{"n", mc.candidateN}, {"mean", mc.candidateMean}, {"median", mc.candidateMedian}};
            e["diff"] = mc.diff;
            e["diff_pct"] = mc.diffPct ? json(*mc.diffPct * 100) : json(nullptr);
            e["ci95"] = mc.ci95 ? json::array({mc.ci95->first, mc.ci95->second}) : json(nullptr);
            e["ci_method"] = mc.ci95 ? json(mc.ciMethod) : json(nullptr);
            e["p_value"] = optionalNumber(mc.pValue);
            e["test"] = "mann-whitney";
            e["p_exact"] = mc.exactP;
            e["welch_p_value"] = optionalNumber(mc.welchP);
            e["statistically_significant"] = mc.statisticallySignificant;
            e["practically_significant"] = mc.practicallySignificant;
            e["verdict"] = verdictName(mc.verdict);
            e["reason"] = mc.reason;
            if (m.statedDiffPct) {
                e["stated_diff_pct"] = *m.statedDiffPct;
                e["stated_source"] = m.statedSource;
                e["stated_disagrees"] = m.statedDisagrees;
            }
            metrics.push_back(std::move(e));
        }
        j["metrics"] = metrics;
        candidates.push_back(std::move(j));
    }
    doc["candidates"] = candidates;
    json flagged = json::array();
    for (const auto& f : c.flagged) {
        flagged.push_back({{"file", ds.files[f.file].path}, {"observation", f.record},
            {"variant", ds.variants[f.variant].id}, {"reason", f.reason}, {"excluded", f.excluded}});
    }
    doc["flagged"] = flagged;
    doc["warnings"] = c.warnings;
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string compareText(const Dataset& ds, const DatasetComparison& c)
{
    std::string out = fmt::format("Baseline: {} ({} samples; variants: {})\n", c.baseline.selector,
        c.baseline.samples.size(), c.baseline.variants.size());
    for (const auto& cand : c.candidates) {
        out += fmt::format("\nCandidate: {} ({} samples)\n", cand.selection.selector, cand.selection.samples.size());
        for (const auto& [k, v] : cand.differingConfig)
            out += fmt::format("  {}: {}\n", k, v);
        out += fmt::format("  {:<24} {:>6} {:>12} {:>6} {:>12} {:>9} {:>24} {:>9}  {}\n", "metric", "n(b)", "mean(b)",
            "n(c)", "mean(c)", "diff %", "95% CI of diff", "p", "verdict");
        for (const auto& m : cand.metrics) {
            const auto& mc = m.comparison;
            const std::string ci = mc.ci95
                ? fmt::format("[{}, {}]", formatValue(mc.ci95->first), formatValue(mc.ci95->second))
                : std::string("-");
            out += fmt::format("  {:<24} {:>6} {:>12} {:>6} {:>12} {:>9} {:>24} {:>9}  {}\n", ds.metrics[m.metric].id,
                mc.baselineN, formatValue(mc.baselineMean), mc.candidateN, formatValue(mc.candidateMean),
                mc.diffPct ? fmt::format("{:+.2f}", *mc.diffPct * 100) : std::string("-"), ci,
                mc.pValue ? fmt::format("{:.3g}", *mc.pValue) : std::string("-"), verdictName(mc.verdict));
        }
    }
    size_t excluded = 0;
    for (const auto& f : c.flagged)
        excluded += f.excluded ? 1 : 0;
    if (!c.flagged.empty()) {
        out += fmt::format("\n{} observation(s) flagged (cold starts, near-empty replies), {} excluded{}\n",
            c.flagged.size(), excluded,
            excluded ? "" : " (use --exclude-cold-start / --exclude-short-replies to set them aside)");
    }
    for (const auto& w : c.warnings)
        out += "warning: " + w + "\n";
    return out;
}

} // namespace benchlens
