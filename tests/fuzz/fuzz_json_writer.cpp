// libFuzzer target: the JSON output writers (summarize / compare / sweep --json, and their text forms) on a Dataset
// whose model names, configuration key and values, column names and cell text are the input's lines
// (fuzz_support.cpp datasetFromInput).
#include "models/data/dataset.h"
#include "models/report/compare_json.h"
#include "models/report/summary_json.h"
#include "models/report/sweep_report.h"
#include "models/stats/analysis.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/sweep.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace benchlens;
    const auto dataset = fuzz::datasetFromInput(fuzz::bytesOf(data, size));
    if (!dataset)
        __builtin_trap(); // the folder exists: ingest must succeed
    const Dataset& ds = *dataset;
    const Analysis analysis = analyze(ds);
    fuzz::touch(summaryJson(ds, analysis));
    fuzz::touch(summaryTextTable(ds, analysis));
    if (ds.variants.size() >= 2) {
        // Variant ids are selectors for `compare` (a comma or quote in an id may make one fail: a usage error).
        const auto comparison = compareSelections(ds, ds.variants[0].id, {ds.variants[1].id}, {});
        if (comparison) {
            fuzz::touch(compareJson(ds, comparison.value()));
            fuzz::touch(compareText(ds, comparison.value()));
        }
    }
    for (const auto& model : sweepModels(ds)) {
        const auto sweep = analyzeSweep(ds, analysis, model);
        if (sweep) {
            fuzz::touch(sweepJson(ds, sweep.value()));
            fuzz::touch(sweepText(ds, sweep.value()));
        }
    }
    return 0;
}
