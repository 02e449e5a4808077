// GuideLLM report JSON (`--output-path benchmarks.json`): benchmarks[] of one strategy each (synchronous,
// throughput, constant@rate, ...), with metrics{name: {successful, errored, incomplete, total}} distributions
// (mean, median, std_dev, min, max, count, percentiles{p10..p999}). GuideLLM's statistics are the headline: they
// cover the successful requests of the measured window (warm-up / cool-down requests that args names and
// errored or incomplete requests are outside it), n = request_totals.successful. request_latency is in seconds,
// the *_ms metrics in ms. The strategy and its rate, the model and the data spec are the variant.
// The same report written as YAML (`--output-path benchmarks.yaml`) is converted to JSON (parsers/yaml_parser.h) and
// read by the JSON reader, so its numbers are the JSON twin's; locators are the same JSON pointers into the tree.
#include "models/parsers/yaml_parser.h"
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <vector>

namespace benchlens {

namespace {

struct MetricMap
{
    const char* key;
    const char* catalogId; // nullptr: custom under `customName`
    const char* customName;
    const char* customUnit;
    double factor;
};

constexpr MetricMap kMetrics[] = {
    {"request_latency", "latency_ms", nullptr, nullptr, 1000.0},
    {"time_to_first_token_ms", "ttft_ms", nullptr, nullptr, 1.0},
    {"inter_token_latency_ms", "itl_ms", nullptr, nullptr, 1.0},
    {"time_per_output_token_ms", "tpot_ms", nullptr, nullptr, 1.0},
    {"output_tokens_per_second", "throughput_tok_s", nullptr, nullptr, 1.0},
    {"tokens_per_second", "total_throughput_tok_s", nullptr, nullptr, 1.0},
    {"requests_per_second", "request_throughput_req_s", nullptr, nullptr, 1.0},
    {"prompt_token_count", "prompt_tokens", nullptr, nullptr, 1.0},
    {"output_token_count", "tokens_generated", nullptr, nullptr, 1.0},
    // Measured load, not a parameter: how many requests were in flight.
    {"request_concurrency", nullptr, "request_concurrency", "requests", 1.0},
};

int jsonConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"benchmarks\"", "\"request_totals\""},
        {"\"generative_benchmark\"", "\"time_to_first_token_ms\"", "\"request_loader\""});
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto file = parseJsonArrayMember(in.bytes, "benchmarks");
    if (!file)
        return std::nullopt;
    const auto& doc = file->doc();
    const json::Node* benchmarks = file->array;
    FileExtract out;
    out.recognizer = "GuideLLM JSON";
    ExtractWriter w(out);
    forEachElement(doc, *benchmarks, "/benchmarks", [&](const json::Node& b, const std::string& pointer) {
        const json::Node* metrics = doc.member(b, "metrics");
        if (!metrics || metrics->type != json::Type::Object)
            return;
        FileExtract::Dims dims;
        const json::Node* args = doc.member(b, "args");
        if (args && args->type == json::Type::Object) {
            if (const json::Node* s = doc.member(*args, "strategy"); s && s->type == json::Type::Object) {
                if (auto type = textField(doc, *s, "type_"))
                    dims.emplace_back("strategy", *type);
                if (auto rate = textField(doc, *s, "rate"))
                    dims.emplace_back("rate", *rate);
                if (auto streams = textField(doc, *s, "streams"))
                    dims.emplace_back("concurrency", *streams);
            }
        }
        if (const json::Node* worker = doc.member(b, "worker"); worker && worker->type == json::Type::Object) {
            if (auto model = textField(doc, *worker, "backend_model"))
                dims.emplace_back("model", *model);
        }
        if (const json::Node* loader = doc.member(b, "request_loader"); loader && loader->type == json::Type::Object) {
            if (auto data = textField(doc, *loader, "data"))
                dims.emplace_back("data", *data);
        }
        const uint32_t g = w.group(std::move(dims));
        std::optional<double> successful, errored, incomplete;
        if (const json::Node* totals = doc.member(b, "request_totals"); totals && totals->type == json::Type::Object) {
            successful = numberField(doc, *totals, "successful");
            errored = numberField(doc, *totals, "errored");
            incomplete = numberField(doc, *totals, "incomplete");
        }
        for (const auto& m : kMetrics) {
            const json::Node* node = doc.member(*metrics, m.key);
            const json::Node* dist = node ? doc.member(*node, "successful") : nullptr;
            if (!dist || dist->type != json::Type::Object)
                continue;
            const uint32_t metric = m.catalogId ? w.metric(m.catalogId) : w.customMetric(m.customName, m.customUnit);
            std::string at = pointer + "/metrics";
            appendPointerToken(at, m.key);
            at += "/successful";
            std::optional<uint32_t> n;
            if (auto c = numberField(doc, *dist, "count"); c && *c >= 0)
                n = static_cast<uint32_t>(*c);
            static constexpr StatKey stats[] = {{"mean", Statistic::Mean}, {"median", Statistic::Median},
                {"std_dev", Statistic::StdDev}, {"min", Statistic::Min}, {"max", Statistic::Max}};
            reportStats(w, g, metric, doc, *dist, at, stats, m.factor, n);
            if (const json::Node* pct = doc.member(*dist, "percentiles"); pct && pct->type == json::Type::Object) {
                static constexpr StatKey ps[] = {{"p01", Statistic::P1}, {"p05", Statistic::P5},
                    {"p10", Statistic::P10}, {"p25", Statistic::P25}, {"p75", Statistic::P75}, {"p90", Statistic::P90},
                    {"p95", Statistic::P95}, {"p99", Statistic::P99}, {"p999", Statistic::P999}};
                reportStats(w, g, metric, doc, *pct, at + "/percentiles", ps, m.factor, n);
            }
        }
        if (successful) {
            w.reported(g, w.customMetric("successful_requests", "requests"), Statistic::Total, *successful,
                std::nullopt, w.pointer(pointer + "/request_totals", 0, "successful"));
        }
        const double outside = errored.value_or(0) + incomplete.value_or(0);
        if (successful && outside > 0)
            w.diagnostic(Severity::Info, pointer + "/request_totals",
                fmt::format("GuideLLM's statistics cover the {} successful requests of its measurement window; {} "
                            "errored and {} incomplete requests are outside them and are not mixed in",
                    cleanNumber(*successful), cleanNumber(errored.value_or(0)), cleanNumber(incomplete.value_or(0))));
    });
    return unlessEmpty(std::move(out));
}

// ----- console tables -----

int consoleConfidence(const FileInput& in)
{
    if (in.type == FileType::Json || in.type == FileType::Csv)
        return 0;
    return containsAll(in.bytes, {"Benchmarks Stats:", "Benchmark|", "TTFT (ms)"}) ? confidence::Certain : 0;
}

std::vector<std::string> splitBars(std::string_view line)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t bar = line.find('|', start);
        out.emplace_back(trim(line.substr(start, bar == std::string_view::npos ? line.npos : bar - start)));
        if (bar == std::string_view::npos)
            break;
        start = bar + 1;
    }
    return out;
}

// A two-row header: "TTFT (ms)   |||" names a group spanning as many columns as bars follow it (the last group
// spans the rest); the second row names each column's statistic.
struct ConsoleTable
{
    std::vector<std::string> group; // per column
    std::vector<std::string> stat; // per column
    std::vector<std::pair<uint32_t, std::vector<std::string>>> rows; // line, cells
};

std::vector<std::string> groupRow(std::string_view line, size_t columns)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size() && out.size() < columns) {
        const size_t bar = line.find('|', i);
        const auto label = std::string(trim(line.substr(i, bar == std::string_view::npos ? line.npos : bar - i)));
        size_t span = 0;
        size_t j = bar;
        while (j != std::string_view::npos && j < line.size() && line[j] == '|') {
            ++span;
            ++j;
        }
        if (bar == std::string_view::npos || j >= line.size())
            span = columns - out.size(); // the last group spans the rest
        for (size_t k = 0; k < span && out.size() < columns; ++k)
            out.push_back(label);
        if (bar == std::string_view::npos)
            break;
        i = j;
    }
    while (out.size() < columns)
        out.emplace_back();
    return out;
}

// The table after a "<title>:" line: "====" rule, group row, stat row, "----" rule, rows, "====" rule.
std::vector<ConsoleTable> findTables(std::string_view bytes, std::string_view title)
{
    const std::vector<std::string_view> lines = splitLines(bytes);
    std::vector<ConsoleTable> out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (trim(lines[i]) != title)
            continue;
        size_t j = i + 1;
        while (j < lines.size() && !trim(lines[j]).starts_with("Metadata"))
            ++j;
        if (j + 2 >= lines.size())
            continue;
        ConsoleTable t;
        t.stat = splitBars(lines[j + 1]);
        t.group = groupRow(lines[j], t.stat.size());
        for (size_t k = j + 3; k < lines.size(); ++k) {
            const auto row = trim(lines[k]);
            if (row.starts_with("====") || row.empty())
                break;
            auto cells = splitBars(row);
            if (cells.size() == t.stat.size())
                t.rows.emplace_back(static_cast<uint32_t>(k + 1), std::move(cells));
        }
        out.push_back(std::move(t));
    }
    return out;
}

std::optional<FileExtract> extractConsole(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "GuideLLM console tables";
    ExtractWriter w(out);
    std::string model;
    if (const auto at = in.bytes.find("backend_model='"); at != std::string_view::npos) {
        const auto from = at + std::string_view("backend_model='").size();
        const auto to = in.bytes.find('\'', from);
        if (to != std::string_view::npos)
            model = std::string(in.bytes.substr(from, to - from));
    }
    const auto infos = findTables(in.bytes, "Benchmarks Info:");
    const auto stats = findTables(in.bytes, "Benchmarks Stats:");
    for (size_t r = 0; r < stats.size(); ++r) {
        const auto& t = stats[r];
        // n per benchmark: "Requests Made" / "Comp" of the Info table of the same run.
        std::map<std::string, uint32_t> completed;
        if (r < infos.size()) {
            const auto& info = infos[r];
            for (const auto& [line, cells] : info.rows) {
                for (size_t c = 0; c < cells.size(); ++c) {
                    if (info.group[c] == "Requests Made" && info.stat[c] == "Comp")
                        if (auto v = parseNumber(cells[c]))
                            completed[cells[0]] = static_cast<uint32_t>(*v);
                }
            }
        }
        for (const auto& [line, cells] : t.rows) {
            const std::string& name = cells[0];
            FileExtract::Dims dims;
            if (const auto atSign = name.find('@'); atSign != std::string::npos) {
                dims.emplace_back("strategy", name.substr(0, atSign));
                dims.emplace_back("rate", name.substr(atSign + 1));
            } else {
                dims.emplace_back("strategy", name);
            }
            if (!model.empty())
                dims.emplace_back("model", model);
            if (stats.size() > 1)
                dims.emplace_back("run", std::to_string(r + 1));
            const uint32_t g = w.group(std::move(dims));
            const std::optional<uint32_t> n
                = completed.count(name) ? std::optional<uint32_t>(completed[name]) : std::nullopt;
            // GuideLLM 0.2 labels the request latency column "(ms)" but prints seconds: a request cannot end
            // before its first token, so a "ms" mean below the TTFT mean is read as seconds.
            std::optional<double> ttftMean, latencyMean;
            for (size_t c = 1; c < cells.size(); ++c) {
                const auto v = parseNumber(cells[c]);
                if (!v || t.stat[c] != "mean")
                    continue;
                if (t.group[c].starts_with("TTFT"))
                    ttftMean = *v;
                if (t.group[c].starts_with("Req Latency"))
                    latencyMean = *v;
            }
            for (size_t c = 1; c < cells.size(); ++c) {
                const auto v = parseNumber(cells[c]);
                if (!v)
                    continue;
                const std::string& group = t.group[c];
                const std::string& st = t.stat[c];
                const Statistic s = st == "mean" ? Statistic::Mean
                    : st == "median"             ? Statistic::Median
                    : st == "p99"                ? Statistic::P99
                    : st == "p95"                ? Statistic::P95
                    : st == "p90"                ? Statistic::P90
                                                 : Statistic::Value;
                const Locator loc = w.cell(line, group + " " + st);
                if (group == "Request Stats" && st == "Per Second")
                    w.reported(g, w.metric("request_throughput_req_s"), Statistic::Mean, *v, n, loc);
                else if (group == "Request Stats" && st == "Concurrency")
                    w.reported(g, w.customMetric("request_concurrency", "requests"), Statistic::Mean, *v, n, loc);
                else if (group.starts_with("Out Tok/sec"))
                    w.reported(g, w.metric("throughput_tok_s"), s, *v, n, loc);
                else if (group.starts_with("Tot Tok/sec"))
                    w.reported(g, w.metric("total_throughput_tok_s"), s, *v, n, loc);
                else if (group.starts_with("Req Latency")) {
                    const bool labelledMs = group.find("(ms)") != std::string::npos;
                    const bool seconds = !labelledMs || (ttftMean && latencyMean && *latencyMean < *ttftMean);
                    w.reported(g, w.metric("latency_ms"), s, seconds ? *v * 1000 : *v, n, loc);
                } else if (group.starts_with("TTFT"))
                    w.reported(g, w.metric("ttft_ms"), s, *v, n, loc);
                else if (group.starts_with("ITL"))
                    w.reported(g, w.metric("itl_ms"), s, *v, n, loc);
                else if (group.starts_with("TPOT"))
                    w.reported(g, w.metric("tpot_ms"), s, *v, n, loc);
            }
            if (latencyMean && ttftMean && *latencyMean < *ttftMean && t.group.size() > 1
                && std::any_of(t.group.begin(), t.group.end(), [](const std::string& gname) {
                       return gname.starts_with("Req Latency") && gname.find("(ms)") != std::string::npos;
                   }))
                w.diagnostic(Severity::Info, fmt::format("line {}", line),
                    fmt::format("the 'Req Latency (ms)' values of {} are below its TTFT; read as seconds, as "
                                "GuideLLM prints them",
                        name));
        }
    }
    return unlessEmpty(std::move(out));
}

// ----- YAML -----

int yamlConfidence(const FileInput& in)
{
    const auto name = fileName(in.relativePath);
    if (in.type != FileType::Other || !(name.ends_with(".yaml") || name.ends_with(".yml")))
        return 0;
    const auto h = head(in.bytes);
    return containsAll(h, {"benchmarks:", "request_totals:"})
            && containsAny(h, {"generative_benchmark", "time_to_first_token_ms:", "request_loader:"})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractYaml(const FileInput& in)
{
    const auto converted = yaml::toJson(in.bytes);
    if (!converted.ok) {
        FileExtract out;
        out.recognizer = "GuideLLM YAML";
        out.diagnostics.push_back({Severity::Error, {}, {}, "not valid YAML, so not read: " + converted.error});
        return out;
    }
    auto out = extractJson({in.relativePath, converted.json, FileType::Json});
    if (out)
        out->recognizer = "GuideLLM YAML";
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"GuideLLM JSON", jsonConfidence, extractJson},
    Recognizer {"GuideLLM YAML", yamlConfidence, extractYaml},
    Recognizer {"GuideLLM console tables", consoleConfidence, extractConsole},
};

} // namespace

std::span<const Recognizer> guidellmRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
