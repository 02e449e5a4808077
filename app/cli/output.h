#pragma once

#include "util/result.h"

#include <string>

namespace benchlens::cli {

// Writes `contents` to `path` atomically (QSaveFile: temporary file + rename), refusing any path inside
// `inputRoot` so that BenchLens never writes into the folder it analyzes.
Status writeOutputFile(const std::string& path, const std::string& contents, const std::string& inputRoot);

// True when the file at `path` is a report BenchLens wrote (Markdown, HTML or PDF), which a new export may replace;
// false for any other existing file, which is only overwritten with --force.
bool isBenchLensReport(const std::string& path);

// True when `path` (existing or not) lies inside the folder `root`.
bool isInside(const std::string& path, const std::string& root);

} // namespace benchlens::cli
