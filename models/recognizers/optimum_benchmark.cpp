// Hugging Face optimum-benchmark: `benchmark_report.json` (also the `report` member of `benchmark.json`) and
// the `.md` rendering of the same report.
// One object per phase (load_model, prefill, decode, per_token, forward, call, ...); each has `memory`,
// `latency`, `throughput`, `energy`, `efficiency`, either null or an object with its own `unit` — units are data.
// latency.values[] are the raw measurements (samples); count/total/mean/p50..p99/stdev are what the tool
// computed from them (reported, n = count). The tool's `stdev` is the population standard deviation
// (numpy's default, ddof=0); BenchLens's StdDev is the sample one (n-1), so it is converted with
// sqrt(count / (count - 1)) — the file's own values[] show it (prefill: 0.000425 = pstdev, stdev = 0.000448).
// `stdev_` (the same as a percentage of the mean) is not read. Memory values are maxima over the phase.
// The Markdown report has one small `| metric | value | unit |` table per section under `# <phase>:` headings.
// Variant: the phase, and the benchmark the report belongs to (the file-name prefix before benchmark_report,
// else the run folder); the model is in the sibling benchmark_config.json, not in the report.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/pipe_tables.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <span>

namespace benchlens {

namespace {

constexpr std::array kSections = {"memory", "latency", "throughput", "energy", "efficiency"};

// "hf-quant-bench_cuda_pytorch_llama_benchmark_report.json" -> "hf-quant-bench_cuda_pytorch_llama";
// "experiments/awq_4bit/benchmark_report.json" -> "awq_4bit".
std::string benchmarkName(std::string_view path)
{
    std::string_view stem = fileName(path);
    stem = stem.substr(0, stem.rfind('.'));
    for (const std::string_view suffix : {"benchmark_report", "benchmark", "report"}) {
        if (stem.ends_with(suffix)) {
            stem.remove_suffix(suffix.size());
            break;
        }
    }
    while (!stem.empty() && (stem.back() == '_' || stem.back() == '-' || stem.back() == '.'))
        stem.remove_suffix(1);
    if (!stem.empty())
        return std::string(stem);
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(fileName(path.substr(0, slash)));
}

std::optional<Statistic> latencyStatistic(std::string_view key)
{
    if (key == "mean")
        return Statistic::Mean;
    if (key == "p50")
        return Statistic::P50;
    if (key == "p90")
        return Statistic::P90;
    if (key == "p95")
        return Statistic::P95;
    if (key == "p99")
        return Statistic::P99;
    if (key == "total")
        return Statistic::Total;
    if (key == "stdev")
        return Statistic::StdDev;
    return std::nullopt;
}

// The tool's population standard deviation as the sample standard deviation BenchLens states.
double sampleStdDev(double populationStdDev, double count)
{
    return count >= 2 ? populationStdDev * std::sqrt(count / (count - 1)) : populationStdDev;
}

// Where a throughput goes by its unit: decode is tokens/s, prefill samples/s.
uint32_t throughputMetric(ExtractWriter& w, std::string_view unit)
{
    const std::string rate = rateUnit(unit);
    if (rate == "tok/s")
        return w.metric("throughput_tok_s");
    if (rate == "samples/s")
        return w.metric("samples_per_s");
    if (rate == "req/s")
        return w.metric("request_throughput_req_s");
    return w.customMetric("throughput", unit);
}

// One non-latency value of a section (memory, throughput, energy, efficiency) by its member or row name.
void writeOther(ExtractWriter& w, uint32_t group, std::string_view section, std::string_view name,
    std::string_view unit, double value, const Locator& at)
{
    if (section == "memory")
        w.reported(group, w.customMetric(name, unit), Statistic::Max, value, std::nullopt, at);
    else if (section == "throughput")
        w.reported(group, throughputMetric(w, unit), Statistic::Value, value, std::nullopt, at);
    else if (section == "energy")
        w.reported(
            group, w.customMetric(fmt::format("energy_{}", name), unit), Statistic::Value, value, std::nullopt, at);
    else if (section == "efficiency")
        w.reported(group, w.customMetric("efficiency", unit), Statistic::Value, value, std::nullopt, at);
}

bool isPhase(const json::Document& doc, const json::Node& n)
{
    if (n.type != json::Type::Object)
        return false;
    for (const char* s : kSections) {
        if (doc.member(n, s))
            return true;
    }
    return false;
}

int jsonConfidence(const FileInput& in)
{
    if (in.type != FileType::Json)
        return 0;
    const auto h = head(in.bytes);
    return containsAll(h, {"\"latency\"", "\"unit\""}) && containsAny(h, {"\"efficiency\"", "\"energy\""})
            && containsAny(h, {"\"values\"", "\"throughput\""})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node* report = &doc.root();
    std::string prefix;
    // benchmark.json: {"config": {...}, "report": {<phases>}}.
    if (const json::Node* r = doc.member(*report, "report"); r && r->type == json::Type::Object) {
        report = r;
        prefix = "/report";
    }
    FileExtract out;
    out.recognizer = "optimum-benchmark JSON";
    ExtractWriter w(out);
    const std::string benchmark = benchmarkName(in.relativePath);
    uint32_t phases = 0;
    doc.forEachChild(*report, [&](const json::Node& phase) {
        if (!isPhase(doc, phase))
            return;
        ++phases;
        const uint32_t group = w.group({{"phase", std::string(phase.key)}, {"benchmark", benchmark}});
        std::string at = prefix;
        appendPointerToken(at, phase.key);
        for (const char* section : kSections) {
            const json::Node* s = doc.member(phase, section);
            if (!s || s->type != json::Type::Object)
                continue; // null: not measured in this phase
            const std::string sectionAt = at + "/" + section;
            const std::string unit = textField(doc, *s, "unit").value_or("");
            if (std::string_view(section) != "latency") {
                doc.forEachChild(*s, [&](const json::Node& m) {
                    // Numbers written as strings ("23.8") count; null means not measured.
                    const auto v = m.key == "unit" ? std::nullopt : numberField(doc, *s, m.key);
                    if (v)
                        writeOther(w, group, section, m.key, unit, *v, w.pointer(sectionAt, 0, m.key));
                });
                continue;
            }
            const auto factor = msPerUnit(unit);
            if (!factor) {
                w.diagnostic(Severity::Warning, sectionAt, fmt::format("latency unit '{}' is not a time unit", unit));
                continue;
            }
            const uint32_t latency = w.metric("latency_ms");
            uint32_t values = 0;
            if (const json::Node* v = doc.member(*s, "values"); v && v->type == json::Type::Array) {
                uint32_t i = 0;
                doc.forEachChild(*v, [&](const json::Node& e) {
                    const uint32_t index = i++;
                    if (e.type != json::Type::Number)
                        return;
                    const uint32_t r = w.record(group, w.pointer(sectionAt + "/values"));
                    w.sampleAt(r, latency, e.number * *factor, fmt::format("{}/values/{}", sectionAt, index));
                    ++values;
                });
            }
            const auto count = numberField(doc, *s, "count");
            const std::optional<uint32_t> n = count && *count >= 1 ? std::optional<uint32_t>(uint32_t(*count))
                : values                                           ? std::optional<uint32_t>(values)
                                                                   : std::nullopt;
            doc.forEachChild(*s, [&](const json::Node& m) {
                const auto stat = latencyStatistic(m.key);
                const auto raw = stat ? numberField(doc, *s, m.key) : std::nullopt;
                if (!raw)
                    return;
                const double v = *stat == Statistic::StdDev && n ? sampleStdDev(*raw, *n) : *raw;
                w.reported(group, latency, *stat, v * *factor, n, w.pointer(sectionAt, 0, m.key));
            });
        }
    });
    if (phases == 0)
        return std::nullopt;
    return out;
}

int markdownConfidence(const FileInput& in)
{
    if (in.type != FileType::Markdown)
        return 0;
    const auto h = head(in.bytes);
    return containsAny(h, {"## latency:", "## memory:"}) && containsAll(h, {"| metric", "| unit"}) ? confidence::Certain
                                                                                                   : 0;
}

std::optional<FileExtract> extractMarkdown(const FileInput& in)
{
    // Phase headings ("# prefill:") by line; section headings ("## latency:") are the tables' own headings.
    std::vector<std::pair<uint32_t, std::string>> phaseAt;
    uint32_t number = 0;
    size_t start = 0;
    while (start < in.bytes.size()) {
        const auto end = in.bytes.find('\n', start);
        const std::string_view line
            = trim(in.bytes.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        ++number;
        if (line.starts_with("# ")) {
            std::string_view name = trim(line.substr(2));
            if (name.ends_with(":"))
                name.remove_suffix(1);
            phaseAt.emplace_back(number, std::string(trim(name)));
        }
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    FileExtract out;
    out.recognizer = "optimum-benchmark Markdown";
    ExtractWriter w(out);
    const std::string benchmark = benchmarkName(in.relativePath);
    for (const auto& t : findPipeTables(in.bytes)) {
        const int metricCol = t.column("metric");
        const int valueCol = t.column("value");
        const int unitCol = t.column("unit");
        if (metricCol < 0 || valueCol < 0 || unitCol < 0)
            continue;
        std::string phase;
        for (const auto& [line, name] : phaseAt) {
            if (line < t.line)
                phase = name;
        }
        std::string section(trim(t.heading));
        if (section.ends_with(":"))
            section.pop_back();
        const uint32_t group = w.group({{"phase", phase}, {"benchmark", benchmark}});
        const auto cellOf = [&](const PipeTable::Row& r, int c) {
            return size_t(c) < r.cells.size() ? r.cells[size_t(c)] : std::string();
        };
        std::optional<double> count;
        for (const auto& r : t.rows) {
            if (normalizeKey(cellOf(r, metricCol)) == "count")
                count = parseNumber(cellOf(r, valueCol));
        }
        for (const auto& r : t.rows) {
            const std::string name = cellOf(r, metricCol);
            const std::string unit = cellOf(r, unitCol);
            const auto value = parseNumber(cellOf(r, valueCol));
            if (!value)
                continue;
            const Locator at = w.cell(r.line, t.header[size_t(valueCol)]);
            if (section != "latency") {
                writeOther(w, group, section, name, unit, *value, at);
                continue;
            }
            // stdev_ is the relative standard deviation in %, not read (its normalized name is "stdev").
            if (name == "stdev_")
                continue;
            const auto stat = latencyStatistic(normalizeKey(name));
            const auto factor = msPerUnit(unit);
            if (!stat || !factor)
                continue; // count ("-")
            const Statistic statistic = stat.value_or(Statistic::Value);
            const std::optional<uint32_t> n
                = count && *count >= 1 ? std::optional<uint32_t>(uint32_t(*count)) : std::nullopt;
            const double v = statistic == Statistic::StdDev && n ? sampleStdDev(*value, *n) : *value;
            w.reported(group, w.metric("latency_ms"), statistic, v * factor.value_or(1), n, at);
        }
    }
    if (out.reported.empty())
        return std::nullopt;
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"optimum-benchmark JSON", jsonConfidence, extractJson},
    Recognizer {"optimum-benchmark Markdown", markdownConfidence, extractMarkdown},
};

} // namespace

std::span<const Recognizer> optimumBenchmarkRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
