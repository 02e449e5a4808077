// Report timings on generated folders: building the document (statistics, findings, charts, sources), restricting
// a folder to part of it (--filter, the Report view's scope), and rendering Markdown and HTML. Numbers go into issue
// notes; ctest never asserts them.
//   bench_report --benchmark_filter=Build   the document of N copies of the sample (about 9 files each)
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/report/report_builder.h"
#include "models/report/report_document.h"
#include "models/stats/analysis.h"
#include "models/stats/scope.h"
#include "resources/samplegen/sample_generator.h"

#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <map>
#include <memory>

using namespace benchlens;

namespace {
// The ingested sample folder at a scale, made once per scale (hashing every file, as `benchlens report` does).
const Dataset& sample(int scale)
{
    static std::map<int, std::unique_ptr<QTemporaryDir>> dirs;
    static std::map<int, std::shared_ptr<const Dataset>> datasets;
    if (!datasets.count(scale)) {
        auto dir = std::make_unique<QTemporaryDir>();
        const std::string path = dir->path().toStdString() + "/sample";
        if (!samplegen::writeSampleFolder(path, scale))
            std::abort();
        IngestOptions options;
        options.hashAllFiles = true;
        datasets[scale] = ingestFolder(path, options).value();
        dirs[scale] = std::move(dir);
    }
    return *datasets[scale];
}

ReportOptions fixedOptions()
{
    ReportOptions options;
    options.date = "2026-01-10";
    options.timings = false;
    return options;
}
} // namespace

static void BM_BuildReport(benchmark::State& state)
{
    const Dataset& ds = sample(static_cast<int>(state.range(0)));
    const Analysis analysis = analyze(ds);
    size_t blocks = 0;
    for (auto _ : state) {
        const ReportDocument doc = buildReport(ds, analysis, fixedOptions(), {});
        blocks = doc.blocks.size();
        benchmark::DoNotOptimize(blocks);
    }
    state.counters["files"] = static_cast<double>(ds.files.size());
    state.counters["samples"] = static_cast<double>(ds.samples.size());
    state.counters["blocks"] = static_cast<double>(blocks);
}
BENCHMARK(BM_BuildReport)->Arg(1)->Arg(100)->Arg(1100)->Unit(benchmark::kMillisecond);

// One model of the sample's three: about a third of the samples.
static void BM_RestrictDataset(benchmark::State& state)
{
    const Dataset& ds = sample(static_cast<int>(state.range(0)));
    size_t kept = 0;
    for (auto _ : state) {
        const auto part = restrictDataset(ds, {"model=llama3.2:3b-instruct-q4_K_M"});
        kept = part.value().samples.size();
        benchmark::DoNotOptimize(kept);
    }
    state.counters["samples"] = static_cast<double>(ds.samples.size());
    state.counters["kept"] = static_cast<double>(kept);
}
BENCHMARK(BM_RestrictDataset)->Arg(100)->Arg(1100)->Unit(benchmark::kMillisecond);

static void BM_RenderMarkdownAndHtml(benchmark::State& state)
{
    const Dataset& ds = sample(static_cast<int>(state.range(0)));
    const ReportDocument doc = buildReport(ds, analyze(ds), fixedOptions(), {});
    size_t bytes = 0;
    for (auto _ : state) {
        const RenderedMarkdown md = renderMarkdown(doc, "report_files");
        const std::string html = renderHtml(doc);
        bytes = md.text.size() + html.size();
        benchmark::DoNotOptimize(bytes);
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_RenderMarkdownAndHtml)->Arg(1100)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
