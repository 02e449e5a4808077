// oha (HTTP load generator) summaries: `-j` JSON ({summary{successRate, total, slowest, fastest, average,
// requestsPerSec}, latencyPercentiles{p50..p99.99}, statusCodeDistribution}, also inside a runner's envelope such
// as {stdout: {value: {...}}}) and the console text ("Summary:" / "Response time distribution:" / "Status code
// distribution:" blocks). Latencies are seconds in both; n is the number of responses with a status code
// (requests that ended in an error, e.g. "aborted due to deadline", are outside it).
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <functional>
#include <span>
#include <tuple>
#include <vector>

namespace benchlens {

namespace {

constexpr double kSecondsToMs = 1000;

std::optional<Statistic> percentileStatistic(std::string_view p)
{
    static constexpr std::pair<std::string_view, Statistic> map[]
        = {{"10", Statistic::P10}, {"25", Statistic::P25}, {"50", Statistic::P50}, {"75", Statistic::P75},
            {"90", Statistic::P90}, {"95", Statistic::P95}, {"99", Statistic::P99}, {"99.9", Statistic::P999}};
    for (const auto& [k, s] : map) {
        if (k == p)
            return s;
    }
    return std::nullopt;
}

// The object holding "summary" and "latencyPercentiles", at the root or nested (depth-first, a few levels).
const json::Node* findReport(const json::Document& doc, const json::Node& node, int depth)
{
    if (node.type != json::Type::Object || depth > 4)
        return nullptr;
    if (doc.member(node, "summary") && doc.member(node, "latencyPercentiles"))
        return &node;
    const json::Node* found = nullptr;
    doc.forEachChild(node, [&](const json::Node& c) {
        if (!found)
            found = findReport(doc, c, depth + 1);
    });
    return found;
}

std::string pointerOf(const json::Document& doc, const json::Node& target)
{
    // Rebuild the pointer by searching from the root (the report is a few levels down at most).
    std::string result;
    std::function<bool(const json::Node&, std::string)> walk = [&](const json::Node& n, std::string p) {
        if (&n == &target) {
            result = p;
            return true;
        }
        if (n.type != json::Type::Object)
            return false;
        bool done = false;
        doc.forEachChild(n, [&](const json::Node& c) {
            if (done)
                return;
            std::string cp = p;
            appendPointerToken(cp, c.key);
            done = walk(c, cp);
        });
        return done;
    };
    walk(doc.root(), "");
    return result;
}

int jsonConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"latencyPercentiles\"", "\"requestsPerSec\"", "\"summary\""});
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto parsed = json::parse(in.bytes);
    if (!parsed.ok)
        return std::nullopt;
    const auto& doc = parsed.document;
    const json::Node* report = findReport(doc, doc.root(), 0);
    if (!report)
        return std::nullopt;
    const std::string base = pointerOf(doc, *report);
    FileExtract out;
    out.recognizer = "oha JSON";
    ExtractWriter w(out);
    const uint32_t g = w.group({});
    const uint32_t latency = w.metric("latency_ms");
    std::optional<uint32_t> n;
    if (const json::Node* codes = doc.member(*report, "statusCodeDistribution");
        codes && codes->type == json::Type::Object) {
        double total = 0;
        doc.forEachChild(*codes, [&](const json::Node& c) { total += c.type == json::Type::Number ? c.number : 0; });
        n = static_cast<uint32_t>(total);
    }
    const json::Node* summary = doc.member(*report, "summary");
    const std::string sp = base + "/summary";
    static constexpr StatKey stats[]
        = {{"average", Statistic::Mean}, {"fastest", Statistic::Min}, {"slowest", Statistic::Max}};
    reportStats(w, g, latency, doc, *summary, sp, stats, kSecondsToMs, n);
    if (auto v = numberField(doc, *summary, "requestsPerSec"))
        w.reported(g, w.metric("request_throughput_req_s"), Statistic::Mean, *v, n, w.pointer(sp, 0, "requestsPerSec"));
    if (auto v = numberField(doc, *summary, "successRate"))
        w.reported(g, w.metric("success_rate"), Statistic::Value, *v, n, w.pointer(sp, 0, "successRate"));
    if (auto v = numberField(doc, *summary, "total"))
        w.reported(g, w.metric("total_duration_ms"), Statistic::Value, *v * kSecondsToMs, std::nullopt,
            w.pointer(sp, 0, "total"));
    if (const json::Node* pct = doc.member(*report, "latencyPercentiles"); pct && pct->type == json::Type::Object) {
        doc.forEachChild(*pct, [&](const json::Node& p) {
            if (p.type != json::Type::Number || !p.key.starts_with("p"))
                return;
            if (auto s = percentileStatistic(p.key.substr(1)))
                w.reported(
                    g, latency, *s, p.number * kSecondsToMs, n, w.pointer(base + "/latencyPercentiles", 0, p.key));
        });
    }
    return unlessEmpty(std::move(out));
}

// ----- console -----

int consoleConfidence(const FileInput& in)
{
    if (in.type == FileType::Json || in.type == FileType::Csv)
        return 0;
    const auto h = head(in.bytes);
    return containsAll(h, {"Summary:", "Success rate:", "Requests/sec:", "Response time"}) ? confidence::Certain : 0;
}

std::optional<double> secondsField(std::string_view text)
{
    // "5.9440 secs"
    const auto space = text.find(' ');
    return parseNumber(trim(text.substr(0, space)));
}

std::optional<FileExtract> extractConsole(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "oha console summary";
    ExtractWriter w(out);
    struct Block
    {
        std::vector<std::tuple<uint32_t, Statistic, double, uint32_t>> latency; // metric, statistic, ms, line
        std::vector<std::tuple<std::string, double, uint32_t>> other; // catalog id, value, line
        double responses = 0;
        bool hasCodes = false;
    };
    std::vector<Block> blocks;
    const uint32_t latency = w.metric("latency_ms");
    enum class Section
    {
        None,
        Summary,
        Distribution,
        Codes
    } section
        = Section::None;
    forEachLine(in.bytes, [&](uint32_t lineNo, std::string_view line) {
        const auto t = trim(line);
        if (t == "Summary:") {
            blocks.emplace_back();
            section = Section::Summary;
            return;
        }
        if (blocks.empty())
            return;
        if (t.starts_with("Response time distribution:") || t.starts_with("Response time distribution")) {
            section = Section::Distribution;
            return;
        }
        if (t.starts_with("Status code distribution")) {
            section = Section::Codes;
            return;
        }
        if (!t.empty() && t.back() == ':' && t.find(' ') == std::string_view::npos) {
            section = Section::None;
            return;
        }
        if (t.starts_with("Response time histogram") || t.starts_with("Details") || t.starts_with("Error distribution")
            || t.starts_with("```")) {
            section = Section::None;
            return;
        }
        Block& b = blocks.back();
        if (section == Section::Summary) {
            const auto colon = t.find(':');
            if (colon == std::string_view::npos)
                return;
            const auto key = t.substr(0, colon);
            const auto value = trim(t.substr(colon + 1));
            if (key == "Average" || key == "Fastest" || key == "Slowest") {
                if (auto s = secondsField(value))
                    b.latency.emplace_back(latency,
                        key == "Average"       ? Statistic::Mean
                            : key == "Fastest" ? Statistic::Min
                                               : Statistic::Max,
                        *s * kSecondsToMs, lineNo);
            } else if (key == "Requests/sec") {
                if (auto v = parseNumber(value))
                    b.other.emplace_back("request_throughput_req_s", *v, lineNo);
            } else if (key == "Success rate") {
                if (value.ends_with("%"))
                    if (auto v = parseNumber(value.substr(0, value.size() - 1)))
                        b.other.emplace_back("success_rate", *v / 100, lineNo);
            } else if (key == "Total") {
                if (auto s = secondsField(value))
                    b.other.emplace_back("total_duration_ms", *s * kSecondsToMs, lineNo);
            }
        } else if (section == Section::Distribution) {
            // "99.90% in 0.0071 secs"
            const auto pct = t.find("% in ");
            if (pct == std::string_view::npos)
                return;
            auto p = cleanNumber(parseNumber(t.substr(0, pct)).value_or(-1));
            if (auto s = percentileStatistic(p))
                if (auto v = secondsField(t.substr(pct + 5)))
                    b.latency.emplace_back(latency, *s, *v * kSecondsToMs, lineNo);
        } else if (section == Section::Codes) {
            // "[200] 20000 responses"
            const auto close = t.find("] ");
            if (!t.starts_with("[") || close == std::string_view::npos)
                return;
            const auto rest = t.substr(close + 2);
            if (auto v = parseNumber(rest.substr(0, rest.find(' ')))) {
                b.responses += *v;
                b.hasCodes = true;
            }
        }
    });
    for (size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        FileExtract::Dims dims;
        if (blocks.size() > 1)
            dims.emplace_back("run", std::to_string(i + 1));
        const uint32_t g = w.group(std::move(dims));
        const std::optional<uint32_t> n
            = b.hasCodes ? std::optional<uint32_t>(static_cast<uint32_t>(b.responses)) : std::nullopt;
        for (const auto& [metric, statistic, value, line] : b.latency)
            w.reported(g, metric, statistic, value, n, w.line(line));
        for (const auto& [id, value, line] : b.other)
            w.reported(g, w.metric(id),
                id == "total_duration_ms"  ? Statistic::Value
                    : id == "success_rate" ? Statistic::Value
                                           : Statistic::Mean,
                value, id == "total_duration_ms" ? std::nullopt : n, w.line(line));
    }
    return unlessEmpty(std::move(out));
}

constexpr std::array kRecognizers = {
    Recognizer {"oha JSON", jsonConfidence, extractJson},
    Recognizer {"oha console summary", consoleConfidence, extractConsole},
};

} // namespace

std::span<const Recognizer> ohaRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
