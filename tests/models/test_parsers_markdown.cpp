#include "models/parsers/markdown_parser.h"

#include <gtest/gtest.h>

using namespace benchlens;

TEST(MarkdownParser, TablesLinesSectionsAndSkippedCode)
{
    const std::string md = "# Report\n"
                           "\n"
                           "## Results\n"
                           "\n"
                           "- **Throughput:** 41.42 tok/s\n"
                           "- TTFT: 300.65 ms\n"
                           "\n"
                           "| tag | mean_tokens_s |\n"
                           "| --- | --- |\n"
                           "| q4_0 | 76.59 |\n"
                           "| q8\\|0 | 46.57 |\n"
                           "\n"
                           "```\n"
                           "Throughput: 1 tok/s\n"
                           "```\n";
    const auto doc = markdown::parse(md);
    ASSERT_EQ(doc.tables.size(), 1u);
    const auto& t = doc.tables[0];
    EXPECT_EQ(t.header, (std::vector<std::string> {"tag", "mean_tokens_s"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[1][0], "q8|0");
    EXPECT_EQ(t.rowLines, (std::vector<uint32_t> {10, 11}));
    EXPECT_EQ(t.section, "Results");

    std::vector<std::pair<uint32_t, std::string>> lines;
    for (const auto& l : doc.lines)
        lines.emplace_back(l.line, l.text);
    const std::vector<std::pair<uint32_t, std::string>> expected
        = {{1, "Report"}, {3, "Results"}, {5, "Throughput: 41.42 tok/s"}, {6, "TTFT: 300.65 ms"}};
    EXPECT_EQ(lines, expected);
    EXPECT_EQ(doc.lines[2].section, "Results");
}

// Regression (issue 11, defect 7): md4c's inline parsing is quadratic on some inputs (a 400 KB file took 51 s), so a
// long document is parsed in pieces. The pieces must not change what is read: a table far longer than a piece keeps
// every row under its header, headings and list lines keep their line numbers and sections across pieces, and a code
// fence spanning a cut point stays code.
TEST(MarkdownParser, LongDocumentsReadInPiecesLikeShortOnes)
{
    std::string md = "# Long report\n\n## Sweep\n\n| run | tokens_s |\n| --- | --- |\n";
    const int rows = 6000; // ~100 KB of table: longer than a piece (64 KiB)
    for (int i = 1; i <= rows; ++i)
        md += "| " + std::to_string(i) + " | 4" + std::to_string(i % 10) + ".5 |\n";
    md += "\n```\n";
    for (int i = 0; i < 3000; ++i)
        md += "Throughput: 1 tok/s\n"; // inside a fence across a cut point: never read
    md += "```\n\n";
    for (int i = 0; i < 2000; ++i)
        md += "para " + std::to_string(i) + "\n\n";
    md += "## Tail\n\n- TTFT: 300.65 ms\n";
    const auto doc = markdown::parse(md);
    ASSERT_EQ(doc.tables.size(), 1u);
    ASSERT_EQ(doc.tables[0].rows.size(), size_t(rows));
    EXPECT_EQ(doc.tables[0].section, "Sweep");
    EXPECT_EQ(doc.tables[0].rows.back()[0], std::to_string(rows));
    EXPECT_EQ(doc.tables[0].rowLines.back(), uint32_t(6 + rows)); // header on line 5, separator on 6
    for (const auto& l : doc.lines)
        EXPECT_EQ(l.text.find("Throughput"), std::string::npos) << l.line;
    ASSERT_FALSE(doc.lines.empty());
    const auto& last = doc.lines.back();
    EXPECT_EQ(last.text, "TTFT: 300.65 ms");
    EXPECT_EQ(last.section, "Tail");
    // Lines: 6 + rows table lines, 1 blank, fence + 3000 + fence, 1 blank, 2 lines per para, heading, blank, item.
    EXPECT_EQ(last.line, uint32_t(6 + rows + 1 + 3002 + 1 + 2 * 2000 + 3));
}

// The inputs that make md4c quadratic, 400 KB each, are read (no hang; the suite's timeout is the bound).
TEST(MarkdownParser, PathologicalInlinesAreBounded)
{
    for (const std::string unit : {"[", "*a ", "[a](", "<a ", "[a\n", "*a _b\n"}) {
        std::string md;
        while (md.size() < 400 * 1024)
            md += unit;
        const auto doc = markdown::parse(md);
        EXPECT_TRUE(doc.tables.empty()) << unit;
    }
}
