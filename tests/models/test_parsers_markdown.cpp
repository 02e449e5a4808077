#include "parsers/markdown_parser.h"

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
