#pragma once

#include "models/util/result.h"

#include <string>

namespace benchlens {

struct ReportDocument;

namespace ui {

enum class PdfPageSize
{
    A4,
    Letter
};

struct PdfOptions
{
    PdfPageSize pageSize = PdfPageSize::A4;
};

// Typesets the report as a PDF (QPdfWriter + QTextDocument, no external converter): a title block on the first page,
// a running header (title, current section) and "Page N of M" footer, tables whose header row repeats on every page
// they span, figures rasterized from their SVG at 300 dpi (Qt 6.4 turns SVG text drawn into a PDF into outlines:
// megabytes per chart, text not selectable), selectable text, the title and creator ("BenchLens <version>") as
// document metadata, and the input checksums as XMP metadata for `benchlens verify`. Returns the PDF bytes; the caller
// writes them (atomically). Needs a QGuiApplication (fonts): fails with a message otherwise.
Result<std::string> renderReportPdf(const ReportDocument& doc, const PdfOptions& options);

// A PNG of an SVG figure at `scale` times its size in CSS pixels (2: sharp on high-DPI screens), on white.
// Needs a QGuiApplication (fonts).
std::string svgToPng(const std::string& svg, double scale = 2);

} // namespace ui
} // namespace benchlens
