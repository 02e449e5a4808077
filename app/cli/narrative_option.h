#pragma once

#include <map>
#include <string>
#include <vector>

namespace benchlens {
struct Dataset;
struct ReportDocument;
} // namespace benchlens

namespace benchlens::cli {

// `benchlens report --narrative`: the --llm-* options, read into the settings of a narrative run.
struct NarrativeArgs
{
    std::map<std::string, std::string> options; // --llm-url, --llm-model, --llm-timeout, --llm-language, flags
    std::vector<std::string> llmOptions; // every --llm-option key=value
};

// The options `report` takes for the narrative (with a value, and flags).
const std::vector<std::string>& narrativeValueOptions();
const std::vector<std::string>& narrativeFlags();

// Checks the --llm-* values; returns a usage error message, or "" when they are fine.
std::string checkNarrativeArgs(const NarrativeArgs& args);

// Runs the narrative on the report's facts and adds it to `doc` (a skipped one as a note, also printed to stderr),
// then returns the metrics JSON to write beside the report ("" when no call finished). Never fails the report.
std::string addNarrative(ReportDocument& doc, const Dataset& dataset, const NarrativeArgs& args,
    const std::string& outputPath, bool timings);

} // namespace benchlens::cli
