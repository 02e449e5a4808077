// LLM serving benchmarks: vLLM `benchmark_serving.py` / `vllm bench serve` result JSON (one object per run, or
// an array of them from `vllm bench sweep`), SGLang `bench_serving` JSON Lines (one run per line), the vLLM
// nightly-benchmark summary (rows keyed by display labels, as JSON or a Markdown table), and the console block
// both tools print ("============ Serving Benchmark Result ============").
// The statistics a run states (mean/median/std/pNN of TTFT, TPOT, ITL, E2E latency in ms; throughputs) are
// reported values with n = completed requests; per-request arrays, when saved, are the samples (ttfts and itls
// are in seconds). Variant: model + load configuration (request rate, max concurrency, swept parameters).
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/pipe_tables.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <set>
#include <span>

namespace benchlens {

namespace {

// "ttft" -> ttft_ms ... for the vLLM/SGLang key stems of per-run statistics ("mean_ttft_ms", "p99_e2el_ms").
const char* latencyMetric(std::string_view stem)
{
    if (stem == "ttft")
        return "ttft_ms";
    if (stem == "tpot")
        return "tpot_ms";
    if (stem == "itl")
        return "itl_ms";
    if (stem == "e2el" || stem == "e2e_latency" || stem == "latency")
        return "latency_ms";
    return nullptr;
}

std::optional<Statistic> statisticWord(std::string_view word)
{
    if (word == "mean")
        return Statistic::Mean;
    if (word == "median")
        return Statistic::Median;
    if (word == "std")
        return Statistic::StdDev;
    if (word.size() > 1 && word[0] == 'p') {
        // p50, p90, p95, p99, p99.9 (written "p99.9" or "p99_9")
        static constexpr std::pair<std::string_view, Statistic> percentiles[] = {{"p1", Statistic::P1},
            {"p5", Statistic::P5}, {"p10", Statistic::P10}, {"p25", Statistic::P25}, {"p50", Statistic::P50},
            {"p75", Statistic::P75}, {"p90", Statistic::P90}, {"p95", Statistic::P95}, {"p97", Statistic::P97},
            {"p99", Statistic::P99}, {"p99.9", Statistic::P999}, {"p99_9", Statistic::P999}};
        for (const auto& [name, s] : percentiles) {
            if (word == name)
                return s;
        }
    }
    return std::nullopt;
}

// Keys of a result object that are neither statistics nor configuration.
bool isBookkeeping(std::string_view key)
{
    static const std::set<std::string_view> keys = {"date", "endpoint_type", "label", "tokenizer_id", "num_prompts",
        "duration", "completed", "failed", "total_input_tokens", "total_output_tokens",
        "total_output_tokens_retokenized", "request_goodput", "request_goodput:", "max_output_tokens_per_s",
        "max_concurrent_requests", "rtfx", "run_number", "run", "burstiness", "model_id", "model", "backend",
        "request_throughput", "output_throughput", "total_token_throughput", "input_throughput", "generated_texts",
        "input_lens", "output_lens", "ttfts", "itls", "errors", "start_times", "tag", "concurrency",
        "sharegpt_output_len", "random_range_ratio", "accept_length"};
    return keys.count(key) > 0;
}

bool isStatisticKey(std::string_view key)
{
    const auto us = key.find('_');
    return us != std::string_view::npos && statisticWord(key.substr(0, us)) && key.ends_with("_ms");
}

// Tensor/pipeline parallel sizes and the dataset often live only in the file name:
// "llm-k8s_llama-3.3-70b_tp8_pp1_sharegpt_qps_04.json".
void dimsFromFileName(std::string_view path, FileExtract::Dims& dims)
{
    std::string stem(fileName(path));
    for (auto& c : stem)
        c = c == '-' || c == '.' ? '_' : c;
    std::vector<std::string_view> words;
    std::string_view rest = stem;
    while (!rest.empty()) {
        const auto us = rest.find('_');
        words.push_back(rest.substr(0, us));
        rest = us == std::string_view::npos ? std::string_view() : rest.substr(us + 1);
    }
    const auto digits
        = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; };
    for (const auto w : words) {
        if (w.size() > 2 && w.starts_with("tp") && digits(w.substr(2)))
            dims.emplace_back("tensor_parallel", std::string(w.substr(2)));
        else if (w.size() > 2 && w.starts_with("pp") && digits(w.substr(2)))
            dims.emplace_back("pipeline_parallel", std::string(w.substr(2)));
        else if (w == "sharegpt" || w == "sonnet" || w == "random")
            dims.emplace_back("dataset", std::string(w));
    }
}

class ResultWriter
{
public:
    ResultWriter(ExtractWriter& w, const json::Document& doc, std::string_view path)
        : m_w(w)
        , m_doc(doc)
        , m_path(path)
    { }

    // One run's result object. `pointer`/`line` locate it in the file.
    void write(const json::Node& o, const std::string& pointer, uint32_t line)
    {
        FileExtract::Dims dims;
        if (auto model = textField(m_doc, o, "model_id"))
            dims.emplace_back("model", *model);
        else if (auto m = textField(m_doc, o, "model"))
            dims.emplace_back("model", *m);
        if (auto backend = textField(m_doc, o, "backend"))
            dims.emplace_back("backend", *backend);
        if (auto rate = textField(m_doc, o, "request_rate"))
            dims.emplace_back("request_rate", *rate == "Infinity" ? "inf" : *rate);
        if (auto burst = numberField(m_doc, o, "burstiness"); burst && *burst != 1)
            dims.emplace_back("burstiness", cleanNumber(*burst));
        // Everything else that is a scalar and not a statistic is configuration: max_concurrency, swept
        // server parameters (max_num_seqs), dataset lengths.
        m_doc.forEachChild(o, [&](const json::Node& m) {
            if (m.key == "request_rate" || isBookkeeping(m.key) || isStatisticKey(m.key))
                return;
            if (m.type == json::Type::Number || m.type == json::Type::String || m.type == json::Type::Bool)
                dims.emplace_back(normalizeKey(m.key), *textField(m_doc, o, m.key));
        });
        dimsFromFileName(m_path, dims);
        const uint32_t g = m_w.group(std::move(dims));

        const auto completed = numberField(m_doc, o, "completed");
        const std::optional<uint32_t> n
            = completed && *completed >= 0 ? std::optional<uint32_t>(static_cast<uint32_t>(*completed)) : std::nullopt;
        const auto loc = [&](std::string_view key) { return m_w.pointer(pointer, line, key); };
        if (completed && *completed == 0) {
            // A run where every request failed still writes a file, with 0.0 for every statistic.
            m_w.diagnostic(Severity::Warning, m_w.out().locatorText(loc("completed")),
                "every request of this run failed (completed = 0); its zero statistics are not used");
        } else {
            m_doc.forEachChild(o, [&](const json::Node& m) {
                if (m.type != json::Type::Number || !isStatisticKey(m.key))
                    return;
                const auto us = m.key.find('_');
                const auto stem = m.key.substr(us + 1, m.key.size() - us - 1 - 3);
                if (const char* metric = latencyMetric(stem))
                    m_w.reported(g, m_w.metric(metric), *statisticWord(m.key.substr(0, us)), m.number, n, loc(m.key));
            });
            static constexpr std::pair<const char*, const char*> throughputs[] = {
                {"request_throughput", "request_throughput_req_s"}, {"output_throughput", "throughput_tok_s"},
                {"total_token_throughput", "total_throughput_tok_s"}, {"input_throughput", "prompt_throughput_tok_s"}};
            for (const auto& [key, metric] : throughputs) {
                if (auto v = numberField(m_doc, o, key))
                    m_w.reported(g, m_w.metric(metric), Statistic::Overall, *v, n, loc(key));
            }
        }
        writeRequests(o, g, pointer, line);
        // Failed requests without per-request arrays: counted from "failed".
        if (!m_doc.member(o, "errors")) {
            if (auto failed = numberField(m_doc, o, "failed"); failed && *failed > 0) {
                for (int i = 0; i < static_cast<int>(*failed); ++i)
                    m_w.record(g, loc("failed"), true);
            }
        }
    }

private:
    // Per-request arrays (benchmark_serving --save-detailed / older --save-result): ttfts[i] (s), itls[i][] (s),
    // input_lens[i], output_lens[i], errors[i] ("" when the request succeeded).
    void writeRequests(const json::Node& o, uint32_t g, const std::string& pointer, uint32_t line)
    {
        const json::Node* ttfts = m_doc.member(o, "ttfts");
        if (!ttfts || ttfts->type != json::Type::Array || ttfts->childCount == 0)
            return;
        const auto elements = [&](const char* key) {
            std::vector<const json::Node*> list;
            if (const json::Node* a = m_doc.member(o, key); a && a->type == json::Type::Array)
                m_doc.forEachChild(*a, [&](const json::Node& e) { list.push_back(&e); });
            return list;
        };
        const auto ttft = elements("ttfts");
        const auto itls = elements("itls");
        const auto inputs = elements("input_lens");
        const auto outputs = elements("output_lens");
        const auto errors = elements("errors");
        const uint32_t ttftMetric = m_w.metric("ttft_ms");
        const uint32_t itlMetric = m_w.metric("itl_ms");
        const uint32_t promptTokens = m_w.metric("prompt_tokens");
        const uint32_t outputTokens = m_w.metric("tokens_generated");
        for (size_t i = 0; i < ttft.size(); ++i) {
            const bool failed
                = i < errors.size() && errors[i]->type == json::Type::String && !trim(errors[i]->text).empty();
            const uint32_t r = m_w.record(g, m_w.pointer(pointer, line), failed);
            if (failed)
                continue;
            const auto at = [&](std::string_view key, size_t index) {
                std::string p = pointer;
                appendPointerToken(p, key);
                return fmt::format("{}/{}", p, index);
            };
            if (ttft[i]->type == json::Type::Number)
                m_w.sampleAt(r, ttftMetric, ttft[i]->number * 1000, at("ttfts", i));
            if (i < inputs.size() && inputs[i]->type == json::Type::Number)
                m_w.sampleAt(r, promptTokens, inputs[i]->number, at("input_lens", i));
            if (i < outputs.size() && outputs[i]->type == json::Type::Number)
                m_w.sampleAt(r, outputTokens, outputs[i]->number, at("output_lens", i));
            if (i < itls.size() && itls[i]->type == json::Type::Array) {
                uint32_t j = 0;
                const std::string base = at("itls", i);
                m_doc.forEachChild(*itls[i], [&](const json::Node& gap) {
                    if (gap.type == json::Type::Number)
                        m_w.sampleAt(r, itlMetric, gap.number * 1000, fmt::format("{}/{}", base, j));
                    ++j;
                });
            }
        }
    }

    ExtractWriter& m_w;
    const json::Document& m_doc;
    std::string_view m_path;
};

bool isResultObject(const json::Document& doc, const json::Node& n)
{
    return n.type == json::Type::Object && (doc.member(n, "median_ttft_ms") || doc.member(n, "mean_ttft_ms"))
        && (doc.member(n, "output_throughput") || doc.member(n, "request_throughput"));
}

int resultConfidence(const FileInput& in)
{
    if (in.type != FileType::Json)
        return 0;
    // Per-request arrays can push the summary keys far into the file: search all of it.
    return containsAny(in.bytes, {"\"median_ttft_ms\"", "\"mean_ttft_ms\""})
            && containsAny(in.bytes, {"\"output_throughput\"", "\"request_throughput\""})
        ? confidence::Certain
        : 0;
}

std::optional<FileExtract> extractResults(const FileInput& in)
{
    const bool lines = in.relativePath.ends_with(".jsonl") || json::looksLikeJsonLines(in.bytes);
    auto parsed = lines ? json::parseLines(in.bytes) : json::parse(in.bytes);
    if (!parsed.ok)
        return std::nullopt;
    const auto& doc = parsed.document;
    FileExtract out;
    ExtractWriter w(out);
    ResultWriter writer(w, doc, in.relativePath);
    bool sglang = false;
    uint32_t results = 0;
    const auto visit = [&](const json::Node& n, const std::string& pointer, uint32_t line) {
        if (!isResultObject(doc, n))
            return;
        sglang = sglang || doc.member(n, "mean_e2e_latency_ms") || doc.member(n, "total_output_tokens_retokenized");
        writer.write(n, pointer, line);
        ++results;
    };
    const json::Node& root = doc.root();
    if (root.type == json::Type::Object) {
        visit(root, "", 0);
    } else if (root.type == json::Type::Array) {
        uint32_t i = 0;
        doc.forEachChild(root, [&](const json::Node& n) {
            if (lines)
                visit(n, "", doc.lineNumbers[i]);
            else
                visit(n, fmt::format("/{}", i), 0);
            ++i;
        });
    }
    if (results == 0)
        return std::nullopt;
    for (const auto& e : doc.lineErrors)
        w.diagnostic(Severity::Warning, fmt::format("line {}", e.line), "malformed JSON line skipped: " + e.message);
    if (doc.nonFiniteLiterals) {
        w.diagnostic(Severity::Info, {},
            fmt::format("{} non-standard JSON literal(s) (Infinity/NaN) read as text", doc.nonFiniteLiterals));
    }
    out.recognizer = sglang ? (lines ? "SGLang bench_serving JSONL" : "SGLang bench_serving JSON")
                            : (lines ? "vLLM bench serve JSONL" : "vLLM bench serve JSON");
    return out;
}

// Display labels of the nightly summary and the console block: "Mean TTFT (ms)", "P99 ITL (ms)",
// "Output Tput (tok/s)", "Request throughput (req/s)", "Mean E2E Latency (ms)".
struct Label
{
    const char* metric = nullptr;
    Statistic statistic = Statistic::Value;
};

std::optional<Label> classifyLabel(std::string_view text)
{
    const std::string k = normalizeKey(text);
    const auto has
        = [&](std::string_view w) { return ("_" + k + "_").find(fmt::format("_{}_", w)) != std::string::npos; };
    if (has("tput") || has("throughput")) {
        if (has("req") && !has("tok"))
            return Label {"request_throughput_req_s", Statistic::Overall};
        if (has("output"))
            return Label {"throughput_tok_s", Statistic::Overall};
        if (has("total"))
            return Label {"total_throughput_tok_s", Statistic::Overall};
        if (has("input"))
            return Label {"prompt_throughput_tok_s", Statistic::Overall};
        if (has("tok"))
            return Label {"throughput_tok_s", Statistic::Overall};
        return std::nullopt;
    }
    if (!k.ends_with("_ms"))
        return std::nullopt;
    const auto us = k.find('_');
    const auto stat = statisticWord(k.substr(0, us));
    if (!stat)
        return std::nullopt;
    std::string stem = k.substr(us + 1, k.size() - us - 1 - 3);
    if (const char* metric = latencyMetric(stem))
        return Label {metric, *stat};
    return std::nullopt;
}

// Milliseconds per unit of a run-duration label ("benchmark_duration_s", "duration_sec", "total_duration_ms"):
// the word "duration" and a time unit as the last word; nullopt otherwise.
std::optional<double> runDurationMs(std::string_view key)
{
    const auto last = key.rfind('_');
    if (last == std::string_view::npos || ("_" + std::string(key) + "_").find("_duration_") == std::string::npos)
        return std::nullopt;
    return msPerUnit(key.substr(last + 1));
}

int summaryJsonConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"Test name\"", "TTFT (ms)"});
}

std::optional<FileExtract> extractSummaryJson(const FileInput& in)
{
    auto parsed = json::parse(in.bytes);
    if (!parsed.ok || parsed.document.root().type != json::Type::Array)
        return std::nullopt;
    const auto& doc = parsed.document;
    FileExtract out;
    out.recognizer = "vLLM nightly summary JSON";
    ExtractWriter w(out);
    uint32_t i = 0;
    doc.forEachChild(doc.root(), [&](const json::Node& row) {
        const std::string pointer = fmt::format("/{}", i++);
        const auto test = textField(doc, row, "Test name");
        if (row.type != json::Type::Object || !test)
            return;
        FileExtract::Dims dims = {{"test", *test}};
        if (auto gpu = textField(doc, row, "GPU"))
            dims.emplace_back("gpu", *gpu);
        dimsFromFileName(*test, dims);
        const uint32_t g = w.group(std::move(dims));
        const auto requests = numberField(doc, row, "# of req.");
        const std::optional<uint32_t> n = requests ? std::optional<uint32_t>(uint32_t(*requests)) : std::nullopt;
        doc.forEachChild(row, [&](const json::Node& m) {
            if (m.type != json::Type::Number)
                return;
            if (const auto label = classifyLabel(m.key))
                w.reported(g, w.metric(label->metric), label->statistic, m.number, n, w.pointer(pointer, 0, m.key));
        });
    });
    if (out.reported.empty())
        return std::nullopt;
    return out;
}

int summaryMarkdownConfidence(const FileInput& in)
{
    return in.type == FileType::Markdown && containsAll(in.bytes, {"| Test name", "TTFT (ms)"}) ? confidence::Certain
                                                                                                : 0;
}

std::optional<FileExtract> extractSummaryMarkdown(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "vLLM nightly summary Markdown";
    ExtractWriter w(out);
    for (const auto& t : findPipeTables(in.bytes)) {
        const int test = t.column("test_name");
        if (test < 0)
            continue;
        const int gpu = t.column("gpu");
        const int requests = t.column("of_req");
        std::vector<std::optional<Label>> labels;
        for (const auto& h : t.header)
            labels.push_back(classifyLabel(h));
        for (const auto& row : t.rows) {
            if (row.cells.size() != t.header.size())
                continue;
            FileExtract::Dims dims = {{"test", row.cells[size_t(test)]}};
            if (gpu >= 0)
                dims.emplace_back("gpu", row.cells[size_t(gpu)]);
            dimsFromFileName(row.cells[size_t(test)], dims);
            const uint32_t g = w.group(std::move(dims));
            std::optional<uint32_t> n;
            if (requests >= 0) {
                if (const auto v = parseNumber(row.cells[size_t(requests)]))
                    n = static_cast<uint32_t>(*v);
            }
            for (size_t c = 0; c < t.header.size(); ++c) {
                if (!labels[c])
                    continue;
                if (const auto v = parseNumber(row.cells[c])) {
                    w.reported(
                        g, w.metric(labels[c]->metric), labels[c]->statistic, *v, n, w.cell(row.line, t.header[c]));
                }
            }
        }
    }
    // The same numbers follow as a pandas-style JSON string inside a code block: not read twice.
    if (out.reported.empty())
        return std::nullopt;
    return out;
}

constexpr std::string_view kConsoleBanner = "Serving Benchmark Result";

int consoleConfidence(const FileInput& in)
{
    if (in.type != FileType::Markdown && in.type != FileType::Text)
        return 0;
    return in.bytes.find(kConsoleBanner) != std::string_view::npos ? confidence::Certain : 0;
}

// "============ Serving Benchmark Result ============" followed by "Label (unit):   value" lines, grouped under
// dashed headers, closed by a line of '='. Each block is one run.
std::optional<FileExtract> extractConsole(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "serving benchmark console output";
    ExtractWriter w(out);
    bool inBlock = false;
    FileExtract::Dims dims;
    struct Pending
    {
        Label label;
        double value;
        Locator loc;
    };
    std::vector<Pending> pending;
    std::optional<uint32_t> completed;
    std::optional<std::pair<double, Locator>> duration;
    uint32_t blocks = 0;
    const auto flush = [&]() {
        if (!dims.empty() || !pending.empty()) {
            const uint32_t g = w.group(dims);
            for (const auto& p : pending)
                w.reported(g, w.metric(p.label.metric), p.label.statistic, p.value, completed, p.loc);
            if (duration)
                w.reported(
                    g, w.metric("wall_time_ms"), Statistic::Value, duration->first, std::nullopt, duration->second);
            ++blocks;
        }
        dims.clear();
        pending.clear();
        completed.reset();
        duration.reset();
    };
    uint32_t lineNo = 0;
    size_t pos = 0;
    while (pos < in.bytes.size()) {
        ++lineNo;
        size_t end = in.bytes.find('\n', pos);
        if (end == std::string_view::npos)
            end = in.bytes.size();
        const std::string_view line = trim(in.bytes.substr(pos, end - pos));
        pos = end + 1;
        if (line.find(kConsoleBanner) != std::string_view::npos) {
            flush();
            inBlock = true;
            continue;
        }
        if (!inBlock)
            continue;
        if (!line.empty() && line.find_first_not_of('=') == std::string_view::npos) {
            flush();
            inBlock = false;
            continue;
        }
        const auto colon = line.rfind(':');
        if (colon == std::string_view::npos || line.starts_with("-"))
            continue;
        const std::string_view label = trim(line.substr(0, colon));
        const std::string_view value = trim(line.substr(colon + 1));
        const std::string key = normalizeKey(label);
        if (key == "backend") {
            dims.emplace_back("backend", std::string(value));
        } else if (key == "traffic_request_rate" || key == "request_rate") {
            dims.emplace_back("request_rate", std::string(value));
        } else if (key == "max_request_concurrency" || key == "maximum_request_concurrency"
            || key == "max_concurrency") {
            dims.emplace_back("max_concurrency", std::string(value));
        } else if (key == "model" || key == "model_id") {
            dims.emplace_back("model", std::string(value));
        } else if (key == "successful_requests") {
            if (const auto v = parseNumber(value))
                completed = static_cast<uint32_t>(*v);
        } else if (const auto ms = runDurationMs(key)) {
            // "Benchmark duration (s)": the run's wall time, one value of the block (not a statistic over requests).
            if (const auto v = parseNumber(value))
                duration = {*v * *ms, w.line(lineNo)};
        } else if (const auto l = classifyLabel(label)) {
            const auto v = parseNumber(value);
            if (!v)
                continue;
            // "-0.00" / "0.00" latency: the tool could not measure it (no second token, no ITL).
            if (*v == 0 && l->metric != std::string_view("request_throughput_req_s")) {
                w.diagnostic(Severity::Info, fmt::format("line {}", lineNo),
                    fmt::format("'{}' is {}: not measured, not used", label, value));
                continue;
            }
            pending.push_back({*l, *v, w.line(lineNo)});
        }
    }
    flush();
    if (blocks == 0)
        return std::nullopt;
    return out;
}

// vLLM `benchmark_latency.py --output-json`: {"avg_latency": s, "latencies": [s, ...], "percentiles": {"50": s}}.
// Each latency is one batch's end-to-end time: the samples.
int latencyConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"avg_latency\"", "\"latencies\"", "\"percentiles\""});
}

std::optional<FileExtract> extractLatency(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node& root = doc.root();
    const json::Node* latencies = arrayMember(doc, root, "latencies");
    if (!latencies)
        return std::nullopt;
    FileExtract out;
    out.recognizer = "vLLM benchmark_latency JSON";
    ExtractWriter w(out);
    const uint32_t g = w.group({});
    const uint32_t latency = w.metric("latency_ms");
    uint32_t i = 0;
    doc.forEachChild(*latencies, [&](const json::Node& l) {
        if (l.type == json::Type::Number)
            w.sampleAt(w.record(g, w.pointer("")), latency, l.number * 1000, fmt::format("/latencies/{}", i));
        ++i;
    });
    const std::optional<uint32_t> n = i;
    if (auto avg = numberField(doc, root, "avg_latency"))
        w.reported(g, latency, Statistic::Mean, *avg * 1000, n, w.pointer("", 0, "avg_latency"));
    if (const json::Node* percentiles = doc.member(root, "percentiles");
        percentiles && percentiles->type == json::Type::Object) {
        doc.forEachChild(*percentiles, [&](const json::Node& p) {
            const auto statistic = statisticWord(fmt::format("p{}", p.key));
            if (statistic && p.type == json::Type::Number)
                w.reported(g, latency, *statistic, p.number * 1000, n, w.pointer("/percentiles", 0, p.key));
        });
    }
    return out;
}

// vLLM `benchmark_throughput.py --output-json`: one offline run, aggregates only.
int throughputConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"elapsed_time\"", "\"requests_per_second\"", "\"tokens_per_second\""});
}

std::optional<FileExtract> extractThroughput(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node& root = doc.root();
    FileExtract out;
    out.recognizer = "vLLM benchmark_throughput JSON";
    ExtractWriter w(out);
    const uint32_t g = w.group({});
    const auto requests = numberField(doc, root, "num_requests");
    const std::optional<uint32_t> n = requests ? std::optional<uint32_t>(uint32_t(*requests)) : std::nullopt;
    if (auto v = numberField(doc, root, "requests_per_second"))
        w.reported(g, w.metric("request_throughput_req_s"), Statistic::Overall, *v, n,
            w.pointer("", 0, "requests_per_second"));
    if (auto v = numberField(doc, root, "tokens_per_second"))
        w.reported(
            g, w.metric("total_throughput_tok_s"), Statistic::Overall, *v, n, w.pointer("", 0, "tokens_per_second"));
    if (auto v = numberField(doc, root, "elapsed_time"))
        w.reported(g, w.metric("wall_time_ms"), Statistic::Total, *v * 1000, n, w.pointer("", 0, "elapsed_time"));
    if (out.reported.empty())
        return std::nullopt;
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"vLLM/SGLang serving result JSON", resultConfidence, extractResults},
    Recognizer {"vLLM nightly summary JSON", summaryJsonConfidence, extractSummaryJson},
    Recognizer {"vLLM nightly summary Markdown", summaryMarkdownConfidence, extractSummaryMarkdown},
    Recognizer {"serving benchmark console output", consoleConfidence, extractConsole},
    Recognizer {"vLLM benchmark_latency JSON", latencyConfidence, extractLatency},
    Recognizer {"vLLM benchmark_throughput JSON", throughputConfidence, extractThroughput},
};

} // namespace

std::span<const Recognizer> servingBenchRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
