#include "tests/fuzz/fuzz_support.h"

#include "models/data/dataset.h"
#include "models/ingest/ingest.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace benchlens::fuzz {

void touch(std::string_view s)
{
    volatile unsigned sum = 0;
    for (const char c : s)
        sum = sum + static_cast<unsigned char>(c);
    (void)sum;
}

FuzzFolder::FuzzFolder()
{
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/benchlens-fuzz-XXXXXX";
    if (!::mkdtemp(templ.data()))
        throw std::runtime_error("mkdtemp failed for " + templ);
    m_path = templ;
}

FuzzFolder::~FuzzFolder()
{
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

FuzzFolder& FuzzFolder::instance()
{
    static FuzzFolder folder;
    return folder;
}

void FuzzFolder::reset()
{
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(m_path, ec))
        std::filesystem::remove_all(entry.path(), ec);
}

void FuzzFolder::write(const std::string& relativePath, std::string_view bytes)
{
    const std::filesystem::path target = std::filesystem::path(m_path) / relativePath;
    std::filesystem::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::string_view> splitParts(std::string_view bytes, size_t maxParts)
{
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < maxParts) {
        const auto sep = bytes.find('\x1e');
        if (sep == std::string_view::npos)
            break;
        parts.push_back(bytes.substr(0, sep));
        bytes.remove_prefix(sep + 1);
    }
    parts.push_back(bytes);
    return parts;
}

namespace {

// RFC 4180 quoting: the field in double quotes, inner quotes doubled.
std::string csvField(std::string_view s)
{
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

// A JSON string literal: '"', '\\' and control characters escaped; other bytes (also invalid UTF-8) kept as they
// are, as a careless tool would write them.
std::string jsonString(std::string_view s)
{
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            out.append(1, '\\').push_back(c);
        else if (u < 0x20)
            out += fmt::format("\\u{:04x}", u);
        else
            out.push_back(c);
    }
    out.push_back('"');
    return out;
}

// A file name from input bytes: no '/', no NUL, not "." or "..", at most 40 bytes; other bytes (also
// non-UTF-8) kept. Empty input: `fallback`.
std::string fileNameFrom(std::string_view s, const std::string& fallback)
{
    std::string out;
    for (const char c : s.substr(0, 40)) {
        if (c != '/' && c != '\0')
            out.push_back(c);
    }
    if (out.empty() || out == "." || out == "..")
        return fallback;
    return out;
}

} // namespace

std::shared_ptr<const Dataset> datasetFromInput(std::string_view bytes)
{
    // Lines 0..7: model A, model B, configuration key, value A, value B, extra column name, free text, file name.
    std::vector<std::string_view> line;
    while (line.size() < 7) {
        const auto nl = bytes.find('\n');
        if (nl == std::string_view::npos)
            break;
        line.push_back(bytes.substr(0, nl));
        bytes.remove_prefix(nl + 1);
    }
    line.push_back(bytes);
    line.resize(8);
    const std::string_view modelA = line[0], modelB = line[1], key = line[2], valueA = line[3], valueB = line[4],
                           extra = line[5], text = line[6], name = line[7];

    // Samples: fixed numbers nudged by the input's length, so that both variants have spread and differ.
    const double shift = static_cast<double>(bytes.size() % 17);
    std::string csv = fmt::format("model,{},tokens_per_second,ttft_ms,{},notes\n", csvField(key), csvField(extra));
    for (int i = 0; i < 4; ++i) {
        csv += fmt::format("{},{},{},{},{},{}\n", csvField(modelA), csvField(valueA), 40.5 + i + shift, 120 + 3 * i,
            csvField(text), csvField(text));
        csv += fmt::format("{},{},{},{},{},{}\n", csvField(modelA), csvField(valueB), 35.25 + 2 * i, 140 - i + shift,
            csvField(extra), csvField(text));
        csv += fmt::format("{},{},{},{},{},{}\n", csvField(modelB), csvField(valueA), 50 - i, 99.5 + i,
            csvField(valueB), csvField(text));
    }
    std::string json = "{\"results\": [";
    for (int i = 0; i < 3; ++i) {
        json += fmt::format("{}{{\"model\": {}, {}: {}, \"tokens_per_second\": {}, \"ttft_ms\": {}, \"note\": {}}}",
            i ? ", " : "", jsonString(modelB), jsonString(key), jsonString(valueB), 44.5 + i, 101 + 2 * i + shift,
            jsonString(text));
    }
    json += "]}\n";
    const std::string md = fmt::format("# {}\n\n| model | {} | tokens/s |\n|---|---|---|\n| {} | {} | 41.5 |\n\n"
                                       "**Throughput:** 43.2 tok/s for {}\n\n{}\n",
        text, key, modelA, valueA, modelB, text);

    FuzzFolder& folder = FuzzFolder::instance();
    folder.reset();
    folder.write("runs/20251002-151204/" + fileNameFrom(name, "bench") + ".csv", csv);
    folder.write("summary.json", json);
    folder.write("report.md", md);
    IngestOptions options;
    options.threads = 1;
    options.hashAllFiles = true;
    auto result = ingestFolder(folder.path(), options);
    if (!result)
        return nullptr;
    return std::move(result).value();
}

} // namespace benchlens::fuzz
