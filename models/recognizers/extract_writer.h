#pragma once

#include "models/data/extract.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace benchlens {

// Builds a FileExtract for the tool recognizers, which know their format's fields: metrics are named by
// catalog id (or kept under the tool's own name and unit), dimensions are given explicitly, and every value
// gets a precise locator. The generic recognizers use RecordBuilder instead, which guesses from names.
class ExtractWriter
{
public:
    explicit ExtractWriter(FileExtract& out)
        : m_out(out)
    { }

    FileExtract& out() { return m_out; }

    // An interned source key (column header, JSON member): the `key` of locators and values.
    uint32_t key(std::string_view name);
    // Locators. `jsonLine`: the file line of a JSON Lines record, 0 for a whole-file JSON document.
    Locator pointer(std::string_view jsonPointer, uint32_t jsonLine = 0, std::string_view member = {});
    Locator cell(uint32_t line, std::string_view column = {});
    Locator line(uint32_t line);

    // The variant key of a record: dimension name -> value. Values are cleaned (numbers shortened, text
    // trimmed); empty values are dropped; the order does not matter.
    uint32_t group(FileExtract::Dims dims);

    // A catalog metric by canonical id ("throughput_tok_s"); a programmer error if the id is unknown.
    uint32_t metric(std::string_view catalogId);
    // A metric the catalog does not know (a user counter), kept under its own name and unit.
    uint32_t customMetric(std::string_view name, std::string_view unit);

    // One observation (a request, a repetition, a row). Values are in the metric's canonical unit.
    uint32_t record(uint32_t group, const Locator& locator, bool failed = false);
    void sample(uint32_t record, uint32_t metric, double value, std::string_view key = {});
    // A value with its own JSON pointer (an element of an array: "/ttfts/17").
    void sampleAt(uint32_t record, uint32_t metric, double value, std::string jsonPointer);

    // An aggregate the file states. `n`: the sample count the file states for it, if any.
    void reported(uint32_t group, uint32_t metric, Statistic statistic, double value, std::optional<uint32_t> n,
        const Locator& locator);

    void diagnostic(Severity severity, std::string locator, std::string message);

private:
    FileExtract& m_out;
    std::unordered_map<std::string, uint32_t> m_keys;
    std::unordered_map<std::string, uint32_t> m_groups;
    std::unordered_map<std::string, uint32_t> m_metrics;
};

} // namespace benchlens
