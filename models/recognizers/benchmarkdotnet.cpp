// BenchmarkDotNet exporters. Full JSON (JsonExporter.Full / FullCompressed): Benchmarks[] with Statistics (the
// tool's own, in ns, over the Workload/Result measurements) and Measurements[] of every stage; only the
// Workload stage's Result measurements (Actual where no Result is written) are samples, as Nanoseconds /
// Operations: jitting, pilot, warm-up and overhead iterations are outside BenchmarkDotNet's measurement window.
// CSV and GitHub Markdown summaries: one row per benchmark case with units in the cells ("9.971 ns", "120.5 μs",
// "111.89 KB"); all of it reported. Columns left of the statistics (Job characteristics, [Params]) and the
// Markdown "Job=ShortRun  IterationCount=5" lines are dimensions of the variant.
#include "models/parsers/csv_parser.h"
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/pipe_tables.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <span>
#include <vector>

namespace benchlens {

namespace {

// ----- cells with units -----

// "1,234.5" -> 1234.5 (BenchmarkDotNet prints thousands separators in the summary table).
std::optional<double> numberWithSeparators(std::string_view s)
{
    std::string clean;
    for (char c : s) {
        if (c != ',')
            clean.push_back(c);
    }
    return parseNumber(clean);
}

struct CellValue
{
    double value = 0;
    std::string_view unit;
};

std::optional<CellValue> splitCell(std::string_view cell)
{
    cell = trim(cell);
    const auto space = cell.find(' ');
    const auto number = numberWithSeparators(cell.substr(0, space));
    if (!number)
        return std::nullopt;
    return CellValue {*number, space == std::string_view::npos ? std::string_view {} : trim(cell.substr(space + 1))};
}

// Nanoseconds per time unit of a summary cell, or nullopt.
std::optional<double> nsPerUnit(std::string_view unit)
{
    if (unit == "ns")
        return 1.0;
    if (unit == "us" || unit == "\u03bcs" || unit == "\u00b5s")
        return 1e3;
    if (unit == "ms")
        return 1e6;
    if (unit == "s")
        return 1e9;
    return std::nullopt;
}

// Bytes per memory unit (BenchmarkDotNet: 1 KB = 1024 B), or nullopt.
std::optional<double> bytesPerUnit(std::string_view unit)
{
    if (unit == "B")
        return 1.0;
    if (unit == "KB")
        return 1024.0;
    if (unit == "MB")
        return 1024.0 * 1024;
    if (unit == "GB")
        return 1024.0 * 1024 * 1024;
    return std::nullopt;
}

// The time statistics of the summary table, by column name.
std::optional<Statistic> timeStatistic(std::string_view column)
{
    static constexpr std::pair<std::string_view, Statistic> columns[]
        = {{"Mean", Statistic::Mean}, {"StdDev", Statistic::StdDev}, {"Median", Statistic::Median},
            {"Min", Statistic::Min}, {"Max", Statistic::Max}, {"Q1", Statistic::P25}, {"Q3", Statistic::P75},
            {"P50", Statistic::P50}, {"P90", Statistic::P90}, {"P95", Statistic::P95}, {"P99", Statistic::P99}};
    for (const auto& [name, s] : columns) {
        if (column == name)
            return s;
    }
    return std::nullopt;
}

bool isMissing(std::string_view cell)
{
    cell = trim(cell);
    return cell.empty() || cell == "-" || cell == "NA" || cell == "?" || cell == "N/A";
}

// One summary row: `header` and `cells` aligned. Columns before the first statistic column are dimensions.
void summaryRow(ExtractWriter& w, const std::vector<std::string>& header, const std::vector<std::string_view>& cells,
    const FileExtract::Dims& jobDims, const std::function<Locator(size_t)>& locate)
{
    size_t firstStat = header.size();
    for (size_t c = 0; c < header.size(); ++c) {
        if (timeStatistic(header[c]) || header[c] == "Error") {
            firstStat = c;
            break;
        }
    }
    FileExtract::Dims dims = jobDims;
    for (size_t c = 0; c < firstStat && c < cells.size(); ++c) {
        const auto v = trim(cells[c]);
        if (header[c] == "Method")
            dims.emplace_back("benchmark", std::string(v));
        else if (header[c] == "Job" || (!isMissing(v) && v != "Default" && v != "Empty")) // "Default" names a job
            dims.emplace_back(header[c], std::string(v));
    }
    const uint32_t g = w.group(std::move(dims));
    const uint32_t time = w.metric("time_per_iteration_ns");
    for (size_t c = firstStat; c < header.size() && c < cells.size(); ++c) {
        if (isMissing(cells[c]))
            continue;
        const auto cell = splitCell(cells[c]);
        if (!cell)
            continue;
        const std::string& column = header[c];
        if (auto s = timeStatistic(column)) {
            if (auto ns = nsPerUnit(cell->unit))
                w.reported(g, time, *s, cell->value * *ns, std::nullopt, locate(c));
        } else if (column == "Error") {
            // Half of the 99.9% confidence interval of the mean.
            if (auto ns = nsPerUnit(cell->unit))
                w.reported(g, w.customMetric("error_time_per_iteration", "ns"), Statistic::Value, cell->value * *ns,
                    std::nullopt, locate(c));
        } else if (column == "Allocated") {
            if (auto bytes = bytesPerUnit(cell->unit))
                w.reported(g, w.customMetric("allocated_bytes_per_op", "B"), Statistic::Value, cell->value * *bytes,
                    std::nullopt, locate(c));
        } else if (column == "Op/s") {
            w.reported(g, w.metric("ops_per_s"), Statistic::Mean, cell->value, std::nullopt, locate(c));
        } else if (cell->unit.empty()) {
            // Ratio, RatioSD, Rank, Alloc Ratio, Gen0/Gen 0 (collections per 1000 operations), user columns.
            w.reported(
                g, w.customMetric(normalizeKey(column), ""), Statistic::Value, cell->value, std::nullopt, locate(c));
        }
    }
}

// ----- full JSON -----

int jsonConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"Benchmarks\"", "\"DisplayInfo\"", "\"Statistics\""});
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto file = parseJsonArrayMember(in.bytes, "Benchmarks");
    if (!file)
        return std::nullopt;
    const auto& doc = file->doc();
    const json::Node* benchmarks = file->array;
    FileExtract out;
    out.recognizer = "BenchmarkDotNet JSON";
    ExtractWriter w(out);
    const uint32_t time = w.metric("time_per_iteration_ns");
    forEachElement(doc, *benchmarks, "/Benchmarks", [&](const json::Node& b, const std::string& pointer) {
        const auto method = textField(doc, b, "Method");
        if (!method)
            return;
        FileExtract::Dims dims = {{"benchmark", *method}};
        if (auto type = textField(doc, b, "Type"))
            dims.emplace_back("type", *type);
        // Parameters: "N=100&Size=Large".
        if (auto params = textField(doc, b, "Parameters")) {
            std::string_view rest = *params;
            while (!rest.empty()) {
                const auto amp = rest.find('&');
                const auto part = rest.substr(0, amp);
                if (const auto eq = part.find('='); eq != std::string_view::npos && eq > 0)
                    dims.emplace_back(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
                rest = amp == std::string_view::npos ? std::string_view {} : rest.substr(amp + 1);
            }
        }
        const uint32_t g = w.group(std::move(dims));
        // Samples: the Workload/Result measurements, else Workload/Actual.
        std::vector<std::pair<uint32_t, double>> result, actual; // measurement index, ns per operation
        if (const json::Node* ms = doc.member(b, "Measurements"); ms && ms->type == json::Type::Array) {
            uint32_t i = 0;
            doc.forEachChild(*ms, [&](const json::Node& m) {
                const uint32_t at = i++;
                if (textField(doc, m, "IterationMode").value_or("") != "Workload")
                    return;
                const auto stage = textField(doc, m, "IterationStage").value_or("");
                const auto ns = numberField(doc, m, "Nanoseconds");
                const auto ops = numberField(doc, m, "Operations");
                if (!ns || !ops || *ops <= 0)
                    return;
                if (stage == "Result")
                    result.emplace_back(at, *ns / *ops);
                else if (stage == "Actual")
                    actual.emplace_back(at, *ns / *ops);
            });
        }
        const auto& samples = result.empty() ? actual : result;
        double sum = 0;
        for (const auto& [at, value] : samples) {
            const std::string p = fmt::format("{}/Measurements/{}", pointer, at);
            const uint32_t rec = w.record(g, w.pointer(p));
            w.sampleAt(rec, time, value, p);
            sum += value;
        }
        const json::Node* stats = doc.member(b, "Statistics");
        std::optional<uint32_t> n;
        if (stats && stats->type == json::Type::Object) {
            if (auto count = numberField(doc, *stats, "N"); count && *count >= 0)
                n = static_cast<uint32_t>(*count);
            const std::string sp = pointer + "/Statistics";
            static constexpr StatKey keys[]
                = {{"Mean", Statistic::Mean}, {"Median", Statistic::Median}, {"StandardDeviation", Statistic::StdDev},
                    {"Min", Statistic::Min}, {"Max", Statistic::Max}, {"Q1", Statistic::P25}, {"Q3", Statistic::P75}};
            reportStats(w, g, time, doc, *stats, sp, keys, 1, n);
            if (const json::Node* pct = doc.member(*stats, "Percentiles"); pct && pct->type == json::Type::Object) {
                static constexpr StatKey ps[]
                    = {{"P50", Statistic::P50}, {"P90", Statistic::P90}, {"P95", Statistic::P95}};
                reportStats(w, g, time, doc, *pct, sp + "/Percentiles", ps, 1, n);
            }
            const auto mean = numberField(doc, *stats, "Mean");
            if (mean && !samples.empty()) {
                const double recomputed = sum / double(samples.size());
                if (std::fabs(recomputed - *mean) > 1e-9 * std::max(std::fabs(*mean), std::fabs(recomputed)))
                    w.diagnostic(Severity::Info, sp,
                        fmt::format("BenchmarkDotNet's own Mean of {} is {} ns over its measurement window (outliers "
                                    "removed, warm-up excluded); the mean of the {} {} measurements read as samples "
                                    "is {} ns",
                            *method, formatValue(*mean), samples.size(), result.empty() ? "Actual" : "Result",
                            formatValue(recomputed)));
            }
        }
        if (const json::Node* mem = doc.member(b, "Memory"); mem && mem->type == json::Type::Object) {
            if (auto bytes = numberField(doc, *mem, "BytesAllocatedPerOperation"))
                w.reported(g, w.customMetric("allocated_bytes_per_op", "B"), Statistic::Value, *bytes, std::nullopt,
                    w.pointer(pointer + "/Memory", 0, "BytesAllocatedPerOperation"));
        }
    });
    return unlessEmpty(std::move(out));
}

// ----- CSV -----

int csvConfidence(const FileInput& in)
{
    if (in.type != FileType::Csv)
        return 0;
    const auto firstLine = in.bytes.substr(0, in.bytes.find('\n'));
    return (firstLine.starts_with("Method,") || firstLine.starts_with("Type,Method,"))
            && containsAll(firstLine, {",Mean,"}) && containsAny(firstLine, {",Error,", ",StdDev,"})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractCsv(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "BenchmarkDotNet CSV";
    ExtractWriter w(out);
    std::vector<std::string> header;
    const char delimiter = in.bytes.substr(0, in.bytes.find('\n')).find(';') != std::string_view::npos ? ';' : ',';
    csv::parse(in.bytes, delimiter, [&](const csv::Row& row) {
        if (row.index == 0) {
            for (const auto f : row.fields)
                header.emplace_back(trim(f));
            return true;
        }
        if (row.fields.size() != header.size())
            return true;
        std::vector<std::string_view> cells(row.fields.begin(), row.fields.end());
        summaryRow(w, header, cells, {}, [&](size_t c) { return w.cell(row.line, header[c]); });
        return true;
    });
    return unlessEmpty(std::move(out));
}

// ----- GitHub Markdown -----

int markdownConfidence(const FileInput& in)
{
    return sniff(in, FileType::Markdown, {"| Method ", " Mean ", "BenchmarkDotNet"});
}

// "Job=ShortRun  InvocationCount=1  IterationCount=5" lines of the environment block: every word is key=value.
FileExtract::Dims jobLines(std::string_view text)
{
    FileExtract::Dims dims;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        const auto line = trim(text.substr(start, end == std::string_view::npos ? text.npos : end - start));
        start = end == std::string_view::npos ? text.size() : end + 1;
        if (line.starts_with("|"))
            break;
        if (line.empty() || line.find('=') == std::string_view::npos)
            continue;
        FileExtract::Dims found;
        bool all = true;
        size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && line[i] == ' ')
                ++i;
            const size_t s = i;
            while (i < line.size() && line[i] != ' ')
                ++i;
            const auto word = line.substr(s, i - s);
            if (word.empty())
                continue;
            const auto eq = word.find('=');
            if (eq == std::string_view::npos || eq == 0 || word.back() == ',') {
                all = false;
                break;
            }
            found.emplace_back(std::string(word.substr(0, eq)), std::string(word.substr(eq + 1)));
        }
        if (all)
            dims.insert(dims.end(), found.begin(), found.end());
    }
    return dims;
}

std::optional<FileExtract> extractMarkdown(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "BenchmarkDotNet Markdown";
    ExtractWriter w(out);
    const auto jobDims = jobLines(in.bytes);
    for (const auto& t : findPipeTables(in.bytes)) {
        if (t.column("method") < 0 || t.column("mean") < 0)
            continue;
        for (const auto& row : t.rows) {
            if (row.cells.size() != t.header.size())
                continue;
            std::vector<std::string_view> cells;
            for (const auto& c : row.cells) {
                // Bold cells mark the best row: "**1.23 ns**".
                std::string_view v = c;
                while (v.starts_with("*"))
                    v.remove_prefix(1);
                while (v.ends_with("*"))
                    v.remove_suffix(1);
                cells.push_back(v);
            }
            summaryRow(w, t.header, cells, jobDims, [&](size_t c) { return w.cell(row.line, t.header[c]); });
        }
    }
    return unlessEmpty(std::move(out));
}

constexpr std::array kRecognizers = {
    Recognizer {"BenchmarkDotNet JSON", jsonConfidence, extractJson},
    Recognizer {"BenchmarkDotNet CSV", csvConfidence, extractCsv},
    Recognizer {"BenchmarkDotNet Markdown", markdownConfidence, extractMarkdown},
};

} // namespace

std::span<const Recognizer> benchmarkDotNetRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
