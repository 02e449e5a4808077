#pragma once

#include <string>
#include <string_view>

namespace benchlens {

// One escaper per output language; everything that writes that language calls these (the report's Markdown, HTML
// and SVG writers, Copy as Markdown from the window). Input is UTF-8 text from input files; bytes at or above 0x80
// pass through unchanged.

// Markdown text (a paragraph, a heading, a table cell): every ASCII punctuation character Markdown may read as
// markup is backslash-escaped ('\\' '`' '*' '_' '[' ']' '|' '#' '!' '~'), '<' '>' '&' become entities so no raw
// HTML survives, line breaks become spaces, and "://" and "www." are broken so GitHub does not turn them into links.
std::string escapeMarkdown(std::string_view s);

// HTML text or attribute value: '&' '<' '>' '"' '\'' as entities.
std::string escapeHtml(std::string_view s);

// XML 1.0 text or attribute value (SVG): as escapeHtml, and control characters other than tab, CR and LF (which
// XML 1.0 does not allow) become spaces.
std::string escapeXml(std::string_view s);

// The inverse of escapeHtml and escapeXml for the five entities they write; other text is kept as it is.
std::string unescapeHtml(std::string_view s);

} // namespace benchlens
