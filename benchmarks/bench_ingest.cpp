// Ingest timings on generated folders, stage by stage. Numbers go into issue notes; ctest never asserts them.
//   bench_ingest --benchmark_filter=Ingest   whole pipeline on N copies of the sample (about 9 files each)
//   bench_ingest --benchmark_filter=Csv      the CSV parser alone on one large in-memory CSV (bytes/s)
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/parsers/csv_parser.h"
#include "models/recognizers/recognizer.h"
#include "models/stats/analysis.h"
#include "resources/samplegen/sample_generator.h"

#include <QDir>
#include <QTemporaryDir>

#include <fmt/format.h>

#include <benchmark/benchmark.h>
#include <map>
#include <memory>

using namespace benchlens;

namespace {
const std::string& sampleFolder(int scale)
{
    static std::map<int, std::unique_ptr<QTemporaryDir>> dirs;
    static std::map<int, std::string> paths;
    if (!paths.count(scale)) {
        auto dir = std::make_unique<QTemporaryDir>();
        const std::string path = dir->path().toStdString() + "/sample";
        if (!samplegen::writeSampleFolder(path, scale))
            std::abort();
        dirs[scale] = std::move(dir);
        paths[scale] = path;
    }
    return paths[scale];
}

std::string bigCsv(size_t rows)
{
    std::string s = "timestamp,model,num_gpu,num_ctx,temperature,ttft_s,tokens_s,load_s,eval_count,error,options\n";
    for (size_t i = 0; i < rows; ++i) {
        s += fmt::format(
            "2026-01-05T10:{:02}:{:02},llama3.2:3b-instruct-q4_K_M,{},{},0.{},0.{:04},{}.{:02},0.0{:03},{},,"
            "\"{{\"\"top_p\"\":0.9}}\"\n",
            i / 60 % 60, i % 60, 20 + i % 3 * 20, 1024 << (i % 3), i % 9 + 1, 600 + i % 900, 70 + i % 50, i % 100,
            i % 700, 100 + i % 400);
    }
    return s;
}
} // namespace

static void BM_IngestSample(benchmark::State& state)
{
    const std::string& folder = sampleFolder(static_cast<int>(state.range(0)));
    size_t files = 0;
    size_t bytes = 0;
    for (auto _ : state) {
        auto result = ingestFolder(folder);
        files = result.value()->inventory.files;
        bytes = result.value()->inventory.bytes;
        benchmark::DoNotOptimize(result);
    }
    state.counters["files"] = static_cast<double>(files);
    state.counters["files/s"]
        = benchmark::Counter(static_cast<double>(files), benchmark::Counter::kIsIterationInvariantRate);
    state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_IngestSample)->Arg(1)->Arg(100)->Arg(1100)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_AnalyzeSample(benchmark::State& state)
{
    const auto ds = ingestFolder(sampleFolder(static_cast<int>(state.range(0)))).value();
    for (auto _ : state)
        benchmark::DoNotOptimize(analyze(*ds));
    state.counters["samples"] = static_cast<double>(ds->samples.size());
}
BENCHMARK(BM_AnalyzeSample)->Arg(100)->Unit(benchmark::kMillisecond);

static void BM_CsvParseOnly(benchmark::State& state)
{
    const std::string csv = bigCsv(static_cast<size_t>(state.range(0)));
    for (auto _ : state) {
        size_t fields = 0;
        csv::parse(csv, ',', [&](const csv::Row& row) {
            fields += row.fields.size();
            return true;
        });
        benchmark::DoNotOptimize(fields);
    }
    state.SetBytesProcessed(static_cast<int64_t>(csv.size()) * state.iterations());
}
BENCHMARK(BM_CsvParseOnly)->Arg(200000)->Unit(benchmark::kMillisecond);

static void BM_CsvRecognize(benchmark::State& state)
{
    const std::string csv = bigCsv(static_cast<size_t>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(recognizeFile({"big.csv", csv, FileType::Csv}));
    state.SetBytesProcessed(static_cast<int64_t>(csv.size()) * state.iterations());
}
BENCHMARK(BM_CsvRecognize)->Arg(200000)->Unit(benchmark::kMillisecond);

// Tool recognizers on large outputs: a llama-bench JSONL sweep and a vLLM result with per-request arrays
// (`requests` requests of 100 inter-token gaps each).
static void BM_RecognizeLlamaBenchJsonl(benchmark::State& state)
{
    std::string jsonl;
    for (int64_t i = 0; i < state.range(0); ++i) {
        jsonl += fmt::format(
            "{{\"build_commit\": \"1c1409e1\", \"backends\": \"ROCm\", \"model_filename\": \"/m/llama-{}.gguf\", "
            "\"model_type\": \"llama 1B Q4_K - Medium\", \"n_batch\": 2048, \"n_ubatch\": {}, "
            "\"n_threads\": 16, \"n_gpu_layers\": 99, \"flash_attn\": true, \"n_prompt\": 512, "
            "\"n_gen\": 0, \"n_depth\": {}, \"avg_ns\": 108860084, \"stddev_ns\": 120000, "
            "\"avg_ts\": 4703.28, \"stddev_ts\": 5.1, \"samples_ns\": [108760084, 108860084, 108960084], "
            "\"samples_ts\": [4707.6, 4703.28, 4698.96]}}\n",
            i % 7, 256 << (i % 3), i % 5 * 1024);
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(recognizeFile({"sweep.jsonl", jsonl, FileType::Json}));
    state.SetBytesProcessed(static_cast<int64_t>(jsonl.size()) * state.iterations());
}
BENCHMARK(BM_RecognizeLlamaBenchJsonl)->Arg(20000)->Unit(benchmark::kMillisecond);

static void BM_RecognizeVllmResult(benchmark::State& state)
{
    const int64_t requests = state.range(0);
    std::string ttfts, itls, lens, errors;
    for (int64_t i = 0; i < requests; ++i) {
        const char* sep = i ? ", " : "";
        ttfts += fmt::format("{}0.0{}", sep, 40 + i % 50);
        lens += fmt::format("{}{}", sep, 100 + i % 300);
        errors += fmt::format("{}\"\"", sep);
        itls += sep;
        itls += '[';
        for (int j = 0; j < 100; ++j)
            itls += fmt::format("{}0.02{}", j ? ", " : "", (i + j) % 10);
        itls += ']';
    }
    const std::string json = fmt::format(
        "{{\"backend\": \"vllm\", \"model_id\": \"m\", \"request_rate\": 4.0, \"completed\": {}, "
        "\"request_throughput\": 3.2, "
        "\"output_throughput\": 670.0, \"mean_ttft_ms\": 64.5, \"median_ttft_ms\": 64.0, \"mean_itl_ms\": 24.5, "
        "\"input_lens\": [{}], \"output_lens\": [{}], \"ttfts\": [{}], \"itls\": [{}], \"errors\": [{}]}}",
        requests, lens, lens, ttfts, itls, errors);
    for (auto _ : state)
        benchmark::DoNotOptimize(recognizeFile({"result.json", json, FileType::Json}));
    state.SetBytesProcessed(static_cast<int64_t>(json.size()) * state.iterations());
}
BENCHMARK(BM_RecognizeVllmResult)->Arg(10000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
