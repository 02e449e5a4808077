#pragma once

#include "models/report/output_attachment.h"
#include "models/util/result.h"

#include <string>
#include <vector>

namespace benchlens {

// Writes `contents` to `path` atomically (QSaveFile: temporary file + rename), refusing any path inside
// `inputRoot` so that BenchLens never writes into the folder it analyzes.
Status writeOutputFile(const std::string& path, const std::string& contents, const std::string& inputRoot);

// True when the file at `path` is a report BenchLens wrote (Markdown, HTML or PDF), which a new export may replace;
// false for any other existing file, which is only overwritten with --force.
bool isBenchLensReport(const std::string& path);

// Writes a main file and the files beside it (a Markdown report and its `<name>_files/` figures), so that a failure
// leaves no partial output and nothing BenchLens did not write is ever deleted:
// - the attachments and a manifest listing them (`.benchlens-manifest`) go into a private temporary folder beside
//   the target (mkdtemp), renamed into place when all are written; then the main file is written atomically;
// - an existing attachment folder is replaced only when its manifest lists everything in it (a folder this
//   function wrote); then exactly the listed files are removed, by name, never through a link;
// - any other existing entry of that name (the user's folder, a link, a file) is refused, or with `force` moved
//   aside to `<name>.orig` (never deleted);
// - on failure, exactly what was written is removed and the older folder put back.
// All attachments must share one folder.
Status writeOutputWithAttachments(const std::string& path, const std::string& contents,
    const std::vector<OutputAttachment>& attachments, const std::string& inputRoot, bool force = false);

// True when `path` (existing or not) lies inside the folder `root`.
bool isInside(const std::string& path, const std::string& root);

} // namespace benchlens
