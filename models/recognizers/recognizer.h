#pragma once

#include "data/extract.h"

#include <string_view>

namespace benchlens {

enum class FileType
{
    Csv,
    Json,
    Markdown,
    Text,
    Other
};
std::string_view fileTypeName(FileType t); // "csv", "json", "md", "txt", "other"
FileType fileTypeFromPath(std::string_view relativePath);

// One file's bytes, as handed to a recognizer. No file I/O happens in recognizers.
struct FileInput
{
    std::string_view relativePath;
    std::string_view bytes;
    FileType type = FileType::Other;
};

// A recognizer claims files it understands and extracts samples, reported aggregates, dimensions and
// diagnostics from them. Recognizers are listed in registry.cpp; the generic ones are the fallback.
struct Recognizer
{
    std::string_view name;
    // 0 = not mine; higher = more certain. The registry picks the highest.
    int (*confidence)(const FileInput&);
    FileExtract (*extract)(const FileInput&);
};

// Runs the best recognizer for the file. The returned extract names it in `recognizer` (empty: none).
FileExtract recognizeFile(const FileInput& input);

// The generic recognizers (recognizers/generic_*.cpp).
FileExtract extractGenericCsv(const FileInput& input);
FileExtract extractGenericJson(const FileInput& input);
FileExtract extractGenericMarkdown(const FileInput& input);
FileExtract extractGenericText(const FileInput& input);

} // namespace benchlens
