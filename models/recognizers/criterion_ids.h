#pragma once

#include "models/data/extract.h"

#include <string_view>

namespace benchlens {

// The variant of a criterion.rs benchmark id ("group/function/value", as the console prints it and as the
// target/criterion folders are named): benchmark = group[/function], input = the value (the last of three
// components, or a numeric second of two). The JSON and the console recognizers name a benchmark alike.
FileExtract::Dims criterionBenchmarkDims(std::string_view benchmarkId);

} // namespace benchlens
