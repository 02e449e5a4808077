#pragma once

#include "models/util/result.h"

#include <string>
#include <vector>

namespace benchlens {

struct ExportTable;

// Writes `tables` into a new SQLite database at `path` through Qt SQL's SQLite driver (Debian libqt6sql6-sqlite):
// one SQL table each, with indices on the columns queries filter by, and for the observations a view
// `metric_<id>` per metric in `metrics` that has rows. Built in a temporary file beside `path` and renamed into
// place, so a failure leaves nothing behind; refuses any path inside `inputRoot`.
Status writeSqliteExport(const std::vector<ExportTable>& tables, const std::vector<std::string>& metrics,
    const std::string& path, const std::string& inputRoot);

} // namespace benchlens
