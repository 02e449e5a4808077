// TensorRT-LLM `trtllm-bench throughput|latency --report_json`: {engine{model, backend, dtype, quantization,
// version}, machine{name}, world_info{tp_size, pp_size, max_batch_size, ...}, request_info{num_requests,
// avg_input_length, avg_output_length}, performance{..._ms, ..._tok_s, request_latency_percentiles_ms{}},
// streaming_metrics{avg_ttft_ms, avg_tpot_ms, ttft_percentiles{}, tpot_percentiles{}}}. Units are in the key names
// (ms, tok/s, req/s). Everything is the tool's own statistics; n = num_requests. The engine, GPU, parallelism and
// the input/output lengths are dimensions of the variant, never metrics.
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

int jsonConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"engine\"", "\"world_info\"", "\"request_info\"", "\"performance\""});
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node& root = doc.root();
    const json::Node* engine = doc.member(root, "engine");
    const json::Node* performance = doc.member(root, "performance");
    if (!engine || !performance || performance->type != json::Type::Object)
        return std::nullopt;
    FileExtract out;
    out.recognizer = "trtllm-bench JSON";
    ExtractWriter w(out);
    FileExtract::Dims dims;
    for (const char* key : {"model", "backend", "dtype", "kv_cache_dtype", "quantization", "version"}) {
        if (auto v = textField(doc, *engine, key); v && *v != "None")
            dims.emplace_back(key == std::string_view("version") ? "tensorrt_llm_version" : key, *v);
    }
    if (const json::Node* machine = doc.member(root, "machine"); machine && machine->type == json::Type::Object) {
        if (auto v = textField(doc, *machine, "name"))
            dims.emplace_back("gpu", *v);
    }
    if (const json::Node* world = doc.member(root, "world_info"); world && world->type == json::Type::Object) {
        for (const char* key : {"tp_size", "pp_size", "ep_size", "max_batch_size", "max_num_tokens"}) {
            if (auto v = textField(doc, *world, key))
                dims.emplace_back(key, *v);
        }
    }
    std::optional<uint32_t> n;
    if (const json::Node* req = doc.member(root, "request_info"); req && req->type == json::Type::Object) {
        if (auto v = numberField(doc, *req, "num_requests"); v && *v >= 0)
            n = static_cast<uint32_t>(*v);
        // The dataset's lengths are the workload: parameters. avg_num_concurrent_requests is measured load, kept
        // as a reported value below.
        if (auto v = textField(doc, *req, "avg_input_length"))
            dims.emplace_back("input_length", *v);
        if (auto v = textField(doc, *req, "avg_output_length"))
            dims.emplace_back("output_length", *v);
    }
    const uint32_t g = w.group(std::move(dims));
    const auto stat
        = [&](const json::Node& obj, std::string_view key, uint32_t metric, Statistic s, const std::string& pointer) {
              if (auto v = numberField(doc, obj, key))
                  w.reported(g, metric, s, *v, n, w.pointer(pointer, 0, key));
          };
    const auto percentiles
        = [&](const json::Node& parent, std::string_view key, uint32_t metric, const std::string& pointer) {
              const json::Node* p = doc.member(parent, key);
              if (!p || p->type != json::Type::Object)
                  return;
              std::string at = pointer;
              appendPointerToken(at, key);
              static constexpr std::pair<const char*, Statistic> map[]
                  = {{"p50", Statistic::P50}, {"p90", Statistic::P90}, {"p95", Statistic::P95}, {"p99", Statistic::P99},
                      {"minimum", Statistic::Min}, {"maximum", Statistic::Max}, {"average", Statistic::Mean}};
              for (const auto& [k, s] : map)
                  stat(*p, k, metric, s, at);
          };
    const uint32_t latency = w.metric("latency_ms");
    stat(*performance, "total_latency_ms", w.metric("total_duration_ms"), Statistic::Value, "/performance");
    if (!doc.member(*performance, "request_latency_percentiles_ms"))
        stat(*performance, "avg_request_latency_ms", latency, Statistic::Mean, "/performance");
    percentiles(*performance, "request_latency_percentiles_ms", latency, "/performance");
    stat(*performance, "request_throughput_req_s", w.metric("request_throughput_req_s"), Statistic::Mean,
        "/performance");
    stat(*performance, "system_output_throughput_tok_s", w.metric("throughput_tok_s"), Statistic::Mean, "/performance");
    stat(*performance, "system_total_throughput_tok_s", w.metric("total_throughput_tok_s"), Statistic::Mean,
        "/performance");
    stat(*performance, "output_throughput_per_user_tok_s", w.customMetric("output_throughput_per_user_tok_s", "tok/s"),
        Statistic::Mean, "/performance");
    stat(*performance, "output_throughput_per_gpu_tok_s", w.customMetric("output_throughput_per_gpu_tok_s", "tok/s"),
        Statistic::Mean, "/performance");
    if (const json::Node* req = doc.member(root, "request_info"); req && req->type == json::Type::Object)
        stat(*req, "avg_num_concurrent_requests", w.customMetric("avg_num_concurrent_requests", "requests"),
            Statistic::Mean, "/request_info");
    if (const json::Node* s = doc.member(root, "streaming_metrics"); s && s->type == json::Type::Object) {
        const uint32_t ttft = w.metric("ttft_ms");
        const uint32_t tpot = w.metric("tpot_ms");
        if (!doc.member(*s, "ttft_percentiles"))
            stat(*s, "avg_ttft_ms", ttft, Statistic::Mean, "/streaming_metrics");
        if (!doc.member(*s, "tpot_percentiles"))
            stat(*s, "avg_tpot_ms", tpot, Statistic::Mean, "/streaming_metrics");
        percentiles(*s, "ttft_percentiles", ttft, "/streaming_metrics");
        percentiles(*s, "tpot_percentiles", tpot, "/streaming_metrics");
        percentiles(
            *s, "gen_tps_percentiles", w.customMetric("generation_tps_per_request", "tok/s"), "/streaming_metrics");
    }
    return unlessEmpty(std::move(out));
}

// ----- console report -----

int consoleConfidence(const FileInput& in)
{
    if (in.type == FileType::Json || in.type == FileType::Csv)
        return 0;
    return containsAll(in.bytes, {"= ENGINE DETAILS", "= PERFORMANCE OVERVIEW"}) ? confidence::Certain : 0;
}

// The "Key:<tabs>value" lines of the ENGINE DETAILS / WORLD + RUNTIME INFORMATION / PERFORMANCE OVERVIEW blocks.
std::optional<FileExtract> extractConsole(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "trtllm-bench console report";
    ExtractWriter w(out);
    FileExtract::Dims dims;
    std::optional<uint32_t> n;
    struct Value
    {
        std::string key;
        double value = 0;
        uint32_t line = 0;
    };
    std::vector<Value> performance;
    std::string section;
    forEachLine(in.bytes, [&](uint32_t lineNo, std::string_view rawLine) {
        const auto line = trim(rawLine);
        if (line.starts_with("= ")) {
            section = std::string(trim(line.substr(2)));
            return;
        }
        if (section.empty() || line.starts_with("[") || line.starts_with("===="))
            return;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos)
            return;
        const auto key = trim(line.substr(0, colon));
        const auto value = trim(line.substr(colon + 1));
        if (section == "ENGINE DETAILS") {
            if (key == "Model")
                dims.emplace_back("model", std::string(value));
            else if (key == "TensorRT-LLM Version")
                dims.emplace_back("tensorrt_llm_version", std::string(value));
            else if (key == "Dtype")
                dims.emplace_back("dtype", std::string(value));
            else if (key == "KV Cache Dtype")
                dims.emplace_back("kv_cache_dtype", std::string(value));
            else if (key == "Quantization")
                dims.emplace_back("quantization", std::string(value));
        } else if (section.starts_with("WORLD")) {
            if (key == "TP Size" || key == "PP Size" || key == "EP Size" || key == "Max Runtime Batch Size"
                || key == "Max Runtime Tokens")
                dims.emplace_back(normalizeKey(key), std::string(value));
        } else if (section.starts_with("PERFORMANCE")) {
            const auto v = parseNumber(value);
            if (!v)
                return;
            if (key == "Number of requests")
                n = static_cast<uint32_t>(*v);
            else if (key.starts_with("Average Input Length"))
                dims.emplace_back("input_length", cleanNumber(*v));
            else if (key.starts_with("Average Output Length"))
                dims.emplace_back("output_length", cleanNumber(*v));
            else
                performance.push_back({std::string(key), *v, lineNo});
        }
    });
    if (performance.empty())
        return std::nullopt;
    const uint32_t g = w.group(std::move(dims));
    for (const auto& p : performance) {
        const Locator loc = w.line(p.line);
        if (p.key == "Token Throughput (tokens/sec)")
            w.reported(g, w.metric("throughput_tok_s"), Statistic::Mean, p.value, n, loc);
        else if (p.key == "Request Throughput (req/sec)")
            w.reported(g, w.metric("request_throughput_req_s"), Statistic::Mean, p.value, n, loc);
        else if (p.key == "Total Latency (ms)")
            w.reported(g, w.metric("total_duration_ms"), Statistic::Value, p.value, std::nullopt, loc);
        else if (p.key.ends_with("(ms)"))
            w.reported(g, w.customMetric(normalizeKey(p.key.substr(0, p.key.size() - 4)) + "_ms", "ms"),
                Statistic::Value, p.value, n, loc);
        else if (p.key.ends_with("(tokens/sec)"))
            w.reported(g, w.customMetric(normalizeKey(p.key.substr(0, p.key.size() - 12)) + "_tok_s", "tok/s"),
                Statistic::Value, p.value, n, loc);
    }
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"trtllm-bench JSON", jsonConfidence, extractJson},
    Recognizer {"trtllm-bench console report", consoleConfidence, extractConsole},
};

} // namespace

std::span<const Recognizer> trtllmBenchRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
