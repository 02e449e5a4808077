#pragma once

#include "report/report_document.h"

#include <string>

namespace benchlens {

struct Dataset;
struct Analysis;

struct ReportOptions
{
    std::string title; // empty: "BenchLens Technical Report: <folder name>"
    std::string date; // YYYY-MM-DD; empty: today (UTC)
    bool timings = true; // false: the Workflow Summary leaves out the measured times (a fully reproducible report)
};

// Measured times of the run that produced the report, for the Workflow Summary.
struct WorkflowTimes
{
    double ingestMs = 0;
    double analysisMs = 0;
    double reportMs = 0; // building the report document itself (measured by the caller before rendering)
};

// Builds the technical report from a Dataset and its Analysis. Every number in it is computed here from the
// samples, or quoted from a file with its source; the same input and date give the same document.
ReportDocument buildReport(
    const Dataset& dataset, const Analysis& analysis, const ReportOptions& options, const WorkflowTimes& times);

} // namespace benchlens
