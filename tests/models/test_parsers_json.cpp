#include "models/parsers/json_parser.h"

#include <gtest/gtest.h>

using namespace benchlens;

TEST(JsonParser, BuildsTheTree)
{
    const auto r = json::parse(R"({"model":"m","results":[{"ttft_s":0.5,"ok":true},{"ttft_s":2}],"n":null})");
    ASSERT_TRUE(r.ok);
    const auto& doc = r.document;
    const auto& root = doc.root();
    EXPECT_EQ(root.type, json::Type::Object);
    EXPECT_EQ(root.childCount, 3u);
    const auto* results = doc.member(root, "results");
    ASSERT_NE(results, nullptr);
    ASSERT_EQ(results->childCount, 2u);
    std::vector<double> ttft;
    doc.forEachChild(*results, [&](const json::Node& e) { ttft.push_back(doc.member(e, "ttft_s")->number); });
    EXPECT_EQ(ttft, (std::vector<double> {0.5, 2.0}));
    EXPECT_EQ(doc.member(root, "model")->text, "m");
    EXPECT_EQ(doc.member(root, "n")->type, json::Type::Null);
}

TEST(JsonParser, MalformedJsonGivesLineAndColumn)
{
    const auto r = json::parse("{\n  \"a\": 1,\n  \"b\": ,\n}");
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.error.line, 3u);
    EXPECT_EQ(r.error.column, 8u);
    EXPECT_FALSE(r.error.message.empty());
}

TEST(JsonParser, JsonLinesKeepsGoodLinesAndReportsBadOnes)
{
    const std::string text = "{\"ttft_ms\": 1}\n\n{\"ttft_ms\": \n{\"ttft_ms\": 3}\n";
    EXPECT_TRUE(json::looksLikeJsonLines(text));
    EXPECT_FALSE(json::looksLikeJsonLines("{\n \"a\": 1\n}\n"));
    const auto r = json::parseLines(text);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.document.root().childCount, 2u);
    ASSERT_EQ(r.document.lineErrors.size(), 1u);
    EXPECT_EQ(r.document.lineErrors[0].line, 3u);
}

TEST(JsonParser, StringsOutliveTheParserBuffer)
{
    json::Document doc;
    {
        std::string bytes = R"({"model":"llama3.1:8b","long":")" + std::string(40000, 'x') + "\"}";
        auto r = json::parse(bytes);
        ASSERT_TRUE(r.ok);
        doc = std::move(r.document);
        bytes.assign(bytes.size(), '#');
        (void)json::parse("[1,2,3]"); // reuses the thread's simdjson parser
    }
    EXPECT_EQ(doc.member(doc.root(), "model")->text, "llama3.1:8b");
    EXPECT_EQ(doc.member(doc.root(), "long")->text.size(), 40000u);
}
