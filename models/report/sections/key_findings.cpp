// Key Findings and Recommendations: the sentences for the typed findings of models/stats/findings (computed once in
// the ReportContext), in their order, and one recommendation per kind of finding that calls for action.
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <vector>

namespace benchlens {

namespace {
Inlines coldStartLine(const ReportContext& ctx, const ColdStart& c)
{
    const Dataset& ds = ctx.ds;
    Inlines line {text("Cold start: "), code(ds.files[c.file].path), text(" ("), code(ds.variants[c.variant].id),
        text(fmt::format(") has TTFT {} ms on its first prompt ({}) and {}–{} ms after (median {} ms). ",
            formatValue(c.firstValue), ds.locatorText(c.file, ds.samples.locator[c.sample]), formatValue(c.restMin),
            formatValue(c.restMax), formatValue(c.restMedian)))};
    if (ctx.sourceLabel.count(c.file))
        line.push_back(sourceRef(ctx.sourceLabel.at(c.file)));
    return line;
}

constexpr size_t kListedReloads = 6; // locators of a file's reloads named before "…"

// One line for all the reloads of a file: how many, the share of TTFT (or latency) their load takes, where they are.
Inlines reloadLine(const ReportContext& ctx, std::vector<const ColdStart*> reloads)
{
    const Dataset& ds = ctx.ds;
    const uint32_t file = reloads.front()->file;
    std::sort(reloads.begin(), reloads.end(), [&](const ColdStart* a, const ColdStart* b) {
        return ds.samples.record[a->sample] < ds.samples.record[b->sample];
    });
    const bool allTtft = std::all_of(
        reloads.begin(), reloads.end(), [&](const ColdStart* c) { return ds.metrics[c->metric].id == "ttft_ms"; });
    double shareMin = 1, shareMax = 0, factorMin = std::numeric_limits<double>::infinity(), factorMax = 0;
    std::string where;
    for (size_t i = 0; i < reloads.size(); ++i) {
        const ColdStart& c = *reloads[i];
        shareMin = std::min(shareMin, c.loadMs / c.firstValue);
        shareMax = std::max(shareMax, c.loadMs / c.firstValue);
        factorMin = std::min(factorMin, c.loadMs / c.medianLoadMs);
        factorMax = std::max(factorMax, c.loadMs / c.medianLoadMs);
        if (i < kListedReloads)
            where += (i ? ", " : "") + ds.locatorText(file, ds.samples.locator[c.sample]);
        else if (i == kListedReloads)
            where += ", …";
    }
    const auto range = [](double lo, double hi) {
        const std::string low = fmt::format("{:.0f}", lo), high = fmt::format("{:.0f}", hi);
        return low == high ? low : low + "–" + high;
    };
    Inlines line {text("Model reloads: "), code(ds.files[file].path),
        text(fmt::format(" has {} whose model load is {}% of its {} and {}× the model's median load ({}): {} loading "
                         "the model, not inference. ",
            plural(reloads.size(), "observation", "observations"), range(100 * shareMin, 100 * shareMax),
            allTtft ? "TTFT" : "TTFT or latency", range(factorMin, factorMax), where,
            reloads.size() == 1 ? "it times" : "they time"))};
    if (ctx.sourceLabel.count(file))
        line.push_back(sourceRef(ctx.sourceLabel.at(file)));
    return line;
}

// One line for the parameters a file measured in a confounding order.
Inlines runOrderLine(const ReportContext& ctx, uint32_t file, const std::vector<const OrderConfound*>& confounds)
{
    std::string sentences;
    for (const OrderConfound* c : confounds)
        sentences += (sentences.empty() ? "" : "; ") + describeOrderConfound(ctx.ds, *c, false);
    Inlines line {text("Run order in "), code(ctx.ds.files[file].path), text(": " + sentences + ". ")};
    if (ctx.sourceLabel.count(file))
        line.push_back(sourceRef(ctx.sourceLabel.at(file)));
    return line;
}

Inlines bestConfigurationLine(const ReportContext& ctx, const Finding& f, const BestConfiguration& b)
{
    const Dataset& ds = ctx.ds;
    std::string why;
    if (b.caveat == MarginCaveat::FewSamples)
        why = fmt::format("with n<{} on either side the margin cannot be told from noise", kMinSamplesForMargin);
    else if (b.caveat == MarginCaveat::OverlappingIntervals)
        why = "their 95% confidence intervals of the mean overlap";
    else if (b.caveat == MarginCaveat::WithinSpread)
        why = fmt::format("the lead of {} is within the highest's own standard deviation of {}",
            ctx.valueWithUnit(b.best.mean - b.second.mean, *f.metric), ctx.valueWithUnit(b.best.stddev, *f.metric));
    const std::string of = plural(b.configurations, "configuration", "configurations");
    if (b.caveat != MarginCaveat::None) {
        return join({text(fmt::format("No configuration of {} stands out from the noise (of {} by mean throughput): "
                                      "the highest, ",
                         b.model, of)),
                        code(ds.variants[*f.variant].id),
                        text(fmt::format(" at {} (n={}), leads the runner-up ",
                            ctx.valueWithUnit(b.best.mean, *f.metric), b.best.n)),
                        code(ds.variants[b.runnerUp].id),
                        text(fmt::format(" at {} (n={}) by {:.1f}%, but {}. ",
                            ctx.valueWithUnit(b.second.mean, *f.metric), b.second.n, b.marginPct, why))},
            ctx.refsForFiles(f.files));
    }
    return join({text(fmt::format("Best configuration of {} by mean throughput (of {}): ", b.model, of)),
                    code(ds.variants[*f.variant].id),
                    text(fmt::format(" at {} ({}), {:.1f}% above the runner-up ",
                        ctx.valueWithUnit(b.best.mean, *f.metric), ctx.nText(b.best, Statistic::Mean), b.marginPct)),
                    code(ds.variants[b.runnerUp].id),
                    text(fmt::format(" at {} ({}); the lead exceeds both intervals and the replicate spread. ",
                        ctx.valueWithUnit(b.second.mean, *f.metric), ctx.nText(b.second, Statistic::Mean)))},
        ctx.refsForFiles(f.files));
}

Inlines highVarianceLine(const ReportContext& ctx, const Finding& f, const Summary& s)
{
    return join({text("High variance: "), code(ctx.ds.variants[*f.variant].id),
                    text(fmt::format(" throughput CV {:.1f}% (n={}, {}–{} {}). ", 100 * s.cv, s.n, formatValue(s.min),
                        formatValue(s.max), ctx.ds.metrics[*f.metric].unit))},
        ctx.refsForFiles(f.files));
}

Inlines failuresLine(const ReportContext& ctx, const Finding& f, const FailedObservations& o)
{
    return join({text("Failures: "), code(ctx.ds.variants[*f.variant].id),
                    text(fmt::format(" {} of {} observations failed ({:.0f}%). ", o.failed, o.observations,
                        100.0 * static_cast<double>(o.failed) / static_cast<double>(o.observations)))},
        ctx.refsForFiles(f.files));
}

Inlines disagreementLine(const ReportContext& ctx, const Finding& f, const ReportedDisagreement& r)
{
    const Diagnostic& d = ctx.ds.diagnostics[r.diagnostic];
    return join({text("Reported vs computed: "), code(d.file), text(" " + d.locator + ": " + d.message + ". ")},
        ctx.refsForFiles(f.files));
}

const char* telemetryText(Telemetry t)
{
    switch (t) {
    case Telemetry::Latency:
        return "per-request latency (no p99 can be computed)";
    case Telemetry::Memory:
        return "memory use (no memory or VRAM figures)";
    case Telemetry::TimeToFirstToken:
        return "time to first token";
    }
    return "";
}
} // namespace

namespace {
// The sentences of the findings, each with its kind, in the findings' order, and the recommendations.
struct FindingLines
{
    std::vector<std::pair<FindingKind, Inlines>> items;
    std::vector<Inlines> recommendations;
};

FindingLines findingLines(const ReportContext& ctx)
{
    FindingLines out;
    auto& recommendations = out.recommendations;
    const auto add = [&](FindingKind kind, Inlines line) { out.items.emplace_back(kind, std::move(line)); };
    size_t failures = 0;
    size_t disagreements = 0;
    const size_t allDisagreements = ctx.count(FindingKind::ReportedDisagreement);
    std::string missing;
    std::map<uint32_t, std::vector<const ColdStart*>> reloadsByFile;
    std::set<uint32_t> coldStartFiles;
    std::map<uint32_t, std::vector<const OrderConfound*>> confoundsByFile;
    for (const Finding& f : ctx.findings) {
        if (f.kind == FindingKind::RunOrder)
            confoundsByFile[f.files.front()].push_back(&std::get<OrderConfound>(f.detail));
        if (f.kind != FindingKind::ColdStart)
            continue;
        const ColdStart& c = std::get<ColdStart>(f.detail);
        coldStartFiles.insert(c.file);
        if (c.cause == ColdStart::Cause::Reload)
            reloadsByFile[c.file].push_back(&c);
    }
    const size_t orderFiles = confoundsByFile.size();
    for (const Finding& f : ctx.findings) {
        switch (f.kind) {
        case FindingKind::ColdStart:
            if (const ColdStart& c = std::get<ColdStart>(f.detail); c.cause == ColdStart::Cause::FirstPrompt)
                add(f.kind, coldStartLine(ctx, c));
            else if (const auto it = reloadsByFile.find(c.file); it != reloadsByFile.end()) {
                add(f.kind, reloadLine(ctx, it->second));
                reloadsByFile.erase(it); // one line per file
            }
            break;
        case FindingKind::RunOrder:
            if (const auto it = confoundsByFile.find(f.files.front()); it != confoundsByFile.end()) {
                add(f.kind, runOrderLine(ctx, it->first, it->second));
                confoundsByFile.erase(it); // one line per file
            }
            break;
        case FindingKind::BestConfiguration:
            add(f.kind, bestConfigurationLine(ctx, f, std::get<BestConfiguration>(f.detail)));
            break;
        case FindingKind::HighVariance:
            add(f.kind, highVarianceLine(ctx, f, std::get<Summary>(f.detail)));
            break;
        case FindingKind::Failures:
            if (++failures <= kMaxListed)
                add(f.kind, failuresLine(ctx, f, std::get<FailedObservations>(f.detail)));
            break;
        case FindingKind::ReportedDisagreement:
            if (++disagreements <= kMaxListed)
                add(f.kind, disagreementLine(ctx, f, std::get<ReportedDisagreement>(f.detail)));
            break;
        case FindingKind::SingleSample:
            break; // one sentence for all of them, below
        case FindingKind::MissingTelemetry:
            missing += (missing.empty() ? "" : "; ") + std::string(telemetryText(std::get<Telemetry>(f.detail)));
            break;
        }
        // A cut list of disagreements ends with how many more there are.
        if (f.kind == FindingKind::ReportedDisagreement && disagreements == allDisagreements
            && disagreements > kMaxListed)
            add(f.kind,
                {text(fmt::format("… and {} more disagreements (see the Appendix).", disagreements - kMaxListed))});
    }
    if (const size_t single = ctx.count(FindingKind::SingleSample)) {
        add(FindingKind::SingleSample,
            {text(fmt::format("{} a single throughput sample: its number is one measurement, not a mean "
                              "or a median.",
                plural(single, "variant has", "variants have")))});
    }
    if (!missing.empty())
        add(FindingKind::MissingTelemetry, {text("Missing telemetry: " + missing + ".")});

    if (!coldStartFiles.empty())
        recommendations.push_back({text(fmt::format("Send one warm-up request before measuring and after every change "
                                                    "that reloads the model, or report those prompts separately: in {} "
                                                    "a TTFT includes model loading.",
            plural(coldStartFiles.size(), "file", "files")))});
    if (const size_t files = orderFiles)
        recommendations.push_back({text(fmt::format("Interleave or shuffle the configurations and repeat each one, so "
                                                    "that order, warm-up and drift spread over all of them: {} "
                                                    "measured parameters in a confounding order.",
            plural(files, "file", "files")))});
    if (failures)
        recommendations.push_back({text(fmt::format("Fix the failing calls and re-run: {} have failed observations; "
                                                    "their statistics use the successful ones only.",
            plural(failures, "variant", "variants")))});
    if (ctx.count(FindingKind::SingleSample))
        recommendations.push_back({text("Repeat each configuration at least 5 times so that means, medians and "
                                        "confidence intervals are meaningful.")});
    if (!missing.empty())
        recommendations.push_back({text("Record " + missing + " alongside throughput.")});

    return out;
}

// How many findings of one kind the body lists before "… and N more" (the appendix lists all).
constexpr size_t kBodyFindingsPerKind = 2;

std::vector<Inlines> bodyItems(const FindingLines& lines, size_t& omitted)
{
    std::vector<Inlines> items;
    std::map<FindingKind, size_t> listed;
    omitted = 0;
    for (const auto& [kind, line] : lines.items) {
        if (++listed[kind] <= kBodyFindingsPerKind)
            items.push_back(line);
        else
            ++omitted;
    }
    return items;
}
} // namespace

void writeKeyFindings(ReportContext& ctx)
{
    const FindingLines lines = findingLines(ctx);
    size_t omitted = 0;
    std::vector<Inlines> items = bodyItems(lines, omitted);
    if (omitted > 0)
        items.push_back({text(fmt::format("… and {} more findings of the kinds above, each with its evidence, in the "
                                          "appendix \"All Findings\".",
            omitted))});
    if (items.empty())
        items.push_back(
            {text("No findings: the data holds no failures, outliers or disagreements BenchLens checks for.")});
    ctx.doc.heading(3, "Findings");
    ctx.doc.bullets(std::move(items));
    if (!lines.recommendations.empty()) {
        ctx.doc.heading(3, "Recommendations");
        ctx.doc.bullets(lines.recommendations);
    }
}

bool hasMoreFindings(const ReportContext& ctx)
{
    size_t omitted = 0;
    bodyItems(findingLines(ctx), omitted);
    return omitted > 0;
}

void writeAllFindings(ReportContext& ctx)
{
    std::vector<Inlines> items;
    for (const auto& [kind, line] : findingLines(ctx).items)
        items.push_back(line);
    ctx.doc.paragraph({text("Every finding, in the order of the body's list.")});
    ctx.doc.bullets(std::move(items));
}

} // namespace benchlens
