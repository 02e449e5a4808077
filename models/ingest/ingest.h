#pragma once

#include "models/data/user_map.h"
#include "models/util/read_budget.h"
#include "models/util/result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace benchlens {

struct Dataset;

struct IngestOptions
{
    int threads = 0; // 0: one per core
    bool hashAllFiles = false; // SHA-256 of every file (for a report's checksums); else only of same-size files
    // Files larger than this are not read (a diagnostic names them): a 3 GB dump is not a benchmark result, and
    // reading it whole would take the memory of the machine.
    uint64_t maxFileBytes = kDefaultMaxFileBytes;
    static constexpr uint64_t kDefaultMaxFileBytes = uint64_t(1) << 30; // 1 GiB
    ReadLimits limits; // cells, line length and time per file
    // The user's corrections (--map, the window's per-folder mapping): applied where the generic readers classify
    // columns and fields; the Dataset lists each rule with what it touched. Empty: the catalog alone.
    UserMap userMap;
};

// Called from worker threads as files finish: (files done, files in all, the file just done).
using IngestProgress = std::function<void(size_t done, size_t total, std::string_view file)>;

// Scans `root`, parses and recognizes every file in parallel, and merges the results in path order, so the
// Dataset never depends on scheduling. Synchronous and thread-agnostic: the CLI calls it directly, the GUI from
// a worker. Bad files become diagnostics; fails only when `root` is not a readable folder, or when cancelled.
Result<std::shared_ptr<const Dataset>> ingestFolder(const std::string& root, const IngestOptions& options = {},
    const IngestProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);

} // namespace benchlens
