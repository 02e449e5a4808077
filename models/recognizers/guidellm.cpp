// GuideLLM report JSON (`--output-path benchmarks.json`): benchmarks[] of one strategy each (synchronous,
// throughput, constant@rate, ...), with metrics{name: {successful, errored, incomplete, total}} distributions
// (mean, median, std_dev, min, max, count, percentiles{p10..p999}). GuideLLM's statistics are the headline: they
// cover the successful requests of the measured window (warm-up / cool-down requests that args names and
// errored or incomplete requests are outside it), n = request_totals.successful. request_latency is in seconds,
// the *_ms metrics in ms. The strategy and its rate, the model and the data spec are the variant.
#include "extract_writer.h"
#include "json_fields.h"
#include "recognizer.h"

#include <fmt/format.h>

#include <array>
#include <span>

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
    if (in.type != FileType::Json)
        return 0;
    const auto h = head(in.bytes);
    return containsAll(h, {"\"benchmarks\"", "\"request_totals\""})
            && containsAny(h, {"\"generative_benchmark\"", "\"time_to_first_token_ms\"", "\"request_loader\""})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    auto parsed = json::parse(in.bytes);
    if (!parsed.ok || parsed.document.root().type != json::Type::Object)
        return std::nullopt;
    const auto& doc = parsed.document;
    const json::Node* benchmarks = doc.member(doc.root(), "benchmarks");
    if (!benchmarks || benchmarks->type != json::Type::Array)
        return std::nullopt;
    FileExtract out;
    out.recognizer = "GuideLLM JSON";
    ExtractWriter w(out);
    uint32_t index = 0;
    doc.forEachChild(*benchmarks, [&](const json::Node& b) {
        const std::string pointer = fmt::format("/benchmarks/{}", index++);
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
            static constexpr std::pair<const char*, Statistic> stats[]
                = {{"mean", Statistic::Mean}, {"median", Statistic::Median}, {"std_dev", Statistic::StdDev},
                    {"min", Statistic::Min}, {"max", Statistic::Max}};
            for (const auto& [key, statistic] : stats) {
                if (auto v = numberField(doc, *dist, key))
                    w.reported(g, metric, statistic, *v * m.factor, n, w.pointer(at, 0, key));
            }
            if (const json::Node* pct = doc.member(*dist, "percentiles"); pct && pct->type == json::Type::Object) {
                static constexpr std::pair<const char*, Statistic> ps[]
                    = {{"p01", Statistic::P1}, {"p05", Statistic::P5}, {"p10", Statistic::P10}, {"p25", Statistic::P25},
                        {"p75", Statistic::P75}, {"p90", Statistic::P90}, {"p95", Statistic::P95},
                        {"p99", Statistic::P99}, {"p999", Statistic::P999}};
                for (const auto& [key, statistic] : ps) {
                    if (auto v = numberField(doc, *pct, key))
                        w.reported(g, metric, statistic, *v * m.factor, n, w.pointer(at + "/percentiles", 0, key));
                }
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
    if (out.reported.empty())
        return std::nullopt;
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"GuideLLM JSON", jsonConfidence, extractJson},
};

} // namespace

std::span<const Recognizer> guidellmRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
