#include "models/data/file_type.h"

#include <string>

namespace benchlens {

std::string_view fileTypeName(FileType t)
{
    switch (t) {
    case FileType::Csv:
        return "csv";
    case FileType::Json:
        return "json";
    case FileType::Markdown:
        return "md";
    case FileType::Text:
        return "txt";
    case FileType::Other:
        return "other";
    }
    return "other";
}

FileType fileTypeFromPath(std::string_view path)
{
    const auto dot = path.rfind('.');
    const auto slash = path.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return FileType::Other;
    std::string ext(path.substr(dot + 1));
    for (auto& c : ext)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (ext == "csv" || ext == "tsv")
        return FileType::Csv;
    if (ext == "json" || ext == "jsonl" || ext == "ndjson")
        return FileType::Json;
    if (ext == "md" || ext == "markdown")
        return FileType::Markdown;
    if (ext == "txt" || ext == "log")
        return FileType::Text;
    return FileType::Other;
}

} // namespace benchlens
