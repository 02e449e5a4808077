// NVIDIA GenAI-Perf and its successor AIPerf: the profile export JSON and CSV. These are run summaries, never
// per-request data: every number is an aggregate the tool computed (reported), with the unit as data beside it.
// - GenAI-Perf JSON (profile_export_genai_perf.json, also older AIPerf builds): top-level members are metrics,
//   {"unit": "ms", "avg", "min", "max", "std", "p1".."p99"}; `input_config` records the command line.
// - AIPerf JSON (profile_export_aiperf.json): the same statistics under `records`, keyed by tag, with `header`
//   and `count`; `input_config` is nested (endpoint.model_names, loadgen.concurrency); `error_summary`.
// - CSV (profile_export_genai_perf.csv / profile_export_aiperf.csv): two tables separated by a blank line,
//   `Metric,avg,min,max,p1,...` then `Metric,Value`; the unit is in parentheses in the metric name.
// Variant: the model, endpoint and concurrency / request rate of input_config. The CSV names none of them: its
// model comes from a sibling JSON export (FileExtract::namedModel), concurrency from an artifact folder named
// "...-concurrency8".
#include "models/parsers/csv_parser.h"
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <span>

namespace benchlens {

namespace {

// Where one of the tool's metrics goes: a catalog id, or a name kept as a custom metric.
struct Target
{
    std::string id;
    bool custom = false;
    std::string unit; // custom metrics: the canonical unit the value is converted to
    double factor = 1;
};

// Catalog metrics by the tool's tag or header, normalized ("Time to First Token" -> time_to_first_token).
const std::map<std::string, std::string, std::less<>>& catalogNames()
{
    static const std::map<std::string, std::string, std::less<>> m = {
        {"request_throughput", "request_throughput_req_s"},
        {"request_latency", "latency_ms"},
        {"time_to_first_token", "ttft_ms"},
        {"ttft", "ttft_ms"},
        {"inter_token_latency", "itl_ms"},
        {"output_token_throughput", "throughput_tok_s"},
        {"output_sequence_length", "tokens_generated"},
        {"input_sequence_length", "prompt_tokens"},
        {"benchmark_duration", "wall_time_ms"},
    };
    return m;
}

// Tool names kept as custom metrics under one name across GenAI-Perf versions.
const std::map<std::string, std::string, std::less<>>& customNames()
{
    static const std::map<std::string, std::string, std::less<>> m = {
        {"ttst", "time_to_second_token"},
        {"output_token_throughput_per_request", "output_token_throughput_per_user"},
    };
    return m;
}

// nullopt: not a metric (timestamps) or a unit that does not fit; `problem` says which.
std::optional<Target> targetFor(std::string_view name, std::string_view unit, std::string& problem)
{
    std::string key = normalizeKey(name);
    if (key.ends_with("timestamp"))
        return std::nullopt; // wall-clock instants, not measurements
    if (const auto it = customNames().find(key); it != customNames().end())
        key = it->second;
    // Request counts: the unit is "count" in one version, "requests" in another, absent in the CSV.
    const std::string u = normalizeKey(unit);
    if (key.ends_with("request_count") && (u.empty() || u == "count" || u == "requests"))
        return Target {key, true, "requests", 1};
    const auto time = msPerUnit(unit);
    const std::string rate = rateUnit(unit);
    if (const auto it = catalogNames().find(key); it != catalogNames().end()) {
        const MetricDef& def = MetricCatalog::instance().metric(*MetricCatalog::instance().findMetric(it->second));
        Target t {it->second, false, def.unit, 1};
        if (def.isTime) {
            if (!time) {
                problem = fmt::format("{}: unit '{}' is not a time unit", name, unit);
                return std::nullopt;
            }
            t.factor = *time;
        } else if (def.kind == MetricKind::Throughput && rate != def.unit) {
            problem = fmt::format("{}: unit '{}' does not fit {}", name, unit, def.unit);
            return std::nullopt;
        }
        return t;
    }
    // "tokens/sec/user": a per-user rate is still tokens per second.
    const std::string userRate = normalizeKey(unit).ends_with("_user") ? rateUnit(unit.substr(0, unit.rfind('/'))) : "";
    if (time)
        return Target {key, true, "ms", *time};
    if (!rate.empty())
        return Target {key, true, rate, 1};
    if (!userRate.empty())
        return Target {key, true, userRate, 1};
    return Target {key, true, std::string(unit), 1};
}

// GenAI-Perf / AIPerf statistic names.
std::optional<Statistic> statisticFor(std::string_view key)
{
    static const std::map<std::string, Statistic, std::less<>> m = {{"avg", Statistic::Mean}, {"min", Statistic::Min},
        {"max", Statistic::Max}, {"std", Statistic::StdDev}, {"p1", Statistic::P1}, {"p5", Statistic::P5},
        {"p10", Statistic::P10}, {"p25", Statistic::P25}, {"p50", Statistic::P50}, {"p75", Statistic::P75},
        {"p90", Statistic::P90}, {"p95", Statistic::P95}, {"p99", Statistic::P99}};
    const auto it = m.find(key);
    return it == m.end() ? std::nullopt : std::optional<Statistic>(it->second);
}

// One metric's statistics as found, before they are written: (statistic name, value, locator).
struct Stat
{
    std::string name;
    double value = 0;
    Locator locator;
};

// Writes one metric. A metric with nothing but `avg` is a run-level value (a throughput, a count, a duration),
// not the mean of a distribution. `n` is the sample count the file states for the distribution, if any.
void writeMetric(ExtractWriter& w, uint32_t group, std::string_view name, std::string_view unit,
    const std::vector<Stat>& stats, std::optional<uint32_t> n, const std::string& where)
{
    std::string problem;
    const auto target = targetFor(name, unit, problem);
    if (!target) {
        if (!problem.empty())
            w.diagnostic(Severity::Warning, where, problem.append("; not read"));
        return;
    }
    const uint32_t metric = target->custom ? w.customMetric(target->id, target->unit) : w.metric(target->id);
    const bool single = stats.size() == 1 && stats.front().name == "avg";
    for (const auto& s : stats) {
        const auto statistic = statisticFor(s.name);
        if (!statistic)
            continue;
        w.reported(group, metric, single ? Statistic::Value : *statistic, s.value * target->factor,
            single ? std::nullopt : n, s.locator);
    }
}

std::string pointerTo(std::initializer_list<std::string_view> tokens)
{
    std::string p;
    for (const auto t : tokens)
        appendPointerToken(p, t);
    return p;
}

// The statistics of a metric object (members whose value is a number; null statistics are absent).
std::vector<Stat> statsOf(ExtractWriter& w, const json::Document& doc, const json::Node& object, const std::string& at)
{
    std::vector<Stat> stats;
    doc.forEachChild(object, [&](const json::Node& m) {
        if (!statisticFor(m.key))
            return;
        if (const auto v = numberField(doc, object, m.key))
            stats.push_back({std::string(m.key), *v, w.pointer(at, 0, m.key)});
    });
    return stats;
}

std::string joinModels(const json::Document& doc, const json::Node* models)
{
    if (!models)
        return {};
    if (models->type == json::Type::String)
        return std::string(trim(models->text));
    std::string out;
    doc.forEachChild(*models, [&](const json::Node& m) {
        if (m.type != json::Type::String)
            return;
        if (!out.empty())
            out += ',';
        out += trim(m.text);
    });
    return out;
}

// Concurrency or request rate, whichever the run used (the other is null).
void loadDims(const json::Document& doc, const json::Node* config, FileExtract::Dims& dims)
{
    if (!config)
        return;
    for (const char* k : {"concurrency", "request_rate"}) {
        if (const auto v = textField(doc, *config, k))
            dims.emplace_back(k, *v);
    }
}

int flatConfidence(const FileInput& in)
{
    if (in.type != FileType::Json)
        return 0;
    const auto h = head(in.bytes);
    return containsAll(h, {"\"unit\"", "\"avg\""})
            && containsAny(h, {"\"request_latency\"", "\"time_to_first_token\"", "\"request_throughput\""})
            && !h.starts_with("[") && h.find("\"records\"") == std::string_view::npos
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractFlat(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node& root = doc.root();
    FileExtract out;
    // Older AIPerf builds write this layout too, under their own file name.
    out.recognizer
        = fileName(in.relativePath).find("aiperf") != std::string_view::npos ? "AIPerf JSON" : "GenAI-Perf JSON";
    ExtractWriter w(out);
    const json::Node* config = doc.member(root, "input_config");
    FileExtract::Dims dims;
    if (config) {
        out.namedModel = joinModels(doc, doc.member(*config, "model"));
        dims.emplace_back("model", out.namedModel);
        // GenAI-Perf only uses `backend` with the Triton service kind; for OpenAI endpoints it is a leftover default.
        const auto kind = textField(doc, *config, "service_kind");
        if (const auto backend = textField(doc, *config, "backend"); backend && kind.value_or("triton") == "triton")
            dims.emplace_back("backend", *backend);
        if (const auto endpoint = textField(doc, *config, "endpoint"))
            dims.emplace_back("endpoint", *endpoint);
        loadDims(doc, config, dims);
    }
    const uint32_t group = w.group(std::move(dims));
    // request_count is the number of requests every per-request distribution was computed from.
    std::optional<uint32_t> n;
    if (const json::Node* rc = doc.member(root, "request_count"); rc && rc->type == json::Type::Object) {
        if (const auto v = numberField(doc, *rc, "avg"); v && *v >= 1)
            n = static_cast<uint32_t>(*v);
    }
    uint32_t metrics = 0;
    doc.forEachChild(root, [&](const json::Node& m) {
        if (m.type != json::Type::Object || m.key == "input_config")
            return;
        const auto unit = textField(doc, m, "unit");
        if (!unit)
            return;
        const std::string at = pointerTo({m.key});
        writeMetric(w, group, m.key, *unit, statsOf(w, doc, m, at), n, at);
        ++metrics;
    });
    if (metrics == 0)
        return std::nullopt;
    return out;
}

int recordsConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"records\"", "\"tag\"", "\"header\"", "\"unit\"", "\"avg\""});
}

std::optional<FileExtract> extractRecords(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node& root = doc.root();
    const json::Node* records = doc.member(root, "records");
    if (!records || records->type != json::Type::Object)
        return std::nullopt;
    FileExtract out;
    out.recognizer = "AIPerf JSON";
    ExtractWriter w(out);
    FileExtract::Dims dims;
    if (const json::Node* config = doc.member(root, "input_config")) {
        if (const json::Node* endpoint = doc.member(*config, "endpoint")) {
            out.namedModel = joinModels(doc, doc.member(*endpoint, "model_names"));
            dims.emplace_back("model", out.namedModel);
            if (const auto type = textField(doc, *endpoint, "type"))
                dims.emplace_back("endpoint", *type);
        }
        loadDims(doc, doc.member(*config, "loadgen"), dims);
    }
    const uint32_t group = w.group(std::move(dims));
    uint32_t metrics = 0;
    std::optional<double> requests, errors;
    Locator errorsAt;
    doc.forEachChild(*records, [&](const json::Node& m) {
        if (m.type != json::Type::Object)
            return;
        const auto unit = textField(doc, m, "unit");
        if (!unit)
            return;
        const std::string at = pointerTo({"records", m.key});
        std::optional<uint32_t> n;
        if (const auto count = numberField(doc, m, "count"); count && *count >= 1)
            n = static_cast<uint32_t>(*count);
        const auto avg = numberField(doc, m, "avg");
        if (m.key == "request_count")
            requests = avg;
        if (m.key == "error_request_count") {
            errors = avg;
            errorsAt = w.pointer(at, 0, "avg");
        }
        // The display name is the better name for a tag this recognizer does not know ("ttst" is "Time to
        // Second Token"); known tags keep their own.
        const auto header = textField(doc, m, "header");
        std::string name(m.key);
        if (header && !catalogNames().count(normalizeKey(m.key)) && !customNames().count(normalizeKey(m.key)))
            name = *header;
        writeMetric(w, group, name, *unit, statsOf(w, doc, m, at), n, at);
        ++metrics;
    });
    if (metrics == 0)
        return std::nullopt;
    // request_count counts the requests that completed; error_request_count the ones that failed.
    if (requests && errors && *requests + *errors > 0) {
        w.reported(group, w.metric("success_rate"), Statistic::Value, *requests / (*requests + *errors),
            static_cast<uint32_t>(*requests + *errors), errorsAt);
    }
    if (const json::Node* summary = doc.member(root, "error_summary"); summary && summary->type == json::Type::Array) {
        uint32_t index = 0;
        doc.forEachChild(*summary, [&](const json::Node& e) {
            const std::string at = fmt::format("/error_summary/{}", index++);
            const json::Node* details = doc.member(e, "error_details");
            const auto count = numberField(doc, e, "count");
            std::string what = details ? textField(doc, *details, "type").value_or("error") : "error";
            if (details) {
                if (const auto code = textField(doc, *details, "code")) {
                    what += " (code ";
                    what += *code;
                    what += ')';
                }
                if (const auto message = textField(doc, *details, "message")) {
                    what += ": ";
                    what += *message;
                }
            }
            w.diagnostic(
                Severity::Info, at, fmt::format("{} request(s) failed with {}", cleanNumber(count.value_or(0)), what));
        });
    }
    return out;
}

int csvConfidence(const FileInput& in)
{
    if (in.type != FileType::Csv)
        return 0;
    const auto first = normalizeKey(in.bytes.substr(0, in.bytes.find('\n')));
    return first.starts_with("metric_avg_min_max") ? confidence::Certain : 0;
}

// "Time to First Token (ms)" -> ("Time to First Token", "ms"); "Request Count" -> ("Request Count", "").
std::pair<std::string, std::string> splitUnit(std::string_view metric)
{
    metric = trim(metric);
    const auto open = metric.rfind('(');
    if (open == std::string_view::npos || !metric.ends_with(")"))
        return {std::string(metric), {}};
    return {std::string(trim(metric.substr(0, open))),
        std::string(trim(metric.substr(open + 1, metric.size() - open - 2)))};
}

// GenAI-Perf's CSV unit for counts is absent ("Request Count"); the JSON says "count" or "requests".
std::optional<FileExtract> extractCsv(const FileInput& in)
{
    FileExtract out;
    out.recognizer
        = fileName(in.relativePath).find("aiperf") != std::string_view::npos ? "AIPerf CSV" : "GenAI-Perf CSV";
    ExtractWriter w(out);
    FileExtract::Dims dims;
    // Artifact folders are named "<model>-openai-chat-concurrency8" or "...-request_rate10.0".
    const std::string_view path = in.relativePath;
    const auto slash = path.rfind('/');
    const std::string folder
        = slash == std::string_view::npos ? std::string() : std::string(fileName(path.substr(0, slash)));
    for (const char* k : {"concurrency", "request_rate"}) {
        const auto at = folder.rfind(k);
        if (at != std::string::npos && at > 0 && folder[at - 1] == '-') {
            if (const auto v = parseNumber(std::string_view(folder).substr(at + std::string_view(k).size())))
                dims.emplace_back(k, cleanNumber(*v));
        }
    }
    const uint32_t group = w.group(std::move(dims));
    std::vector<std::string> header;
    uint32_t metrics = 0;
    csv::parse(in.bytes, ',', [&](const csv::Row& row) {
        if (row.fields.empty())
            return true;
        // A new table starts with its own header row ("Metric,avg,..." then "Metric,Value").
        if (normalizeKey(row.fields[0]) == "metric") {
            header.clear();
            for (const auto f : row.fields)
                header.emplace_back(trim(f));
            return true;
        }
        if (header.empty())
            return true;
        const auto [name, unit] = splitUnit(row.fields[0]);
        std::vector<Stat> stats;
        for (size_t i = 1; i < std::min(header.size(), row.fields.size()); ++i) {
            const auto v = parseNumber(trim(row.fields[i]));
            if (!v) {
                if (!trim(row.fields[i]).empty())
                    w.diagnostic(Severity::Warning, fmt::format("line {} col {}", row.line, header[i]),
                        fmt::format("'{}' is not a number; skipped", trim(row.fields[i])));
                continue;
            }
            // The run-level table's single "Value" column is what the JSON calls avg.
            const std::string stat = normalizeKey(header[i]) == "value" ? "avg" : normalizeKey(header[i]);
            stats.push_back({stat, *v, w.cell(row.line, header[i])});
        }
        if (stats.empty())
            return true;
        writeMetric(w, group, name, unit, stats, std::nullopt, fmt::format("line {}", row.line));
        ++metrics;
        return true;
    });
    if (metrics == 0)
        return std::nullopt;
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"GenAI-Perf JSON", flatConfidence, extractFlat},
    Recognizer {"AIPerf JSON", recordsConfidence, extractRecords},
    Recognizer {"GenAI-Perf CSV", csvConfidence, extractCsv},
};

} // namespace

std::span<const Recognizer> genaiPerfRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
