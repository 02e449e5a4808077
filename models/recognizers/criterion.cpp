// criterion.rs output folder (target/criterion/<group>/<function>/<value>/new/): sample.json (iters[] and times[]
// per sample, times in ns: each sample's time per iteration is times[i] / iters[i]), estimates.json (the tool's
// mean / median / std_dev / slope point estimates in ns) and benchmark.json (group_id, function_id, value_str).
// The variant is the benchmark directory under target/criterion; an input value (value_str) is a dimension.
#include "models/recognizers/criterion_ids.h"
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <span>
#include <vector>

namespace benchlens {

namespace {

std::vector<std::string> splitPath(std::string_view path)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            parts.emplace_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return parts;
}

bool isNumber(std::string_view s)
{
    return parseNumber(s).has_value();
}

// Dimensions from the benchmark's directory components (group[/function][/value]). Criterion names the folders
// group_id/function_id/value_str, so three components end in the input value; with two, a numeric last component
// is the value (a group benchmarked over inputs without a function name).
FileExtract::Dims dimsFromComponents(std::vector<std::string> parts, std::optional<std::string> value)
{
    if (!value && (parts.size() >= 3 || (parts.size() == 2 && isNumber(parts.back())))) {
        value = parts.back();
        parts.pop_back();
    } else if (value && parts.size() >= 2) {
        parts.pop_back();
    }
    std::string benchmark;
    for (const auto& p : parts) {
        if (!benchmark.empty())
            benchmark.push_back('/');
        benchmark += p;
    }
    FileExtract::Dims dims = {{"benchmark", benchmark}};
    if (value)
        dims.emplace_back("input", *value);
    return dims;
}

// The benchmark directory of <dir>/new/sample.json (also base/ and change/): the components below the nearest
// folder named "criterion", or all components above new/ when there is none.
FileExtract::Dims dimsFromPath(std::string_view relativePath)
{
    auto parts = splitPath(relativePath);
    if (parts.size() < 2)
        return {{"benchmark", std::string(fileName(relativePath))}};
    parts.pop_back(); // the file
    if (parts.back() == "new" || parts.back() == "base" || parts.back() == "change")
        parts.pop_back();
    size_t from = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == "criterion")
            from = i + 1;
    }
    std::vector<std::string> rest(parts.begin() + static_cast<std::ptrdiff_t>(from), parts.end());
    if (rest.empty())
        rest = parts;
    return dimsFromComponents(std::move(rest), std::nullopt);
}

int sampleConfidence(const FileInput& in)
{
    if (in.type != FileType::Json)
        return 0;
    const auto h = head(in.bytes, 256);
    return containsAll(h, {"\"sampling_mode\"", "\"iters\""}) && containsAll(in.bytes, {"\"times\""})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractSample(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node* iters = doc.member(doc.root(), "iters");
    const json::Node* times = doc.member(doc.root(), "times");
    if (!iters || !times || iters->type != json::Type::Array || times->type != json::Type::Array
        || iters->childCount != times->childCount)
        return std::nullopt;
    std::vector<double> n;
    doc.forEachChild(*iters, [&](const json::Node& v) { n.push_back(v.type == json::Type::Number ? v.number : 0); });
    FileExtract out;
    out.recognizer = "criterion sample.json";
    ExtractWriter w(out);
    // The sampling mode (Linear / Flat) is how criterion chose iters[], not part of the variant: the siblings
    // estimates.json and benchmark.json must name the same variant.
    const uint32_t g = w.group(dimsFromPath(in.relativePath));
    const uint32_t metric = w.metric("time_per_iteration_ns");
    uint32_t i = 0;
    doc.forEachChild(*times, [&](const json::Node& t) {
        const uint32_t rec = w.record(g, w.pointer(fmt::format("/times/{}", i)));
        if (t.type == json::Type::Number && n[i] > 0)
            w.sampleAt(rec, metric, t.number / n[i], fmt::format("/times/{}", i));
        ++i;
    });
    if (out.records.empty())
        return std::nullopt;
    return out;
}

int estimatesConfidence(const FileInput& in)
{
    return sniff(
        in, FileType::Json, {"\"mean\"", "\"median_abs_dev\"", "\"point_estimate\"", "\"confidence_interval\""});
}

std::optional<FileExtract> extractEstimates(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    FileExtract out;
    out.recognizer = "criterion estimates.json";
    ExtractWriter w(out);
    const uint32_t g = w.group(dimsFromPath(in.relativePath));
    const uint32_t metric = w.metric("time_per_iteration_ns");
    const auto estimate = [&](std::string_view key) -> std::optional<double> {
        const json::Node* e = doc.member(doc.root(), key);
        return e ? numberField(doc, *e, "point_estimate") : std::nullopt;
    };
    static constexpr std::pair<const char*, Statistic> stats[]
        = {{"mean", Statistic::Mean}, {"median", Statistic::Median}, {"std_dev", Statistic::StdDev}};
    for (const auto& [key, statistic] : stats) {
        if (auto v = estimate(key))
            w.reported(g, metric, statistic, *v, std::nullopt, w.pointer(fmt::format("/{}/point_estimate", key)));
    }
    // The slope of the linear regression over (iters, times): criterion's headline time in Linear sampling.
    if (auto v = estimate("slope"))
        w.reported(g, w.customMetric("slope_time_per_iteration", "ns"), Statistic::Value, *v, std::nullopt,
            w.pointer("/slope/point_estimate"));
    if (auto v = estimate("median_abs_dev"))
        w.reported(g, w.customMetric("median_abs_dev_time_per_iteration", "ns"), Statistic::Value, *v, std::nullopt,
            w.pointer("/median_abs_dev/point_estimate"));
    return unlessEmpty(std::move(out));
}

int benchmarkConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json,
        {"\"group_id\"", "\"function_id\"", "\"value_str\"", "\"full_id\"", "\"directory_name\""}, {}, 4096);
}

std::optional<FileExtract> extractBenchmark(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const auto directory = textField(doc, doc.root(), "directory_name");
    if (!directory)
        return std::nullopt;
    FileExtract out;
    out.recognizer = "criterion benchmark.json";
    ExtractWriter w(out);
    // The directory name is what the sibling sample.json / estimates.json are named by (criterion replaces
    // characters such as ':' in it), so the variant is built from it the same way.
    auto dims = dimsFromComponents(splitPath(*directory), textField(doc, doc.root(), "value_str"));
    // throughput ({"Bytes": n}) is left out of the variant: sample.json and estimates.json cannot see it.
    w.group(std::move(dims));
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"criterion sample.json", sampleConfidence, extractSample},
    Recognizer {"criterion estimates.json", estimatesConfidence, extractEstimates},
    Recognizer {"criterion benchmark.json", benchmarkConfidence, extractBenchmark},
};

} // namespace

FileExtract::Dims criterionBenchmarkDims(std::string_view benchmarkId)
{
    return dimsFromComponents(splitPath(benchmarkId), std::nullopt);
}

std::span<const Recognizer> criterionRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
