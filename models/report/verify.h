#pragma once

#include "models/util/result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace benchlens {

// `benchlens verify REPORT DIR`: does the folder still hold the data the report was made from? The report's
// Workflow Summary lists every input file with its SHA-256 ("`path` | bytes | `sha256:<hex>`" rows in Markdown,
// the same cells in HTML, "benchlens-input sha256:<hex> <path>" lines in a PDF's XMP metadata); the folder is
// hashed again and compared.

// (relative path, hex SHA-256) of every input file a Markdown, HTML or PDF report lists, in report order.
std::vector<std::pair<std::string, std::string>> reportChecksums(std::string_view reportText);

struct VerifyResult
{
    size_t checked = 0;
    std::vector<std::string> changed; // same path, other content
    std::vector<std::string> missing; // listed in the report, gone from the folder
    std::vector<std::string> added; // in the folder, not in the report
    bool same() const { return changed.empty() && missing.empty() && added.empty(); }
};

// Fails when `root` is not a readable folder or a file cannot be read.
Result<VerifyResult> verifyFolder(
    const std::string& root, const std::vector<std::pair<std::string, std::string>>& checksums);

} // namespace benchlens
