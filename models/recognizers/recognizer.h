#pragma once

#include "models/data/extract.h"
#include "models/data/file_type.h"

#include <initializer_list>
#include <optional>
#include <string_view>

namespace benchlens {

struct UserMap;

// One file's bytes, as handed to a recognizer. No file I/O happens in recognizers.
struct FileInput
{
    std::string_view relativePath;
    std::string_view bytes;
    FileType type = FileType::Other;
    const UserMap* userMap = nullptr; // the user's corrections (--map), applied by the generic readers; may be null
};

// A recognizer claims files it understands and extracts samples, reported aggregates, dimensions and
// diagnostics from them. Recognizers are listed in registry.cpp (see README.md there); the generic ones
// (confidence 1) are the fallback.
struct Recognizer
{
    std::string_view name; // as the inventory shows it: "llama-bench JSONL", "generic CSV"
    // 0 = not mine; higher = more certain. Must be cheap: sniff the bytes, do not parse the file.
    int (*confidence)(const FileInput&);
    // nullopt = "not mine after all" (the structure did not match what the sniff promised): the registry
    // then tries the next recognizer, down to the generic ones.
    std::optional<FileExtract> (*extract)(const FileInput&);
};

namespace confidence {
// Levels for tool recognizers: Certain when the content has the tool's distinctive structure, Likely when
// the content fits and the file name agrees. Generic recognizers use 1.
constexpr int Likely = 5;
constexpr int Certain = 10;
} // namespace confidence

// Runs the best recognizer for the file. The returned extract names it in `recognizer` (empty: none). All its text
// is valid UTF-8 without control characters, and names are at most 256 bytes (a diagnostic says what was changed).
FileExtract recognizeFile(const FileInput& input);
// The same without that cleaning: the recognizer's output as it is (for tests of the cleaning itself).
FileExtract recognizeRaw(const FileInput& input);

// Sniffing helpers for confidence functions: look at the first `limit` bytes only.
std::string_view head(std::string_view bytes, size_t limit = 64 * 1024);
bool containsAll(std::string_view text, std::initializer_list<std::string_view> needles);
bool containsAny(std::string_view text, std::initializer_list<std::string_view> needles);
// The file name without its folder: "a/b/c.json" -> "c.json".
std::string_view fileName(std::string_view relativePath);

// The generic recognizers (recognizers/generic_*.cpp).
FileExtract extractGenericCsv(const FileInput& input);
FileExtract extractGenericJson(const FileInput& input);
FileExtract extractGenericMarkdown(const FileInput& input);
FileExtract extractGenericText(const FileInput& input);

} // namespace benchlens
