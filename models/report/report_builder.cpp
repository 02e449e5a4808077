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
void writeKeyTables(ReportContext& ctx);
void writeSweepFigures(ReportContext& ctx);
bool hasBaseline(const ReportContext& ctx);
void writeComparison(ReportContext& ctx);
void writeKeyFindings(ReportContext& ctx);
void writeWorkflowSummary(ReportContext& ctx);
void writeMetricTables(ReportContext& ctx);
bool hasReported(const ReportContext& ctx);
void writeReportedAggregates(ReportContext& ctx);
bool hasMoreFindings(const ReportContext& ctx);
void writeAllFindings(ReportContext& ctx);
void writeSourcesAppendix(ReportContext& ctx);
bool hasChecksums(const ReportContext& ctx);
void writeInputChecksums(ReportContext& ctx);

namespace {
void writeContents(ReportContext& ctx)
{
    ctx.doc.contents();
}

enum class Part
{
    Body, // "## 3. <heading>"
    Appendix // "## Appendix B: <heading>", after the body
};

struct ReportSection
{
    // nullptr continues the section before it (or, first, comes before every heading).
    const char* heading;
    void (*write)(ReportContext&);
    // Whether the section is in this report (nullptr: always). Sections are numbered (lettered) in order, so an
    // optional one that is left out shifts the numbers of those after it.
    bool (*included)(const ReportContext&) = nullptr;
    Part part = Part::Body;
};

// The report, in order: adding a section is one function in models/report/sections/ and one line here. The body
// answers the questions in a few pages whatever the folder's size; everything per variant and per file is in the
// appendices. The first appendix (every variant's statistics) is always there: the body names it "Appendix A".
constexpr ReportSection kSections[] = {
    {nullptr, writeFrontMatter},
    {nullptr, writeContents},
    {"Executive Summary", writeExecutiveSummary},
    {"Data Ingestion Summary", writeIngestionSummary},
    {"Performance Analysis", writeKeyTables},
    {nullptr, writeSweepFigures},
    {"Comparison", writeComparison, hasBaseline},
    {"Key Findings and Recommendations", writeKeyFindings},
    {"Workflow Summary", writeWorkflowSummary},
    {"Every Variant's Statistics", writeMetricTables, nullptr, Part::Appendix},
    {"Aggregates Reported by the Files", writeReportedAggregates, hasReported, Part::Appendix},
    {"All Findings", writeAllFindings, hasMoreFindings, Part::Appendix},
    {"Sources", writeSourcesAppendix, nullptr, Part::Appendix},
    {"Input Files", writeInputChecksums, hasChecksums, Part::Appendix},
};
} // namespace

ReportDocument buildReport(
    const Dataset& dataset, const Analysis& analysis, const ReportOptions& options, const WorkflowTimes& times)
{
    ReportContext ctx(dataset, analysis, options, times);
    int number = 0;
    char letter = 'A';
    for (const ReportSection& section : kSections) {
        if (section.included && !section.included(ctx))
            continue;
        if (section.heading && section.part == Part::Body)
            ctx.doc.heading(2, fmt::format("{}. {}", ++number, section.heading));
        else if (section.heading)
            ctx.doc.heading(2, fmt::format("Appendix {}: {}", letter++, section.heading), true);
        section.write(ctx);
    }
    if (ctx.large())
        ctx.doc.dataFile = options.dataFile;
    return std::move(ctx.doc);
}

std::string reportDataFileName(const std::string& reportPath)
{
    std::string name = reportPath.substr(reportPath.rfind('/') + 1);
    if (const size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0)
        name.resize(dot);
    return name + "-data.csv";
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
