#include "models/stats/dataset_comparison.h"

#include "models/data/dataset.h"
#include "models/stats/analysis.h"
#include "models/stats/run_order.h"
#include "models/stats/selector.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

namespace benchlens {

namespace {
void finish(const Dataset& ds, Selection& s)
{
    std::set<uint32_t> variants;
    std::set<RunIndex> runs;
    for (const uint32_t i : s.samples) {
        variants.insert(ds.samples.variant[i]);
        runs.insert(ds.files[ds.samples.file[i]].run);
    }
    s.variants.assign(variants.begin(), variants.end());
    s.runs.assign(runs.begin(), runs.end());
}
// What should be equal between a baseline and a candidate but is not: the prompts asked, the machine, the time.
void comparabilityWarnings(
    const Dataset& ds, const Selection& baseline, const CandidateComparison& cand, std::vector<std::string>& warnings)
{
    struct Side
    {
        std::set<uint64_t> prompts;
        double first = std::numeric_limits<double>::infinity();
        double last = -std::numeric_limits<double>::infinity();
    };
    const auto sideOf = [&](const Selection& s) {
        Side side;
        std::set<std::pair<uint32_t, uint32_t>> seen;
        for (const uint32_t i : s.samples) {
            if (!seen.insert({ds.samples.file[i], ds.samples.record[i]}).second)
                continue;
            const auto& rec = ds.files[ds.samples.file[i]].extract.records[ds.samples.record[i]];
            if (rec.promptHash)
                side.prompts.insert(rec.promptHash);
            if (!std::isnan(rec.timeS)) {
                side.first = std::min(side.first, rec.timeS);
                side.last = std::max(side.last, rec.timeS);
            }
        }
        return side;
    };
    const Side b = sideOf(baseline), c = sideOf(cand.selection);
    if (!b.prompts.empty() && !c.prompts.empty() && b.prompts != c.prompts) {
        std::vector<uint64_t> shared;
        std::set_intersection(
            b.prompts.begin(), b.prompts.end(), c.prompts.begin(), c.prompts.end(), std::back_inserter(shared));
        warnings.push_back(fmt::format("baseline and candidate '{}' were asked different prompts ({} and {} distinct, "
                                       "{} shared): a difference may come from the prompts",
            cand.selection.selector, b.prompts.size(), c.prompts.size(), shared.size()));
    }
    const bool timed = std::isfinite(b.first) && std::isfinite(c.first);
    if (timed && (b.last < c.first || c.last < b.first)) {
        const bool baselineFirst = b.last < c.first;
        warnings.push_back(fmt::format("every {} observation was measured before every {} observation ({:.0f} s "
                                       "apart): drift over time (thermals, other load) cannot be told from the "
                                       "difference",
            baselineFirst ? "baseline" : "candidate", baselineFirst ? "candidate" : "baseline",
            baselineFirst ? c.first - b.last : b.first - c.last));
    }
    static const std::set<std::string> environment
        = {"device", "gpu", "gpu_info", "cpu_info", "host", "hardware", "system", "backend", "os"};
    for (const auto& [key, change] : cand.differingConfig) {
        if (environment.count(key)) {
            warnings.push_back(fmt::format(
                "the environment differs ({}: {}): the comparison is between machines or backends, not only "
                "configurations",
                key, change));
        }
    }
}

// The keys the baseline and the candidate differ in that a file both draw samples from measured in an order that
// confounds them (stats/run_order.h): one warning per file.
void orderWarnings(const Dataset& ds, const std::vector<OrderConfound>& confounds, const Selection& baseline,
    const CandidateComparison& cand, std::vector<std::string>& warnings)
{
    const auto filesOf = [&](const Selection& s) {
        std::set<uint32_t> files;
        for (const uint32_t i : s.samples)
            files.insert(ds.samples.file[i]);
        return files;
    };
    const std::set<uint32_t> baselineFiles = filesOf(baseline), candidateFiles = filesOf(cand.selection);
    std::map<uint32_t, std::string> byFile; // one warning per file, its confounded keys joined
    for (const OrderConfound& c : confounds) {
        const bool differs = std::any_of(cand.differingConfig.begin(), cand.differingConfig.end(),
            [&](const auto& kv) { return kv.first == c.parameter; });
        if (!differs || !baselineFiles.count(c.file) || !candidateFiles.count(c.file))
            continue;
        std::string& text = byFile[c.file];
        text += (text.empty() ? "run order: in " + ds.files[c.file].path + ", " : std::string("; "))
            + describeOrderConfound(ds, c, false);
    }
    for (auto& [file, text] : byFile) {
        if (std::find(warnings.begin(), warnings.end(), text) == warnings.end())
            warnings.push_back(std::move(text));
    }
}
} // namespace

Result<Selection> selectSamples(const Dataset& ds, std::string_view selector)
{
    auto parsed = parseSelector(ds, selector);
    if (!parsed)
        return Error {parsed.error()};
    const Selector& sel = parsed.value();
    Selection s;
    s.selector = sel.text;
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        if (sel.matches(ds, ds.samples.variant[i], ds.samples.file[i]) && sel.matchesMetric(ds.samples.metric[i]))
            s.samples.push_back(i);
    }
    if (s.samples.empty()) {
        return Error {sel.runId ? fmt::format("run '{}' has no successful samples", s.selector)
                                : fmt::format("no samples match '{}'", s.selector)};
    }
    finish(ds, s);
    return s;
}

std::vector<std::pair<std::string, std::string>> statedComparisonSelectors(const Dataset& ds)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    std::set<std::tuple<uint32_t, uint32_t, uint32_t>> seen; // (file, baseline, candidate)
    for (const StatedDelta& d : ds.statedDeltas) {
        if (!seen.insert({d.file, d.baselineVariant, d.candidateVariant}).second)
            continue;
        const std::string& run = ds.run(ds.files[d.file].run).id;
        pairs.emplace_back(fmt::format("variant={},run={}", ds.variants[d.baselineVariant].id, run),
            fmt::format("variant={},run={}", ds.variants[d.candidateVariant].id, run));
    }
    return pairs;
}

std::vector<FlaggedObservation> flagObservations(const Dataset& ds, const ExclusionOptions& exclusions)
{
    std::vector<FlaggedObservation> flagged;
    for (const ColdStart& c : detectColdStarts(ds)) {
        const std::string reason = c.cause == ColdStart::Cause::Reload
            ? fmt::format("model reload: load {} ms is {:.0f}% of {} {} ms and {:.0f}x the model's median load {} ms",
                formatValue(c.loadMs), 100 * c.loadMs / c.firstValue,
                ds.metrics[c.metric].id == "ttft_ms" ? "TTFT" : "latency", formatValue(c.firstValue),
                c.loadMs / c.medianLoadMs, formatValue(c.medianLoadMs))
            : fmt::format("cold start: first TTFT {} ms, more than 3x the median {} ms of the rest",
                formatValue(c.firstValue), formatValue(c.restMedian));
        flagged.push_back({FlaggedObservation::Kind::ColdStart, c.file, ds.samples.record[c.sample], c.variant, reason,
            exclusions.coldStarts});
    }
    if (const auto tokens = ds.findMetric("tokens_generated")) {
        for (uint32_t i = 0; i < ds.samples.size(); ++i) {
            if (ds.samples.metric[i] != tokens->value || ds.samples.value[i] >= exclusions.shortReplyTokens)
                continue;
            flagged.push_back(
                {FlaggedObservation::Kind::ShortReply, ds.samples.file[i], ds.samples.record[i], ds.samples.variant[i],
                    fmt::format("near-empty reply: {} tokens generated; its tokens/s says little",
                        formatValue(ds.samples.value[i])),
                    exclusions.shortReplies});
        }
    }
    return flagged;
}

std::vector<uint32_t> excludedSamples(const Dataset& ds, const std::vector<FlaggedObservation>& flagged)
{
    std::set<std::pair<uint32_t, uint32_t>> excluded;
    for (const auto& f : flagged) {
        if (f.excluded)
            excluded.insert({f.file, f.record});
    }
    std::vector<uint32_t> samples;
    if (excluded.empty())
        return samples;
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        if (excluded.count({ds.samples.file[i], ds.samples.record[i]}))
            samples.push_back(i);
    }
    return samples;
}

Result<DatasetComparison> compareSelections(const Dataset& ds, std::string_view baselineSelector,
    const std::vector<std::string>& candidateSelectors, const std::vector<std::string>& metricIds,
    const CompareOptions& options, const ExclusionOptions& exclusions)
{
    DatasetComparison out;
    out.options = options;
    out.exclusions = exclusions;
    auto baseline = selectSamples(ds, baselineSelector);
    if (!baseline)
        return Error {"baseline: " + baseline.error()};
    out.baseline = std::move(baseline).value();

    out.flagged = flagObservations(ds, exclusions);
    std::set<std::pair<uint32_t, uint32_t>> excluded;
    for (const auto& f : out.flagged) {
        if (f.excluded)
            excluded.insert({f.file, f.record});
    }

    const auto valuesByMetric = [&](const Selection& s) {
        std::map<uint32_t, std::vector<double>> by;
        for (const uint32_t i : s.samples) {
            if (!excluded.count({ds.samples.file[i], ds.samples.record[i]}))
                by[ds.samples.metric[i]].push_back(ds.samples.value[i]);
        }
        return by;
    };
    const auto baselineValues = valuesByMetric(out.baseline);
    std::set<uint32_t> wanted;
    for (const auto& id : metricIds) {
        const auto m = ds.findMetric(id);
        if (!m)
            return Error {fmt::format("unknown metric '{}'", id)};
        wanted.insert(m->value);
    }
    const auto& catalog = MetricCatalog::instance();
    const std::vector<OrderConfound> confounds = detectOrderConfounds(ds);
    for (const auto& selector : candidateSelectors) {
        auto sel = selectSamples(ds, selector);
        if (!sel)
            return Error {"candidate: " + sel.error()};
        CandidateComparison cand;
        cand.selection = std::move(sel).value();
        std::vector<uint32_t> shared;
        std::set_intersection(out.baseline.samples.begin(), out.baseline.samples.end(), cand.selection.samples.begin(),
            cand.selection.samples.end(), std::back_inserter(shared));
        if (!shared.empty()) {
            out.warnings.push_back(fmt::format("baseline '{}' and candidate '{}' share {} sample(s)",
                out.baseline.selector, cand.selection.selector, shared.size()));
        }
        // Configuration keys whose values differ between the two selections (one variant each side: exact;
        // several: the set of values).
        const auto valuesOf = [&](const Selection& s, const std::string& key) {
            std::set<std::string> values;
            for (const uint32_t v : s.variants)
                values.insert(configValue(ds.variants[v], key));
            std::string text;
            for (const auto& v : values) {
                if (!text.empty())
                    text.push_back('|');
                text.append(v.empty() ? std::string_view("-") : std::string_view(v));
            }
            return text;
        };
        std::set<std::string> keys = {"model"};
        for (const auto* s : {&out.baseline, &cand.selection}) {
            for (const uint32_t v : s->variants) {
                for (const auto& [k, val] : ds.variants[v].config)
                    keys.insert(k);
            }
        }
        for (const auto& key : keys) {
            const std::string b = valuesOf(out.baseline, key), c = valuesOf(cand.selection, key);
            if (b != c)
                cand.differingConfig.emplace_back(key, b + " -> " + c);
        }
        comparabilityWarnings(ds, out.baseline, cand, out.warnings);
        orderWarnings(ds, confounds, out.baseline, cand, out.warnings);
        const auto candidateValues = valuesByMetric(cand.selection);
        for (const auto& [metric, values] : candidateValues) {
            const auto it = baselineValues.find(metric);
            if (it == baselineValues.end() || (!wanted.empty() && !wanted.count(metric)))
                continue;
            const Better better = catalog.betterOf(ds.metrics[metric].catalog);
            CandidateComparison::Metric m {metric, compareSamples(it->second, values, better, options), {}, {}, false};
            for (const StatedDelta& d : ds.statedDeltas) {
                const RunIndex run = ds.files[d.file].run;
                const bool samePair = out.baseline.variants == std::vector<uint32_t> {d.baselineVariant}
                    && cand.selection.variants == std::vector<uint32_t> {d.candidateVariant};
                const bool sameRun = out.baseline.runs == std::vector<RunIndex> {run}
                    && cand.selection.runs == std::vector<RunIndex> {run};
                if (d.metric != metric || !samePair || !sameRun)
                    continue;
                m.statedDiffPct = d.percent;
                m.statedSource = fmt::format("{} ({})", ds.files[d.file].path, ds.locatorText(d.file, d.locator));
                if (m.comparison.diffPct && std::fabs(*m.comparison.diffPct * 100 - d.percent) > 0.5) {
                    m.statedDisagrees = true;
                    out.warnings.push_back(fmt::format("{} states {:+.2f}% for {}, the samples give {:+.2f}%",
                        m.statedSource, d.percent, ds.metrics[metric].id, *m.comparison.diffPct * 100));
                }
            }
            cand.metrics.push_back(std::move(m));
        }
        // A metric asked for that one side no longer has (all its observations flagged and excluded): say so
        // rather than leave its row out silently.
        const bool excluding = exclusions.coldStarts || exclusions.shortReplies;
        for (const uint32_t metric : wanted) {
            const bool inBaseline = baselineValues.count(metric) > 0, inCandidate = candidateValues.count(metric) > 0;
            if (inBaseline && inCandidate)
                continue;
            out.warnings.push_back(
                fmt::format("{}: {} has no observation of it{}, so there is no verdict", ds.metrics[metric].id,
                    !inBaseline ? std::string("the baseline") : fmt::format("candidate '{}'", cand.selection.selector),
                    excluding ? " left after the exclusions" : ""));
        }
        out.candidates.push_back(std::move(cand));
    }
    // Keep the flags of the observations compared.
    std::set<std::pair<uint32_t, uint32_t>> compared;
    const auto note = [&](const Selection& s) {
        for (const uint32_t i : s.samples)
            compared.insert({ds.samples.file[i], ds.samples.record[i]});
    };
    note(out.baseline);
    for (const auto& cand : out.candidates)
        note(cand.selection);
    std::erase_if(out.flagged, [&](const FlaggedObservation& f) { return !compared.count({f.file, f.record}); });
    return out;
}

} // namespace benchlens
