// JMH `-rf json` results: an array of runs {benchmark, mode, params{}, primaryMetric{score, scoreError,
// scorePercentiles, scoreUnit, rawData[fork][iteration]}}. rawData holds the measurement iterations only (JMH
// drops the warm-up iterations), one sample each. Units follow scoreUnit: throughput modes ("ops/s", "ops/ms")
// become ops_per_s, time modes ("ns/op", "us/op", "ms/op", "s/op") time_per_iteration_ns. The benchmark, the mode
// and params{} are the variant; threads/forks/iteration settings are the run's configuration, not metrics.
//
// JMH console results (the table printed at the end of a run, also pasted into logs and READMEs):
// "Benchmark  (param)...  Mode  Cnt  Score   Error  Units" and rows "Cls.method  v...  thrpt  25  1234.5 ± 6.7  ops/s".
// Score is the mean over Cnt measurement iterations (reported, n = Cnt), Error the half-width of its 99.9% confidence
// interval (score_error). Units as in the JSON: time per op -> time_per_iteration_ns, ops per time -> ops_per_s.
// Secondary rows ("Cls.method:p0.99", "Cls.method:·gc.alloc.rate") belong to the row above: percentiles of the
// sample mode as reported percentiles, other secondaries under their own name and unit. A "(param)" column's N/A
// (the parameter does not apply to that benchmark) is no dimension; decimal commas (a JVM locale) are read.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace benchlens {

namespace {

// Nanoseconds per time unit as JMH writes it (TimeUnit abbreviations), or nullopt.
std::optional<double> nsPer(std::string_view unit)
{
    if (unit == "ns")
        return 1.0;
    if (unit == "us" || unit == "\u00b5s")
        return 1e3;
    if (unit == "ms")
        return 1e6;
    if (unit == "s")
        return 1e9;
    if (unit == "min")
        return 60e9;
    return std::nullopt;
}

struct UnitMapping
{
    std::string metric; // catalog id
    double factor = 1; // multiply a JMH value by this
};

// "ops/ms" -> ops_per_s x 1000; "ms/op" -> time_per_iteration_ns x 1e6; nullopt for other units.
std::optional<UnitMapping> mapUnit(std::string_view unit)
{
    const auto slash = unit.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    const auto num = unit.substr(0, slash);
    const auto den = unit.substr(slash + 1);
    if (num == "ops") {
        if (auto ns = nsPer(den))
            return UnitMapping {"ops_per_s", 1e9 / *ns};
    } else if (den == "op") {
        if (auto ns = nsPer(num))
            return UnitMapping {"time_per_iteration_ns", *ns};
    }
    return std::nullopt;
}

int confidenceOf(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"benchmark\"", "\"mode\"", "\"primaryMetric\"", "\"scoreUnit\""});
}

std::optional<FileExtract> extract(const FileInput& in)
{
    auto parsed = json::parse(in.bytes);
    if (!parsed.ok || parsed.document.root().type != json::Type::Array)
        return std::nullopt;
    const auto& doc = parsed.document;
    FileExtract out;
    out.recognizer = "JMH JSON";
    ExtractWriter w(out);
    uint32_t index = 0;
    bool percentilesBesideSamples = false;
    doc.forEachChild(doc.root(), [&](const json::Node& run) {
        const std::string pointer = fmt::format("/{}", index++);
        const auto benchmark = textField(doc, run, "benchmark");
        const json::Node* pm = doc.member(run, "primaryMetric");
        if (!benchmark || !pm || pm->type != json::Type::Object)
            return;
        const auto unitText = textField(doc, *pm, "scoreUnit");
        const auto mapping = unitText ? mapUnit(*unitText) : std::nullopt;
        FileExtract::Dims dims = {{"benchmark", *benchmark}};
        if (auto mode = textField(doc, run, "mode"))
            dims.emplace_back("mode", *mode);
        if (const json::Node* params = doc.member(run, "params"); params && params->type == json::Type::Object) {
            doc.forEachChild(*params, [&](const json::Node& p) {
                if (auto v = textField(doc, *params, p.key))
                    dims.emplace_back(std::string(p.key), *v);
            });
        }
        if (auto threads = textField(doc, run, "threads"))
            dims.emplace_back("threads", *threads);
        const uint32_t g = w.group(std::move(dims));
        const uint32_t metric = mapping
            ? w.metric(mapping->metric)
            : w.customMetric(normalizeKey(fmt::format("score_{}", unitText.value_or(""))), unitText.value_or(""));
        const double factor = mapping ? mapping->factor : 1;
        uint32_t n = 0;
        if (const json::Node* raw = doc.member(*pm, "rawData"); raw && raw->type == json::Type::Array) {
            uint32_t fork = 0;
            doc.forEachChild(*raw, [&](const json::Node& f) {
                uint32_t it = 0;
                doc.forEachChild(f, [&](const json::Node& v) {
                    const std::string at = fmt::format("{}/primaryMetric/rawData/{}/{}", pointer, fork, it++);
                    const uint32_t rec = w.record(g, w.pointer(at));
                    if (v.type == json::Type::Number) {
                        w.sampleAt(rec, metric, v.number * factor, at);
                        ++n;
                    }
                });
                ++fork;
            });
        }
        const std::optional<uint32_t> count = n ? std::optional<uint32_t>(n) : std::nullopt;
        const std::string pmPointer = pointer + "/primaryMetric";
        if (auto score = numberField(doc, *pm, "score"))
            w.reported(g, metric, Statistic::Mean, *score * factor, count, w.pointer(pmPointer, 0, "score"));
        if (auto err = numberField(doc, *pm, "scoreError"))
            w.reported(g, w.customMetric("score_error", mapping ? w.out().metrics[metric].unit : unitText.value_or("")),
                Statistic::Value, *err * factor, count, w.pointer(pmPointer, 0, "scoreError"));
        if (const json::Node* pct = doc.member(*pm, "scorePercentiles"); pct && pct->type == json::Type::Object) {
            percentilesBesideSamples = percentilesBesideSamples || n > 0;
            static constexpr StatKey stats[] = {{"0.0", Statistic::Min}, {"50.0", Statistic::P50},
                {"90.0", Statistic::P90}, {"95.0", Statistic::P95}, {"99.0", Statistic::P99}, {"99.9", Statistic::P999},
                {"100.0", Statistic::Max}};
            reportStats(w, g, metric, doc, *pct, pmPointer + "/scorePercentiles", stats, factor, count);
        }
    });
    if (out.records.empty() && out.reported.empty())
        return std::nullopt;
    if (percentilesBesideSamples) {
        // Same samples, different estimator: say so, so a cross-check disagreement on a percentile is understood.
        w.diagnostic(Severity::Info, {},
            "JMH computes scorePercentiles from rawData with its own percentile estimator; BenchLens interpolates "
            "the same rawData samples (type 7), so percentiles of few iterations can differ by a few percent");
    }
    return out;
}

// ----- console table -----

bool isConsoleHeader(const std::vector<std::string_view>& ws)
{
    return ws.size() >= 4 && ws.front() == "Benchmark" && std::find(ws.begin(), ws.end(), "Mode") != ws.end()
        && std::find(ws.begin(), ws.end(), "Score") != ws.end() && ws.back() == "Units";
}

int consoleConfidence(const FileInput& in)
{
    if (in.type == FileType::Json || in.type == FileType::Csv)
        return 0;
    const auto h = head(in.bytes, 1 << 20);
    if (!containsAll(h, {"Benchmark", "Mode", "Score", "Units"}))
        return 0;
    bool header = false;
    forEachLine(h, [&](uint32_t, std::string_view line) {
        header = isConsoleHeader(splitWords(line));
        return !header;
    });
    return header ? confidence::Certain : 0;
}

// "0,469" (a JVM with a decimal-comma locale) or "1234.5"; JMH prints no grouping separators.
std::optional<double> consoleNumber(std::string_view text)
{
    if (text.find(',') != std::string_view::npos && text.find('.') == std::string_view::npos) {
        std::string dotted(text);
        std::replace(dotted.begin(), dotted.end(), ',', '.');
        return parseNumber(dotted);
    }
    return parseNumber(text);
}

bool isMode(std::string_view m)
{
    return m == "thrpt" || m == "avgt" || m == "sample" || m == "ss";
}

// A secondary row's percentile ("p0.99" -> P99, "p0.50" -> P50, "p1.00" -> Max, "p0.00" -> Min).
std::optional<Statistic> secondaryPercentile(std::string_view label)
{
    static constexpr std::pair<std::string_view, Statistic> kPercentiles[]
        = {{"p0.00", Statistic::Min}, {"p0.50", Statistic::P50}, {"p0.90", Statistic::P90}, {"p0.95", Statistic::P95},
            {"p0.99", Statistic::P99}, {"p0.999", Statistic::P999}, {"p1.00", Statistic::Max}};
    for (const auto& [name, statistic] : kPercentiles) {
        if (label == name)
            return statistic;
    }
    return std::nullopt;
}

std::optional<FileExtract> extractConsole(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "JMH console table";
    ExtractWriter w(out);
    std::vector<std::string> params; // the "(param)" columns of the current table
    bool hasCount = false;
    bool inTable = false;
    constexpr uint32_t kNoRow = UINT32_MAX;
    uint32_t primaryGroup = kNoRow; // the group of the last primary row, for its secondary rows
    std::optional<uint32_t> primaryN;
    uint32_t skipped = 0;
    forEachLine(in.bytes, [&](uint32_t lineNo, std::string_view line) {
        const auto ws = splitWords(line);
        if (isConsoleHeader(ws)) {
            params.clear();
            for (const auto word : ws) {
                if (word.size() > 2 && word.front() == '(' && word.back() == ')')
                    params.emplace_back(word.substr(1, word.size() - 2));
            }
            hasCount = std::find(ws.begin(), ws.end(), "Cnt") != ws.end();
            inTable = true;
            primaryGroup = kNoRow;
            return;
        }
        if (!inTable || ws.empty())
            return;
        if (std::find(ws.begin(), ws.end(), "\u2248") != ws.end()) {
            ++skipped; // "≈ 10⁻⁴": JMH prints no number for a score below its precision
            return;
        }
        // From the right: Units, then "Score ± Error" or "Score"; before them the name, the parameters, the mode and
        // the count.
        if (ws.size() < 4) {
            inTable = false;
            return;
        }
        const std::string_view unit = ws.back();
        size_t scoreAt = ws.size() - 2;
        std::optional<double> error;
        if (ws.size() >= 5 && ws[ws.size() - 3] == "\u00b1") {
            error = consoleNumber(ws[ws.size() - 2]);
            scoreAt = ws.size() - 4;
        }
        const auto score = consoleNumber(ws[scoreAt]);
        const size_t before = scoreAt; // name + params + mode [+ cnt]
        std::optional<uint32_t> count;
        size_t modeAt = before - 1;
        if (hasCount && before >= 2 && before == params.size() + 3) {
            if (const auto c = parseNumber(ws[before - 1]); c && *c >= 1)
                count = static_cast<uint32_t>(*c);
            modeAt = before - 2;
        }
        if (modeAt == 0 || !isMode(ws[modeAt]) || modeAt != params.size() + 1) {
            inTable = false; // the table ended: prose or another tool's output follows
            return;
        }
        if (!score) {
            ++skipped; // "≈ 10⁻⁴" and other values JMH does not print as a number
            return;
        }
        const std::string_view name = ws[0];
        const auto colon = name.find(':');
        const auto mapping = mapUnit(unit);
        const Locator loc = w.line(lineNo);
        if (colon != std::string_view::npos) {
            // A secondary result of the primary row above.
            if (primaryGroup == kNoRow)
                return;
            std::string_view label = name.substr(colon + 1);
            // "m·p0.50" (JMH before 1.37), "p0.50", "·gc.alloc.rate": the part after the last '·'.
            if (const auto dot = label.rfind("\u00b7"); dot != std::string_view::npos)
                label.remove_prefix(dot + std::string_view("\u00b7").size());
            if (const auto statistic = secondaryPercentile(label); statistic && mapping)
                w.reported(
                    primaryGroup, w.metric(mapping->metric), *statistic, *score * mapping->factor, primaryN, loc);
            else
                w.reported(
                    primaryGroup, w.customMetric(normalizeKey(label), unit), Statistic::Mean, *score, count, loc);
            return;
        }
        FileExtract::Dims dims = {{"benchmark", std::string(name)}, {"mode", std::string(ws[modeAt])}};
        for (size_t p = 0; p < params.size(); ++p) {
            if (ws[1 + p] != "N/A")
                dims.emplace_back(params[p], std::string(ws[1 + p]));
        }
        const uint32_t g = w.group(std::move(dims));
        primaryGroup = g;
        primaryN = count;
        const uint32_t metric
            = mapping ? w.metric(mapping->metric) : w.customMetric(normalizeKey(fmt::format("score_{}", unit)), unit);
        const double factor = mapping ? mapping->factor : 1;
        w.reported(g, metric, Statistic::Mean, *score * factor, count, loc);
        if (error)
            w.reported(g, w.customMetric("score_error", mapping ? w.out().metrics[metric].unit : std::string(unit)),
                Statistic::Value, *error * factor, count, loc);
    });
    if (skipped)
        w.diagnostic(Severity::Info, {},
            fmt::format(
                "{} JMH result row(s) without a numeric score (such as '\u2248 10\u207b\u2074') not read", skipped));
    return unlessEmpty(std::move(out));
}

constexpr std::array kRecognizers = {
    Recognizer {"JMH JSON", confidenceOf, extract},
    Recognizer {"JMH console table", consoleConfidence, extractConsole},
};

} // namespace

std::span<const Recognizer> jmhRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
