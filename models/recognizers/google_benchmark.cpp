// Google Benchmark JSON (--benchmark_format=json / --benchmark_out): {"context": {...}, "benchmarks": [...]}.
// Iteration rows are samples (real_time and cpu_time per iteration, each row in its own time_unit); aggregate
// rows (run_type "aggregate", or older files' _mean/_median/_stddev/_cv name suffixes) are reported values with
// n = repetitions, never averaged with the samples. cv rows are ratios. User counters become metrics of their
// own. Variant: the benchmark name without the aggregate suffix (run_name), with its arguments.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <set>
#include <span>

namespace benchlens {

namespace {

std::optional<double> timeUnitToMs(std::string_view unit)
{
    if (unit == "ns")
        return 1e-6;
    if (unit == "us")
        return 1e-3;
    if (unit == "ms")
        return 1;
    if (unit == "s")
        return 1e3;
    return std::nullopt;
}

bool isKnownField(std::string_view key)
{
    static const std::set<std::string_view> keys = {"name", "run_name", "run_type", "repetitions", "repetition_index",
        "threads", "iterations", "real_time", "cpu_time", "time_unit", "family_index", "per_family_instance_index",
        "aggregate_name", "aggregate_unit", "error_occurred", "error_message", "label", "big_o", "rms",
        "cpu_coefficient", "real_coefficient", "skipped", "skip_message"};
    return keys.count(key) > 0;
}

std::optional<Statistic> aggregateStatistic(std::string_view name)
{
    if (name == "mean")
        return Statistic::Mean;
    if (name == "median")
        return Statistic::Median;
    if (name == "stddev")
        return Statistic::StdDev;
    if (name == "cv")
        return Statistic::Cv;
    return std::nullopt;
}

// A user counter's unit: rates are per second whatever the row's time_unit.
std::string counterUnit(std::string_view name)
{
    if (name == "bytes_per_second")
        return "B/s";
    if (name == "items_per_second")
        return "items/s";
    if (name.ends_with("_per_second"))
        return "1/s";
    return "";
}

int confidenceOf(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"context\"", "\"benchmarks\""}, {"\"real_time\"", "\"cpu_time\""});
}

std::optional<FileExtract> extract(const FileInput& in)
{
    const auto file = parseJsonArrayMember(in.bytes, "benchmarks");
    if (!file)
        return std::nullopt;
    const auto& doc = file->doc();
    const json::Node* benchmarks = file->array;
    FileExtract out;
    out.recognizer = "Google Benchmark JSON";
    ExtractWriter w(out);
    if (const json::Node* context = doc.member(doc.root(), "context")) {
        if (textField(doc, *context, "library_build_type") == std::optional<std::string>("debug")) {
            w.diagnostic(Severity::Warning, "/context/library_build_type",
                "the benchmark library was built in debug mode: timings are not representative");
        }
    }
    const uint32_t realTime = w.metric("wall_time_ms");
    const uint32_t cpuTime = w.metric("cpu_time_ms");
    uint32_t skippedComplexity = 0;
    forEachElement(doc, *benchmarks, "/benchmarks", [&](const json::Node& b, const std::string& pointer) {
        const auto name = textField(doc, b, "name");
        if (b.type != json::Type::Object || !name)
            return;
        std::string runName = textField(doc, b, "run_name").value_or(*name);
        std::optional<Statistic> aggregate;
        if (auto aggregateName = textField(doc, b, "aggregate_name")) {
            aggregate = aggregateStatistic(*aggregateName);
            if (!aggregate) {
                ++skippedComplexity; // BigO, RMS or a user-defined aggregate
                return;
            }
        } else if (textField(doc, b, "run_type") != std::optional<std::string>("iteration")) {
            // Older files: the aggregate is only visible as a name suffix.
            for (const char* suffix : {"_mean", "_median", "_stddev", "_cv", "_BigO", "_RMS"}) {
                if (name->ends_with(suffix)) {
                    aggregate = aggregateStatistic(std::string_view(suffix + 1));
                    runName = name->substr(0, name->size() - std::string_view(suffix).size());
                    if (!aggregate) {
                        ++skippedComplexity;
                        return;
                    }
                }
            }
        }
        const uint32_t g = w.group({{"benchmark", runName}});
        const auto unit = textField(doc, b, "time_unit").value_or("ns");
        const auto factor = timeUnitToMs(unit);
        if (!factor) {
            w.diagnostic(Severity::Warning, pointer + "/time_unit", "unknown time_unit '" + unit + "': row skipped");
            return;
        }
        if (aggregate) {
            const auto n = numberField(doc, b, "repetitions");
            const std::optional<uint32_t> stated = n && *n > 0 ? std::optional<uint32_t>(uint32_t(*n)) : std::nullopt;
            // cv is a ratio even though the row carries a time_unit.
            const double f = *aggregate == Statistic::Cv ? 1 : *factor;
            if (auto v = numberField(doc, b, "real_time"))
                w.reported(g, realTime, *aggregate, *v * f, stated, w.pointer(pointer, 0, "real_time"));
            if (auto v = numberField(doc, b, "cpu_time"))
                w.reported(g, cpuTime, *aggregate, *v * f, stated, w.pointer(pointer, 0, "cpu_time"));
            doc.forEachChild(b, [&](const json::Node& m) {
                if (m.type == json::Type::Number && !isKnownField(m.key))
                    w.reported(g, w.customMetric(m.key, counterUnit(m.key)), *aggregate, m.number, stated,
                        w.pointer(pointer, 0, m.key));
            });
            return;
        }
        const auto error = doc.member(b, "error_occurred");
        const bool failed = error && error->type == json::Type::Bool && error->boolean;
        const uint32_t r = w.record(g, w.pointer(pointer), failed);
        if (failed)
            return;
        if (auto v = numberField(doc, b, "real_time"))
            w.sample(r, realTime, *v * *factor, "real_time");
        if (auto v = numberField(doc, b, "cpu_time"))
            w.sample(r, cpuTime, *v * *factor, "cpu_time");
        doc.forEachChild(b, [&](const json::Node& m) {
            if (m.type == json::Type::Number && !isKnownField(m.key))
                w.sample(r, w.customMetric(m.key, counterUnit(m.key)), m.number, m.key);
        });
    });
    if (skippedComplexity) {
        w.diagnostic(Severity::Info, {},
            fmt::format("{} complexity or user-defined aggregate row(s) (BigO, RMS, ...) not read", skippedComplexity));
    }
    return unlessEmpty(std::move(out));
}

constexpr std::array kRecognizers = {
    Recognizer {"Google Benchmark JSON", confidenceOf, extract},
};

} // namespace

std::span<const Recognizer> googleBenchmarkRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
