// The text boundary (util/utf8.h): what bytes from input become in outputs. Expected strings are written out by
// hand from the Unicode rules (RFC 3629 well-formedness; U+FFFD is EF BF BD; U+2026 is E2 80 A6).
#include "models/recognizers/recognizer.h"
#include "models/util/utf8.h"

#include <gtest/gtest.h>
#include <string>

using namespace benchlens;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";
}

TEST(Utf8, WellFormedness)
{
    struct Row
    {
        std::string bytes;
        bool valid;
    };
    const Row rows[] = {
        {"", true}, {"plain ascii", true}, {"caf\xC3\xA9", true}, // é
        {"\xE2\x82\xAC", true}, // €
        {"\xF0\x9F\x98\x80", true}, // U+1F600
        {"\xF4\x8F\xBF\xBF", true}, // U+10FFFF, the last code point
        {"\x80", false}, // a lone continuation byte
        {"caf\xE9", false}, // Windows-1252 é
        {"\xC3", false}, // truncated two-byte sequence
        {"\xE2\x82", false}, // truncated three-byte sequence
        {"\xC0\xAF", false}, // overlong '/'
        {"\xE0\x80\xAF", false}, // overlong '/'
        {"\xED\xA0\x80", false}, // a UTF-16 surrogate
        {"\xF4\x90\x80\x80", false}, // above U+10FFFF
        {"\xFF\xFE", false}, // a UTF-16 BOM
    };
    for (const Row& r : rows)
        EXPECT_EQ(isValidUtf8(r.bytes), r.valid) << r.bytes;
}

TEST(Utf8, CleanTextReplacesWhatOutputsCannotCarry)
{
    struct Row
    {
        std::string in;
        std::string out;
        size_t replaced;
    };
    const Row rows[] = {
        {"gemma3:1b", "gemma3:1b", 0}, {"caf\xC3\xA9", "caf\xC3\xA9", 0}, {"caf\xE9", "caf" + kFffd, 1},
        {"m-\xC3", "m-" + kFffd, 1}, {"\xC0\xAF", kFffd + kFffd, 2}, // each byte of an ill-formed sequence
        {"a\tb", "a\tb", 0}, // tab is kept
        {"a\nb\r\nc", "a b  c", 0}, // newlines become spaces
        {"\x1B[31mred\x1B[0m", kFffd + "[31mred" + kFffd + "[0m", 2}, // ESC cannot reach a terminal
        {"a\x7F", "a" + kFffd, 1}, // DEL
        {"\xC2\x9B", kFffd, 1}, // C1 CSI
        {"\xE2\x80\xAE"
         "evil",
            kFffd + "evil", 1}, // RIGHT-TO-LEFT OVERRIDE
        {"\xE2\x81\xA6x", kFffd + "x", 1}, // LEFT-TO-RIGHT ISOLATE
        {"\xEF\xBF\xBF", kFffd, 1}, // U+FFFF
        {std::string("a\0b", 3), "a" + kFffd + "b", 1}, // NUL
    };
    for (const Row& r : rows) {
        const CleanText c = cleanText(r.in);
        EXPECT_EQ(c.text, r.out) << r.in;
        EXPECT_EQ(c.replaced, r.replaced) << r.in;
        EXPECT_TRUE(isValidUtf8(c.text));
    }
}

TEST(Utf8, CleanTextCutsLongTextAtACharacter)
{
    // 10 bytes at most: 7 bytes of text and the 3 of "…". "é" is 2 bytes and may not be cut in half.
    EXPECT_EQ(cleanText("abcdefghijklmnop", 10).text, "abcdefg\xE2\x80\xA6");
    EXPECT_EQ(cleanText("abcdef\xC3\xA9xyz", 10).text, "abcdef\xE2\x80\xA6"); // é would end at byte 8
    EXPECT_EQ(cleanText("abcde\xC3\xA9xyzw", 10).text, "abcde\xC3\xA9\xE2\x80\xA6");
    EXPECT_EQ(cleanText("abcde\xC3\xA9xyz", 10).text, "abcde\xC3\xA9xyz"); // 10 bytes: not over the limit
    EXPECT_EQ(cleanText("short", 10).text, "short");
    EXPECT_EQ(cleanText(std::string(10, 'x'), 10).text, std::string(10, 'x')); // exactly the limit: kept whole
}

TEST(Utf8, DisplayPathEscapesBytesThatAreNotText)
{
    EXPECT_EQ(displayPath("results/run_1.csv"), "results/run_1.csv");
    EXPECT_EQ(displayPath("caf\xC3\xA9.csv"), "caf\xC3\xA9.csv");
    EXPECT_EQ(displayPath("r\xFF\xFEsults.csv"), "r\\xFF\\xFEsults.csv");
    EXPECT_EQ(displayPath("a\nb\x1B.csv"), "a\\x0Ab\\x1B.csv");
    EXPECT_EQ(displayPath("dir\x80"), "dir\\x80");
    // Two names that differ only in such bytes stay different.
    EXPECT_NE(displayPath("x\xFF"), displayPath("x\xFE"));
}

TEST(Utf8, TruncateNeverSplitsACharacter)
{
    EXPECT_EQ(truncateUtf8("abc", 5), "abc");
    EXPECT_EQ(truncateUtf8("ab\xE2\x82\xAC", 4), "ab"); // € is 3 bytes from byte 2
    EXPECT_EQ(truncateUtf8("ab\xE2\x82\xAC", 5), "ab\xE2\x82\xAC");
    EXPECT_EQ(truncateUtf8("\xF0\x9F\x98\x80x", 2), "");
}

// Regression (issue 11, defect 1): a model name, a header and a diagnostic holding invalid UTF-8 reached
// nlohmann::json::dump and aborted every --json command. recognizeFile now returns only valid UTF-8 text.
TEST(Utf8, RecognizedTextIsValidUtf8)
{
    const std::string csv = "model,tokens_s,n\xFFote\nm-\xC3,41.2,a\nm-\xC3,42.3,b\n";
    const FileExtract e = recognizeFile({"x.csv", csv, FileType::Csv});
    ASSERT_FALSE(e.groups.empty());
    for (const auto& dims : e.groups) {
        for (const auto& [k, v] : dims) {
            EXPECT_TRUE(isValidUtf8(k));
            EXPECT_TRUE(isValidUtf8(v));
        }
    }
    for (const auto& k : e.keys)
        EXPECT_TRUE(isValidUtf8(k));
    bool said = false;
    for (const auto& d : e.diagnostics)
        said = said || d.message.find("not valid UTF-8") != std::string::npos;
    EXPECT_TRUE(said);
    // The same bytes without the boundary: the recognizer's raw text still holds them (so the test can fail).
    const FileExtract raw = recognizeRaw({"x.csv", csv, FileType::Csv});
    bool rawInvalid = false;
    for (const auto& k : raw.keys)
        rawInvalid = rawInvalid || !isValidUtf8(k);
    EXPECT_TRUE(rawInvalid);
}

// Regression: a newline inside a quoted CSV cell reached outputs, because the boundary kept a string whose cleaning
// changed no byte count (a newline becomes a space, and is not counted as a replacement).
TEST(Utf8, ANewlineInAModelNameBecomesASpace)
{
    const std::string csv = "model,tokens_s\n\"gemma\nlarge\",41.2\n\"gemma\nlarge\",42.3\n";
    const FileExtract e = recognizeFile({"x.csv", csv, FileType::Csv});
    ASSERT_EQ(e.groups.size(), 1u);
    bool sawModel = false;
    for (const auto& [k, v] : e.groups[0]) {
        if (k == "model") {
            EXPECT_EQ(v, "gemma large");
            sawModel = true;
        }
    }
    EXPECT_TRUE(sawModel);
}
