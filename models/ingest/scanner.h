#pragma once

#include "models/util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace benchlens {

struct ScannedFile
{
    std::string relativePath; // '/' separated
    std::string absolutePath;
    uint64_t bytes = 0;
    int64_t modifiedMs = 0;
};

struct ScanResult
{
    std::vector<ScannedFile> files; // sorted by relative path
    std::vector<std::string> directories; // relative paths of the folders walked ("" = root), sorted
    std::vector<std::string> problems; // folders that could not be read, symlink loops skipped
};

// Walks `root` recursively. Skips hidden entries (".git", ".venv", ...) and VCS folders, follows symbolic links
// to folders only once per real folder (so a link loop ends), and never writes anything.
// Fails only when `root` itself is not a readable folder.
Result<ScanResult> scanFolder(const std::string& root);

} // namespace benchlens
