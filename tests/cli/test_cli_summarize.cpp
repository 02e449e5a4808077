// benchlens summarize: the benchlens.summary/1 contract on the corpus, and writing it to a file.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace benchlens;
using namespace benchlens::test;

TEST(Cli, SummarizeJsonContractOnTheCorpus)
{
    const CliRun r = runBenchlens({QStringLiteral("summarize"), q(test::corpusDir()), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["schema"], "benchlens.summary/1");
    const auto& inv = doc["inventory"];
    EXPECT_EQ(inv["files"], 109);
    EXPECT_EQ(inv["by_type"], nlohmann::json::parse(R"({"csv":29,"json":44,"md":31,"txt":3,"other":2})"));
    EXPECT_EQ(inv["duplicates"].size(), 5u);
    EXPECT_EQ(inv["entries"].size(), 109u);
    for (const char* key : {"variants", "metrics", "reported", "diagnostics"})
        EXPECT_TRUE(doc[key].is_array()) << key;
    // gemma3:1b-it-qat baseline: the tokens_s column of gemma3_1b-it-qat_baseline.csv, averaged by hand:
    // (181.96533720183703 + 182.6378183544046 + 184.2363135373321 + 182.66757650517033 + 182.8489434688796) / 5
    const double expected
        = (181.96533720183703 + 182.6378183544046 + 184.2363135373321 + 182.66757650517033 + 182.8489434688796) / 5;
    bool found = false;
    for (const auto& m : doc["metrics"]) {
        if (m["variant"] == "gemma3:1b-it-qat" && m["metric"] == "throughput_tok_s") {
            found = true;
            EXPECT_EQ(m["n"], 5);
            const double mean = m["mean"];
            EXPECT_NEAR(mean, expected, 1e-9);
            EXPECT_EQ(m["unit"], "tok/s");
            EXPECT_EQ(m["sources"].size(), 5u);
            EXPECT_EQ(m["sources"][0]["file"], "reports/gemma3/gemma3_1b-it-qat_baseline.csv");
            EXPECT_EQ(m["sources"][0]["locator"], "line 2 col tokens_s");
            EXPECT_EQ(m["ci95"].size(), 2u);
        }
    }
    EXPECT_TRUE(found);
    // Every entry of the inventory names its recognizer and status.
    for (const auto& e : inv["entries"]) {
        EXPECT_TRUE(e.contains("recognizer"));
        EXPECT_TRUE(e["status"] == "ok" || e["status"] == "skipped" || e["status"] == "error"
            || e["status"] == "not understood");
    }
}

TEST(Cli, SummarizeWritesAtomicallyToAFile)
{
    QTemporaryDir dir;
    const QString out = dir.path() + QStringLiteral("/summary.json");
    const CliRun r = runBenchlens(
        {QStringLiteral("summarize"), q(test::sampleDir()), QStringLiteral("--json"), QStringLiteral("-o"), out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.empty());
    const auto doc = nlohmann::json::parse(test::readFile(out.toStdString()));
    EXPECT_EQ(doc["schema"], "benchlens.summary/1");
    // Only the summary itself: no temporary file left behind.
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}
