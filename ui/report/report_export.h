#pragma once

#include "models/util/result.h"
#include "ui/report/pdf_writer.h"

#include <string>

namespace benchlens {

struct Dataset;
struct ReportDocument;

namespace ui {

enum class ReportFormat
{
    Markdown,
    Html,
    Pdf
};

// Writes the report in one format, atomically, never inside `inputRoot`: Markdown with its figures as SVG and PNG
// in `<name>_files/` beside it, self-contained HTML, or PDF. The one export path of the CLI and the window.
// Markdown and PDF need a QGuiApplication (fonts for the PNG figures and the typesetting).
// When the document names a data file (a large folder: ReportDocument::dataFile), the `benchlens export` CSV files
// of `dataset`, the data the report was built from, are written first beside the report, atomically each.
Status writeReport(const ReportDocument& doc, const std::string& path, ReportFormat format,
    const std::string& inputRoot, const PdfOptions& pdfOptions = {}, bool force = false,
    const Dataset* dataset = nullptr);

} // namespace ui
} // namespace benchlens
