#pragma once

#include "util/result.h"

#include <string>
#include <vector>

namespace benchlens {

// Writes `contents` to `path` atomically (QSaveFile: temporary file + rename), refusing any path inside
// `inputRoot` so that BenchLens never writes into the folder it analyzes.
Status writeOutputFile(const std::string& path, const std::string& contents, const std::string& inputRoot);

// True when the file at `path` is a report BenchLens wrote (Markdown, HTML or PDF), which a new export may replace;
// false for any other existing file, which is only overwritten with --force.
bool isBenchLensReport(const std::string& path);

struct OutputAttachment
{
    std::string path; // relative to the folder of the main file; its first segment is the attachment folder
    std::string contents;
};

// Writes a main file and the files beside it (a Markdown report and its `<name>_files/` figures), so that a failure
// leaves no partial output: the attachments go into a temporary folder beside the target first, which is renamed
// into place (replacing an older one) only when all of them are written; then the main file is written atomically.
// If that fails, the new folder is removed and the older one restored. All attachments must share one folder.
Status writeOutputWithAttachments(const std::string& path, const std::string& contents,
    const std::vector<OutputAttachment>& attachments, const std::string& inputRoot);

// True when `path` (existing or not) lies inside the folder `root`.
bool isInside(const std::string& path, const std::string& root);

} // namespace benchlens
