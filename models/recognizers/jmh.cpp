// JMH `-rf json` results: an array of runs {benchmark, mode, params{}, primaryMetric{score, scoreError,
// scorePercentiles, scoreUnit, rawData[fork][iteration]}}. rawData holds the measurement iterations only (JMH
// drops the warm-up iterations), one sample each. Units follow scoreUnit: throughput modes ("ops/s", "ops/ms")
// become ops_per_s, time modes ("ns/op", "us/op", "ms/op", "s/op") time_per_iteration_ns. The benchmark, the mode
// and params{} are the variant; threads/forks/iteration settings are the run's configuration, not metrics.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <span>

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

constexpr std::array kRecognizers = {
    Recognizer {"JMH JSON", confidenceOf, extract},
};

} // namespace

std::span<const Recognizer> jmhRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
