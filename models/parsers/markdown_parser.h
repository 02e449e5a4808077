#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens::markdown {

// What BenchLens reads from a Markdown report, through md4c (GitHub dialect): pipe tables, and the text lines of
// paragraphs, list items and headings with their 1-based source line. Code blocks and raw HTML are skipped.
// No file I/O.

struct Table
{
    uint32_t line = 0; // line of the header row
    std::string section; // the closest heading above the table
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<uint32_t> rowLines;
};

struct TextLine
{
    uint32_t line = 0;
    std::string text; // inline markup removed: "**Throughput:** 41.42 tok/s" -> "Throughput: 41.42 tok/s"
    std::string section;
    bool heading = false;
};

struct Document
{
    std::vector<Table> tables;
    std::vector<TextLine> lines;
};

Document parse(std::string_view bytes);

} // namespace benchlens::markdown
