// pytest-benchmark saved JSON (--benchmark-json, --benchmark-autosave:
// .benchmarks/<machine>/NNNN_<commit>_<date>.json):
// {"machine_info", "commit_info", "benchmarks": [{group, name, fullname, params, options, stats}], "version"}.
// `stats` are in seconds per call (a round's time divided by its iterations): min, max, mean, stddev, median,
// q1, q3, iqr, total, ops (= 1 / mean), rounds, iterations, outlier counts. `data` holds the raw round times
// when saved with --benchmark-save-data (samples); the stats are reported with n = rounds. Version 2.x files
// lack ops, total and data.
// q1/q3/iqr are not read: pytest-benchmark computes the quartiles with Tukey's hinges (the medians of the
// halves), which is not the interpolated 25th/75th percentile BenchLens computes from samples. stddev is the
// sample standard deviation (Python's statistics.stdev), as BenchLens's.
// A `data` array that does not hold `rounds` numbers was trimmed by hand (a placeholder string among the
// numbers): it is not a sample of the run, so only the stats are read and a warning says why.
// Variant: the test's `fullname` (file::test[params]) as the benchmark dimension, plus the group when set.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <span>

namespace benchlens {

namespace {

int jsonConfidence(const FileInput& in)
{
    return sniff(
        in, FileType::Json, {"\"benchmarks\"", "\"stats\"", "\"fullname\""}, {"\"machine_info\"", "\"commit_info\""});
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto file = parseJsonArrayMember(in.bytes, "benchmarks");
    if (!file)
        return std::nullopt;
    const auto& doc = file->doc();
    const json::Node* benchmarks = file->array;
    FileExtract out;
    out.recognizer = "pytest-benchmark JSON";
    ExtractWriter w(out);
    const uint32_t time = w.metric("wall_time_ms");
    const uint32_t ops = w.metric("ops_per_s");
    forEachElement(doc, *benchmarks, "/benchmarks", [&](const json::Node& b, const std::string& at) {
        const json::Node* stats = doc.member(b, "stats");
        if (b.type != json::Type::Object || !stats || stats->type != json::Type::Object)
            return;
        const auto fullname = textField(doc, b, "fullname");
        const std::string name = fullname ? *fullname : textField(doc, b, "name").value_or("");
        const uint32_t group = w.group({{"benchmark", name}, {"group", textField(doc, b, "group").value_or("")}});
        const std::string statsAt = at + "/stats";
        std::optional<uint32_t> rounds;
        if (const auto r = numberField(doc, *stats, "rounds"); r && *r >= 1)
            rounds = static_cast<uint32_t>(*r);
        // Raw round times: samples, when they are all there.
        if (const json::Node* data = doc.member(*stats, "data"); data && data->type == json::Type::Array) {
            uint32_t numbers = 0, others = 0;
            doc.forEachChild(*data, [&](const json::Node& e) { ++(e.type == json::Type::Number ? numbers : others); });
            if (others == 0 && (!rounds || numbers == *rounds)) {
                uint32_t i = 0;
                doc.forEachChild(*data, [&](const json::Node& e) {
                    const uint32_t r = w.record(group, w.pointer(statsAt + "/data"));
                    w.sampleAt(r, time, e.number * 1000, fmt::format("{}/data/{}", statsAt, i++));
                });
            } else {
                w.diagnostic(Severity::Warning, statsAt + "/data",
                    fmt::format("data holds {} number(s) and {} other value(s) but rounds is {}: the raw round "
                                "times were trimmed, so only the stated statistics are read",
                        numbers, others, rounds ? cleanNumber(*rounds) : std::string("not stated")));
            }
        }
        static constexpr StatKey kStats[]
            = {{"min", Statistic::Min}, {"max", Statistic::Max}, {"mean", Statistic::Mean},
                {"stddev", Statistic::StdDev}, {"median", Statistic::Median}, {"total", Statistic::Total}};
        reportStats(w, group, time, doc, *stats, statsAt, kStats, 1000, rounds);
        // ops = 1 / mean: the mean rate, not a statistic of per-round rates.
        if (const auto v = numberField(doc, *stats, "ops"))
            w.reported(group, ops, Statistic::Value, *v, rounds, w.pointer(statsAt, 0, "ops"));
    });
    return unlessEmpty(std::move(out));
}

constexpr std::array kRecognizers = {
    Recognizer {"pytest-benchmark JSON", jsonConfidence, extractJson},
};

} // namespace

std::span<const Recognizer> pytestBenchmarkRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
