#pragma once

#include "models/parsers/json_parser.h"
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/recognizer.h"

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace benchlens {

// The steps every tool recognizer repeats, in one place: the sniff, the JSON root, a block of stated statistics,
// the walk over text lines and the "nothing of mine here" ending.

// confidence::Certain when the file is of `type` and its first `limit` bytes hold every needle of `all` and, when
// `any` is not empty, at least one of `any`; 0 otherwise.
int sniff(const FileInput& in, FileType type, std::initializer_list<std::string_view> all,
    std::initializer_list<std::string_view> any = {}, size_t limit = 64 * 1024);

// The file parsed as JSON when it is a JSON object; nullopt (not mine after all) for malformed JSON or another
// root. `arrayMember`: the member `key` of `object` when it is an array, else nullptr.
std::optional<json::ParseResult> parseJsonObject(std::string_view bytes);
const json::Node* arrayMember(const json::Document& doc, const json::Node& object, std::string_view key);

// A JSON object whose member `key` is an array of entries, the layout most tools write ({"benchmarks": [...]},
// {"results": [...]}): the document and that array. nullopt (not mine after all) for any other file.
struct JsonArrayFile
{
    json::ParseResult parsed;
    const json::Node* array = nullptr;
    const json::Document& doc() const { return parsed.document; }
};
std::optional<JsonArrayFile> parseJsonArrayMember(std::string_view bytes, std::string_view key);

// Calls f(element, pointer) for each element of `array`, `pointer` being the element's JSON pointer
// "<arrayPointer>/<index>" ("/benchmarks/0", "/benchmarks/1", ...).
template <typename F>
void forEachElement(const json::Document& doc, const json::Node& array, std::string_view arrayPointer, F&& f)
{
    uint32_t index = 0;
    doc.forEachChild(array, [&](const json::Node& element) {
        const std::string pointer = std::string(arrayPointer) + '/' + std::to_string(index++);
        f(element, pointer);
    });
}

// One member of a statistics object and the statistic it states ({"mean", Statistic::Mean}).
struct StatKey
{
    std::string_view key;
    Statistic statistic;
};

// Writes the members of `object` that `keys` names as reported values of `metric` for `group`, each multiplied by
// `factor` (the tool's unit to the metric's canonical one), with the count `n` and a locator at `pointer`/key.
// Members that are absent or not numbers are skipped. Returns how many were written.
size_t reportStats(ExtractWriter& w, uint32_t group, uint32_t metric, const json::Document& doc,
    const json::Node& object, std::string_view pointer, std::span<const StatKey> keys, double factor,
    std::optional<uint32_t> n);

// The words of a console line: runs of characters other than space, tab and '\r'.
std::vector<std::string_view> splitWords(std::string_view line);

// Calls f(lineNumber, line) for each line of `bytes` (1-based; the line without its '\n', a '\r' kept) until f
// returns false (a `void` f reads every line).
template <typename F> void forEachLine(std::string_view bytes, F&& f)
{
    uint32_t lineNo = 0;
    size_t start = 0;
    while (start < bytes.size()) {
        const size_t end = bytes.find('\n', start);
        const auto line = bytes.substr(start, end == std::string_view::npos ? bytes.npos : end - start);
        start = end == std::string_view::npos ? bytes.size() : end + 1;
        ++lineNo;
        if constexpr (std::is_same_v<decltype(f(lineNo, line)), bool>) {
            if (!f(lineNo, line))
                return;
        } else {
            f(lineNo, line);
        }
    }
}

// The lines of `bytes`, each without its '\n' and a trailing '\r'; no empty line after a final '\n'. For readers
// that look ahead or read a text twice (forEachLine streams).
std::vector<std::string_view> splitLines(std::string_view bytes);

// Units as the tools write them next to their numbers ("unit": "ms", "(tokens/sec)", "samples/s"), read through the
// catalog's one unit table (MetricCatalog::resolveUnit), for the recognizers that take units from the data.
// Milliseconds per one `unit` when it is a time unit ("s", "sec", "ms", "us", "ns"); nullopt for anything else.
std::optional<double> msPerUnit(std::string_view unit);
// The canonical per-second rate `unit` counts in ("tokens/sec" -> "tok/s", "requests/sec" -> "req/s", "samples/s");
// "" when `unit` is not a per-second rate of tokens, requests or samples.
std::string rateUnit(std::string_view unit);

// The percentile a statistic name states, as tools write them: "p(99.99)" (k6), "p99.9", "p99_9", "P95", and the
// digits-only "p999" / "p9999" (99.9 / 99.99: digits after a leading 99 are decimals). nullopt for other names.
std::optional<double> percentileInName(std::string_view name);
// The statistic of a percentile (50 -> P50, 99.9 -> P999, 100 -> Max), or nullopt when the statistic list has no
// slot for it (p(97.5)): the caller says so in a diagnostic instead of dropping it silently.
std::optional<Statistic> percentileStatistic(double p);

// The extract, or nullopt when it holds neither an observation nor a reported value (the sniff was fooled).
std::optional<FileExtract> unlessEmpty(FileExtract&& out);

} // namespace benchlens
