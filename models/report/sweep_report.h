#pragma once

#include <string>

namespace benchlens {

struct Dataset;
struct SweepAnalysis;

// The `benchlens sweep --json` document (schema "benchlens.sweep/1"), pretty-printed. A stable contract: fields may
// be added, never renamed. Configuration values that are numbers are written as JSON numbers, unset ones as null.
std::string sweepJson(const Dataset& dataset, const SweepAnalysis& sweep);

// The same facts as readable text: one ranking table per metric, the Pareto front, the parameter effects.
std::string sweepText(const Dataset& dataset, const SweepAnalysis& sweep);

} // namespace benchlens
