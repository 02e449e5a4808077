#pragma once

#include <string>

namespace benchlens {

struct Dataset;
struct Analysis;

// The `benchlens summarize --json` document (schema "benchlens.summary/1"), pretty-printed. A stable contract:
// fields may be added, never renamed.
std::string summaryJson(const Dataset& dataset, const Analysis& analysis);

// The same facts as a readable text table for a terminal.
std::string summaryTextTable(const Dataset& dataset, const Analysis& analysis);

// "2025-10-08T16:29:55Z"
std::string utcTimestamp(int64_t epochMs);

} // namespace benchlens
