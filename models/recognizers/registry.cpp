#include "models/recognizers/recognizer.h"
#include "models/util/read_budget.h"
#include "models/util/utf8.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace benchlens {

std::string_view head(std::string_view bytes, size_t limit)
{
    return bytes.substr(0, std::min(bytes.size(), limit));
}

bool containsAll(std::string_view text, std::initializer_list<std::string_view> needles)
{
    return std::all_of(needles.begin(), needles.end(), [&](std::string_view n) { return text.find(n) != text.npos; });
}

bool containsAny(std::string_view text, std::initializer_list<std::string_view> needles)
{
    return std::any_of(needles.begin(), needles.end(), [&](std::string_view n) { return text.find(n) != text.npos; });
}

std::string_view fileName(std::string_view relativePath)
{
    const auto slash = relativePath.rfind('/');
    return slash == std::string_view::npos ? relativePath : relativePath.substr(slash + 1);
}

// The registry: one line per tool file. recognizers/<tool>.cpp defines `std::span<const Recognizer> <name>()`.
// clang-format off
#define BENCHLENS_TOOL_RECOGNIZERS(X) \
    X(llamaBenchRecognizers) \
    X(servingBenchRecognizers) \
    X(ollamaRecognizers) \
    X(googleBenchmarkRecognizers) \
    X(hyperfineRecognizers) \
    X(agentOutputRecognizers) \
    X(genaiPerfRecognizers) \
    X(mlperfRecognizers) \
    X(optimumBenchmarkRecognizers) \
    X(llmperfRecognizers) \
    X(pytestBenchmarkRecognizers) \
    X(criterionRecognizers) \
    X(goBenchRecognizers) \
    X(criterionConsoleRecognizers) \
    X(jmhRecognizers) \
    X(benchmarkDotNetRecognizers) \
    X(k6Recognizers) \
    X(ohaRecognizers) \
    X(wrkRecognizers) \
    X(trtllmBenchRecognizers) \
    X(guidellmRecognizers)
// clang-format on

#define BENCHLENS_DECLARE(name) std::span<const Recognizer> name();
BENCHLENS_TOOL_RECOGNIZERS(BENCHLENS_DECLARE)
#undef BENCHLENS_DECLARE

namespace {
std::optional<FileExtract> genericCsv(const FileInput& in)
{
    return extractGenericCsv(in);
}
std::optional<FileExtract> genericJson(const FileInput& in)
{
    return extractGenericJson(in);
}
std::optional<FileExtract> genericMarkdown(const FileInput& in)
{
    return extractGenericMarkdown(in);
}
std::optional<FileExtract> genericText(const FileInput& in)
{
    return extractGenericText(in);
}

template <FileType T> int genericFor(const FileInput& in)
{
    return in.type == T ? 1 : 0;
}

constexpr std::array kGeneric = {
    Recognizer {"generic CSV", genericFor<FileType::Csv>, genericCsv},
    Recognizer {"generic JSON", genericFor<FileType::Json>, genericJson},
    Recognizer {"generic Markdown", genericFor<FileType::Markdown>, genericMarkdown},
    Recognizer {"generic text", genericFor<FileType::Text>, genericText},
};

const std::vector<const Recognizer*>& allRecognizers()
{
    static const std::vector<const Recognizer*> all = [] {
        std::vector<const Recognizer*> list;
#define BENCHLENS_APPEND(name)                                                                                         \
    for (const auto& r : name())                                                                                       \
        list.push_back(&r);
        BENCHLENS_TOOL_RECOGNIZERS(BENCHLENS_APPEND)
#undef BENCHLENS_APPEND
        for (const auto& r : kGeneric)
            list.push_back(&r);
        return list;
    }();
    return all;
}
} // namespace

namespace {
// Names (models, configuration values, metrics, columns) longer than this are cut: no benchmark names a model in
// kilobytes, and a 12 MB "model name" would otherwise be set in every table, chart and page.
constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxMessageBytes = 2000;

// The text boundary (util/utf8.h) for everything a recognizer drew from a file's bytes.
void cleanExtract(FileExtract& e)
{
    size_t replaced = 0;
    size_t cut = 0;
    // Text drawn from the file counts towards the diagnostics below; a diagnostic quoting the bad bytes does not.
    const auto cleanAs = [&](std::string& s, size_t maxBytes, bool fromFile) {
        CleanText c = cleanText(s, maxBytes);
        if (c.text == s)
            return; // newlines become spaces without being counted: compare the text, not the count
        if (fromFile) {
            replaced += c.replaced;
            cut += s.size() > maxBytes ? 1 : 0;
        }
        s = std::move(c.text);
    };
    const auto clean = [&](std::string& s, size_t maxBytes) { cleanAs(s, maxBytes, true); };
    for (auto& k : e.keys)
        clean(k, kMaxNameBytes);
    for (auto& p : e.pointers)
        clean(p, std::string::npos);
    for (auto& dims : e.groups) {
        for (auto& [k, v] : dims) {
            clean(k, kMaxNameBytes);
            clean(v, kMaxNameBytes);
        }
        std::sort(dims.begin(), dims.end());
    }
    for (auto& m : e.metrics) {
        clean(m.name, kMaxNameBytes);
        clean(m.unit, kMaxNameBytes);
    }
    clean(e.namedModel, kMaxNameBytes);
    clean(e.runFolder, std::string::npos);
    for (auto& d : e.diagnostics) {
        cleanAs(d.locator, kMaxMessageBytes, false);
        cleanAs(d.message, kMaxMessageBytes, false);
    }
    if (replaced > 0) {
        e.diagnostics.push_back({Severity::Warning, {}, {},
            fmt::format("{} byte(s) of text that are not valid UTF-8 or are control characters were replaced by "
                        "U+FFFD (the file is not UTF-8, or is damaged)",
                replaced)});
    }
    if (cut > 0) {
        e.diagnostics.push_back({Severity::Warning, {}, {},
            fmt::format("{} name(s) longer than {} bytes were shortened", cut, kMaxNameBytes)});
    }
}
} // namespace

FileExtract recognizeFile(const FileInput& input)
{
    FileExtract e = recognizeRaw(input);
    cleanExtract(e);
    return e;
}

FileExtract recognizeRaw(const FileInput& input)
{
    std::vector<std::pair<int, const Recognizer*>> candidates;
    for (const Recognizer* r : allRecognizers()) {
        if (const int c = r->confidence(input); c > 0)
            candidates.emplace_back(c, r);
    }
    std::stable_sort(
        candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> declined;
    for (const auto& [c, r] : candidates) {
        ReadBudget::check();
        std::optional<FileExtract> extract = r->extract(input);
        if (!extract) {
            declined.emplace_back(r->name);
            continue;
        }
        if (extract->recognizer.empty())
            extract->recognizer = std::string(r->name);
        for (const auto& name : declined) {
            extract->diagnostics.push_back({Severity::Info, {}, {},
                fmt::format("looks like {} output but does not have its structure; read by the {} recognizer "
                            "instead",
                    name, extract->recognizer)});
        }
        extract->declinedBy = std::move(declined);
        return std::move(*extract);
    }
    return {};
}

} // namespace benchlens
