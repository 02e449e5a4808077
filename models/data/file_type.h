#pragma once

#include <string_view>

namespace benchlens {

// What a file is by its name: the scanner, the recognizers and the dataset's inventory share it.
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

} // namespace benchlens
