#include "models/report/report_builder.h"

#include "models/report/sections/report_context.h"
#include "models/stats/analysis.h"
#include "models/util/stopwatch.h"

#include <fmt/format.h>

namespace benchlens {

// The sections, one function each in models/report/sections/<name>.cpp.
void writeFrontMatter(ReportContext& ctx);
void writeExecutiveSummary(ReportContext& ctx);
void writeIngestionSummary(ReportContext& ctx);
void writeMetricTables(ReportContext& ctx);
void writeSweepFigures(ReportContext& ctx);
void writeReportedAggregates(ReportContext& ctx);
bool hasBaseline(const ReportContext& ctx);
void writeComparison(ReportContext& ctx);
void writeKeyFindings(ReportContext& ctx);
void writeSourcesAppendix(ReportContext& ctx);
void writeWorkflowSummary(ReportContext& ctx);

namespace {
struct ReportSection
{
    // "## 3. <heading>"; nullptr continues the section before it (or, first, comes before every heading).
    const char* heading;
    void (*write)(ReportContext&);
    // Whether the section is in this report (nullptr: always). Sections are numbered in order, so an optional one
    // that is left out shifts the numbers of those after it.
    bool (*included)(const ReportContext&) = nullptr;
};

// The report, in order: adding a section is one function in models/report/sections/ and one line here.
constexpr ReportSection kSections[] = {
    {nullptr, writeFrontMatter},
    {"Executive Summary", writeExecutiveSummary},
    {"Data Ingestion Summary", writeIngestionSummary},
    {"Performance Analysis", writeMetricTables},
    {nullptr, writeSweepFigures},
    {nullptr, writeReportedAggregates},
    {"Comparison", writeComparison, hasBaseline},
    {"Key Findings and Recommendations", writeKeyFindings},
    {"Appendix: Sources", writeSourcesAppendix},
    {"Workflow Summary", writeWorkflowSummary},
};
} // namespace

ReportDocument buildReport(
    const Dataset& dataset, const Analysis& analysis, const ReportOptions& options, const WorkflowTimes& times)
{
    ReportContext ctx(dataset, analysis, options, times);
    int number = 0;
    for (const ReportSection& section : kSections) {
        if (section.included && !section.included(ctx))
            continue;
        if (section.heading)
            ctx.doc.heading(2, fmt::format("{}. {}", ++number, section.heading));
        section.write(ctx);
    }
    return std::move(ctx.doc);
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
