#include "models/parsers/csv_parser.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace benchlens;

namespace {
struct Parsed
{
    std::vector<std::vector<std::string>> rows;
    std::vector<uint32_t> lines;
    csv::ParseResult result;
};

Parsed parseAll(std::string_view bytes, char delimiter = 0)
{
    Parsed p;
    p.result = csv::parse(bytes, delimiter, [&](const csv::Row& row) {
        p.rows.emplace_back(row.fields.begin(), row.fields.end());
        p.lines.push_back(row.line);
        return true;
    });
    return p;
}
} // namespace

TEST(CsvParser, QuotesDoubledQuotesAndNewlinesInQuotes)
{
    const auto p = parseAll("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,2,3\n");
    ASSERT_EQ(p.rows.size(), 3u);
    EXPECT_EQ(p.rows[1], (std::vector<std::string> {"x, y", "say \"hi\"", "two\nlines"}));
    EXPECT_EQ(p.rows[2], (std::vector<std::string> {"plain", "2", "3"}));
    // The third record starts on line 4 because the second spans lines 2-3.
    EXPECT_EQ(p.lines, (std::vector<uint32_t> {1, 2, 4}));
    EXPECT_TRUE(p.result.issues.empty());
}

TEST(CsvParser, Utf8BomAndCrlf)
{
    const auto p = parseAll("\xEF\xBB\xBFmodel,tokens_s\r\nm1,1.5\r\n\r\nm2,2.5\r\n");
    ASSERT_EQ(p.rows.size(), 3u);
    EXPECT_EQ(p.rows[0][0], "model");
    EXPECT_EQ(p.rows[2], (std::vector<std::string> {"m2", "2.5"}));
}

TEST(CsvParser, DelimiterSniffing)
{
    struct Case
    {
        const char* text;
        char expected;
    };
    const Case cases[] = {
        {"a;b;c\n1,5;2;3\n4;5;6\n", ';'}, // decimal commas do not fool it: ';' is consistent
        {"a\tb\n1\t2\n", '\t'},
        {"| a | b |\n| 1 | 2 |\n", '|'},
        {"a,b\n\"1;2\",3\n", ','},
        {"single\n1\n", ','},
    };
    for (const auto& c : cases)
        EXPECT_EQ(csv::sniffDelimiter(c.text), c.expected) << c.text;
}

TEST(CsvParser, RaggedRowsAreReportedWithTheirLine)
{
    const auto p = parseAll("a,b,c\n1,2,3\n4,5\n6,7,8,9\n");
    ASSERT_EQ(p.rows.size(), 4u);
    ASSERT_EQ(p.result.issues.size(), 2u);
    EXPECT_EQ(p.result.issues[0].line, 3u);
    EXPECT_EQ(p.result.issues[0].message, "row has 2 fields where the header has 3");
    EXPECT_EQ(p.result.issues[1].line, 4u);
}

TEST(CsvParser, UnterminatedQuoteIsReported)
{
    const auto p = parseAll("a,b\n1,\"never closed\n2,3\n");
    ASSERT_FALSE(p.result.issues.empty());
    EXPECT_NE(p.result.issues[0].message.find("never closed"), std::string::npos);
    EXPECT_EQ(p.result.issues[0].line, 2u);
}

TEST(CsvParser, EncodingDetection)
{
    // "ab" in UTF-16LE with a BOM, as Windows tools write it (reports/profiling/ncu_summary.csv).
    const std::string utf16("\xFF\xFE=\0=\0E\0R\0R\0", 12);
    EXPECT_EQ(csv::detectEncoding(utf16), csv::Encoding::Utf16);
    const std::string utf16NoBom("a\0b\0c\0,\0d\0", 10);
    EXPECT_EQ(csv::detectEncoding(utf16NoBom), csv::Encoding::Utf16);
    const std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xd8\xff", 20);
    EXPECT_EQ(csv::detectEncoding(binary), csv::Encoding::Binary);
    EXPECT_EQ(csv::detectEncoding("model,caf\xC3\xA9\n"), csv::Encoding::Utf8);
}

TEST(CsvParser, CancelStopsTheParse)
{
    size_t seen = 0;
    csv::parse("a\n1\n2\n3\n", 0, [&](const csv::Row&) { return ++seen < 2; });
    EXPECT_EQ(seen, 2u);
}
