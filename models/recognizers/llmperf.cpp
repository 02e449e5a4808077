// Ray llmperf (token_benchmark_ray.py): the run summary and the per-request list it writes beside it.
// - Summary JSON (`<model>_<in>_<out>_summary.json`): one flat object; `model`, `num_concurrent_requests`,
//   `mean_input_tokens`, ... and the statistics flattened into key names `results_<metric>_<stat>` with
//   stat in quantiles_p25..p99, mean, min, max, stddev (reported, n = results_num_completed_requests), plus
//   run-level results_mean_output_throughput_token_per_s, results_num_completed_requests_per_min and
//   results_error_rate. Some values are strings ("550").
// - Individual JSON (`<model>_<in>_<out>_individual_responses.json`): an array of per-request objects
//   (samples); a request with an error_code or error_msg is a failed record.
// Latencies are in seconds (the `_s` suffix). The leaderboard copies are named by provider instead
// (raw_data/summary/groq_70b.json, raw_data/individual/groq_70b.json).
// Variant: the summary's `model`. The individual file does not name it: in llmperf's own naming the file name
// starts with the model (with "/" written as "--"), which is read; otherwise the model comes from the summary
// beside it (FileExtract::namedModel, linked by the ingest on the file name without "summary"/"individual").
// The concurrency is not a dimension, because the individual file cannot state it.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <span>

namespace benchlens {

namespace {

// llmperf's per-request metrics and where they go; all latencies are seconds.
struct Field
{
    const char* name;
    const char* catalog; // nullptr: kept as the custom metric below
    double factor;
};
constexpr std::array kFields = {
    Field {"ttft_s", "ttft_ms", 1000},
    Field {"inter_token_latency_s", "itl_ms", 1000},
    Field {"end_to_end_latency_s", "latency_ms", 1000},
    Field {"request_output_throughput_token_per_s", nullptr, 1},
    Field {"number_input_tokens", "prompt_tokens", 1},
    Field {"number_output_tokens", "tokens_generated", 1},
};

// One request's output rate: a per-user rate, not the run's throughput (GenAI-Perf's name for it).
uint32_t metricOf(ExtractWriter& w, const Field& f)
{
    return f.catalog ? w.metric(f.catalog) : w.customMetric("output_token_throughput_per_user", "tok/s");
}

std::optional<Statistic> statisticFor(std::string_view stat)
{
    static const std::array<std::pair<std::string_view, Statistic>, 10> m = {{{"quantiles_p25", Statistic::P25},
        {"quantiles_p50", Statistic::P50}, {"quantiles_p75", Statistic::P75}, {"quantiles_p90", Statistic::P90},
        {"quantiles_p95", Statistic::P95}, {"quantiles_p99", Statistic::P99}, {"mean", Statistic::Mean},
        {"min", Statistic::Min}, {"max", Statistic::Max}, {"stddev", Statistic::StdDev}}};
    for (const auto& [name, s] : m) {
        if (name == stat)
            return s;
    }
    return std::nullopt;
}

int summaryConfidence(const FileInput& in)
{
    if (in.type != FileType::Json)
        return 0;
    const auto h = head(in.bytes);
    return containsAll(h, {"\"results_ttft_s_mean\"", "\"num_concurrent_requests\""})
            || containsAll(h, {"\"results_end_to_end_latency_s_mean\"", "\"results_num_completed_requests\""})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractSummary(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node& root = doc.root();
    FileExtract out;
    out.recognizer = "llmperf summary JSON";
    ExtractWriter w(out);
    out.namedModel = textField(doc, root, "model").value_or("");
    const uint32_t group = w.group({{"model", out.namedModel}});
    std::optional<uint32_t> n;
    if (const auto c = numberField(doc, root, "results_num_completed_requests"); c && *c >= 1)
        n = static_cast<uint32_t>(*c);
    const auto at = [&](std::string_view key) { return w.pointer("", 0, key); };
    doc.forEachChild(root, [&](const json::Node& m) {
        if (!m.key.starts_with("results_"))
            return;
        const std::string_view rest = m.key.substr(8);
        for (const auto& f : kFields) {
            const std::string_view name = f.name;
            if (!rest.starts_with(name) || rest.size() <= name.size() || rest[name.size()] != '_')
                continue;
            const auto stat = statisticFor(rest.substr(name.size() + 1));
            const auto v = numberField(doc, root, m.key);
            if (stat && v)
                w.reported(group, metricOf(w, f), *stat, *v * f.factor, n, at(m.key));
            return;
        }
    });
    if (out.reported.empty())
        return std::nullopt;
    if (const auto v = numberField(doc, root, "results_mean_output_throughput_token_per_s"))
        w.reported(group, w.metric("throughput_tok_s"), Statistic::Value, *v, std::nullopt,
            at("results_mean_output_throughput_token_per_s"));
    if (const auto v = numberField(doc, root, "results_num_completed_requests_per_min"))
        w.reported(group, w.metric("request_throughput_req_s"), Statistic::Value, *v / 60, std::nullopt,
            at("results_num_completed_requests_per_min"));
    const auto started = numberField(doc, root, "results_num_requests_started");
    if (const auto v = numberField(doc, root, "results_error_rate")) {
        w.reported(group, w.metric("success_rate"), Statistic::Value, 1 - *v,
            started && *started >= 1 ? std::optional<uint32_t>(uint32_t(*started)) : std::nullopt,
            at("results_error_rate"));
    }
    if (const auto errors = numberField(doc, root, "results_number_errors"); errors && *errors > 0) {
        w.diagnostic(Severity::Warning, "/results_number_errors",
            fmt::format("{} request(s) failed (error codes: {})", cleanNumber(*errors),
                textField(doc, root, "results_error_code_frequency").value_or("?")));
    }
    return out;
}

int individualConfidence(const FileInput& in)
{
    if (in.type != FileType::Json)
        return 0;
    const auto h = head(in.bytes);
    return h.find_first_not_of(" \t\r\n") != std::string_view::npos && h[h.find_first_not_of(" \t\r\n")] == '['
            && containsAll(h, {"\"ttft_s\"", "\"end_to_end_latency_s\"", "\"request_output_throughput_token_per_s\""})
        ? confidence::Certain
        : 0;
}

// "meta-llama--Llama-2-7b-chat-hf_550_150_individual_responses.json" -> "meta-llama/Llama-2-7b-chat-hf".
std::string modelFromFileName(std::string_view path)
{
    std::string_view stem = fileName(path);
    constexpr std::string_view suffix = "_individual_responses.json";
    if (!stem.ends_with(suffix))
        return {};
    stem.remove_suffix(suffix.size());
    // Drop the "_<mean input tokens>_<mean output tokens>" that llmperf appends.
    for (int i = 0; i < 2; ++i) {
        const auto us = stem.rfind('_');
        if (us == std::string_view::npos || !parseNumber(stem.substr(us + 1)))
            return {};
        stem = stem.substr(0, us);
    }
    std::string model;
    for (size_t i = 0; i < stem.size(); ++i) {
        if (stem.substr(i, 2) == "--") {
            model += '/';
            ++i;
        } else {
            model += stem[i];
        }
    }
    return model;
}

std::optional<FileExtract> extractIndividual(const FileInput& in)
{
    auto parsed = json::parse(in.bytes);
    if (!parsed.ok || parsed.document.root().type != json::Type::Array)
        return std::nullopt;
    const auto& doc = parsed.document;
    FileExtract out;
    out.recognizer = "llmperf individual JSON";
    ExtractWriter w(out);
    const uint32_t group = w.group({{"model", modelFromFileName(in.relativePath)}});
    uint32_t index = 0, failed = 0;
    doc.forEachChild(doc.root(), [&](const json::Node& request) {
        const uint32_t i = index++;
        if (request.type != json::Type::Object || !doc.member(request, "end_to_end_latency_s"))
            return;
        const json::Node* code = doc.member(request, "error_code");
        const auto message = textField(doc, request, "error_msg");
        const bool error
            = (code && code->type != json::Type::Null && !(code->type == json::Type::String && code->text.empty()))
            || (message && !trim(*message).empty());
        const uint32_t r = w.record(group, w.pointer(fmt::format("/{}", i)), error);
        if (error) {
            ++failed;
            return; // its timings are not measurements of a completed request
        }
        for (const auto& f : kFields) {
            if (const auto v = numberField(doc, request, f.name))
                w.sample(r, metricOf(w, f), *v * f.factor, f.name);
        }
    });
    if (out.records.empty())
        return std::nullopt;
    if (failed)
        w.diagnostic(Severity::Info, {}, fmt::format("{} of {} request(s) failed", failed, out.records.size()));
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"llmperf summary JSON", summaryConfidence, extractSummary},
    Recognizer {"llmperf individual JSON", individualConfidence, extractIndividual},
};

} // namespace

std::span<const Recognizer> llmperfRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
