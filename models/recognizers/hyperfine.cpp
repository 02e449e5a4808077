// hyperfine exports: --export-json (times[] are the runs: samples, in seconds), --export-csv (summary rows in
// seconds; the command column is not quoted and may contain commas) and --export-markdown (mean ± stddev, min,
// max in the unit named in the header). Variant: the command (or -n name) plus --parameter-scan values.
#include "models/parsers/csv_parser.h"
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/pipe_tables.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <span>

namespace benchlens {

namespace {

constexpr double kSecondsToMs = 1000;

int jsonConfidence(const FileInput& in)
{
    return sniff(
        in, FileType::Json, {"\"results\"", "\"command\"", "\"mean\"", "\"stddev\""}, {"\"times\"", "\"user\""});
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto file = parseJsonArrayMember(in.bytes, "results");
    if (!file)
        return std::nullopt;
    const auto& doc = file->doc();
    const json::Node* results = file->array;
    FileExtract out;
    out.recognizer = "hyperfine JSON";
    ExtractWriter w(out);
    const uint32_t wall = w.metric("wall_time_ms");
    forEachElement(doc, *results, "/results", [&](const json::Node& r, const std::string& pointer) {
        const auto command = textField(doc, r, "command");
        if (!command)
            return;
        FileExtract::Dims dims = {{"benchmark", *command}};
        if (const json::Node* params = doc.member(r, "parameters"); params && params->type == json::Type::Object) {
            doc.forEachChild(*params, [&](const json::Node& p) {
                if (auto v = textField(doc, *params, p.key))
                    dims.emplace_back(normalizeKey(p.key), *v);
            });
        }
        const uint32_t g = w.group(std::move(dims));
        std::vector<double> exitCodes;
        if (const json::Node* codes = doc.member(r, "exit_codes"); codes && codes->type == json::Type::Array) {
            doc.forEachChild(
                *codes, [&](const json::Node& c) { exitCodes.push_back(c.type == json::Type::Number ? c.number : 0); });
        }
        uint32_t runs = 0;
        if (const json::Node* times = doc.member(r, "times"); times && times->type == json::Type::Array) {
            uint32_t i = 0;
            doc.forEachChild(*times, [&](const json::Node& t) {
                const bool failed = i < exitCodes.size() && exitCodes[i] != 0;
                const uint32_t rec = w.record(g, w.pointer(pointer), failed);
                if (!failed && t.type == json::Type::Number)
                    w.sampleAt(rec, wall, t.number * kSecondsToMs, fmt::format("{}/times/{}", pointer, i));
                ++i;
                ++runs;
            });
        }
        const std::optional<uint32_t> n = runs ? std::optional<uint32_t>(runs) : std::nullopt;
        static constexpr StatKey stats[] = {{"mean", Statistic::Mean}, {"stddev", Statistic::StdDev},
            {"median", Statistic::Median}, {"min", Statistic::Min}, {"max", Statistic::Max}};
        // stddev is null for a single run
        reportStats(w, g, wall, doc, r, pointer, stats, kSecondsToMs, n);
        if (auto v = numberField(doc, r, "user"))
            w.reported(
                g, w.metric("user_time_ms"), Statistic::Mean, *v * kSecondsToMs, n, w.pointer(pointer, 0, "user"));
        if (auto v = numberField(doc, r, "system"))
            w.reported(
                g, w.metric("system_time_ms"), Statistic::Mean, *v * kSecondsToMs, n, w.pointer(pointer, 0, "system"));
    });
    return unlessEmpty(std::move(out));
}

int csvConfidence(const FileInput& in)
{
    if (in.type != FileType::Csv)
        return 0;
    return in.bytes.starts_with("command,mean,stddev,median,user,system,min,max") ? confidence::Certain : 0;
}

std::optional<FileExtract> extractCsv(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "hyperfine CSV";
    ExtractWriter w(out);
    std::vector<std::string> header;
    const uint32_t wall = w.metric("wall_time_ms");
    csv::parse(in.bytes, ',', [&](const csv::Row& row) {
        if (row.index == 0) {
            for (const auto f : row.fields)
                header.emplace_back(trim(f));
            return true;
        }
        if (row.fields.size() < header.size())
            return true;
        // The command is not quoted: extra fields belong to it, so the numbers are split from the right.
        const size_t extra = row.fields.size() - header.size();
        std::string command;
        for (size_t i = 0; i <= extra; ++i) {
            if (i)
                command.push_back(',');
            command.append(row.fields[i]);
        }
        const auto cell = [&](size_t column) { return row.fields[column + extra]; };
        FileExtract::Dims dims = {{"benchmark", command}};
        for (size_t c = 1; c < header.size(); ++c) {
            if (header[c].starts_with("parameter_"))
                dims.emplace_back(normalizeKey(header[c].substr(10)), std::string(cell(c)));
        }
        const uint32_t g = w.group(std::move(dims));
        for (size_t c = 1; c < header.size(); ++c) {
            const auto v = parseNumber(cell(c));
            if (!v)
                continue;
            const Locator loc = w.cell(row.line, header[c]);
            if (header[c] == "user")
                w.reported(g, w.metric("user_time_ms"), Statistic::Mean, *v * kSecondsToMs, std::nullopt, loc);
            else if (header[c] == "system")
                w.reported(g, w.metric("system_time_ms"), Statistic::Mean, *v * kSecondsToMs, std::nullopt, loc);
            else if (header[c] == "mean")
                w.reported(g, wall, Statistic::Mean, *v * kSecondsToMs, std::nullopt, loc);
            else if (header[c] == "stddev")
                w.reported(g, wall, Statistic::StdDev, *v * kSecondsToMs, std::nullopt, loc);
            else if (header[c] == "median")
                w.reported(g, wall, Statistic::Median, *v * kSecondsToMs, std::nullopt, loc);
            else if (header[c] == "min")
                w.reported(g, wall, Statistic::Min, *v * kSecondsToMs, std::nullopt, loc);
            else if (header[c] == "max")
                w.reported(g, wall, Statistic::Max, *v * kSecondsToMs, std::nullopt, loc);
        }
        return true;
    });
    return unlessEmpty(std::move(out));
}

// "Mean [ms]" -> factor to ms; nullopt when the header has no known unit.
std::optional<double> headerUnit(std::string_view header)
{
    const auto open = header.find('[');
    const auto close = header.find(']');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return std::nullopt;
    const auto unit = trim(header.substr(open + 1, close - open - 1));
    if (unit == "s")
        return 1000;
    if (unit == "ms")
        return 1;
    if (unit == "µs" || unit == "us")
        return 1e-3;
    if (unit == "ns")
        return 1e-6;
    return std::nullopt;
}

int markdownConfidence(const FileInput& in)
{
    return sniff(in, FileType::Markdown, {"| Command", "| Mean [", "| Min [", "| Max [", "| Relative"});
}

std::optional<FileExtract> extractMarkdown(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "hyperfine Markdown";
    ExtractWriter w(out);
    const uint32_t wall = w.metric("wall_time_ms");
    for (const auto& t : findPipeTables(in.bytes)) {
        const int command = t.column("command");
        if (command < 0)
            continue;
        for (const auto& row : t.rows) {
            if (row.cells.size() != t.header.size())
                continue;
            const uint32_t g = w.group({{"benchmark", row.cells[size_t(command)]}});
            for (size_t c = 0; c < t.header.size(); ++c) {
                const auto factor = headerUnit(t.header[c]);
                if (!factor)
                    continue;
                const std::string column = normalizeKey(t.header[c].substr(0, t.header[c].find('[')));
                const std::string& text = row.cells[c];
                const auto pm = text.find("±");
                const auto value = parseNumber(trim(std::string_view(text).substr(0, pm)));
                if (!value)
                    continue;
                const Locator loc = w.cell(row.line, t.header[c]);
                const Statistic s = column == "mean" ? Statistic::Mean
                    : column == "min"                ? Statistic::Min
                    : column == "max"                ? Statistic::Max
                                                     : Statistic::Value;
                if (s == Statistic::Value)
                    continue;
                w.reported(g, wall, s, *value * *factor, std::nullopt, loc);
                if (s == Statistic::Mean && pm != std::string::npos) {
                    if (auto sd = parseNumber(trim(std::string_view(text).substr(pm + std::string_view("±").size()))))
                        w.reported(g, wall, Statistic::StdDev, *sd * *factor, std::nullopt, loc);
                }
            }
        }
    }
    return unlessEmpty(std::move(out));
}

constexpr std::array kRecognizers = {
    Recognizer {"hyperfine JSON", jsonConfidence, extractJson},
    Recognizer {"hyperfine CSV", csvConfidence, extractCsv},
    Recognizer {"hyperfine Markdown", markdownConfidence, extractMarkdown},
};

} // namespace

std::span<const Recognizer> hyperfineRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
