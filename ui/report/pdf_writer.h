#pragma once

#include "util/result.h"

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
// they span, figures drawn as vector graphics from their SVG, selectable text, and the title and creator
// ("BenchLens <version>") as document metadata. Returns the PDF bytes; the caller writes them (atomically).
// Needs a QGuiApplication (fonts): fails with a message otherwise.
Result<std::string> renderReportPdf(const ReportDocument& doc, const PdfOptions& options);

} // namespace ui
} // namespace benchlens
