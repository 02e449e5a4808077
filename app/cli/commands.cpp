#include "commands.h"

#include "data/dataset.h"
#include "ingest/ingest.h"
#include "report/compare_json.h"
#include "report/output_file.h"
#include "report/report_builder.h"
#include "report/report_export.h"
#include "report/summary_json.h"
#include "report/sweep_report.h"
#include "report/verify.h"
#include "samplegen/sample_generator.h"
#include "stats/analysis.h"
#include "stats/comparison.h"
#include "stats/scope.h"
#include "stats/sweep.h"
#include "util/stopwatch.h"
#include "util/text.h"
#include "util/version.h"

#include <QFile>
#include <QString>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

namespace benchlens::cli {

namespace {

struct Parsed
{
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; // "--json" -> "" for flags; the last value of a repeated option
    std::map<std::string, std::vector<std::string>> repeated; // every value of an option given several times
    std::string error;
};

// Options in `withValue` take the next argument; all others are flags. Unknown options are usage errors.
Parsed parseArgs(const std::vector<std::string>& args, const std::vector<std::string>& withValue,
    const std::vector<std::string>& flags)
{
    Parsed p;
    // Options every command that reads a folder takes.
    static const std::vector<std::string> common = {"--max-file-size"};
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 1 && a[0] == '-') {
            if (std::find(withValue.begin(), withValue.end(), a) != withValue.end()
                || std::find(common.begin(), common.end(), a) != common.end()) {
                if (i + 1 >= args.size()) {
                    p.error = a + " needs a value";
                    return p;
                }
                p.options[a] = args[++i];
                p.repeated[a].push_back(args[i]);
            } else if (std::find(flags.begin(), flags.end(), a) != flags.end()) {
                p.options[a] = "";
            } else {
                p.error = "unknown option " + a;
                return p;
            }
        } else {
            p.positional.push_back(a);
        }
    }
    return p;
}

int usageError(const std::string& message)
{
    std::cerr << "benchlens: " << message << "\n";
    std::cerr << "Run 'benchlens --help' for usage.\n";
    return UsageError;
}

void printDiagnostics(const Dataset& ds, bool verbose)
{
    for (const auto& d : ds.diagnostics) {
        if (d.severity == Severity::Info && !verbose)
            continue;
        std::string where = d.file.empty() ? std::string(".") : d.file;
        if (!d.locator.empty())
            where += " (" + d.locator + ")";
        std::cerr << severityName(d.severity) << ": " << where << ": " << d.message << "\n";
    }
}

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

std::optional<Loaded> load(const Parsed& p, int& exitCode, IngestOptions options = {})
{
    const std::string& dir = p.positional.at(0);
    if (const auto it = p.options.find("--max-file-size"); it != p.options.end()) {
        const auto size = parseSize(it->second);
        if (!size) {
            exitCode = usageError("--max-file-size takes a size in bytes, e.g. 1048576, 512M or 2G");
            return std::nullopt;
        }
        options.maxFileBytes = *size;
    }
    const Stopwatch watch;
    auto result = ingestFolder(dir, options);
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
    const auto it = p.repeated.find(option);
    return it == p.repeated.end() ? std::vector<std::string>() : it->second;
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

// The -o / --output path ("" when output goes to stdout).
std::string outputPathOf(const Parsed& p)
{
    if (p.options.count("--output"))
        return p.options.at("--output");
    return p.options.count("-o") ? p.options.at("-o") : std::string();
}

// Refuses an output path inside the input folder before the (possibly long) ingest; prints why.
// Also refuses, before the ingest, an output whose folder does not exist.
bool refusedInsideInput(const std::string& outputPath, const std::string& inputDir)
{
    if (outputPath.empty())
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
    if (const auto written = writeOutputFile(outputPath, out, inputRoot); !written) {
        std::cerr << "error: " << written.error() << "\n";
        return OutputUnwritable;
    }
    return Success;
}
} // namespace

void printUsage()
{
    std::cout
        << "BenchLens " << version() << " - analyze folders of benchmark artifacts\n\n"
        << "Usage:\n"
        << "  benchlens summarize DIR [--json] [-o FILE] [--filter SEL ...] [--verbose]\n"
        << "      Ingest DIR and print what was measured: inventory, variants, statistics per variant and\n"
        << "      metric, aggregates the files report, diagnostics. --json prints the benchlens.summary/1\n"
        << "      document.\n"
        << "  benchlens report DIR -o FILE.(md|html|pdf) [--title T] [--date YYYY-MM-DD] [--no-timings] [--force]\n"
        << "                  [--page-size a4|letter] [--filter SEL ...] [--baseline SEL --candidate SEL ...]\n"
        << "                  [--exclude-cold-start] [--exclude-short-replies]\n"
        << "      Write the technical report (atomically; never inside DIR) with its charts and the SHA-256 of\n"
        << "      every input file: Markdown (charts as SVG files in FILE_files/ beside it), self-contained\n"
        << "      HTML (charts inline), or PDF (A4 by default; charts at 300 dpi). With --baseline, a Comparison\n"
        << "      section as `benchlens compare` computes it. With --filter, the report covers only what the\n"
        << "      selectors select (any of them): 'model=gemma3:270m', 'num_gpu=80,metric=ttft_ms', a run id.\n"
        << "  benchlens compare DIR [--baseline SEL --candidate SEL ...] [--metric M ...] [--json]\n"
        << "                   [--exclude-cold-start] [--exclude-short-replies] [--threshold PCT] [-o FILE]\n"
        << "      Compare a baseline with candidates per metric: means, difference with its 95% CI, Mann-Whitney\n"
        << "      and Welch p-values, and a verdict (better / worse / no significant difference / insufficient\n"
        << "      data) that knows whether higher or lower is better. SEL is a variant id, a run id, or key=value\n"
        << "      terms: 'model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv' (also variant=,\n"
        << "      file=, metric=; a value with a comma in double quotes: file=\"a,b.csv\"). Without\n"
        << "      --baseline, compares the baseline/candidate pairs that files state (agent metrics.json) and\n"
        << "      checks the deltas they report.\n"
        << "  benchlens sweep DIR --model M [--metric ID] [--json] [-o FILE] [--verbose]\n"
        << "      Sweep analysis of one model's configurations: a ranking per metric (best mean first), the\n"
        << "      Pareto front of throughput_tok_s vs ttft_ms, and each varying parameter's effect (mean per\n"
        << "      value, eta squared). --json prints the benchlens.sweep/1 document.\n"
        << "                 [--exclude-cold-start] [--exclude-short-replies] set flagged observations aside.\n"
        << "  benchlens verify REPORT.(md|html|pdf) DIR\n"
        << "      Check that DIR still holds the files the report lists, with the same SHA-256 (exit 4 if not).\n"
        << "  benchlens generate-sample DIR [--scale N]\n"
        << "      Write the deterministic sample artifact folder (N copies of the sweep for benchmarks).\n"
        << "  benchlens --version | --help\n\n"
        << "Exit codes: 0 success (even with diagnostics), 1 usage error, 2 input unreadable,\n"
        << "3 output could not be written, 4 (verify) the folder changed.\n"
        << "Diagnostics go to stderr as 'warning: FILE: message'.\n";
}

int summarize(const std::vector<std::string>& args)
{
    const Parsed p = parseArgs(args, {"-o", "--output", "--filter"}, {"--json", "--verbose"});
    if (!p.error.empty())
        return usageError(p.error);
    if (p.positional.size() != 1)
        return usageError("summarize takes exactly one folder");
    int exitCode = Success;
    const auto loaded = load(p, exitCode);
    if (!loaded)
        return exitCode;
    const auto part = filtered(p, loaded->dataset, exitCode);
    if (!part)
        return exitCode;
    const Dataset& ds = **part;
    const Analysis analysis = analyze(ds);
    printDiagnostics(ds, p.options.count("--verbose") > 0);
    const std::string out = p.options.count("--json") ? summaryJson(ds, analysis) : summaryText(ds, analysis);
    return writeOrPrint(out, outputPathOf(p), ds.diskRoot);
}

int compare(const std::vector<std::string>& args)
{
    const Parsed p = parseArgs(args, {"--baseline", "--candidate", "--metric", "--threshold", "-o", "--output"},
        {"--json", "--verbose", "--exclude-cold-start", "--exclude-short-replies"});
    if (!p.error.empty())
        return usageError(p.error);
    if (p.positional.size() != 1)
        return usageError("compare takes exactly one folder");
    CompareOptions options;
    if (p.options.count("--threshold")) {
        const auto pct = parseNumber(p.options.at("--threshold"));
        if (!pct || *pct < 0)
            return usageError("--threshold takes a percentage, e.g. 2");
        options.practicalThreshold = *pct / 100;
    }
    ExclusionOptions exclusions;
    exclusions.coldStarts = p.options.count("--exclude-cold-start") > 0;
    exclusions.shortReplies = p.options.count("--exclude-short-replies") > 0;
    const std::string outputPath = outputPathOf(p);
    if (refusedInsideInput(outputPath, p.positional[0]))
        return OutputUnwritable;
    int exitCode = Success;
    const auto loaded = load(p, exitCode);
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
    const Parsed p = parseArgs(args, {}, {});
    if (!p.error.empty())
        return usageError(p.error);
    if (p.positional.size() != 2)
        return usageError("verify takes a report and a folder: benchlens verify REPORT.md DIR");
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
    const Parsed p = parseArgs(args,
        {"-o", "--output", "--title", "--date", "--page-size", "--baseline", "--candidate", "--metric", "--filter"},
        {"--verbose", "--no-timings", "--force", "--exclude-cold-start", "--exclude-short-replies"});
    if (!p.error.empty())
        return usageError(p.error);
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
    const auto loaded = load(p, exitCode, ingestOptions);
    if (!loaded)
        return exitCode;
    printDiagnostics(*loaded->dataset, p.options.count("--verbose") > 0);
    const Stopwatch choosing; // restricting to --filter and checking the comparison's selectors
    const auto part = filtered(p, loaded->dataset, exitCode);
    if (!part)
        return exitCode;
    const Dataset& ds = **part;
    options.exclusions.coldStarts = p.options.count("--exclude-cold-start") > 0;
    options.exclusions.shortReplies = p.options.count("--exclude-short-replies") > 0;
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
    const ReportDocument doc
        = analyzeAndBuildReport(ds, options, WorkflowTimes {loaded->ingestMs, choosing.elapsedMs()});
    const ui::ReportFormat format = pdf ? ui::ReportFormat::Pdf
        : html                          ? ui::ReportFormat::Html
                                        : ui::ReportFormat::Markdown;
    const Status written
        = ui::writeReport(doc, outputPath, format, ds.diskRoot, pdfOptions, p.options.count("--force") > 0);
    if (!written) {
        std::cerr << "error: " << written.error() << "\n";
        return OutputUnwritable;
    }
    return Success;
}

int generateSample(const std::vector<std::string>& args)
{
    const Parsed p = parseArgs(args, {"--scale"}, {});
    if (!p.error.empty())
        return usageError(p.error);
    if (p.positional.size() != 1)
        return usageError("generate-sample takes exactly one folder");
    int scale = 1;
    if (p.options.count("--scale")) {
        scale = std::atoi(p.options.at("--scale").c_str());
        if (scale < 1)
            return usageError("--scale takes a positive number");
    }
    const auto written = samplegen::writeSampleFolder(p.positional[0], scale);
    if (!written) {
        std::cerr << "error: " << written.error() << "\n";
        return OutputUnwritable;
    }
    return Success;
}

int sweep(const std::vector<std::string>& args)
{
    const Parsed p = parseArgs(args, {"--model", "--metric", "-o", "--output"},
        {"--json", "--verbose", "--exclude-cold-start", "--exclude-short-replies"});
    if (!p.error.empty())
        return usageError(p.error);
    if (p.positional.size() != 1)
        return usageError("sweep takes exactly one folder");
    if (!p.options.count("--model") || p.options.at("--model").empty())
        return usageError("sweep needs --model M");
    const std::string outputPath = outputPathOf(p);
    if (refusedInsideInput(outputPath, p.positional[0]))
        return OutputUnwritable;
    int exitCode = Success;
    const auto loaded = load(p, exitCode);
    if (!loaded)
        return exitCode;
    const Dataset& ds = *loaded->dataset;
    printDiagnostics(ds, p.options.count("--verbose") > 0);
    const Analysis analysis = analyze(ds);
    const std::string metric = p.options.count("--metric") ? p.options.at("--metric") : std::string();
    ExclusionOptions exclusions;
    exclusions.coldStarts = p.options.count("--exclude-cold-start") > 0;
    exclusions.shortReplies = p.options.count("--exclude-short-replies") > 0;
    const std::vector<uint32_t> excluded = excludedSamples(ds, flagObservations(ds, exclusions));
    const auto result = analyzeSweep(ds, analysis, p.options.at("--model"), excluded, metric);
    if (!result)
        return usageError(result.error());
    const std::string out = p.options.count("--json") ? sweepJson(ds, result.value()) : sweepText(ds, result.value());
    return writeOrPrint(out, outputPath, ds.diskRoot);
}

} // namespace benchlens::cli
