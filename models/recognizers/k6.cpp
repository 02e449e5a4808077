// k6 end-of-test summaries: `--summary-export` JSON (legacy: metrics{name: {avg, med, p(95), count, rate}}),
// handleSummary's JSON (metrics{name: {type, contains, values{...}}}, state.testRunDurationMs) and the console
// summary ("http_req_duration...: avg=12.74ms min=5.22ms ..." with "{ tag:value }" sub-metric lines, v0.x and
// v1.x layouts). Everything is the tool's own statistics (no per-request samples). Trend times are ms in the
// JSON (k6's default summaryTimeUnit); console cells carry their own unit (µs, ms, s, 1m2s).
// http_req_duration -> latency_ms with n = the http_reqs count; http_reqs rate -> request_throughput_req_s;
// other trends are kept under their own name. Sub-metrics ("{name:login}") are variants by their tags; vus_max is
// a dimension (a load parameter), never a metric.
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

struct K6Metric
{
    std::string name; // "http_req_duration"
    FileExtract::Dims tags; // from "{expected_response:true}"
    std::vector<std::pair<std::string, double>> values; // "avg", "p(95)", "count", "rate", "passes", ...
    bool time = false; // trend values are durations in ms
    Locator locator;
};

// "http_req_duration{name:login,status:200}" -> name + tags.
void splitTags(std::string_view key, K6Metric& m)
{
    const auto brace = key.find('{');
    m.name = std::string(trim(key.substr(0, brace)));
    if (brace == std::string_view::npos)
        return;
    auto inner = key.substr(brace + 1);
    if (const auto close = inner.rfind('}'); close != std::string_view::npos)
        inner = inner.substr(0, close);
    while (!inner.empty()) {
        const auto comma = inner.find(',');
        const auto part = trim(inner.substr(0, comma));
        if (const auto colon = part.find(':'); colon != std::string_view::npos && colon > 0)
            m.tags.emplace_back(std::string(trim(part.substr(0, colon))), std::string(trim(part.substr(colon + 1))));
        inner = comma == std::string_view::npos ? std::string_view {} : inner.substr(comma + 1);
    }
}

std::optional<Statistic> trendStatistic(std::string_view key)
{
    static constexpr std::pair<std::string_view, Statistic> map[]
        = {{"avg", Statistic::Mean}, {"med", Statistic::Median}, {"min", Statistic::Min}, {"max", Statistic::Max}};
    for (const auto& [k, s] : map) {
        if (k == key)
            return s;
    }
    // Percentiles as summaryTrendStats names them: p(90), p(99.9), p(99.99), ...
    if (const auto p = percentileInName(key))
        return percentileStatistic(*p);
    return std::nullopt;
}

std::optional<double> valueOf(const K6Metric& m, std::string_view key)
{
    for (const auto& [k, v] : m.values) {
        if (k == key)
            return v;
    }
    return std::nullopt;
}

// Turns the metrics into reported values. `testRunMs`: handleSummary's state.testRunDurationMs.
void emit(ExtractWriter& w, const std::vector<K6Metric>& metrics, std::optional<double> testRunMs, Locator runLoc)
{
    FileExtract::Dims base;
    std::optional<uint32_t> requests;
    for (const auto& m : metrics) {
        if (m.tags.empty() && m.name == "vus_max") {
            if (auto v = valueOf(m, "max"); v)
                base.emplace_back("vus_max", cleanNumber(*v));
            else if (auto value = valueOf(m, "value"))
                base.emplace_back("vus_max", cleanNumber(*value));
        }
        if (m.tags.empty() && m.name == "http_reqs") {
            if (auto c = valueOf(m, "count"); c && *c >= 0)
                requests = static_cast<uint32_t>(*c);
        }
    }
    for (const auto& m : metrics) {
        if (m.name == "vus" || m.name == "vus_max" || m.name == "data_sent" || m.name == "data_received")
            continue;
        FileExtract::Dims dims = base;
        dims.insert(dims.end(), m.tags.begin(), m.tags.end());
        const uint32_t g = w.group(std::move(dims));
        if (m.name == "http_reqs") {
            if (auto rate = valueOf(m, "rate"))
                w.reported(g, w.metric("request_throughput_req_s"), Statistic::Mean, *rate, requests, m.locator);
            if (auto count = valueOf(m, "count"))
                w.reported(
                    g, w.customMetric("http_reqs", "requests"), Statistic::Total, *count, std::nullopt, m.locator);
            continue;
        }
        if (m.name == "iterations") {
            if (auto count = valueOf(m, "count"))
                w.reported(
                    g, w.customMetric("iterations", "iterations"), Statistic::Total, *count, std::nullopt, m.locator);
            continue;
        }
        const bool trend = std::any_of(m.values.begin(), m.values.end(), [](const auto& kv) {
            return trendStatistic(kv.first).has_value() || percentileInName(kv.first).has_value();
        });
        if (trend) {
            const uint32_t metric = m.name == "http_req_duration"
                ? w.metric("latency_ms")
                : (m.time ? w.customMetric(m.name + "_ms", "ms") : w.customMetric(m.name, ""));
            std::optional<uint32_t> n;
            if (auto c = valueOf(m, "count"); c && *c >= 0)
                n = static_cast<uint32_t>(*c);
            else if (m.name == "http_req_duration" && m.tags.empty())
                n = requests;
            for (const auto& [k, v] : m.values) {
                if (auto s = trendStatistic(k))
                    w.reported(g, metric, *s, v, n, m.locator);
                else if (percentileInName(k))
                    w.diagnostic(Severity::Info,
                        m.locator.line ? fmt::format("line {}", m.locator.line) : std::string(),
                        fmt::format("{} {}: a percentile BenchLens has no statistic for; not kept", m.name, k));
            }
            continue;
        }
        // Rate metrics: checks (passes = checks that passed), http_req_failed (rate = failed fraction).
        if (auto passes = valueOf(m, "passes"))
            w.reported(g, w.customMetric(m.name + "_passes", ""), Statistic::Total, *passes, std::nullopt, m.locator);
        if (auto fails = valueOf(m, "fails"))
            w.reported(g, w.customMetric(m.name + "_fails", ""), Statistic::Total, *fails, std::nullopt, m.locator);
        if (auto rate = valueOf(m, "rate"))
            w.reported(g,
                w.customMetric(m.name + "_rate", m.name == "http_req_failed" || m.name == "checks" ? "ratio" : "/s"),
                Statistic::Value, *rate, std::nullopt, m.locator);
    }
    if (testRunMs) {
        const uint32_t g = w.group(base);
        w.reported(g, w.customMetric("test_run_duration_ms", "ms"), Statistic::Value, *testRunMs, std::nullopt, runLoc);
    }
}

// ----- JSON -----

int jsonConfidence(const FileInput& in)
{
    if (in.type != FileType::Json)
        return 0;
    const auto h = head(in.bytes);
    return containsAll(h, {"\"metrics\""}) && containsAny(h, {"\"http_reqs\"", "\"iterations\"", "\"vus_max\""})
            && containsAny(h, {"\"root_group\"", "\"iteration_duration\"", "\"http_req_duration\""})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node* metricsNode = doc.member(doc.root(), "metrics");
    if (!metricsNode || metricsNode->type != json::Type::Object)
        return std::nullopt;
    FileExtract out;
    ExtractWriter w(out);
    std::vector<K6Metric> metrics;
    bool handleSummary = false;
    doc.forEachChild(*metricsNode, [&](const json::Node& node) {
        if (node.type != json::Type::Object)
            return;
        K6Metric m;
        splitTags(node.key, m);
        const json::Node* values = doc.member(node, "values");
        std::string pointer = "/metrics";
        appendPointerToken(pointer, node.key);
        if (values && values->type == json::Type::Object) {
            handleSummary = true;
            m.time = textField(doc, node, "contains").value_or("") == "time";
            pointer += "/values";
        } else {
            values = &node;
            // Legacy export: no "contains"; k6's built-in trends are all times.
            m.time = m.name.starts_with("http_req_") || m.name == "iteration_duration" || m.name == "group_duration";
        }
        m.locator = w.pointer(pointer);
        doc.forEachChild(*values, [&](const json::Node& v) {
            if (v.type == json::Type::Number)
                m.values.emplace_back(std::string(v.key), v.number);
        });
        metrics.push_back(std::move(m));
    });
    if (metrics.empty())
        return std::nullopt;
    out.recognizer = handleSummary ? "k6 summary JSON" : "k6 summary export JSON";
    std::optional<double> testRunMs;
    if (const json::Node* state = doc.member(doc.root(), "state"); state && state->type == json::Type::Object)
        testRunMs = numberField(doc, *state, "testRunDurationMs");
    emit(w, metrics, testRunMs, w.pointer("/state", 0, "testRunDurationMs"));
    return unlessEmpty(std::move(out));
}

// ----- console -----

// "656.71ms", "1.2s", "120µs", "1m2.5s", "2h0m0s" -> ms; nullopt for anything else.
std::optional<double> durationMs(std::string_view s)
{
    double total = 0;
    bool any = false;
    while (!s.empty()) {
        size_t i = 0;
        while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
            ++i;
        const auto number = parseNumber(s.substr(0, i));
        if (!number)
            return std::nullopt;
        s.remove_prefix(i);
        static constexpr std::pair<std::string_view, double> units[] = {{"ms", 1.0}, {"\u00b5s", 1e-3},
            {"\u03bcs", 1e-3}, {"us", 1e-3}, {"ns", 1e-6}, {"s", 1000.0}, {"m", 60000.0}, {"h", 3600000.0}};
        bool matched = false;
        for (const auto& [unit, factor] : units) {
            if (s.starts_with(unit)) {
                total += *number * factor;
                s.remove_prefix(unit.size());
                matched = true;
                break;
            }
        }
        if (!matched)
            return std::nullopt;
        any = true;
    }
    return any ? std::optional<double>(total) : std::nullopt;
}

int consoleConfidence(const FileInput& in)
{
    if (in.type != FileType::Text && in.type != FileType::Markdown && in.type != FileType::Other)
        return 0;
    return containsAll(in.bytes, {"http_req_duration", "iteration_duration", "http_reqs"})
            && containsAny(in.bytes, {": avg=", ": min=", ": med="})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractConsole(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "k6 console summary";
    ExtractWriter w(out);
    std::vector<K6Metric> metrics;
    std::string lastName;
    forEachLine(in.bytes, [&](uint32_t lineNo, std::string_view line) {
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        // "     http_req_duration..............: min=..." / "       { expected_response:true }...: ..."
        const auto dots = line.find("...");
        const auto colon = line.find(": ", dots == std::string_view::npos ? 0 : dots);
        if (dots == std::string_view::npos || colon == std::string_view::npos)
            return;
        auto key = trim(line.substr(0, dots));
        // A summary line has only dots between the name and the colon.
        if (line.substr(dots, colon - dots).find_first_not_of('.') != std::string_view::npos || key.empty())
            return;
        // v0.x marks thresholds with ✓/✗ before the name.
        for (std::string_view mark : {"\u2713 ", "\u2717 "}) {
            if (key.starts_with(mark))
                key = trim(key.substr(mark.size()));
        }
        K6Metric m;
        if (key.starts_with("{")) {
            if (lastName.empty())
                return;
            splitTags(lastName + std::string(key), m);
        } else {
            if (key.find(' ') != std::string_view::npos)
                return;
            splitTags(key, m);
            lastName = m.name;
        }
        m.locator = w.line(lineNo);
        const auto ws = splitWords(line.substr(colon + 1));
        if (ws.empty())
            return;
        if (ws.front().find('=') != std::string_view::npos) {
            // Trend: key=duration pairs.
            m.time = true;
            for (const auto word : ws) {
                const auto eq = word.find('=');
                if (eq == std::string_view::npos)
                    continue;
                const auto k = word.substr(0, eq);
                const auto v = word.substr(eq + 1);
                if (k == "count") {
                    if (auto n = parseNumber(v))
                        m.values.emplace_back("count", *n);
                } else if (auto ms = durationMs(v)) {
                    m.values.emplace_back(std::string(k), *ms);
                } else if (auto plain = parseNumber(v)) {
                    m.time = false;
                    m.values.emplace_back(std::string(k), *plain);
                }
            }
        } else if (auto count = parseNumber(ws.front())) {
            // Counter "1000   149.899824/s"; gauge "100  min=100  max=100".
            m.values.emplace_back("count", *count);
            for (size_t i = 1; i < ws.size(); ++i) {
                if (ws[i].ends_with("/s")) {
                    if (auto r = parseNumber(ws[i].substr(0, ws[i].size() - 2)))
                        m.values.emplace_back("rate", *r);
                } else if (const auto eq = ws[i].find('='); eq != std::string_view::npos) {
                    if (auto v = parseNumber(ws[i].substr(eq + 1)))
                        m.values.emplace_back(std::string(ws[i].substr(0, eq)), *v);
                }
            }
            if (m.name == "vus_max" || m.name == "vus")
                m.values.emplace_back("value", *count);
        } else if (ws.front().ends_with("%")) {
            // Rate "0.00%  ✓ 0  ✗ 1000" (v0.x) or "0.00%  0 out of 6913" (v1.x).
            if (auto r = parseNumber(ws.front().substr(0, ws.front().size() - 1)))
                m.values.emplace_back("rate", *r / 100);
            for (size_t i = 1; i + 1 < ws.size(); ++i) {
                if (ws[i] == "\u2713")
                    if (auto v = parseNumber(ws[i + 1]))
                        m.values.emplace_back("passes", *v);
                if (ws[i] == "\u2717")
                    if (auto v = parseNumber(ws[i + 1]))
                        m.values.emplace_back("fails", *v);
            }
        } else {
            return;
        }
        if (!m.values.empty())
            metrics.push_back(std::move(m));
    });
    if (metrics.empty())
        return std::nullopt;
    emit(w, metrics, std::nullopt, {});
    return unlessEmpty(std::move(out));
}

constexpr std::array kRecognizers = {
    Recognizer {"k6 summary JSON", jsonConfidence, extractJson},
    Recognizer {"k6 console summary", consoleConfidence, extractConsole},
};

} // namespace

std::span<const Recognizer> k6Recognizers()
{
    return kRecognizers;
}

} // namespace benchlens
