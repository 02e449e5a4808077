// The malformed-input corpus (issue 11): every hostile file or folder entry, put beside a few good files, must give
// a diagnostic naming it and the reason, must not crash or hang, and must leave the good files read exactly as they
// are read alone. The small cases are files in tests/data/malformed/; the large and environment-dependent ones
// (deep nesting, long lines, wide tables, a sparse 3 GB file, FIFOs, links, permissions, non-UTF-8 names, files
// changed during the read) are made here in a temporary folder.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/report/summary_json.h"
#include "models/stats/analysis.h"
#include "models/util/utf8.h"
#include "tests/support/test_paths.h"

#include <fmt/format.h>

#include <clocale>
#include <filesystem>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace benchlens;
using namespace benchlens::test;
namespace fs = std::filesystem;

namespace {

// The good files every case is read beside, and whose numbers must not move.
const char* const kGoodFiles[] = {"runs_with_failures.csv", "ollama_generate.json", "report.md", "hyperfine/scan.json"};

void writeBytes(const fs::path& path, const std::string& bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

void copyGoodFiles(const fs::path& dir)
{
    for (const char* name : kGoodFiles) {
        const fs::path target = dir / "good" / name;
        fs::create_directories(target.parent_path());
        fs::copy_file(testDataDir() + "/fixtures/" + name, target);
    }
}

// Every statistic of every variant and metric, as text with all digits: two ingests agree on the numbers exactly
// when these maps are equal.
std::map<std::string, std::string> statisticsOf(const Dataset& ds)
{
    const Analysis analysis = analyze(ds);
    std::map<std::string, std::string> out;
    for (const auto& s : analysis.stats) {
        const auto& sum = s.summary;
        out[ds.variants[s.variant].id + " | " + ds.metrics[s.metric].id] = fmt::format(
            "n={} mean={} median={} sd={} min={} max={}", sum.n, sum.mean, sum.median, sum.stddev, sum.min, sum.max);
    }
    return out;
}

std::shared_ptr<const Dataset> ingestOrFail(
    const fs::path& dir, IngestOptions options = {}, const IngestProgress& p = {})
{
    auto result = ingestFolder(dir.string(), options, p);
    EXPECT_TRUE(result) << (result ? "" : result.error());
    return result ? result.value() : nullptr;
}

const std::map<std::string, std::string>& goodAlone()
{
    static const std::map<std::string, std::string> stats = [] {
        const fs::path dir = fs::temp_directory_path() / fmt::format("benchlens-good-{}", ::getpid());
        fs::remove_all(dir);
        copyGoodFiles(dir);
        auto ds = ingestOrFail(dir);
        fs::remove_all(dir);
        return ds ? statisticsOf(*ds) : std::map<std::string, std::string>();
    }();
    return stats;
}

// The good files' statistics are in `ds` unchanged.
void expectGoodFilesExact(const Dataset& ds, const std::string& what)
{
    const auto all = statisticsOf(ds);
    ASSERT_FALSE(goodAlone().empty());
    for (const auto& [key, value] : goodAlone()) {
        const auto it = all.find(key);
        ASSERT_NE(it, all.end()) << what << ": " << key << " is missing";
        EXPECT_EQ(it->second, value) << what << ": " << key;
    }
}

std::string diagnosticsText(const Dataset& ds)
{
    std::string text;
    for (const auto& d : ds.diagnostics)
        text += fmt::format("  {} {} ({}): {}\n", severityName(d.severity), d.file, d.locator, d.message);
    return text;
}

// A diagnostic about `file` (exactly, or a file below it when it names a folder) whose message holds `reason`.
bool hasDiagnostic(const Dataset& ds, const std::string& file, const std::string& reason)
{
    for (const auto& d : ds.diagnostics) {
        const bool sameFile = d.file == file || (!file.empty() && d.file.starts_with(file + "/"))
            || (d.file.empty() && d.message.starts_with(file + ":"));
        if (sameFile && d.message.find(reason) != std::string::npos)
            return true;
    }
    return false;
}

struct Case
{
    std::string name;
    std::function<void(const fs::path& dir)> make; // makes the hostile entry in `dir`
    std::string file; // the name the diagnostic must give (relative to the folder, as shown)
    std::string reason; // part of its message
};

// A case from tests/data/malformed/.
Case fromCorpus(const std::string& file, const std::string& reason)
{
    return {file,
        [file](const fs::path& dir) { fs::copy_file(testDataDir() + "/malformed/" + file, dir / "bad" / file); },
        "bad/" + file, reason};
}

std::vector<Case> allCases()
{
    std::vector<Case> cases = {
        fromCorpus("truncated_row.csv", "row has 2 fields where the header has 3"),
        fromCorpus("truncated.json", "unexpected end of input"),
        fromCorpus("unbalanced_quote.csv", "never closed"),
        fromCorpus("ragged.csv", "row has 2 fields where the header has 3"),
        fromCorpus("duplicate_header.csv", "repeats the header 'tokens_s'"),
        fromCorpus("empty_header.csv", "no header"),
        fromCorpus("special_numbers.csv", "not numbers"),
        fromCorpus("decimal_comma.csv", "not numbers"),
        fromCorpus("empty.csv", "empty"),
        fromCorpus("empty.json", "empty"),
        fromCorpus("windows_1252.csv", "not valid UTF-8"),
        fromCorpus("invalid_utf8_header.csv", "not valid UTF-8"),
        fromCorpus("invalid_utf8_cell.csv", "not valid UTF-8"),
        fromCorpus("invalid_utf8_value.json", "UTF-8"),
        fromCorpus("invalid_utf8_key.json", "UTF-8"),
        fromCorpus("one_byte.json", "UTF-8"),
        fromCorpus("nul_byte.csv", "binary data"),
        fromCorpus("utf16_bom.csv", "UTF-16"),
        fromCorpus("utf16_no_bom.csv", "UTF-16"),
        fromCorpus("binary.csv", "binary data"),
        fromCorpus("control_chars.md", "control characters"),
        fromCorpus("bidi_override.csv", "control characters"),
        {"deep nesting (100,000 levels)",
            [](const fs::path& dir) {
                writeBytes(dir / "bad/deep.json", std::string(100000, '[') + std::string(100000, ']'));
            },
            "bad/deep.json", "nested deeper than"},
        {"a 10 MB line",
            [](const fs::path& dir) {
                writeBytes(dir / "bad/long_line.csv", "model,tokens_s\n" + std::string(10 << 20, 'm') + ",41.2\n");
            },
            "bad/long_line.csv", "shortened"},
        {"100,000 columns",
            [](const fs::path& dir) {
                std::string header = "model";
                std::string row = "m-wide";
                for (int i = 0; i < 100000; ++i) {
                    header += fmt::format(",c{}", i);
                    row += ",1";
                }
                writeBytes(dir / "bad/wide.csv", header + "\n" + row + "\n");
            },
            "bad/wide.csv", "columns"},
        {"a sparse 3 GB file",
            [](const fs::path& dir) {
                writeBytes(dir / "bad/huge.csv", "model,tokens_s\n");
                fs::resize_file(dir / "bad/huge.csv", uint64_t(3) << 30);
            },
            "bad/huge.csv", "over the file size limit"},
        {"a FIFO",
            [](const fs::path& dir) {
                fs::create_directories(dir / "bad");
                ASSERT_EQ(::mkfifo((dir / "bad/pipe.csv").c_str(), 0644), 0);
            },
            "bad/pipe.csv", "not a regular file"},
        {"a symlink loop",
            [](const fs::path& dir) {
                fs::create_directories(dir / "bad");
                fs::create_directory_symlink("..", dir / "bad/loop");
            },
            "bad/loop", "link"},
        {"a dangling link",
            [](const fs::path& dir) {
                fs::create_directories(dir / "bad");
                fs::create_symlink("missing.csv", dir / "bad/dangling.csv");
            },
            "bad/dangling.csv", "broken link"},
        {"a link to a file outside the folder",
            [](const fs::path& dir) {
                fs::create_directories(dir / "bad");
                fs::create_symlink("/etc/hostname", dir / "bad/outside.csv");
            },
            "bad/outside.csv", "outside the folder"},
        {"a file name that is not UTF-8",
            [](const fs::path& dir) {
                writeBytes(dir / "bad" / "r\xff\xfesults.csv", "model,tokens_s\nm-name,41.2\n");
            },
            "bad/r\\xFF\\xFEsults.csv", "not valid UTF-8"},
        {"a folder name that is not UTF-8 (empty)",
            [](const fs::path& dir) { fs::create_directories(dir / "bad" / "dir\x80"); }, "bad/dir\\x80",
            "not valid UTF-8"},
        {"a file name with a newline and an escape sequence",
            [](const fs::path& dir) {
                writeBytes(dir / "bad" / "a\nb\x1b[31m.csv", "model,tokens_s\nm-newline,41.2\n");
            },
            "bad/a\\x0Ab\\x1B[31m.csv", "not valid UTF-8"},
    };
    return cases;
}

} // namespace

TEST(MalformedInput, EveryCaseGivesItsDiagnosticAndLeavesTheGoodFilesExact)
{
    for (const Case& c : allCases()) {
        SCOPED_TRACE(c.name);
        const fs::path dir = fs::temp_directory_path() / fmt::format("benchlens-malformed-{}", ::getpid());
        fs::remove_all(dir);
        copyGoodFiles(dir);
        fs::create_directories(dir / "bad");
        c.make(dir);
        auto ds = ingestOrFail(dir);
        ASSERT_TRUE(ds);
        EXPECT_TRUE(hasDiagnostic(*ds, c.file, c.reason))
            << "expected a diagnostic for " << c.file << " saying '" << c.reason << "'; got:\n"
            << diagnosticsText(*ds);
        expectGoodFilesExact(*ds, c.name);
        // Whatever the input, the document written from it is valid UTF-8 without control characters.
        const std::string json = summaryJson(*ds, analyze(*ds));
        EXPECT_TRUE(isValidUtf8(json));
        EXPECT_EQ(json.find('\x1b'), std::string::npos);
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
}

// All the cases in one folder: the same, and the same numbers under a German locale (decimal comma).
TEST(MalformedInput, AllAtOnceAndLocaleIndependent)
{
    const fs::path dir = fs::temp_directory_path() / fmt::format("benchlens-malformed-all-{}", ::getpid());
    fs::remove_all(dir);
    copyGoodFiles(dir);
    fs::create_directories(dir / "bad");
    const auto cases = allCases();
    for (const Case& c : cases)
        c.make(dir);
    auto ds = ingestOrFail(dir);
    ASSERT_TRUE(ds);
    for (const Case& c : cases)
        EXPECT_TRUE(hasDiagnostic(*ds, c.file, c.reason)) << c.name << ":\n" << diagnosticsText(*ds);
    expectGoodFilesExact(*ds, "all cases at once");
    const std::string inC = summaryJson(*ds, analyze(*ds));

    ASSERT_NE(std::setlocale(LC_ALL, "de_DE.UTF-8"), nullptr) << "packaging/install-deps.sh generates de_DE.UTF-8";
    auto german = ingestOrFail(dir);
    const std::string inGerman = german ? summaryJson(*german, analyze(*german)) : std::string();
    std::setlocale(LC_ALL, "C");
    EXPECT_EQ(inGerman, inC);
    std::error_code ec;
    fs::remove_all(dir, ec);
}

// A file changed between the scan and its read: deleted, swapped for a FIFO or a link to /dev/zero, grown.
// With one thread files are read in path order, and the progress callback of one file changes the next.
TEST(MalformedInput, FilesChangedAfterTheScan)
{
    struct Change
    {
        std::string name;
        std::function<void(const fs::path& victim)> apply;
        std::string reason;
    };
    const std::vector<Change> changes = {
        {"deleted", [](const fs::path& v) { fs::remove(v); }, "No such file"},
        {"replaced by a FIFO",
            [](const fs::path& v) {
                fs::remove(v);
                ::mkfifo(v.c_str(), 0644);
            },
            "not a regular file"},
        {"replaced by a link to /dev/zero",
            [](const fs::path& v) {
                fs::remove(v);
                fs::create_symlink("/dev/zero", v);
            },
            "symbolic link"},
        {"grown", [](const fs::path& v) { std::ofstream(v, std::ios::app) << "m-victim,43.1\n"; }, "changed size"},
        {"shrunk", [](const fs::path& v) { fs::resize_file(v, 10); }, "changed size"},
    };
    for (const Change& change : changes) {
        SCOPED_TRACE(change.name);
        const fs::path dir = fs::temp_directory_path() / fmt::format("benchlens-changed-{}", ::getpid());
        fs::remove_all(dir);
        copyGoodFiles(dir);
        writeBytes(dir / "zz_a.csv", "model,tokens_s\nm-a,41.2\n");
        writeBytes(dir / "zz_victim.csv", "model,tokens_s\nm-victim,41.2\nm-victim,42.3\n");
        IngestOptions options;
        options.threads = 1;
        bool changed = false;
        auto ds = ingestOrFail(dir, options, [&](size_t, size_t, std::string_view file) {
            if (file == "zz_a.csv" && !changed) {
                change.apply(dir / "zz_victim.csv");
                changed = true;
            }
        });
        ASSERT_TRUE(ds);
        EXPECT_TRUE(changed);
        EXPECT_TRUE(hasDiagnostic(*ds, "zz_victim.csv", change.reason)) << diagnosticsText(*ds);
        expectGoodFilesExact(*ds, change.name);
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
}

// Files and folders this user may not read. Root reads everything, so as root the ingest runs as nobody.
TEST(MalformedInput, UnreadableFileAndFolder)
{
    const fs::path dir = fs::temp_directory_path() / fmt::format("benchlens-unreadable-{}", ::getpid());
    fs::remove_all(dir);
    copyGoodFiles(dir);
    writeBytes(dir / "secret.csv", "model,tokens_s\nm-secret,41.2\n");
    writeBytes(dir / "closed/inner.csv", "model,tokens_s\nm-closed,41.2\n");
    for (const auto& e : fs::recursive_directory_iterator(dir))
        fs::permissions(e.path(), e.is_directory() ? fs::perms(0755) : fs::perms(0644));
    fs::permissions(dir, fs::perms(0755));
    fs::permissions(dir / "secret.csv", fs::perms::none);
    fs::permissions(dir / "closed", fs::perms::none);
    const bool root = ::geteuid() == 0;
    IngestOptions options;
    options.threads = 1;
    const auto asUser = [&] {
        if (root) {
            EXPECT_EQ(::seteuid(65534), 0);
        }
        auto r = ingestFolder(dir.string(), options);
        if (root) {
            EXPECT_EQ(::seteuid(0), 0);
        }
        return r;
    };
    auto result = asUser();
    // The folder itself unreadable: an error (the CLI's exit 2), not an empty result.
    fs::permissions(dir, fs::perms::none);
    auto whole = asUser();
    fs::permissions(dir, fs::perms(0755));
    ASSERT_TRUE(result) << result.error();
    EXPECT_TRUE(hasDiagnostic(*result.value(), "secret.csv", "Permission denied")) << diagnosticsText(*result.value());
    EXPECT_TRUE(hasDiagnostic(*result.value(), "closed", "cannot list folder")) << diagnosticsText(*result.value());
    expectGoodFilesExact(*result.value(), "unreadable entries");
    ASSERT_FALSE(whole);
    EXPECT_NE(whole.error().find("cannot read folder"), std::string::npos) << whole.error();
    fs::permissions(dir / "closed", fs::perms(0755));
    std::error_code ec;
    fs::remove_all(dir, ec);
}

// Values with units in their cells ("41.2 tok/s", "120 ms") are samples in the metric's unit, not cells that are
// not numbers (issue 13's cell parser; expected values are the cells as written).
TEST(MalformedInput, UnitsInCellsAreRead)
{
    const fs::path dir = fs::temp_directory_path() / fmt::format("benchlens-units-{}", ::getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(testDataDir() + "/malformed/units_in_cells.csv", dir / "units_in_cells.csv");
    auto ds = ingestOrFail(dir);
    ASSERT_TRUE(ds);
    const auto stats = statisticsOf(*ds);
    const auto throughput = stats.find("m-units | throughput_tok_s");
    const auto ttft = stats.find("m-units | ttft_ms");
    ASSERT_NE(throughput, stats.end()) << diagnosticsText(*ds);
    ASSERT_NE(ttft, stats.end()) << diagnosticsText(*ds);
    EXPECT_NE(throughput->second.find("n=2 mean=41.75 "), std::string::npos) << throughput->second; // (41.2+42.3)/2
    EXPECT_NE(ttft->second.find("n=2 mean=119 "), std::string::npos) << ttft->second; // (120+118)/2
    std::error_code ec;
    fs::remove_all(dir, ec);
}
