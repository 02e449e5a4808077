#include "resources/samplegen/sample_generator.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

namespace benchlens::samplegen {

namespace fs = std::filesystem;

namespace {
// splitmix64: tiny, fast and the same on every platform.
class Random
{
public:
    explicit Random(uint64_t seed)
        : m_state(seed)
    { }
    double uniform()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        return static_cast<double>(z >> 11) / 9007199254740992.0;
    }
    // Approximately normal (Irwin-Hall with 12 terms): exact arithmetic, so reproducible everywhere.
    double normal(double mean, double sd)
    {
        double sum = 0;
        for (int i = 0; i < 12; ++i)
            sum += uniform();
        return mean + (sum - 6.0) * sd;
    }

private:
    uint64_t m_state;
};

struct Model
{
    const char* name;
    double tokensPerSecond;
    double ttftMs;
    double loadSeconds;
};

constexpr Model kModels[] = {
    {"llama3.2:3b-instruct-q4_K_M", 118.0, 62.0, 2.4},
    {"qwen2.5:7b-instruct-q4_K_M", 71.5, 95.0, 4.1},
    {"gemma3:4b-it-qat", 96.0, 78.0, 3.2},
};

constexpr const char* kPrompts[] = {
    "Summarize the release notes in three bullet points.",
    "Write a haiku about cache misses.",
    "Explain \"time to first token\", briefly.",
    "Translate 'benchmark' into French, German and Spanish.",
    "List five prime numbers, comma separated: 2, 3, 5, 7, 11",
};

class Writer
{
public:
    explicit Writer(fs::path root)
        : m_root(std::move(root))
    { }
    void file(const std::string& rel, const std::string& contents)
    {
        if (!m_error.empty())
            return;
        const fs::path p = m_root / rel;
        std::error_code ec;
        fs::create_directories(p.parent_path(), ec);
        std::ofstream out(p, std::ios::binary);
        out << contents;
        if (!out)
            m_error = "cannot write " + p.string();
    }
    const std::string& error() const { return m_error; }

private:
    fs::path m_root;
    std::string m_error;
};

std::string csvQuote(const std::string& s)
{
    std::string out = "\"";
    for (const char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string jsonString(const std::string& s)
{
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\')
            out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}

struct Call
{
    double ttftS, tokensS, loadS, promptEvalS, evalS;
    int promptTokens, evalCount;
};

Call simulate(Random& rng, const Model& m, bool coldStart, double speedFactor = 1.0, double ttftFactor = 1.0)
{
    Call c {};
    c.loadS = coldStart ? m.loadSeconds * rng.normal(1.0, 0.05) : rng.normal(0.055, 0.008);
    c.promptTokens = 18 + static_cast<int>(rng.uniform() * 12);
    c.promptEvalS = m.ttftMs / 1000.0 * ttftFactor * rng.normal(0.35, 0.05);
    c.ttftS = c.loadS + c.promptEvalS;
    c.tokensS = m.tokensPerSecond * speedFactor * rng.normal(1.0, 0.012);
    c.evalCount = 40 + static_cast<int>(rng.uniform() * 400);
    c.evalS = c.evalCount / c.tokensS;
    return c;
}

void promptSuiteRun(Writer& w, Random& rng, const std::string& dir, const std::string& isoTime, bool failing)
{
    std::string runs = "timestamp,model,prompt_index,prompt_text,ttft_s,tokens_s,load_s,prompt_eval_s,eval_s,"
                       "prompt_eval_count,eval_count,error,options\n";
    std::string summary
        = fmt::format("{{\n  \"generated_at\": \"{}\",\n  \"prompt_count\": 5,\n  \"models\": [\n", isoTime);
    const std::string options = csvQuote(R"({"temperature":0.7,"top_p":0.9})");
    for (size_t mi = 0; mi < std::size(kModels); ++mi) {
        const Model& m = kModels[mi];
        double tokensSum = 0;
        double ttftSum = 0;
        int completed = 0;
        for (int p = 0; p < 5; ++p) {
            if (failing) {
                runs += fmt::format("{},{},{},{},0.000000,0.00,0.000000,0.000000,0.000000,0,0,{},{}\n", isoTime, m.name,
                    p + 1, csvQuote(kPrompts[p]),
                    csvQuote("HTTPConnectionPool(host='localhost', port=11434): connection refused"), options);
                continue;
            }
            const Call c = simulate(rng, m, p == 0);
            const std::string ttft = fmt::format("{:.6f}", c.ttftS);
            const std::string tps = fmt::format("{:.2f}", c.tokensS);
            runs += fmt::format("{},{},{},{},{},{},{:.6f},{:.6f},{:.6f},{},{},,{}\n", isoTime, m.name, p + 1,
                csvQuote(kPrompts[p]), ttft, tps, c.loadS, c.promptEvalS, c.evalS, c.promptTokens, c.evalCount,
                options);
            tokensSum += std::stod(tps);
            ttftSum += std::stod(ttft);
            ++completed;
        }
        summary += fmt::format("    {{\"model\": \"{}\", \"prompt_count\": 5, \"completed\": {}, "
                               "\"options\": {{\"temperature\": 0.7, \"top_p\": 0.9}}, \"mean_ttft_s\": {}, "
                               "\"mean_tokens_s\": {}}}{}\n",
            m.name, completed, completed ? fmt::format("{:.6f}", ttftSum / completed) : "null",
            completed ? fmt::format("{:.4f}", tokensSum / completed) : "null", mi + 1 < std::size(kModels) ? "," : "");
    }
    summary += "  ]\n}\n";
    w.file(dir + "/prompt_suite_runs.csv", runs);
    w.file(dir + "/prompt_suite_summary.json", summary);
}

void parameterSweep(Writer& w, Random& rng, const std::string& dir)
{
    const Model& m = kModels[0];
    std::string rows = "timestamp,model,num_gpu,num_ctx,temperature,ttft_s,tokens_s,load_s,eval_count,error\n";
    std::string summary = "num_gpu,num_ctx,temperature,mean_tokens_s,mean_ttft_s\n";
    int second = 0;
    bool first = true;
    for (const int gpu : {20, 40, 999}) {
        for (const int ctx : {1024, 4096, 8192}) {
            for (const double temp : {0.2, 0.8}) {
                // Offloading fewer layers slows decoding; a larger context slows the prompt phase.
                const double speed = gpu == 20 ? 0.62 : gpu == 40 ? 0.91 : 1.0;
                const double ttftFactor = 1.0 + (ctx / 4096.0) * 0.35;
                double tokensSum = 0;
                double ttftSum = 0;
                for (int rep = 0; rep < 3; ++rep) {
                    const Call c = simulate(rng, m, first, speed, ttftFactor);
                    first = false;
                    const std::string ttft = fmt::format("{:.4f}", c.ttftS);
                    const std::string tps = fmt::format("{:.2f}", c.tokensS);
                    rows += fmt::format("2026-01-05T11:{:02}:{:02},{},{},{},{},{},{},{:.4f},{},\n", second / 60,
                        second % 60, m.name, gpu, ctx, temp, ttft, tps, c.loadS, c.evalCount);
                    second += 7;
                    tokensSum += std::stod(tps);
                    ttftSum += std::stod(ttft);
                }
                summary += fmt::format("{},{},{},{:.2f},{:.4f}\n", gpu, ctx, temp, tokensSum / 3, ttftSum / 3);
            }
        }
    }
    w.file(dir + "/llama3.2_3b_param_sweep.csv", rows);
    w.file(dir + "/llama3.2_3b_param_sweep_summary.csv", summary);
}

void twoFormatBaseline(Writer& w, Random& rng, const std::string& dir)
{
    const Model& m = kModels[1];
    std::string csv = "prompt,ttft_ms,tokens_per_second,eval_count\n";
    std::string json = fmt::format("{{\n  \"model\": \"{}\",\n  \"results\": [\n", m.name);
    for (int p = 0; p < 5; ++p) {
        const Call c = simulate(rng, m, false);
        const std::string ttft = fmt::format("{:.2f}", c.ttftS * 1000);
        const std::string tps = fmt::format("{:.3f}", c.tokensS);
        csv += fmt::format("{},{},{},{}\n", csvQuote(kPrompts[p]), ttft, tps, c.evalCount);
        json
            += fmt::format("    {{\"prompt\": {}, \"ttft_ms\": {}, \"tokens_per_second\": {}, \"eval_count\": {}}}{}\n",
                jsonString(kPrompts[p]), ttft, tps, c.evalCount, p < 4 ? "," : "");
    }
    json += "  ]\n}\n";
    w.file(dir + "/qwen2.5_7b_baseline.csv", csv);
    w.file(dir + "/qwen2.5_7b_baseline.json", json);
}

void requestLog(Writer& w, Random& rng, const std::string& dir)
{
    const Model& m = kModels[2];
    std::string lines;
    for (int i = 0; i < 40; ++i) {
        const Call c = simulate(rng, m, false);
        const double latencyMs = (c.ttftS + c.evalS) * 1000;
        if (i == 17) {
            lines += fmt::format(
                "{{\"model\": \"{}\", \"request\": {}, \"success\": false, \"error\": \"timeout after 30 s\"}}\n",
                m.name, i);
            continue;
        }
        lines += fmt::format("{{\"model\": \"{}\", \"request\": {}, \"ttft_ms\": {:.2f}, \"latency_ms\": {:.2f}, "
                             "\"completion_tokens\": {}, \"success\": true}}\n",
            m.name, i, c.ttftS * 1000, latencyMs, c.evalCount);
    }
    w.file(dir + "/gemma3_4b_requests.jsonl", lines);
}
} // namespace

Status writeSampleFolder(const std::string& dir, int scale)
{
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
        return Error {dir + " exists and is not empty; the sample is only written into a new folder"};
    fs::create_directories(dir, ec);
    if (ec)
        return Error {"cannot create " + dir + ": " + ec.message()};
    Writer w {fs::path(dir)};
    Random rng(20260105);
    for (int s = 0; s < scale; ++s) {
        const std::string prefix = scale == 1 ? std::string() : fmt::format("batch_{:04}/", s);
        promptSuiteRun(w, rng, prefix + "ollama/20260105-101500", "2026-01-05T10:15:00+00:00", false);
        promptSuiteRun(w, rng, prefix + "ollama/20260105-103000", "2026-01-05T10:30:00+00:00", true);
        parameterSweep(w, rng, prefix + "sweeps");
        twoFormatBaseline(w, rng, prefix + "baselines");
        requestLog(w, rng, prefix + "requests");
    }
    w.file("reports/benchmark_summary.md",
        "# Benchmark Summary\n\n"
        "Hand-written notes from the January run. The numbers below were copied from the run logs.\n\n"
        "## llama3.2 parameter sweep\n\n"
        "**Configuration:** num_gpu=999, num_ctx=1024, temperature=0.2\n\n"
        "- Model: llama3.2:3b-instruct-q4_K_M\n"
        "- Throughput: 118.4 tok/s\n"
        "- TTFT: 2480 ms (first call, includes loading)\n\n"
        "| num_gpu | num_ctx | mean_tokens_s |\n|---:|---:|---:|\n| 20 | 1024 | 73.1 |\n| 40 | 1024 | 107.5 |\n\n"
        "## Notes\n\n```\nthroughput: 1.0 tok/s   <- inside a code block, not data\n```\n");
    w.file("notes.txt",
        "Sample benchmark folder generated by BenchLens (benchlens generate-sample).\n"
        "Host: 8-core workstation, 1 GPU\n");
    if (!w.error().empty())
        return Error {w.error()};
    return Ok {};
}

} // namespace benchlens::samplegen
