// libFuzzer target: the merge. The input is split at 0x1E bytes into up to three files, written into a private
// temporary folder under names the first two bytes choose, and read with ingestFolder (scan, read, recognize,
// merge, duplicate and equivalence checks); then the statistics and the summary JSON are built from the Dataset.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/report/summary_json.h"
#include "models/stats/analysis.h"
#include "tests/fuzz/fuzz_support.h"

#include <array>
#include <set>

namespace {

// Names that put files in one timestamped run folder, beside each other, or in sibling folders; CSV, JSON, JSON
// Lines, Markdown and text. Part i gets kNames[(selector + i) % 8], so selector 0 gives CSV, JSON, Markdown.
constexpr std::array<std::string_view, 8> kNames = {
    "reports/ollama/20251002-151204/prompt_suite_runs.csv",
    "reports/ollama/20251002-151204/prompt_suite_summary.json",
    "reports/ollama/20251002-151204/report.md",
    "csv_data/ollama_quant_bench.csv",
    "csv_data/ollama_quant_bench.json",
    "llama-bench/run.jsonl",
    "logs/bench_output.txt",
    "gemma3_baseline.csv",
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace benchlens;
    if (size < 2)
        return 0;
    const unsigned selector = data[0] + 7u * data[1];
    const auto parts = fuzz::splitParts(fuzz::bytesOf(data + 2, size - 2), 3);
    fuzz::FuzzFolder& folder = fuzz::FuzzFolder::instance();
    folder.reset();
    std::set<std::string_view> used;
    for (size_t i = 0; i < parts.size(); ++i) {
        std::string_view name = kNames[(selector + i) % kNames.size()];
        if (!used.insert(name).second)
            name = kNames[(selector + i + 3) % kNames.size()]; // a second part under the same name: the next free
        folder.write(std::string(name), parts[i]);
        used.insert(name);
    }
    IngestOptions options;
    options.threads = 1;
    options.hashAllFiles = (selector & 1) != 0;
    const auto result = ingestFolder(folder.path(), options);
    if (!result)
        __builtin_trap(); // the folder exists and is readable: ingest must succeed, bad files are diagnostics
    const Dataset& ds = *result.value();
    for (size_t i = 0; i < ds.samples.size(); ++i)
        fuzz::touch(ds.locatorText(ds.samples.file[i], ds.samples.locator[i]));
    const Analysis analysis = analyze(ds);
    fuzz::touch(summaryJson(ds, analysis));
    fuzz::touch(summaryTextTable(ds, analysis));
    return 0;
}
