#pragma once

#include "models/report/output_attachment.h"

#include <string>
#include <utility>
#include <vector>

namespace benchlens {

// A format-neutral technical report: built once from the analysis, rendered by one writer per format
// (Markdown and HTML here, PDF in ui/report/pdf_writer). Text is plain: writers escape it.

struct Inline
{
    enum class Kind
    {
        Text,
        Code,
        Strong,
        SourceRef,
        Anchor
    };
    Kind kind = Kind::Text;
    std::string text; // SourceRef: the reference label, e.g. "S12"
};
using Inlines = std::vector<Inline>;

struct ReportTable
{
    std::vector<std::string> header;
    std::vector<bool> numeric; // right-aligned columns
    std::vector<std::vector<Inlines>> rows;
};

// A chart: a standalone SVG document made by report/svg_charts (deterministic, text escaped), with its caption.
struct ReportFigure
{
    std::string name; // file stem, unique in the document: "figure-1"
    std::string caption; // plain text
    std::string svg;
    double width = 0; // the SVG's size in CSS pixels
    double height = 0;
};

struct ReportBlock
{
    enum class Kind
    {
        Heading,
        Paragraph,
        Bullets,
        Table,
        Figure,
        // The table of contents: each writer lists the document's level-2 headings here (the PDF with their pages)
        Contents
    };
    Kind kind = Kind::Paragraph;
    int level = 2; // Heading
    bool appendix = false; // Heading: the section is an appendix (collapsed in HTML, after the body in the PDF)
    Inlines text; // Heading, Paragraph
    std::vector<Inlines> items; // Bullets
    ReportTable table;
    ReportFigure figure;
};

struct ReportDocument
{
    std::string title;
    std::vector<ReportBlock> blocks;
    // A large folder's report: the data file its appendices name (ReportOptions::dataFile), for the caller to write
    // beside it; empty when the appendices hold everything.
    std::string dataFile;
    // The input files' checksums ("sha256:<hex>", path) when no table lists them (a large folder): the PDF keeps them
    // in its metadata, Markdown and HTML in a comment, one "benchlens-input sha256:<hex> <path>" line each, for
    // `benchlens verify`.
    std::vector<std::pair<std::string, std::string>> checksums;

    void heading(int level, std::string text, bool appendix = false);
    void contents(); // the table of contents goes here
    void paragraph(Inlines text);
    void bullets(std::vector<Inlines> items);
    void table(ReportTable t);
    // Adds a figure named "figure-N" (N counts the document's figures from 1).
    void figure(std::string caption, std::string svg, double width, double height);
};

// The plain text of inlines (a heading's, a cell's).
std::string plainText(const Inlines& parts);
// A heading's anchor as GitHub makes it: lower case, letters, digits, '-' and '_' kept, spaces to '-', the rest
// dropped ("1. Executive Summary" -> "1-executive-summary").
std::string headingId(const ReportBlock& heading);

// The document's `checksums` as lines "benchlens-input sha256:<hex> <path>" (the path XML-escaped), the form
// `benchlens verify` reads from a PDF's metadata; empty without them. Markdown and HTML put them in a comment.
std::string checksumLines(const ReportDocument& doc);

// Inline helpers for builders.
inline Inline text(std::string s)
{
    return {Inline::Kind::Text, std::move(s)};
}
inline Inline code(std::string s)
{
    return {Inline::Kind::Code, std::move(s)};
}
inline Inline strong(std::string s)
{
    return {Inline::Kind::Strong, std::move(s)};
}
inline Inline sourceRef(std::string label)
{
    return {Inline::Kind::SourceRef, std::move(label)};
}
inline Inline anchor(std::string label)
{
    return {Inline::Kind::Anchor, std::move(label)};
}

struct RenderedMarkdown
{
    std::string text;
    std::vector<OutputAttachment> files; // the figures, to write beside the report
};

// GitHub-flavoured Markdown. Text from input files is escaped so that a '|', a backtick or raw HTML in a cell
// cannot break a table or inject markup. Figures become image links to `<filesDir>/<name>.svg`, files returned
// in `files` for the caller to write (the CLI writes them to `<report name>_files/`).
RenderedMarkdown renderMarkdown(const ReportDocument& doc, const std::string& filesDir);
// The folder name for a report's figures: "out/report.md" -> "report_files".
std::string markdownFilesDir(const std::string& reportPath);

// One self-contained HTML file (styles inline, figures as inline SVG, no external resources); all text escaped.
std::string renderHtml(const ReportDocument& doc);

} // namespace benchlens
