#pragma once

#include <string>

namespace benchlens {

// A file written beside a main output file (a Markdown report's figures): its path relative to the folder of the
// main file, whose first segment is the attachment folder ("report_files/figure-1.svg"), and its contents. The
// Markdown writer returns them, writeOutputWithAttachments writes them.
struct OutputAttachment
{
    std::string path;
    std::string contents;
};

} // namespace benchlens
