#pragma once

#include "models/data/indices.h"
#include "models/util/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

struct Dataset;
struct Variant;

// What a selector names in a Dataset. The text is a variant id ("llama3.1:8b-instruct-q4_0 quantization=q4_0"),
// a run id ("reports/ollama/20251002-151824", a file path), or comma-separated key=value terms matched against
// the variants' model and configuration: "model=gemma3:270m,num_gpu=80". Among the terms, `variant=` names a
// variant id, `run=` and `file=` restrict to runs or source files, and `metric=` to one metric. A `run=`/`file=`
// value is an exact id or path; else, with `*` or `?`, a glob over the whole id or path (`*` also crosses '/':
// run=results/runtime-*); else a prefix ending at a '/' (run=results/runtime-tokio selects every run below it).
// A value in double quotes may hold commas ("" is a quote inside it): file="results, final/run.csv".
// Used by `benchlens compare` (baseline and candidates), `--filter` and the GUI's report scope.
struct Selector
{
    std::string text; // trimmed
    std::vector<char> variants; // per Dataset variant: 1 when the variant matches
    std::vector<uint32_t> runs; // the runs `run=` names, sorted; empty: any run
    std::vector<uint32_t> files; // the files `file=` names, sorted; empty: any file
    std::optional<MetricIndex> metric;
    bool runId = false; // the whole text is a run id

    // An observation of `variant` in `file` (a source file index) is selected.
    bool matches(const Dataset& dataset, uint32_t variant, uint32_t file) const;
    bool matchesMetric(uint32_t metricIndex) const { return !metric || metric->value == metricIndex; }
};

// Fails with a sentence naming the selector when it is malformed or names a run, file or metric the folder does
// not have. A well-formed selector that matches no variant is not an error here (callers say what is empty).
Result<Selector> parseSelector(const Dataset& dataset, std::string_view text);

// One key=value term, the value quoted when it holds a comma or a quote or starts or ends with a space.
std::string selectorTerm(std::string_view key, std::string_view value);

// A variant's value for a selector key: "model" or a configuration key; empty when the variant does not set it.
std::string configValue(const Variant& variant, std::string_view key);

} // namespace benchlens
