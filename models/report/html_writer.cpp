// The report as one self-contained HTML file: styles inline, figures as inline SVG, no external resources, every
// text from input files escaped.
#include "models/report/report_document.h"
#include "models/util/escape.h"
#include "models/util/version.h"

#include <algorithm>

namespace benchlens {

namespace {
// Anchor labels are made by the builder ("S12"); keep only characters that are safe in an id and a fragment.
std::string safeId(const std::string& s)
{
    std::string out;
    for (const char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            out.push_back(c);
    }
    return out;
}

std::string inlines(const Inlines& parts)
{
    std::string out;
    for (const auto& p : parts) {
        switch (p.kind) {
        case Inline::Kind::Text:
            out += escapeHtml(p.text);
            break;
        case Inline::Kind::Code:
            out.append("<code>").append(escapeHtml(p.text)).append("</code>");
            break;
        case Inline::Kind::Strong:
            out.append("<strong>").append(escapeHtml(p.text)).append("</strong>");
            break;
        case Inline::Kind::SourceRef:
            out.append("<a class=\"ref\" href=\"#").append(safeId(p.text)).append("\">[");
            out.append(escapeHtml(p.text)).append("]</a>");
            break;
        case Inline::Kind::Anchor:
            out.append("<a id=\"").append(safeId(p.text)).append("\"></a>");
            break;
        }
    }
    return out;
}

constexpr const char* kStyle = R"(body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.45; color: #1d1f21; max-width: 60em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; border-bottom: 2px solid #2b6cb0; padding-bottom: 0.2em; }
h2 { font-size: 15pt; margin-top: 1.6em; border-bottom: 1px solid #cbd5e0; }
h3 { font-size: 12.5pt; margin-top: 1.2em; }
table { border-collapse: collapse; margin: 0.6em 0 1em 0; font-size: 9.5pt; }
th, td { border: 1px solid #cbd5e0; padding: 3px 6px; vertical-align: top; }
th { background: #edf2f7; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; background: #f4f5f7; padding: 0 2px; }
a.ref { color: #2b6cb0; text-decoration: none; font-size: 8.5pt; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #4a5568; }
.meta { color: #4a5568; font-size: 9pt; }
nav.sections { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #cbd5e0; padding: 0.3em 0;
  font-size: 8.5pt; z-index: 1; }
nav.sections a, nav.toc a { color: #2b6cb0; text-decoration: none; margin-right: 0.9em; }
nav.toc ol { list-style: none; padding-left: 0; }
details > summary h2 { display: inline; }
details > summary { cursor: pointer; margin-top: 1.6em; }
th.sortable { cursor: pointer; } th.sortable::after { content: " \2195"; color: #a0aec0; })";

// Sorts a table on a click on its header (numbers as numbers); inline, no remote script.
constexpr const char* kSortScript = R"(document.querySelectorAll("th.sortable").forEach(function (th) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
    var dir = th.dataset.dir === "asc" ? -1 : 1; th.dataset.dir = dir === 1 ? "asc" : "desc";
    var key = function (row) { var t = row.cells[col] ? row.cells[col].textContent.trim() : "";
      var n = parseFloat(t); return isNaN(n) ? t : n; };
    Array.from(body.rows).sort(function (a, b) { var x = key(a), y = key(b);
      if (typeof x === "number" && typeof y === "number") return dir * (x - y);
      return dir * String(x).localeCompare(String(y)); }).forEach(function (row) { body.appendChild(row); });
  });
});)";
} // namespace

std::string renderHtml(const ReportDocument& doc)
{
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    out.append(escapeHtml(doc.title)).append("</title>\n<meta name=\"generator\" content=\"BenchLens ");
    out.append(version()).append("\">\n<style>\n").append(kStyle).append("\n</style>\n</head>\n<body>\n<h1>");
    out.append(escapeHtml(doc.title)).append("</h1>\n");
    // The sticky navigation: one link per section.
    std::string nav, toc;
    for (const auto& h : doc.blocks) {
        if (h.kind != ReportBlock::Kind::Heading || h.level != 2)
            continue;
        const std::string link = "<a href=\"#" + headingId(h) + "\">" + escapeHtml(plainText(h.text)) + "</a>";
        const std::string label = plainText(h.text);
        const std::string shortLabel = label.substr(0, label.find(':'));
        nav += "<a href=\"#" + headingId(h) + "\">" + escapeHtml(h.appendix ? shortLabel : label) + "</a>";
        toc += "<li>" + link + "</li>\n";
    }
    out.append("<nav class=\"sections\">").append(nav).append("</nav>\n");
    bool inAppendix = false;
    for (const auto& b : doc.blocks) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading: {
            const std::string level = std::to_string(std::clamp(b.level, 1, 6));
            const std::string id = b.level == 2 ? " id=\"" + headingId(b) + "\"" : std::string();
            if (b.level <= 2 && inAppendix) {
                out += "</details>\n";
                inAppendix = false;
            }
            // Appendices are collapsed: the heading is the summary of a <details>.
            if (b.level == 2 && b.appendix) {
                out += "<details>\n<summary>";
                inAppendix = true;
            }
            out.append("<h")
                .append(level)
                .append(id)
                .append(">")
                .append(inlines(b.text))
                .append("</h")
                .append(level)
                .append(">");
            out += b.level == 2 && b.appendix ? "</summary>\n" : "\n";
            break;
        }
        case ReportBlock::Kind::Contents:
            out.append("<nav class=\"toc\"><strong>Contents</strong>\n<ol>\n").append(toc).append("</ol></nav>\n");
            break;
        case ReportBlock::Kind::Paragraph:
            out.append("<p>").append(inlines(b.text)).append("</p>\n");
            break;
        case ReportBlock::Kind::Bullets:
            out += "<ul>\n";
            for (const auto& item : b.items)
                out.append("<li>").append(inlines(item)).append("</li>\n");
            out += "</ul>\n";
            break;
        case ReportBlock::Kind::Table: {
            const auto& t = b.table;
            const auto numeric = [&](size_t c) { return c < t.numeric.size() && t.numeric[c]; };
            out += "<table>\n<thead><tr>";
            for (size_t c = 0; c < t.header.size(); ++c)
                out.append(numeric(c) ? "<th class=\"num sortable\">" : "<th class=\"sortable\">")
                    .append(escapeHtml(t.header[c]))
                    .append("</th>");
            out += "</tr></thead>\n<tbody>\n";
            for (const auto& row : t.rows) {
                out += "<tr>";
                for (size_t c = 0; c < t.header.size(); ++c) {
                    out.append(numeric(c) ? "<td class=\"num\">" : "<td>");
                    out.append(c < row.size() ? inlines(row[c]) : std::string()).append("</td>");
                }
                out += "</tr>\n";
            }
            out += "</tbody>\n</table>\n";
            break;
        }
        case ReportBlock::Kind::Figure:
            // The SVG comes from report/svg_charts, which escapes every text it draws.
            out.append("<figure id=\"").append(safeId(b.figure.name)).append("\">\n").append(b.figure.svg);
            out.append("<figcaption>").append(escapeHtml(b.figure.caption)).append("</figcaption>\n</figure>\n");
            break;
        }
    }
    if (inAppendix)
        out += "</details>\n";
    if (const std::string sums = checksumLines(doc); !sums.empty())
        out.append("<!-- input checksums for benchlens verify\n").append(sums).append("-->\n");
    out.append("<script>\n").append(kSortScript).append("\n</script>\n");
    out += "</body>\n</html>\n";
    return out;
}

} // namespace benchlens
