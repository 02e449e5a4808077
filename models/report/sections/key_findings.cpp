// Key Findings and Recommendations: the sentences for the typed findings of models/stats/findings (computed once in
// the ReportContext), in their order, and one recommendation per kind of finding that calls for action.
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/util/text.h"

#include <fmt/format.h>

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

void writeKeyFindings(ReportContext& ctx)
{
    std::vector<Inlines> items;
    std::vector<Inlines> recommendations;
    size_t failures = 0;
    size_t disagreements = 0;
    const size_t allDisagreements = ctx.count(FindingKind::ReportedDisagreement);
    std::string missing;
    for (const Finding& f : ctx.findings) {
        switch (f.kind) {
        case FindingKind::ColdStart:
            items.push_back(coldStartLine(ctx, std::get<ColdStart>(f.detail)));
            break;
        case FindingKind::BestConfiguration:
            items.push_back(bestConfigurationLine(ctx, f, std::get<BestConfiguration>(f.detail)));
            break;
        case FindingKind::HighVariance:
            items.push_back(highVarianceLine(ctx, f, std::get<Summary>(f.detail)));
            break;
        case FindingKind::Failures:
            if (++failures <= kMaxListed)
                items.push_back(failuresLine(ctx, f, std::get<FailedObservations>(f.detail)));
            break;
        case FindingKind::ReportedDisagreement:
            if (++disagreements <= kMaxListed)
                items.push_back(disagreementLine(ctx, f, std::get<ReportedDisagreement>(f.detail)));
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
            items.push_back(
                {text(fmt::format("… and {} more disagreements (see the Appendix).", disagreements - kMaxListed))});
    }
    if (const size_t single = ctx.count(FindingKind::SingleSample)) {
        items.push_back({text(fmt::format("{} a single throughput sample: its number is one measurement, not a mean "
                                          "or a median.",
            plural(single, "variant has", "variants have")))});
    }
    if (!missing.empty())
        items.push_back({text("Missing telemetry: " + missing + ".")});

    if (const size_t coldStarts = ctx.count(FindingKind::ColdStart))
        recommendations.push_back({text(fmt::format("Send one warm-up request before measuring, or report the first "
                                                    "prompt separately: in {} the first TTFT includes model loading.",
            plural(coldStarts, "file", "files")))});
    if (failures)
        recommendations.push_back({text(fmt::format("Fix the failing calls and re-run: {} have failed observations; "
                                                    "their statistics use the successful ones only.",
            plural(failures, "variant", "variants")))});
    if (ctx.count(FindingKind::SingleSample))
        recommendations.push_back({text("Repeat each configuration at least 5 times so that means, medians and "
                                        "confidence intervals are meaningful.")});
    if (!missing.empty())
        recommendations.push_back({text("Record " + missing + " alongside throughput.")});

    if (items.empty())
        items.push_back(
            {text("No findings: the data holds no failures, outliers or disagreements BenchLens checks for.")});
    ctx.doc.heading(3, "Findings");
    ctx.doc.bullets(std::move(items));
    if (!recommendations.empty()) {
        ctx.doc.heading(3, "Recommendations");
        ctx.doc.bullets(std::move(recommendations));
    }
}

} // namespace benchlens
