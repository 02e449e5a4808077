#pragma once

#include "models/util/result.h"

#include <string>
#include <vector>

namespace benchlens {

struct Dataset;

// Part of a folder's Dataset, for a report or summary on what the user chose (`--filter`, the GUI's filters):
// the observations, failures and reported values that any of `selectors` (stats/selector.h) selects, with the
// variants they belong to. Files, runs and metrics keep their indices (locators stay valid); per-file and
// per-variant counts are recounted for the part; the inventory still describes the whole folder, and
// Dataset::scope records the selectors and the folder's totals. Diagnostics are kept for the files that
// contribute, plus errors and folder-level ones. Reported values keep the cross-check made on the whole folder.
// A failed observation has no metric: a `metric=` term keeps the failures of the variants it selects.
// Fails when a selector is malformed or selects nothing.
Result<Dataset> restrictDataset(const Dataset& dataset, const std::vector<std::string>& selectors);

} // namespace benchlens
