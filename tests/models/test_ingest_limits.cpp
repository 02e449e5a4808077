// The read limits beside the file size (issue 11): cells per file, line length, the per-file time budget, and
// cancelling inside one large file. Each limit that is hit is an error diagnostic naming the file and the limit;
// the other files of the folder are read as they would be alone.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/util/read_budget.h"

#include <fmt/format.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

using namespace benchlens;
namespace fs = std::filesystem;

namespace {

class IngestLimits : public ::testing::Test
{
protected:
    void SetUp() override
    {
        dir = fs::temp_directory_path()
            / fmt::format(
                "benchlens-limits-{}-{}", ::getpid(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        // The good file: three observations of tokens_s, 10, 20, 30 (mean 20).
        write("good.csv", "model,tokens_s\nm1,10\nm1,20\nm1,30\n");
    }
    void TearDown() override { fs::remove_all(dir); }

    void write(const std::string& name, const std::string& bytes)
    {
        std::ofstream(dir / name, std::ios::binary) << bytes;
    }

    std::shared_ptr<const Dataset> ingest(const IngestOptions& options)
    {
        auto result = ingestFolder(dir.string(), options);
        EXPECT_TRUE(result) << (result ? "" : result.error());
        return result ? result.value() : nullptr;
    }

    static const SourceFile& file(const Dataset& ds, const std::string& path)
    {
        const std::optional<FileIndex> i = ds.findFile(path);
        EXPECT_TRUE(i) << path;
        return ds.file(i.value_or(FileIndex(0)));
    }

    static std::string errors(const SourceFile& f)
    {
        std::string out;
        for (const auto& d : f.extract.diagnostics) {
            if (d.severity == Severity::Error)
                out += d.message + "\n";
        }
        return out;
    }

    // The good file must be read whole: 3 observations whose values sum to 60.
    static void expectGoodFileRead(const Dataset& ds)
    {
        const SourceFile& good = file(ds, "good.csv");
        EXPECT_EQ(good.status, FileStatus::Ok);
        EXPECT_EQ(good.observations, 3u);
        double sum = 0;
        size_t n = 0;
        const uint32_t goodIndex = ds.findFile("good.csv").value().value;
        for (size_t i = 0; i < ds.samples.size(); ++i) {
            if (ds.samples.file[i] == goodIndex) {
                sum += ds.samples.value[i];
                ++n;
            }
        }
        EXPECT_EQ(n, 3u);
        EXPECT_DOUBLE_EQ(sum, 60.0);
    }

    // A CSV of `rows` rows of 3 cells (4 with the header line's 3).
    static std::string wideCsv(size_t rows)
    {
        std::string csv = "model,tokens_s,ttft_ms\n";
        for (size_t i = 0; i < rows; ++i)
            csv += fmt::format("big,{},{}\n", 100 + i % 7, 50 + i % 5);
        return csv;
    }

    fs::path dir;
};

TEST_F(IngestLimits, CsvWithMoreCellsThanTheLimitIsNotReadAndNamed)
{
    write("big.csv", wideCsv(400)); // 401 rows x 3 = 1,203 cells
    IngestOptions options;
    options.limits.maxCells = 1000;
    const auto ds = ingest(options);
    ASSERT_TRUE(ds);
    const SourceFile& big = file(*ds, "big.csv");
    EXPECT_EQ(big.status, FileStatus::Error);
    EXPECT_EQ(big.observations, 0u);
    EXPECT_NE(errors(big).find("more than 1000 cells or values (the limit, --max-cells)"), std::string::npos)
        << errors(big);
    EXPECT_NE(errors(big).find("--max-cells"), std::string::npos);
    expectGoodFileRead(*ds);
}

TEST_F(IngestLimits, CsvJustUnderTheCellLimitIsRead)
{
    write("big.csv", wideCsv(300)); // 301 rows x 3 = 903 cells, under 1,000 in every pass of every recognizer
    IngestOptions options;
    options.limits.maxCells = 1000;
    const auto ds = ingest(options);
    ASSERT_TRUE(ds);
    const SourceFile& big = file(*ds, "big.csv");
    EXPECT_EQ(errors(big), "");
    EXPECT_EQ(big.observations, 300u);
    expectGoodFileRead(*ds);
}

TEST_F(IngestLimits, JsonWithMoreValuesThanTheLimitIsNotRead)
{
    std::string json = "{\"model\": \"j\", \"results\": [";
    for (int i = 0; i < 600; ++i)
        json += fmt::format("{}{{\"tokens_s\": {}}}", i ? "," : "", 40 + i % 3);
    json += "]}";
    write("big.json", json); // 1 + 2 + 1 + 600 x 2 nodes
    IngestOptions options;
    options.limits.maxCells = 1000;
    const auto ds = ingest(options);
    ASSERT_TRUE(ds);
    const SourceFile& big = file(*ds, "big.json");
    EXPECT_EQ(big.status, FileStatus::Error);
    EXPECT_NE(errors(big).find("more than 1000 cells or values"), std::string::npos) << errors(big);
    expectGoodFileRead(*ds);
}

TEST_F(IngestLimits, LineLongerThanTheLimitNamesTheLineAndItsLength)
{
    // Line 3 is "m2," + 300 digits = 303 bytes.
    write("long.csv", "model,tokens_s\nm2,1\nm2," + std::string(300, '7') + "\n");
    IngestOptions options;
    options.limits.maxLineBytes = 200;
    const auto ds = ingest(options);
    ASSERT_TRUE(ds);
    const SourceFile& f = file(*ds, "long.csv");
    EXPECT_EQ(f.status, FileStatus::Error);
    EXPECT_EQ(errors(f),
        "line 3 is 303 bytes long, over the line length limit of 200 bytes (--max-line-length); the file was not "
        "read\n");
    expectGoodFileRead(*ds);
}

TEST_F(IngestLimits, MinifiedJsonIsExemptFromTheLineLimit)
{
    std::string json = "{\"model\": \"j\", \"results\": [";
    for (int i = 0; i < 40; ++i)
        json += fmt::format("{}{{\"tokens_s\": {}}}", i ? "," : "", 40 + i % 3);
    json += "]}"; // one line of about 700 bytes
    ASSERT_GT(json.size(), 500u);
    write("one_line.json", json);
    IngestOptions options;
    options.limits.maxLineBytes = 200;
    const auto ds = ingest(options);
    ASSERT_TRUE(ds);
    const SourceFile& f = file(*ds, "one_line.json");
    EXPECT_EQ(errors(f), "");
    EXPECT_EQ(f.observations, 40u);
}

TEST_F(IngestLimits, FileOverTheTimeBudgetIsNotReadAndTheRestIs)
{
    // 200,000 rows: parsing them takes far longer than 1 ms on any machine (the budget is checked every 65,536
    // cells, so at least 9 times in this file).
    write("slow.csv", wideCsv(200'000));
    IngestOptions options;
    options.limits.timeBudget = std::chrono::milliseconds(1);
    const auto ds = ingest(options);
    ASSERT_TRUE(ds);
    const SourceFile& f = file(*ds, "slow.csv");
    EXPECT_EQ(f.status, FileStatus::Error);
    EXPECT_NE(errors(f).find("reading took longer than 1 ms (the per-file time budget, --file-time-budget)"),
        std::string::npos)
        << errors(f);
    EXPECT_EQ(f.observations, 0u);
}

TEST_F(IngestLimits, NoTimeBudgetReadsTheLargeFile)
{
    write("slow.csv", wideCsv(200'000));
    IngestOptions options;
    options.limits.timeBudget = std::chrono::milliseconds(0);
    const auto ds = ingest(options);
    ASSERT_TRUE(ds);
    EXPECT_EQ(errors(file(*ds, "slow.csv")), "");
    EXPECT_EQ(file(*ds, "slow.csv").observations, 200'000u);
    expectGoodFileRead(*ds);
}

TEST(ReadBudget, CancelIsSeenInsideOneFile)
{
    std::atomic<bool> cancel {false};
    const ReadBudget budget(ReadLimits {}, &cancel);
    EXPECT_NO_THROW(ReadBudget::spendCells(70'000));
    cancel = true;
    EXPECT_NO_THROW(ReadBudget::spendCells(10)); // the flag is looked at every 65,536 cells
    EXPECT_THROW(ReadBudget::spendCells(70'000), ReadCancelled);
    EXPECT_THROW(ReadBudget::check(), ReadCancelled);
}

TEST(ReadBudget, WithoutABudgetNothingIsCountedOrThrown)
{
    EXPECT_NO_THROW(ReadBudget::spendCells(uint64_t(1) << 40));
    EXPECT_NO_THROW(ReadBudget::check());
}

TEST(ReadBudget, BudgetsNestAndRestoreTheOuterOne)
{
    ReadLimits tight;
    tight.maxCells = 10;
    const ReadBudget outer(tight, nullptr);
    {
        const ReadBudget inner(ReadLimits {}, nullptr);
        EXPECT_NO_THROW(ReadBudget::spendCells(100));
    }
    EXPECT_THROW(ReadBudget::spendCells(11), ReadLimitReached);
}

TEST(ReadBudget, FindLineLongerThan)
{
    EXPECT_EQ(findLineLongerThan("ab\ncd\n", 2).line, 0u);
    const LongLine l = findLineLongerThan("ab\ncdef\ng", 3);
    EXPECT_EQ(l.line, 2u);
    EXPECT_EQ(l.bytes, 4u);
    EXPECT_EQ(findLineLongerThan("abcd", 3).line, 1u); // no newline at the end
    EXPECT_EQ(describeBytes(64u << 20), "64 MiB");
    EXPECT_EQ(describeBytes(1536), "1.5 KiB");
    EXPECT_EQ(describeBytes(200), "200 bytes");
}

} // namespace
