#include "recognizer.h"

#include <array>

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

namespace {
int genericFor(FileType type, const FileInput& in)
{
    return in.type == type ? 1 : 0;
}

// Tool-specific recognizers (issue 3) go above the generic ones, each with a confidence above 1.
constexpr std::array kRecognizers = {
    Recognizer {"generic CSV", [](const FileInput& in) { return genericFor(FileType::Csv, in); }, extractGenericCsv},
    Recognizer {"generic JSON", [](const FileInput& in) { return genericFor(FileType::Json, in); }, extractGenericJson},
    Recognizer {"generic Markdown", [](const FileInput& in) { return genericFor(FileType::Markdown, in); },
        extractGenericMarkdown},
    Recognizer {"generic text", [](const FileInput& in) { return genericFor(FileType::Text, in); }, extractGenericText},
};
} // namespace

FileExtract recognizeFile(const FileInput& input)
{
    const Recognizer* best = nullptr;
    int bestConfidence = 0;
    for (const auto& r : kRecognizers) {
        const int c = r.confidence(input);
        if (c > bestConfidence) {
            best = &r;
            bestConfidence = c;
        }
    }
    if (!best)
        return {};
    FileExtract extract = best->extract(input);
    if (extract.recognizer.empty())
        extract.recognizer = std::string(best->name);
    return extract;
}

} // namespace benchlens
