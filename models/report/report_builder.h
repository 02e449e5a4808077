#pragma once

#include "models/report/report_document.h"
#include "models/stats/dataset_comparison.h"

#include <string>

namespace benchlens {

struct Dataset;
struct Analysis;

struct ReportOptions
{
    std::string title; // empty: "BenchLens Technical Report: <folder name>"
    std::string date; // YYYY-MM-DD; empty: today (UTC)
    bool timings = true; // false: the Workflow Summary leaves out the measured times (a fully reproducible report)
    // What the statistics set aside; the Analysis passed to buildReport must have been computed with the same.
    ExclusionOptions exclusions;
    // A comparison section when a baseline is given (selectors as for `benchlens compare`).
    std::string baseline;
    std::vector<std::string> candidates;
    std::vector<std::string> compareMetrics;
    CompareOptions compareOptions;
    // The data file a large folder's report names for its full tables (`benchlens export` CSV files, e.g.
    // "report-data.csv" and its siblings "report-data.statistics.csv", ...), written beside the report by its
    // caller when ReportDocument::dataFile is set. Empty: the report names the export command instead.
    std::string dataFile;
};

// The data file named for a report: "out/report.pdf" -> "report-data.csv" (beside it).
std::string reportDataFileName(const std::string& reportPath);

// Measured times of the run that produced the report, for the Workflow Summary. The builder measures the time it
// takes to build the document itself.
struct WorkflowTimes
{
    double ingestMs = 0;
    double analysisMs = 0;
};

// Builds the technical report from a Dataset and its Analysis. Every number in it is computed here from the
// samples, or quoted from a file with its source; the same input and date give the same document.
// A comparison whose selectors match nothing becomes a sentence saying so (callers validate selectors first).
ReportDocument buildReport(
    const Dataset& dataset, const Analysis& analysis, const ReportOptions& options, const WorkflowTimes& times);

// What `benchlens report` and the Report view do once the data is chosen (the folder, or the part a filter selects):
// the statistics with the options' exclusions, then the document. `analysis`, the same data's statistics without
// exclusions, is reused when nothing is excluded. `times.analysisMs` holds what the caller spent choosing the data
// (restricting it to a filter) and grows by the analysis.
ReportDocument analyzeAndBuildReport(
    const Dataset& dataset, const ReportOptions& options, WorkflowTimes times, const Analysis* analysis = nullptr);

} // namespace benchlens
