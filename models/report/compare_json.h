#pragma once

#include <string>

namespace benchlens {

struct Dataset;
struct DatasetComparison;

// The benchlens.compare/1 document of `benchlens compare --json` (a stable contract: fields are added, never
// renamed), and the plain-text table of the same numbers.
std::string compareJson(const Dataset& dataset, const DatasetComparison& comparison);
std::string compareText(const Dataset& dataset, const DatasetComparison& comparison);

} // namespace benchlens
