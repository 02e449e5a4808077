#pragma once

#include "models/data/diagnostic.h"
#include "models/data/metric_catalog.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace benchlens {

// Where a value sits in its file. Indices refer to the owning FileExtract's tables, so a value costs a few bytes.
struct Locator
{
    enum class Kind : uint8_t
    {
        None,
        Cell,
        Pointer,
        Line
    };
    Kind kind = Kind::None;
    uint32_t line = 0; // Cell, Line: 1-based line in the file; Pointer: the line of a JSON Lines record (0: none)
    uint32_t pointer = kNone; // Pointer: index into FileExtract::pointers
    uint32_t key = kNone; // Cell: column; Pointer: member name appended to the pointer (kNone: none)
    static constexpr uint32_t kNone = UINT32_MAX;
};

// Appends "/token" to a JSON pointer with RFC 6901 escaping ('~' -> "~0", '/' -> "~1").
void appendPointerToken(std::string& pointer, std::string_view token);

// Everything one recognizer drew from one file, before files are merged into the Dataset. Built on a worker
// thread, read once by the merge.
struct FileExtract
{
    using Dims = std::vector<std::pair<std::string, std::string>>; // sorted by dimension name

    struct Metric
    {
        std::optional<CatalogIndex> catalog; // none for a name kept as found
        std::string name; // canonical id, or the normalized source name
        std::string unit;
    };
    struct Record // one observation: a CSV row, a JSON object in an array
    {
        uint32_t group = 0;
        Locator locator;
        bool failed = false;
        uint64_t promptHash = 0; // of the prompt text or id the observation names (0: none); compares prompt sets
        double timeS = std::numeric_limits<double>::quiet_NaN(); // when it was measured, Unix seconds (NaN: unknown)
    };
    struct Value
    {
        uint32_t record = 0;
        uint32_t metric = 0;
        uint32_t key = Locator::kNone; // the column / member it came from
        double value = 0;
        uint32_t pointer = Locator::kNone; // its own JSON pointer (an element of an array), else the record's
    };
    struct Reported
    {
        uint32_t group = 0;
        uint32_t metric = 0;
        Statistic statistic = Statistic::Value;
        double value = 0;
        std::optional<uint32_t> n;
        Locator locator;
    };

    std::string recognizer; // "generic CSV", "llama-bench JSONL", ...; empty when nothing was recognized
    std::vector<std::string> declinedBy; // tool recognizers that sniffed the file but found it is not theirs
    std::vector<std::string> keys; // source column / member names
    std::vector<std::string> pointers; // JSON pointers of records and reported values
    std::vector<Dims> groups; // distinct dimension sets; the merge maps them to variants
    std::vector<Metric> metrics;
    std::vector<Record> records;
    std::vector<Value> values;
    std::vector<Reported> reported;
    // A file's own claim of how a candidate group differs from a baseline group (the agent's "delta" section),
    // in percent of the baseline mean (positive: the candidate's value is larger). Compare recomputes it.
    struct StatedDelta
    {
        uint32_t baselineGroup = 0;
        uint32_t candidateGroup = 0;
        uint32_t metric = 0;
        double percent = 0;
        Locator locator;
    };
    std::vector<StatedDelta> statedDeltas;
    std::vector<Diagnostic> diagnostics;
    // Numbers the generic readers met under names they could not place (no metric, unit, parameter or label): how
    // many, and the first distinct names. A file with such numbers and nothing read from it is "not understood".
    uint32_t unplacedNumbers = 0;
    uint32_t unplacedFields = 0; // distinct names among them
    std::vector<std::string> unplacedNames; // source names, in order of appearance, at most kUnplacedNamesShown
    static constexpr size_t kUnplacedNamesShown = 8;
    // Rules of the user's map (UserMap::rules) that matched a name in this file, and how many values were read
    // under it (cells, members, lines).
    struct MappedUse
    {
        uint32_t rule = 0;
        uint64_t values = 0;
    };
    std::vector<MappedUse> mapped;
    std::string namedModel; // the one model the file names, if any: lets siblings without a model column link to it
    bool report = false; // a human-written report (Markdown/text): every number in it is a reported value
    // The folder that holds one run of the tool with this file in it (a tool that writes <out>/data/*.json and
    // <out>/reports/*.md per run); empty: the default (a timestamped folder is one run, else each file).
    std::string runFolder;

    std::string locatorText(const Locator& loc) const;
};

} // namespace benchlens
