// Regression tests for what the libFuzzer targets (tests/fuzz) found: each input in tests/data/malformed/fuzz is fed
// to the entry point the fuzzer called, and the test asserts the outcome (a diagnostic, no crash). Under the asan
// preset (./build.sh sanitize) these also prove the fix holds under ASan + UBSan.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/parsers/csv_parser.h"
#include "models/report/summary_json.h"
#include "models/stats/analysis.h"
#include "tests/support/test_paths.h"

#include <QFile>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <cstring>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

using namespace benchlens;

namespace {

// The input in a heap block of exactly its size, as libFuzzer passes it: a read one byte past the end is a
// heap-buffer-overflow under ASan. A std::string would hide it (its terminating NUL is readable).
class ExactBuffer
{
public:
    explicit ExactBuffer(std::string_view bytes)
        : m_size(bytes.size())
        , m_data(new char[bytes.size()])
    {
        std::memcpy(m_data.get(), bytes.data(), bytes.size());
    }
    std::string_view view() const { return {m_data.get(), m_size}; }

private:
    size_t m_size;
    std::unique_ptr<char[]> m_data;
};

std::vector<std::vector<std::string>> csvRows(std::string_view bytes, char delimiter = 0)
{
    std::vector<std::vector<std::string>> rows;
    csv::parse(bytes, delimiter, [&](const csv::Row& row) {
        rows.emplace_back(row.fields.begin(), row.fields.end());
        return true;
    });
    return rows;
}

} // namespace

// Inputs that end inside or right after a quoted field, at a delimiter, a CR or a doubled quote: the parser's
// look-ahead must stop at the end of the view. The expected rows follow RFC 4180 by hand.
TEST(FuzzRegressions, CsvParserReadsNothingPastTheEndOfItsInput)
{
    struct Case
    {
        std::string_view bytes;
        std::vector<std::vector<std::string>> rows;
    };
    const std::vector<Case> cases = {
        {"a,b\n\"x\"", {{"a", "b"}, {"x"}}},
        {"a,b\n\"x\"\"", {{"a", "b"}, {"x\""}}}, // doubled quote, then the end: the field is never closed
        {"a,b\n\"x", {{"a", "b"}, {"x"}}},
        {"a,b\n1,", {{"a", "b"}, {"1", ""}}},
        {"a,b\n1,2\r", {{"a", "b"}, {"1", "2"}}},
        // A record of one empty field is an empty line, quoted or not: no row.
        {"\"", {}},
        {"\"\"", {}},
    };
    for (const auto& c : cases) {
        const ExactBuffer buffer(c.bytes);
        EXPECT_EQ(csvRows(buffer.view(), ','), c.rows) << "input: " << c.bytes;
        // Sniffing and encoding detection read the same view.
        csv::sniffDelimiter(buffer.view());
        csv::detectEncoding(buffer.view());
    }
}

// fuzz_merge and fuzz_json_writer: a model cell that is not valid UTF-8 (0xFF 0xFE, and a lead byte 0xC3 cut off by
// the quote) reached nlohmann::json::dump, which threw type_error 316 and aborted `summarize --json`. The summary
// must be valid JSON (which is UTF-8), and the other numbers are read as they would be alone.
TEST(FuzzRegressions, SummaryJsonOfAnInvalidUtf8ModelNameIsValidJson)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string name = "summary_json_invalid_utf8_model.csv";
    ASSERT_TRUE(QFile::copy(QString::fromStdString(test::testDataDir() + "/malformed/fuzz/" + name),
        dir.filePath(QString::fromStdString(name))));
    const auto loaded = ingestFolder(dir.path().toStdString());
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    const Dataset& ds = *loaded.value();
    // Three rows, each a sample of tokens_per_second and of ttft_ms (counted by hand from the file).
    EXPECT_EQ(ds.samples.size(), 6u);
    std::string out;
    ASSERT_NO_THROW(out = summaryJson(ds, analyze(ds)));
    EXPECT_TRUE(nlohmann::json::accept(out)) << out.substr(0, 400);
}
