#include "models/report/report_document.h"
#include "models/util/escape.h"

#include <fmt/format.h>

#include <algorithm>

namespace benchlens {

void ReportDocument::heading(int level, std::string t, bool appendix)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Heading;
    b.level = level;
    b.appendix = appendix;
    b.text = {text(std::move(t))};
    blocks.push_back(std::move(b));
}

void ReportDocument::contents()
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Contents;
    blocks.push_back(std::move(b));
}

std::string plainText(const Inlines& parts)
{
    std::string out;
    for (const auto& p : parts) {
        if (p.kind != Inline::Kind::Anchor)
            out += p.kind == Inline::Kind::SourceRef ? "[" + p.text + "]" : p.text;
    }
    return out;
}

std::string checksumLines(const ReportDocument& doc)
{
    std::string out;
    for (const auto& [sum, path] : doc.checksums)
        out.append("benchlens-input ").append(escapeXml(sum)).append(" ").append(escapeXml(path)).append("\n");
    return out;
}

std::string headingId(const ReportBlock& heading)
{
    std::string out;
    for (const char c : plainText(heading.text)) {
        if (c >= 'A' && c <= 'Z')
            out.push_back(static_cast<char>(c - 'A' + 'a'));
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            out.push_back(c);
        else if (c == ' ')
            out.push_back('-');
    }
    return out;
}

void ReportDocument::paragraph(Inlines t)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Paragraph;
    b.text = std::move(t);
    blocks.push_back(std::move(b));
}

void ReportDocument::bullets(std::vector<Inlines> items)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Bullets;
    b.items = std::move(items);
    blocks.push_back(std::move(b));
}

void ReportDocument::table(ReportTable t)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.table = std::move(t);
    blocks.push_back(std::move(b));
}

void ReportDocument::figure(std::string caption, std::string svg, double width, double height)
{
    const auto count = std::count_if(
        blocks.begin(), blocks.end(), [](const ReportBlock& b) { return b.kind == ReportBlock::Kind::Figure; });
    ReportBlock b;
    b.kind = ReportBlock::Kind::Figure;
    b.figure.name = "figure-" + std::to_string(count + 1);
    b.figure.caption = std::move(caption);
    b.figure.svg = std::move(svg);
    b.figure.width = width;
    b.figure.height = height;
    blocks.push_back(std::move(b));
}

std::string markdownFilesDir(const std::string& reportPath)
{
    const auto slash = reportPath.rfind('/');
    std::string name = slash == std::string::npos ? reportPath : reportPath.substr(slash + 1);
    const auto dot = name.rfind('.');
    if (dot != std::string::npos && dot > 0)
        name.resize(dot);
    name.append("_files");
    return name;
}

namespace {
// A code span fenced with more backticks than it contains. Inside a table, '|' must still be escaped.
std::string codeSpan(const std::string& s, bool inTable)
{
    size_t longest = 0;
    size_t run = 0;
    std::string body;
    for (const char c : s) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
        if (c == '\n' || c == '\r')
            body.push_back(' ');
        else if (c == '|' && inTable)
            body += "\\|";
        else
            body.push_back(c);
    }
    const std::string fence(longest + 1, '`');
    const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
    return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string inlines(const Inlines& parts, bool inTable)
{
    std::string out;
    for (const auto& p : parts) {
        switch (p.kind) {
        case Inline::Kind::Text:
            out += escapeMarkdown(p.text);
            break;
        case Inline::Kind::Code:
            out += codeSpan(p.text, inTable);
            break;
        case Inline::Kind::Strong:
            out += "**" + escapeMarkdown(p.text) + "**";
            break;
        case Inline::Kind::SourceRef:
            out += "[\\[" + escapeMarkdown(p.text) + "\\]](#" + p.text + ")";
            break;
        case Inline::Kind::Anchor: // labels are made by the builder ("S12"), never taken from input
            out += "<a id=\"" + p.text + "\"></a>";
            break;
        }
    }
    return out;
}

// A relative link target: each path segment percent-encoded where Markdown or a URL would misread it.
std::string linkTarget(const std::string& path)
{
    std::string out;
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_' || c == '.' || c == '/' || u >= 0x80;
        if (plain)
            out.push_back(c);
        else
            out.append(fmt::format("%{:02X}", u));
    }
    return out;
}
} // namespace

RenderedMarkdown renderMarkdown(const ReportDocument& doc, const std::string& filesDir)
{
    RenderedMarkdown rendered;
    std::string& out = rendered.text;
    out.append("# ").append(escapeMarkdown(doc.title)).append("\n");
    for (const auto& b : doc.blocks) {
        out += "\n";
        switch (b.kind) {
        case ReportBlock::Kind::Heading: {
            out += std::string(static_cast<size_t>(std::clamp(b.level, 1, 6)), '#') + " " + inlines(b.text, false)
                + "\n";
            break;
        }
        case ReportBlock::Kind::Paragraph:
            out += inlines(b.text, false) + "\n";
            break;
        case ReportBlock::Kind::Bullets:
            for (const auto& item : b.items)
                out += "- " + inlines(item, false) + "\n";
            break;
        case ReportBlock::Kind::Table: {
            const auto& t = b.table;
            out += "|";
            for (const auto& h : t.header)
                out.append(" ").append(escapeMarkdown(h)).append(" |");
            out += "\n|";
            for (size_t c = 0; c < t.header.size(); ++c)
                out += c < t.numeric.size() && t.numeric[c] ? " ---: |" : " --- |";
            out += "\n";
            for (const auto& row : t.rows) {
                out += "|";
                for (size_t c = 0; c < t.header.size(); ++c)
                    out.append(" ").append(c < row.size() ? inlines(row[c], true) : std::string()).append(" |");
                out += "\n";
            }
            break;
        }
        case ReportBlock::Kind::Figure: {
            const auto& f = b.figure;
            const std::string path = filesDir + "/" + f.name + ".svg";
            out.append("![").append(escapeMarkdown(f.caption)).append("](").append(linkTarget(path)).append(")\n\n");
            out.append("*").append(escapeMarkdown(f.caption)).append("*\n");
            rendered.files.push_back({path, f.svg});
            break;
        }
        case ReportBlock::Kind::Contents:
            out += "**Contents**\n\n";
            for (const auto& h : doc.blocks) {
                if (h.kind == ReportBlock::Kind::Heading && h.level == 2)
                    out.append("- [").append(inlines(h.text, false)).append("](#").append(headingId(h)).append(")\n");
            }
            break;
        }
    }
    if (const std::string sums = checksumLines(doc); !sums.empty())
        out.append("\n<!-- input checksums for benchlens verify\n").append(sums).append("-->\n");
    return rendered;
}

} // namespace benchlens
