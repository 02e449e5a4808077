// libFuzzer target: every recognizer through the registry (recognizeFile). The first input byte picks the file's
// path, and with it its type (extension) and the file and folder names that tool recognizers look at; the rest is
// the file's content. Every value's locator is resolved to text, as the inventory and reports do.
#include "models/recognizers/recognizer.h"
#include "tests/fuzz/fuzz_support.h"

#include <array>

namespace {

// Indices 0..5 are the generic types (run_fuzzers.sh prefixes seeds by their extension with these), then names
// that tool recognizers claim or that carry a model, run folder or benchmark in them.
constexpr std::array<std::string_view, 16> kPaths = {
    "results.csv",
    "results.json",
    "results.jsonl",
    "report.md",
    "output.txt",
    "bench.log",
    "mlperf-v5.1_Cisco_llama3.1-8b_Offline_mlperf_log_summary.txt",
    "genai-perf/llama/profile_export_genai_perf.json",
    "aiperf_run1_profile_export_aiperf.csv",
    "reports/ollama/20251002-151204/prompt_suite_runs.csv",
    "llama-bench/strix-halo_llama32-1b.default-hip.jsonl",
    "llmperf/summary_groq_70b.json",
    "optimum/cuda_pytorch_llama/benchmark_report.json",
    "agent/baselines/demo_baseline_1759181419.json",
    "data/bench.tsv",
    "x/hyperfine.md",
};

void checkLocator(const benchlens::FileExtract& e, const benchlens::Locator& loc)
{
    using benchlens::Locator;
    if (loc.key != Locator::kNone && loc.key >= e.keys.size())
        __builtin_trap();
    if (loc.kind == Locator::Kind::Pointer && loc.pointer != Locator::kNone && loc.pointer >= e.pointers.size())
        __builtin_trap();
    benchlens::fuzz::touch(e.locatorText(loc));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace benchlens;
    if (size == 0)
        return 0;
    const std::string_view path = kPaths[data[0] % kPaths.size()];
    const std::string_view bytes = fuzz::bytesOf(data + 1, size - 1);
    const FileExtract e = recognizeFile({path, bytes, fileTypeFromPath(path)});
    for (const auto& v : e.values) {
        // Indices the merge follows without checking: each must point into the extract's own tables.
        if (v.record >= e.records.size() || v.metric >= e.metrics.size())
            __builtin_trap();
        if (e.records[v.record].group >= e.groups.size())
            __builtin_trap();
        if ((v.key != Locator::kNone && v.key >= e.keys.size())
            || (v.pointer != Locator::kNone && v.pointer >= e.pointers.size()))
            __builtin_trap();
        checkLocator(e, e.records[v.record].locator);
    }
    for (const auto& r : e.reported) {
        if (r.metric >= e.metrics.size() || r.group >= e.groups.size())
            __builtin_trap();
        checkLocator(e, r.locator);
    }
    for (const auto& d : e.diagnostics)
        fuzz::touch(d.message);
    for (const auto& dims : e.groups) {
        for (const auto& [k, v] : dims) {
            fuzz::touch(k);
            fuzz::touch(v);
        }
    }
    return 0;
}
