#include "app/cli/commands.h"

#include "app/cli/narrative_option.h"
#include "models/data/dataset.h"
#include "models/data/user_map.h"
#include "models/export/data_export.h"
#include "models/ingest/ingest.h"
#include "models/llm/narrative.h"
#include "models/report/compare_json.h"
#include "models/report/output_file.h"
#include "models/report/report_builder.h"
#include "models/report/summary_json.h"
#include "models/report/sweep_report.h"
#include "models/report/verify.h"
#include "models/stats/analysis.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/scope.h"
#include "models/stats/sweep.h"
#include "models/util/command_line.h"
#include "models/util/stopwatch.h"
#include "models/util/text.h"
#include "models/util/version.h"
#include "resources/samplegen/sample_generator.h"
#include "ui/gui_app.h"
#include "ui/report/report_export.h"

#include <QFile>
#include <QFileInfo>
#include <QString>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <unistd.h>

namespace benchlens::cli {

namespace {

using Parsed = CommandLine;

// The command's value options take the next argument; its flags do not (models/util/command_line.h).
Parsed parseArgs(const std::vector<std::string>& args, const Subcommand& command)
{
    return parseCommandLine(args, command.valueOptions, command.flags);
}

Parsed parseArgs(const std::vector<std::string>& args, const char* command)
{
    return parseArgs(args, *findSubcommand(command));
}

int usageError(const std::string& message, const char* command = nullptr)
{
    std::cerr << "benchlens: " << message << "\n";
    if (command)
        std::cerr << "Run 'benchlens " << command << " --help' for usage.\n";
    else
        std::cerr << "Run 'benchlens --help' for usage.\n";
    return UsageError;
}

// --help prints the command's usage (exit 0); a malformed command line is a usage error; otherwise nullopt.
std::optional<int> helpOrError(const Parsed& p, const char* command)
{
    if (p.help) {
        printSubcommandUsage(*findSubcommand(command));
        return Success;
    }
    if (!p.error.empty())
        return usageError(p.error, command);
    return std::nullopt;
}

// The start every command shares: parse `args` by the command's row of the table, print its --help (exit 0), refuse
// a malformed line, and refuse a number of positional arguments other than `positionals` (`countError`; with
// `hintCommand`, the hint names the command's own --help). nullopt: go on with `p`.
std::optional<int> startCommand(const std::vector<std::string>& args, const char* command, size_t positionals,
    const char* countError, Parsed& p, bool hintCommand = false)
{
    p = parseArgs(args, command);
    if (const auto done = helpOrError(p, command))
        return done;
    if (p.positional.size() != positionals)
        return usageError(countError, hintCommand ? command : nullptr);
    return std::nullopt;
}

// An output that could not be written: the reason on stderr, exit 3.
int outputFailed(const std::string& error)
{
    std::cerr << "error: " << error << "\n";
    return OutputUnwritable;
}

// Colour for diagnostics only on a terminal, and never when NO_COLOR is set (https://no-color.org).
bool colourOnStderr()
{
    const char* noColour = std::getenv("NO_COLOR");
    return isatty(STDERR_FILENO) && !(noColour && *noColour);
}

void printDiagnostics(const Dataset& ds, bool verbose)
{
    const bool colour = colourOnStderr();
    for (const auto& d : ds.diagnostics) {
        if (d.severity == Severity::Info && !verbose)
            continue;
        std::string where = d.file.empty() ? std::string(".") : d.file;
        if (!d.locator.empty())
            where += " (" + d.locator + ")";
        const char* on = !colour              ? ""
            : d.severity == Severity::Error   ? "\033[1;31m"
            : d.severity == Severity::Warning ? "\033[33m"
                                              : "\033[36m";
        std::cerr << on << severityName(d.severity) << (colour ? "\033[0m" : "") << ": " << where << ": " << d.message
                  << "\n";
    }
}

// The progress line of a long read, on stderr when it is a terminal and --quiet is not given: files done of all,
// MB/s and the time left, redrawn at most ten times a second and erased when the read ends.
class ProgressLine
{
public:
    explicit ProgressLine(std::string root)
        : m_root(std::move(root))
    { }
    ~ProgressLine()
    {
        if (m_drawn)
            std::cerr << "\r\033[K" << std::flush;
    }
    void update(size_t done, size_t total, std::string_view file)
    {
        const std::lock_guard lock(m_mutex);
        m_bytes += static_cast<uint64_t>(
            std::max<qint64>(0, QFileInfo(QString::fromStdString(m_root + "/" + std::string(file))).size()));
        const auto now = std::chrono::steady_clock::now();
        const double seconds = std::chrono::duration<double>(now - m_start).count();
        if (!m_drawn && seconds < 0.5)
            return; // a short read draws nothing
        if (done < total && now - m_last < std::chrono::milliseconds(100))
            return;
        m_last = now;
        const double mbPerS = seconds > 0 ? double(m_bytes) / 1e6 / seconds : 0;
        const double eta = done > 0 ? seconds * double(total - done) / double(done) : 0;
        std::cerr << fmt::format("\rreading {}/{} files, {:.1f} MB/s, ETA {:.0f} s\033[K", done, total, mbPerS, eta)
                  << std::flush;
        m_drawn = true;
    }

private:
    std::string m_root;
    std::mutex m_mutex;
    uint64_t m_bytes = 0;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_last;
};

struct Loaded
{
    std::shared_ptr<const Dataset> dataset;
    double ingestMs = 0;
};

// "512M", "2G", "1048576": a size in bytes with an optional K/M/G suffix (powers of 1024).
std::optional<uint64_t> parseSize(std::string_view text)
{
    uint64_t scale = 1;
    if (!text.empty()) {
        switch (text.back()) {
        case 'K':
        case 'k':
            scale = uint64_t(1) << 10;
            break;
        case 'M':
        case 'm':
            scale = uint64_t(1) << 20;
            break;
        case 'G':
        case 'g':
            scale = uint64_t(1) << 30;
            break;
        default:
            break;
        }
        if (scale > 1)
            text.remove_suffix(1);
    }
    uint64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value == 0
        || value > UINT64_MAX / scale)
        return std::nullopt;
    return value * scale;
}

std::optional<Loaded> load(const std::string& dir, int& exitCode, const Parsed& p, IngestOptions options = {})
{
    // A size or count option with a K/M/G suffix: false (and the usage error) when it is malformed.
    const auto sizeOption = [&](const char* name, const char* expects, uint64_t& target) {
        const auto it = p.options.find(name);
        if (it == p.options.end())
            return true;
        const auto value = parseSize(it->second);
        if (!value) {
            exitCode = usageError(fmt::format("{} takes {}", name, expects));
            return false;
        }
        target = *value;
        return true;
    };
    if (!sizeOption("--max-file-size", "a size in bytes, e.g. 1048576, 512M or 2G", options.maxFileBytes)
        || !sizeOption("--max-cells", "a count, e.g. 50000000 or 50M", options.limits.maxCells)
        || !sizeOption("--max-line-length", "a size in bytes, e.g. 1048576 or 16M", options.limits.maxLineBytes))
        return std::nullopt;
    if (const auto it = p.options.find("--file-time-budget"); it != p.options.end()) {
        uint64_t seconds = 0;
        const std::string& v = it->second;
        const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
        if (v.empty() || ec != std::errc() || ptr != v.data() + v.size() || seconds > 86'400) {
            exitCode = usageError("--file-time-budget takes whole seconds (0 for no limit), e.g. 30");
            return std::nullopt;
        }
        options.limits.timeBudget = std::chrono::seconds(seconds);
    }
    if (const auto it = p.options.find("--map"); it != p.options.end()) {
        // A map that cannot be read or is wrong stops the command: reading the folder without the user's
        // corrections would give numbers the user has said are wrong.
        auto map = loadUserMap(it->second);
        if (!map) {
            std::cerr << "error: " << map.error() << "\n";
            exitCode = InputUnreadable;
            return std::nullopt;
        }
        options.userMap = std::move(map).value();
    }
    const Stopwatch watch;
    std::optional<ProgressLine> line;
    IngestProgress progress;
    if (isatty(STDERR_FILENO) && !p.options.count("--quiet")) {
        line.emplace(dir);
        progress = [&line](size_t done, size_t total, std::string_view file) { line->update(done, total, file); };
    }
    auto result = ingestFolder(dir, options, progress);
    line.reset();
    if (!result) {
        std::cerr << "error: " << result.error() << "\n";
        exitCode = InputUnreadable;
        return std::nullopt;
    }
    return Loaded {std::move(result).value(), watch.elapsedMs()};
}
// Every value of an option that may be given several times.
std::vector<std::string> valuesOf(const Parsed& p, const char* option)
{
    return p.values(option);
}

// --exclude-cold-start and --exclude-short-replies: the observations report, compare and sweep set aside.
ExclusionOptions exclusionsOf(const Parsed& p)
{
    ExclusionOptions exclusions;
    exclusions.coldStarts = p.has("--exclude-cold-start");
    exclusions.shortReplies = p.has("--exclude-short-replies");
    return exclusions;
}

// The part of the folder that --filter selects (each --filter a selector; an observation any of them selects is
// kept), or the whole folder without --filter. A selector that is malformed or selects nothing is a usage error.
std::optional<std::shared_ptr<const Dataset>> filtered(
    const Parsed& p, std::shared_ptr<const Dataset> dataset, int& exitCode)
{
    const auto filters = valuesOf(p, "--filter");
    if (filters.empty())
        return dataset;
    auto part = restrictDataset(*dataset, filters);
    if (!part) {
        exitCode = usageError("--filter: " + part.error());
        return std::nullopt;
    }
    return std::make_shared<const Dataset>(std::move(part).value());
}

// The -o / --output path ("" when output goes to stdout: no -o, or "-o -").
std::string outputPathOf(const Parsed& p)
{
    std::string path;
    if (p.options.count("--output"))
        path = p.options.at("--output");
    else if (p.options.count("-o"))
        path = p.options.at("-o");
    return path == "-" ? std::string() : path;
}

// Refuses an output path inside the input folder before the (possibly long) ingest; prints why.
// Also refuses, before the ingest, an output whose folder does not exist.
bool refusedInsideInput(const std::string& outputPath, const std::string& inputDir)
{
    if (outputPath.empty() || outputPath == "-")
        return false;
    if (isInside(outputPath, inputDir)) {
        std::cerr << "error: " << outputPath << ": refusing to write inside the input folder " << inputDir << "\n";
        return true;
    }
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::absolute(outputPath, ec).parent_path();
    if (!std::filesystem::is_directory(parent, ec)) {
        std::cerr << "error: " << outputPath << ": cannot write: the folder " << parent.string() << " does not exist\n";
        return true;
    }
    return false;
}

// Prints `out` to stdout, or writes it atomically to `outputPath`.
int writeOrPrint(const std::string& out, const std::string& outputPath, const std::string& inputRoot)
{
    if (outputPath.empty()) {
        std::cout << out;
        return Success;
    }
    if (const auto written = writeOutputFile(outputPath, out, inputRoot); !written)
        return outputFailed(written.error());
    return Success;
}
} // namespace

namespace {
const std::vector<Subcommand>& table()
{
    static const std::vector<Subcommand> commands = {
        {"summarize", "summarize DIR [--json] [-o FILE|-] [--filter SEL ...] [--map MAP.json] [--verbose] [--quiet]",
            "Ingest DIR and print what was measured: inventory, variants, statistics per variant and metric,\n"
            "aggregates the files report, diagnostics. --json prints the benchlens.summary/1 document.",
            {"-o", "--output", "--filter", "--max-file-size", "--max-cells", "--max-line-length", "--file-time-budget",
                "--map"},
            {"--json", "--verbose", "--quiet"}, &summarize},
        {"report",
            "report DIR -o FILE.(md|html|pdf) [--title T] [--date YYYY-MM-DD] [--no-timings] [--force]\n"
            "       [--page-size a4|letter] [--filter SEL ...] [--baseline SEL --candidate SEL ...]\n"
            "       [--metric ID ...] [--exclude-cold-start] [--exclude-short-replies] [--map MAP.json] [--verbose] "
            "[--quiet]\n"
            "       [--narrative [--llm-url URL] [--llm-model NAME] [--llm-option key=value ...]\n"
            "        [--llm-timeout S] [--llm-language en|de|fr|es|...] [--llm-allow-remote]]",
            "Write the technical report (atomically; never inside DIR) with its charts and the SHA-256 of every\n"
            "input file: Markdown (charts as SVG files in FILE_files/ beside it), self-contained HTML (charts\n"
            "inline), or PDF (A4 by default; charts at 300 dpi). With --baseline, a Comparison section as\n"
            "`benchlens compare` computes it. With --filter, the report covers only what the selectors select\n"
            "(any of them): 'model=gemma3:270m', 'num_gpu=80,metric=ttft_ms', a run id. With --narrative, an\n"
            "extra Narrative section written by a local Ollama model (default http://127.0.0.1:11434 or\n"
            "OLLAMA_HOST; model gemma3) from the report's facts only, every number checked against them; the\n"
            "calls' metrics go in the Workflow Summary and FILE.narrative.json. No server or no such model: the\n"
            "report is written without it (exit 0) and says why.",
            {"-o", "--output", "--title", "--date", "--page-size", "--baseline", "--candidate", "--metric", "--filter",
                "--max-file-size", "--max-cells", "--max-line-length", "--file-time-budget", "--llm-url", "--llm-model",
                "--llm-option", "--llm-timeout", "--llm-language", "--map"},
            {"--verbose", "--quiet", "--no-timings", "--force", "--exclude-cold-start", "--exclude-short-replies",
                "--narrative", "--llm-allow-remote"},
            &report},
        {"compare",
            "compare DIR [--baseline SEL --candidate SEL ...] [--metric ID ...] [--json] [--threshold PCT]\n"
            "        [--exclude-cold-start] [--exclude-short-replies] [-o FILE|-] [--map MAP.json] [--verbose] "
            "[--quiet]",
            "Compare a baseline with candidates per metric: means, difference with its 95% CI, Mann-Whitney and\n"
            "Welch p-values, and a verdict (better / worse / no significant difference / insufficient data)\n"
            "that knows whether higher or lower is better. SEL is a variant id, a run id, or key=value terms:\n"
            "'model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv' (also variant=, file=,\n"
            "metric=; a value with a comma in double quotes: file=\"a,b.csv\"). Without --baseline, compares\n"
            "the baseline/candidate pairs that files state (agent metrics.json) and checks their deltas.",
            {"--baseline", "--candidate", "--metric", "--threshold", "-o", "--output", "--max-file-size", "--max-cells",
                "--max-line-length", "--file-time-budget", "--map"},
            {"--json", "--verbose", "--quiet", "--exclude-cold-start", "--exclude-short-replies"}, &compare},
        {"sweep",
            "sweep DIR --model M [--metric ID] [--json] [-o FILE|-] [--exclude-cold-start]\n"
            "      [--exclude-short-replies] [--map MAP.json] [--verbose] [--quiet]",
            "Sweep analysis of one model's configurations: a ranking per metric (best mean first), the Pareto\n"
            "front of throughput_tok_s vs ttft_ms, and each varying parameter's effect (mean per value, eta\n"
            "squared). --json prints the benchlens.sweep/1 document. --exclude-cold-start and\n"
            "--exclude-short-replies set flagged observations aside.",
            {"--model", "--metric", "-o", "--output", "--max-file-size", "--max-cells", "--max-line-length",
                "--file-time-budget", "--map"},
            {"--json", "--verbose", "--quiet", "--exclude-cold-start", "--exclude-short-replies"}, &sweep},
        {"export",
            "export DIR -o FILE.(csv|jsonl|sqlite)|- [--format csv|jsonl|sqlite] [--filter SEL ...]\n"
            "       [--table observations|statistics|reported|files|diagnostics] [--map MAP.json] [--verbose]\n"
            "       [--quiet]",
            "Export the normalized data: one row per observation and metric (variant, model, every\n"
            "configuration key as a column, run, metric, value, unit, cold-start and short-reply flags, file,\n"
            "locator), and the tables statistics, reported, files and diagnostics. CSV and JSON Lines: the\n"
            "other tables go to sibling files (obs.statistics.csv, ...), or --table writes one table only.\n"
            "SQLite: one database with all five tables, indices and a view metric_<id> per metric. Written\n"
            "atomically, never inside DIR; '-o -' writes one table (CSV unless --format jsonl) to stdout.",
            {"-o", "--output", "--filter", "--table", "--format", "--max-file-size", "--max-cells", "--max-line-length",
                "--file-time-budget", "--map"},
            {"--verbose", "--quiet"}, &exportData},
        {"verify", "verify REPORT.(md|html|pdf) DIR",
            "Check that DIR still holds the files the report lists, with the same SHA-256 (exit 4 if not).", {}, {},
            &verify},
        {"generate-sample", "generate-sample DIR [--scale N]",
            "Write the deterministic sample artifact folder (N copies of the sweep for benchmarks).", {"--scale"}, {},
            &generateSample},
    };
    return commands;
}

// "  " before every line of a multi-line text.
std::string indented(const char* text, const char* indent)
{
    std::string out = indent;
    for (const char* c = text; *c; ++c) {
        out += *c;
        if (*c == '\n')
            out += indent;
    }
    return out;
}
} // namespace

std::span<const Subcommand> subcommands()
{
    return table();
}

const Subcommand* findSubcommand(const std::string& name)
{
    for (const Subcommand& c : table()) {
        if (name == c.name)
            return &c;
    }
    return nullptr;
}

std::vector<std::string> guiOptions()
{
    std::vector<std::string> options(gui::guiFlags().begin(), gui::guiFlags().end());
    options.insert(options.end(), gui::guiValueOptions().begin(), gui::guiValueOptions().end());
    return options;
}

std::string versionLine(const char* gitDescribe)
{
    std::string line = std::string("benchlens ") + version();
    if (gitDescribe && *gitDescribe)
        line += std::string(" (git ") + gitDescribe + ")";
    return line;
}

void printUsage()
{
    std::cout
        << "BenchLens " << version() << " - analyze folders of benchmark artifacts\n\n"
        << "Usage:\n"
        << "  benchlens [DIR] [--demo] [--screenshot FILE.png [--view NAME] [--size WxH]]\n"
        << "      Open DIR (or the sample folder with --demo) in the window; --screenshot renders it offscreen.\n";
    for (const Subcommand& c : table()) {
        std::cout << "  benchlens " << indented(c.usage, "  ").substr(2) << "\n"
                  << indented(c.summary, "      ") << "\n";
    }
    std::cout << "  benchlens --version | --help | COMMAND --help\n\n"
              << "Exit codes: 0 success (even with diagnostics), 1 usage error, 2 input unreadable,\n"
              << "3 output could not be written, 4 (verify) the folder changed.\n"
              << "Diagnostics go to stderr as 'warning: FILE: message' (coloured on a terminal unless NO_COLOR is\n"
              << "set); a long read shows a progress line there when it is a terminal (--quiet: none).\n";
}

void printSubcommandUsage(const Subcommand& c)
{
    std::cout << "Usage: benchlens " << c.usage << "\n\n" << c.summary << "\n\nOptions:";
    for (const std::string& o : c.valueOptions)
        std::cout << " " << o << " VALUE";
    for (const std::string& o : c.flags)
        std::cout << " " << o;
    std::cout << " --help\n";
}

int summarize(const std::vector<std::string>& args)
{
    Parsed p;
    if (const auto done = startCommand(args, "summarize", 1, "summarize takes exactly one folder", p))
        return *done;
    int exitCode = Success;
    const auto loaded = load(p.positional[0], exitCode, p);
    if (!loaded)
        return exitCode;
    const auto part = filtered(p, loaded->dataset, exitCode);
    if (!part)
        return exitCode;
    const Dataset& ds = **part;
    const Analysis analysis = analyze(ds);
    printDiagnostics(ds, p.options.count("--verbose") > 0);
    const std::string out = p.options.count("--json") ? summaryJson(ds, analysis) : summaryTextTable(ds, analysis);
    return writeOrPrint(out, outputPathOf(p), ds.diskRoot);
}

int compare(const std::vector<std::string>& args)
{
    Parsed p;
    if (const auto done = startCommand(args, "compare", 1, "compare takes exactly one folder", p))
        return *done;
    CompareOptions options;
    if (p.options.count("--threshold")) {
        const auto pct = parseNumber(p.options.at("--threshold"));
        if (!pct || *pct < 0)
            return usageError("--threshold takes a percentage, e.g. 2");
        options.practicalThreshold = *pct / 100;
    }
    const ExclusionOptions exclusions = exclusionsOf(p);
    const std::string outputPath = outputPathOf(p);
    if (refusedInsideInput(outputPath, p.positional[0]))
        return OutputUnwritable;
    int exitCode = Success;
    const auto loaded = load(p.positional[0], exitCode, p);
    if (!loaded)
        return exitCode;
    const Dataset& ds = *loaded->dataset;
    printDiagnostics(ds, p.options.count("--verbose") > 0);
    // Without --baseline: the pairs that files state themselves (the agent's baseline/chimera metrics.json).
    std::vector<std::pair<std::string, std::vector<std::string>>> requests;
    if (p.options.count("--baseline")) {
        requests.emplace_back(p.options.at("--baseline"), valuesOf(p, "--candidate"));
    } else {
        for (auto& [baseline, candidate] : statedComparisonSelectors(ds))
            requests.emplace_back(baseline, std::vector<std::string> {candidate});
        if (requests.empty())
            return usageError(
                "compare needs --baseline SELECTOR (no file in the folder states a baseline/candidate pair)");
    }
    const bool json = p.options.count("--json") > 0;
    std::string out;
    for (const auto& [baseline, candidates] : requests) {
        const auto comparison
            = compareSelections(ds, baseline, candidates, valuesOf(p, "--metric"), options, exclusions);
        if (!comparison) {
            std::cerr << "benchlens: " << comparison.error() << "\n";
            return UsageError;
        }
        std::string one = json ? compareJson(ds, comparison.value()) : compareText(ds, comparison.value());
        if (json && requests.size() > 1) {
            // Several stated pairs: a JSON array of benchlens.compare/1 documents.
            while (!one.empty() && one.back() == '\n')
                one.pop_back();
            out.append(out.empty() ? "[\n" : ",\n").append(one);
        } else {
            out.append(out.empty() ? "" : "\n").append(one);
        }
    }
    if (json && requests.size() > 1)
        out.append("\n]\n");
    return writeOrPrint(out, outputPath, ds.diskRoot);
}

int verify(const std::vector<std::string>& args)
{
    Parsed p;
    if (const auto done
        = startCommand(args, "verify", 2, "verify takes a report and a folder: benchlens verify REPORT.md DIR", p))
        return *done;
    QFile file(QString::fromStdString(p.positional[0]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::cerr << "error: " << p.positional[0] << ": " << file.errorString().toStdString() << "\n";
        return InputUnreadable;
    }
    const QByteArray text = file.readAll();
    const auto checksums = reportChecksums(std::string_view(text.constData(), size_t(text.size())));
    if (checksums.empty()) {
        std::cerr << "error: " << p.positional[0]
                  << ": no input checksums found (not a BenchLens report, or one written before they were listed)\n";
        return InputUnreadable;
    }
    const auto result = verifyFolder(p.positional[1], checksums);
    if (!result) {
        std::cerr << "error: " << result.error() << "\n";
        return InputUnreadable;
    }
    const VerifyResult& r = result.value();
    for (const auto& f : r.changed)
        std::cout << "changed: " << f << "\n";
    for (const auto& f : r.missing)
        std::cout << "missing: " << f << "\n";
    for (const auto& f : r.added)
        std::cout << "added:   " << f << "\n";
    if (r.same()) {
        std::cout << "The folder holds the same data as the report: " << r.checked
                  << " file(s), every SHA-256 equal.\n";
        return Success;
    }
    std::cout << fmt::format("The folder differs from the report: {} changed, {} missing, {} added.\n",
        r.changed.size(), r.missing.size(), r.added.size());
    return DataChanged;
}

int report(const std::vector<std::string>& args)
{
    const Parsed p = parseArgs(args, "report");
    if (const auto done = helpOrError(p, "report"))
        return *done;
    const NarrativeArgs narrative {p.options, valuesOf(p, "--llm-option")};
    if (const std::string error = checkNarrativeArgs(narrative); !error.empty())
        return usageError(error, "report");
    if (p.positional.size() != 1)
        return usageError("report takes exactly one folder");
    const std::string outputPath = outputPathOf(p);
    if (outputPath.empty())
        return usageError("report needs -o FILE.md");
    const bool html = outputPath.ends_with(".html") || outputPath.ends_with(".htm");
    const bool pdf = outputPath.ends_with(".pdf");
    if (!outputPath.ends_with(".md") && !html && !pdf)
        return usageError(
            "report writes Markdown (.md), HTML (.html) or PDF (.pdf): the output file must end in one of them");
    ui::PdfOptions pdfOptions;
    if (p.options.count("--page-size")) {
        const std::string& size = p.options.at("--page-size");
        if (size == "letter")
            pdfOptions.pageSize = ui::PdfPageSize::Letter;
        else if (size != "a4")
            return usageError("--page-size takes a4 or letter");
        if (!pdf)
            return usageError("--page-size applies to PDF output only");
    }
    ReportOptions options;
    options.dataFile = reportDataFileName(outputPath);
    options.timings = p.options.count("--no-timings") == 0;
    if (p.options.count("--title"))
        options.title = p.options.at("--title");
    if (p.options.count("--date")) {
        options.date = p.options.at("--date");
        const auto& d = options.date;
        const bool shape = d.size() == 10 && d[4] == '-' && d[7] == '-'
            && std::all_of(d.begin(), d.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
        if (!shape)
            return usageError("--date takes YYYY-MM-DD");
    }
    // Refuse before the (possibly long) ingest.
    if (QFile::exists(QString::fromStdString(outputPath)) && !p.options.count("--force")
        && !isBenchLensReport(outputPath)) {
        std::cerr << "error: " << outputPath
                  << ": exists and is not a BenchLens report; refusing to overwrite it (use --force)\n";
        return OutputUnwritable;
    }
    if (refusedInsideInput(outputPath, p.positional[0]))
        return OutputUnwritable;
    int exitCode = Success;
    IngestOptions ingestOptions;
    ingestOptions.hashAllFiles = true; // the Workflow Summary lists every file's SHA-256 for `benchlens verify`
    const auto loaded = load(p.positional[0], exitCode, p, ingestOptions);
    if (!loaded)
        return exitCode;
    printDiagnostics(*loaded->dataset, p.options.count("--verbose") > 0);
    const Stopwatch choosing; // restricting to --filter and checking the comparison's selectors
    const auto part = filtered(p, loaded->dataset, exitCode);
    if (!part)
        return exitCode;
    const Dataset& ds = **part;
    options.exclusions = exclusionsOf(p);
    if (p.options.count("--baseline")) {
        options.baseline = p.options.at("--baseline");
        options.candidates = valuesOf(p, "--candidate");
        options.compareMetrics = valuesOf(p, "--metric");
        // Selectors that match nothing are usage errors, found before anything is written.
        if (const auto check = compareSelections(
                ds, options.baseline, options.candidates, options.compareMetrics, {}, options.exclusions);
            !check) {
            std::cerr << "benchlens: " << check.error() << "\n";
            return UsageError;
        }
    }
    ReportDocument doc = analyzeAndBuildReport(ds, options, WorkflowTimes {loaded->ingestMs, choosing.elapsedMs()});
    // --narrative: an extra section from a local LLM, checked against the facts; never fails the report.
    const std::string narrativeMetrics = p.options.count("--narrative")
        ? addNarrative(doc, ds, narrative, outputPath, options.timings)
        : std::string();
    const ui::ReportFormat format = pdf ? ui::ReportFormat::Pdf
        : html                          ? ui::ReportFormat::Html
                                        : ui::ReportFormat::Markdown;
    const Status written
        = ui::writeReport(doc, outputPath, format, ds.diskRoot, pdfOptions, p.options.count("--force") > 0, &ds);
    if (!written)
        return outputFailed(written.error());
    if (!narrativeMetrics.empty()) {
        if (const auto saved = writeOutputFile(narrativeMetricsPath(outputPath), narrativeMetrics, ds.diskRoot); !saved)
            return outputFailed(saved.error());
    }
    return Success;
}

int generateSample(const std::vector<std::string>& args)
{
    Parsed p;
    if (const auto done = startCommand(args, "generate-sample", 1, "generate-sample takes exactly one folder", p))
        return *done;
    int scale = 1;
    if (p.options.count("--scale")) {
        scale = std::atoi(p.options.at("--scale").c_str());
        if (scale < 1)
            return usageError("--scale takes a positive number");
    }
    const auto written = samplegen::writeSampleFolder(p.positional[0], scale);
    if (!written)
        return outputFailed(written.error());
    return Success;
}

int sweep(const std::vector<std::string>& args)
{
    Parsed p;
    if (const auto done = startCommand(args, "sweep", 1, "sweep takes exactly one folder", p))
        return *done;
    if (!p.options.count("--model") || p.options.at("--model").empty())
        return usageError("sweep needs --model M");
    const std::string outputPath = outputPathOf(p);
    if (refusedInsideInput(outputPath, p.positional[0]))
        return OutputUnwritable;
    int exitCode = Success;
    const auto loaded = load(p.positional[0], exitCode, p);
    if (!loaded)
        return exitCode;
    const Dataset& ds = *loaded->dataset;
    printDiagnostics(ds, p.options.count("--verbose") > 0);
    const Analysis analysis = analyze(ds);
    const std::string metric = p.options.count("--metric") ? p.options.at("--metric") : std::string();
    const ExclusionOptions exclusions = exclusionsOf(p);
    const std::vector<uint32_t> excluded = excludedSamples(ds, flagObservations(ds, exclusions));
    const auto result = analyzeSweep(ds, analysis, p.options.at("--model"), excluded, metric);
    if (!result)
        return usageError(result.error());
    const std::string out = p.options.count("--json") ? sweepJson(ds, result.value()) : sweepText(ds, result.value());
    return writeOrPrint(out, outputPath, ds.diskRoot);
}

} // namespace benchlens::cli

namespace benchlens::cli {

int exportData(const std::vector<std::string>& args)
{
    Parsed p;
    if (const auto done = startCommand(args, "export", 1, "export takes exactly one folder", p, true))
        return *done;
    if (!p.options.count("-o") && !p.options.count("--output"))
        return usageError("export needs -o FILE.csv, FILE.jsonl, FILE.sqlite or - (standard output)", "export");
    const std::string outputPath = outputPathOf(p);
    std::optional<ExportFormat> format;
    if (p.options.count("--format")) {
        format = exportFormatFromName(p.options.at("--format"));
        if (!format)
            return usageError("--format takes csv, jsonl or sqlite", "export");
    } else {
        format = outputPath.empty() ? ExportFormat::Csv : exportFormatOf(outputPath);
        if (!format)
            return usageError("export writes .csv, .jsonl or .sqlite (or give --format)", "export");
    }
    std::optional<ExportTableId> only;
    if (p.options.count("--table")) {
        only = exportTableFromName(p.options.at("--table"));
        if (!only)
            return usageError("--table takes observations, statistics, reported, files or diagnostics", "export");
    }
    if (outputPath.empty() && *format == ExportFormat::Sqlite)
        return usageError("SQLite cannot go to standard output: give -o FILE.sqlite", "export");
    if (refusedInsideInput(outputPath, p.positional[0]))
        return OutputUnwritable;
    int exitCode = Success;
    IngestOptions ingestOptions;
    ingestOptions.hashAllFiles = true; // the files table gives every file's SHA-256, as the window's export does
    const auto loaded = load(p.positional[0], exitCode, p, ingestOptions);
    if (!loaded)
        return exitCode;
    printDiagnostics(*loaded->dataset, p.options.count("--verbose") > 0);
    const auto part = filtered(p, loaded->dataset, exitCode);
    if (!part)
        return exitCode;
    const Dataset& ds = **part;
    if (outputPath.empty()) {
        std::cout << exportText(buildExportTable(ds, only.value_or(ExportTableId::Observations)), *format);
        return Success;
    }
    const auto written = exportDataset(ds, outputPath, *format, only, ds.diskRoot);
    if (!written)
        return outputFailed(written.error());
    if (!p.options.count("--quiet")) {
        for (const std::string& f : written.value())
            std::cerr << "wrote " << f << "\n";
    }
    return Success;
}

} // namespace benchlens::cli
