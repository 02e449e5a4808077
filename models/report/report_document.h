#pragma once

#include <string>
#include <vector>

namespace benchlens {

// A format-neutral technical report: built once from the analysis, rendered by one writer per format
// (Markdown, HTML, and PDF from the HTML). Text is plain: writers escape it.

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

struct ReportBlock
{
    enum class Kind
    {
        Heading,
        Paragraph,
        Bullets,
        Table
    };
    Kind kind = Kind::Paragraph;
    int level = 2; // Heading
    Inlines text; // Heading, Paragraph
    std::vector<Inlines> items; // Bullets
    ReportTable table;
};

struct ReportDocument
{
    std::string title;
    std::vector<ReportBlock> blocks;

    void heading(int level, std::string text);
    void paragraph(Inlines text);
    void bullets(std::vector<Inlines> items);
    void table(ReportTable t);
};

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

// GitHub-flavoured Markdown. Text from input files is escaped so that a '|', a backtick or raw HTML in a cell
// cannot break a table or inject markup.
std::string renderMarkdown(const ReportDocument& doc);

// One self-contained HTML file (styles inline, no external resources); all text escaped. The PDF writer renders it.
std::string renderHtml(const ReportDocument& doc);

} // namespace benchlens
