// The streaming JSON writer (report/json_stream.h) and the `summarize --json` document written with it: the text must
// be exactly what nlohmann's dump(1) gives for the same values, so that a reader (and a diff) sees the document the
// DOM writer produced before (issue 15). The reference is nlohmann itself: its DOM of the same values, dumped.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/report/json_stream.h"
#include "models/report/summary_json.h"
#include "models/stats/analysis.h"
#include "tests/support/test_paths.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <string>

using namespace benchlens;
using json = nlohmann::ordered_json;

namespace {
std::string dumped(const json& j)
{
    return j.dump(1, ' ', false, json::error_handler_t::replace);
}
} // namespace

TEST(JsonStream, ScalarsAsNlohmannPrintsThem)
{
    const double doubles[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-5, 123456789.125, 1e15, 1e16, 1e300, 5e-324,
        2.2250738585072014e-308, 0.30000000000000004, 119.24, std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (const double d : doubles) {
        std::string out;
        JsonStream(out).value(d);
        EXPECT_EQ(out, dumped(json(d))) << d;
    }
    std::string ints;
    JsonStream w(ints);
    w.beginArray()
        .value(0)
        .value(-7)
        .value(uint64_t(18446744073709551615ULL))
        .value(int64_t(-9223372036854775807LL))
        .value(uint32_t(4000000000U))
        .value(true)
        .value(false)
        .null()
        .endArray();
    EXPECT_EQ(ints,
        dumped(json::array({0, -7, uint64_t(18446744073709551615ULL), int64_t(-9223372036854775807LL),
            uint32_t(4000000000U), true, false, nullptr})));
}

TEST(JsonStream, StringsEscapedAsNlohmannEscapesThem)
{
    const std::string strings[] = {"", "plain", "quote \" and backslash \\ and slash /", "tab\tnewline\nreturn\r",
        std::string("\b\f\x01\x1f\x7f", 5), std::string("nul \0 inside", 12),
        "caf\xC3\xA9 \xE2\x80\xA6 \xF0\x9F\x98\x80", "invalid \xC3 lead", "overlong \xC0\xAF", "surrogate \xED\xA0\x80",
        "stray \x80\xBF continuation", "cut at the end \xE2\x80"};
    for (const std::string& s : strings) {
        std::string out;
        JsonStream(out).value(s);
        EXPECT_EQ(out, dumped(json(s))) << s;
    }
}

TEST(JsonStream, NestingAndEmptyContainersAsNlohmannLaysThemOut)
{
    std::string out;
    JsonStream w(out);
    w.beginObject();
    w.key("empty_object").beginObject().endObject();
    w.key("empty_array").beginArray().endArray();
    w.key("list").beginArray();
    w.beginArray().value("a").value("b").endArray();
    w.beginObject().member("k", 1.5).nullMember("n").endObject();
    w.beginArray().endArray();
    w.endArray();
    w.member("last", "x");
    w.endObject();
    const json expected = {{"empty_object", json::object()}, {"empty_array", json::array()},
        {"list", json::array({json::array({"a", "b"}), {{"k", 1.5}, {"n", nullptr}}, json::array()})}, {"last", "x"}};
    EXPECT_EQ(out, dumped(expected));
}

TEST(SummaryJson, TheStreamedDocumentIsNlohmannsDumpOfItsOwnValue)
{
    // Parsing the document and dumping it again with the DOM writer's settings gives the same bytes: the stream wrote
    // nlohmann's layout, number and string forms throughout. On the real corpus and on the sample folder (duplicates,
    // reported values, diagnostics, configurations).
    for (const std::string& folder : {test::corpusDir(), test::sampleDir()}) {
        const auto ds = ingestFolder(folder);
        ASSERT_TRUE(ds.ok()) << folder;
        const std::string doc = summaryJson(*ds.value(), analyze(*ds.value()));
        ASSERT_FALSE(doc.empty());
        ASSERT_EQ(doc.back(), '\n');
        const json parsed = json::parse(doc);
        EXPECT_EQ(parsed.at("schema"), "benchlens.summary/1");
        EXPECT_EQ(parsed.at("inventory").at("entries").size(), ds.value()->files.size());
        EXPECT_EQ(parsed.at("metrics").size(), analyze(*ds.value()).stats.size());
        EXPECT_TRUE(doc == dumped(parsed) + "\n") << folder << ": the streamed text differs from nlohmann's dump";
    }
}
