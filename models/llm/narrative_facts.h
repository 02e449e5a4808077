#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

struct Dataset;
struct ReportDocument;

// A number as written in a text: "182.87 ms", "0.548 s", "12.5%", "1,234". `halfStep` is half a unit of its last
// written digit (0.005 for "182.87"): how far a rounded value may be from the value it rounds.
struct TextNumber
{
    double value = 0; // as written (absolute), in `unit`
    std::string unit; // normalized: "ms", "s", "ns", "us", "min", "h", "%", "tok/s", "B", "KB", ... or ""
    double halfStep = 0.5;
    size_t begin = 0; // byte offsets in the UTF-8 text
    size_t end = 0;
};

// Every number in a UTF-8 text that is a quantity: not digits inside a name ("llama3.1:8b", "q4_0", "p95", "S12"),
// not a list marker at the start of a line ("1. "), not part of a date (dates are found by findDates).
std::vector<TextNumber> findNumbers(std::string_view text);
// Dates "YYYY-MM-DD" (and the time after a 'T' or a space) as byte ranges.
std::vector<std::pair<size_t, size_t>> findDates(std::string_view text);

// One computed fact the narrative may use, with the id the model cites and where it comes from.
struct Fact
{
    std::string id; // "F12"
    std::string section; // "Performance Analysis / ttft_ms (ms)"
    std::string text; // plain text, numbers as the report writes them
    std::vector<std::string> sources; // report source labels, "S3"; the section when a fact has none
    std::vector<TextNumber> numbers; // found in `text`
};

// The counts a narrative's claims ("12 files", "3 variants", "2 failures") are checked against.
struct InventoryCounts
{
    uint64_t files = 0;
    uint64_t byType[5] = {}; // csv, json, md, txt, other (FileType order)
    uint64_t sources = 0; // files with samples or reported values
    uint64_t directories = 0;
    uint64_t runs = 0;
    uint64_t variants = 0;
    uint64_t failedObservations = 0;
    uint64_t failingVariants = 0;
    std::vector<uint64_t> variantsPerModel;
    std::vector<uint64_t> failedPerVariant;
};

// What the narrative is given: the report's computed content as numbered facts (inventory, per-variant statistics
// with n, comparisons with their verdicts, sweep optima and findings), nothing else.
struct FactSheet
{
    std::vector<Fact> facts;
    InventoryCounts inventory;
    std::vector<std::string> names; // model names and file paths: digits in them are not numbers of a claim
    size_t leftOut = 0; // facts not given (a cap keeps the prompt within a small model's context)

    // "F1 [S3] Performance Analysis / ttft_ms (ms): ..." one per line, for the prompt.
    std::string promptText() const;
};

// Facts from a document buildReport made for `dataset` (its Executive Summary, Data Ingestion Summary, Performance
// Analysis tables, Comparison, sweep figure captions and Findings; not the Appendix or the measured times), plus
// the inventory counts from the dataset. At most `maxFacts` facts; the rest are counted in `leftOut`.
FactSheet buildFactSheet(const Dataset& dataset, const ReportDocument& report, size_t maxFacts = 400);

} // namespace benchlens
