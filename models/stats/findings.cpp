#include "models/stats/findings.h"

#include "models/data/dataset.h"

#include <algorithm>
#include <map>
#include <set>

namespace benchlens {

namespace {
std::vector<uint32_t> filesOf(const Dataset& ds, const std::vector<uint32_t>& samples)
{
    std::set<uint32_t> files;
    for (const uint32_t s : samples)
        files.insert(ds.samples.file[s]);
    return {files.begin(), files.end()};
}

// A finding about one variant's statistics of one metric: its samples, their files and its Summary.
Finding statisticsFinding(const Dataset& ds, FindingKind kind, const MetricStats& ms)
{
    Finding f;
    f.kind = kind;
    f.variant = ms.variant;
    f.metric = ms.metric;
    f.samples = ms.samples;
    f.files = filesOf(ds, ms.samples);
    f.detail = ms.summary;
    return f;
}

void bestConfigurations(const Dataset& ds, const std::vector<const MetricStats*>& throughput, std::vector<Finding>& out)
{
    std::map<std::string, std::vector<const MetricStats*>> byModel;
    for (const auto* ms : throughput) {
        const auto& v = ds.variants[ms->variant];
        if (!v.model.empty())
            byModel[v.model].push_back(ms);
    }
    for (auto& [model, list] : byModel) {
        if (list.size() < 2)
            continue;
        std::stable_sort(list.begin(), list.end(), [](auto* a, auto* b) { return a->summary.mean > b->summary.mean; });
        const MetricStats& best = *list[0];
        const MetricStats& second = *list[1];
        BestConfiguration detail;
        detail.model = model;
        detail.configurations = list.size();
        detail.runnerUp = second.variant;
        detail.best = best.summary;
        detail.second = second.summary;
        detail.marginPct = second.summary.mean != 0 ? 100 * (best.summary.mean / second.summary.mean - 1) : 0;
        if (best.summary.n < kMinSamplesForMargin || second.summary.n < kMinSamplesForMargin)
            detail.caveat = MarginCaveat::FewSamples;
        else if (best.summary.meanCi && second.summary.meanCi
            && best.summary.meanCi->low <= second.summary.meanCi->high)
            detail.caveat = MarginCaveat::OverlappingIntervals;
        else if (best.summary.mean - second.summary.mean <= best.summary.stddev)
            detail.caveat = MarginCaveat::WithinSpread;
        Finding f;
        f.kind = FindingKind::BestConfiguration;
        f.variant = best.variant;
        f.metric = best.metric;
        f.samples = best.samples;
        f.samples.insert(f.samples.end(), second.samples.begin(), second.samples.end());
        f.files = filesOf(ds, f.samples);
        f.threshold = static_cast<double>(kMinSamplesForMargin);
        f.detail = std::move(detail);
        out.push_back(std::move(f));
    }
}
} // namespace

const char* findingKindName(FindingKind kind)
{
    switch (kind) {
    case FindingKind::ColdStart:
        return "cold_start";
    case FindingKind::RunOrder:
        return "run_order";
    case FindingKind::BestConfiguration:
        return "best_configuration";
    case FindingKind::HighVariance:
        return "high_variance";
    case FindingKind::Failures:
        return "failures";
    case FindingKind::ReportedDisagreement:
        return "reported_disagreement";
    case FindingKind::SingleSample:
        return "single_sample";
    case FindingKind::MissingTelemetry:
        return "missing_telemetry";
    }
    return "";
}

std::vector<Finding> computeFindings(const Dataset& ds, const Analysis& analysis)
{
    std::vector<Finding> out;
    const std::optional<MetricIndex> throughputMetric = ds.findMetric("throughput_tok_s");
    const std::optional<MetricIndex> ttftMetric = ds.findMetric("ttft_ms");
    const auto throughput = statsOfMetric(analysis, throughputMetric);

    for (const ColdStart& c : detectColdStarts(ds)) {
        Finding f;
        f.kind = FindingKind::ColdStart;
        f.variant = c.variant;
        f.metric = c.metric;
        f.files = {c.file};
        f.samples = {c.sample};
        f.threshold = c.cause == ColdStart::Cause::Reload ? kReloadFactor : kColdStartFactor;
        f.detail = c;
        out.push_back(std::move(f));
    }

    for (OrderConfound& c : detectOrderConfounds(ds)) {
        Finding f;
        f.kind = FindingKind::RunOrder;
        f.files = {c.file};
        f.detail = std::move(c);
        out.push_back(std::move(f));
    }

    bestConfigurations(ds, throughput, out);

    for (const auto* ms : throughput) {
        if (!ds.metrics[ms->metric].catalog || ms->summary.n < kMinSamplesForSpread
            || ms->summary.cv <= kHighVarianceCv)
            continue;
        Finding f = statisticsFinding(ds, FindingKind::HighVariance, *ms);
        f.threshold = kHighVarianceCv;
        out.push_back(std::move(f));
    }

    for (uint32_t v = 0; v < ds.variants.size(); ++v) {
        const Variant& variant = ds.variants[v];
        if (!variant.failedObservations)
            continue;
        Finding f;
        f.kind = FindingKind::Failures;
        f.variant = v;
        std::set<uint32_t> files;
        for (const FileIndex file : variant.files)
            files.insert(file.value);
        f.files.assign(files.begin(), files.end());
        f.detail = FailedObservations {
            variant.failedObservations, uint64_t {variant.failedObservations} + variant.observations};
        out.push_back(std::move(f));
    }

    // The cross-check of reported aggregates words every disagreement "... differs from ...".
    for (uint32_t d = 0; d < ds.diagnostics.size(); ++d) {
        if (ds.diagnostics[d].message.find("differs from") == std::string::npos)
            continue;
        Finding f;
        f.kind = FindingKind::ReportedDisagreement;
        if (const auto file = ds.findFile(ds.diagnostics[d].file))
            f.files = {file->value};
        f.detail = ReportedDisagreement {d};
        out.push_back(std::move(f));
    }

    for (const auto* ms : throughput) {
        if (ms->summary.n != 1)
            continue;
        out.push_back(statisticsFinding(ds, FindingKind::SingleSample, *ms));
    }

    const bool memory = std::any_of(ds.metrics.begin(), ds.metrics.end(), [](const MetricInfo& m) {
        return m.id.find("memory") != std::string::npos || m.id.find("vram") != std::string::npos;
    });
    std::vector<Telemetry> missing;
    if (!ds.findMetric("latency_p99_ms") && !ttftMetric)
        missing.push_back(Telemetry::Latency);
    if (!memory)
        missing.push_back(Telemetry::Memory);
    if (!ttftMetric)
        missing.push_back(Telemetry::TimeToFirstToken);
    for (const Telemetry t : missing) {
        Finding f;
        f.kind = FindingKind::MissingTelemetry;
        f.detail = t;
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace benchlens
