// Ingest timings on generated folders, stage by stage. Numbers go into issue notes; ctest never asserts them.
//   bench_ingest --benchmark_filter=Ingest   whole pipeline on N copies of the sample (about 9 files each)
//   bench_ingest --benchmark_filter=Csv      the CSV parser alone on one large in-memory CSV (bytes/s)
#include "data/dataset.h"
#include "ingest/ingest.h"
#include "parsers/csv_parser.h"
#include "recognizers/recognizer.h"
#include "samplegen/sample_generator.h"
#include "stats/analysis.h"

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

BENCHMARK_MAIN();
