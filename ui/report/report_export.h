#pragma once

#include "models/util/result.h"
#include "ui/report/pdf_writer.h"

#include <string>

namespace benchlens {

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
Status writeReport(const ReportDocument& doc, const std::string& path, ReportFormat format,
    const std::string& inputRoot, const PdfOptions& pdfOptions = {}, bool force = false);

} // namespace ui
} // namespace benchlens
