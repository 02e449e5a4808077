#pragma once

#include "models/util/result.h"

#include <string>

namespace benchlens::samplegen {

// Writes the bundled sample artifact folder: a realistic, deterministic LLM-benchmark folder (three models,
// per-prompt runs with a cold start, a parameter sweep with its summary, one run where every call failed,
// a run saved as both CSV and JSON, JSON Lines request logs, a Markdown summary report and a text note).
// The same `scale` always gives byte-identical files. `scale` > 1 repeats the sweep and the runs in
// scale folders (for benchmarks). Fails when `dir` exists and is not empty, or cannot be written.
Status writeSampleFolder(const std::string& dir, int scale = 1);

} // namespace benchlens::samplegen
