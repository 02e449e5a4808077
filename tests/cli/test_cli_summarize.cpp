// benchlens summarize: the benchlens.summary/1 contract on the corpus, and writing it to a file.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <gtest/gtest.h>
#include <map>

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

// The read limits reach the ingest from the command line: a file over --max-cells or --max-line-length is an error
// entry naming the limit, the other file is read, and the command still succeeds.
TEST(Cli, SummarizeReadLimitsFromTheCommandLine)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const auto write = [&](const char* name, const std::string& bytes) {
        QFile f(dir.path() + QLatin1Char('/') + QLatin1String(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes.data(), qint64(bytes.size()));
    };
    write("small.csv", "model,tokens_s\ns,1\ns,2\ns,3\n"); // 4 rows x 2 = 8 cells, longest line 14 bytes
    std::string big = "model,tokens_s\n";
    for (int i = 0; i < 50; ++i)
        big += "b,42\n"; // 51 rows x 2 = 102 cells
    write("big.csv", big);
    const auto entryOf = [](const nlohmann::json& doc, const std::string& file) {
        for (const auto& e : doc["inventory"]["entries"]) {
            if (e["file"] == file)
                return e;
        }
        return nlohmann::json();
    };
    const auto diagnosticsOf = [](const nlohmann::json& doc, const std::string& file) {
        std::string out;
        for (const auto& d : doc["diagnostics"]) {
            if (d["file"] == file)
                out += d["message"].get<std::string>() + "\n";
        }
        return out;
    };

    CliRun r = runBenchlens({QStringLiteral("summarize"), dir.path(), QStringLiteral("--json"),
        QStringLiteral("--max-cells"), QStringLiteral("60")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(entryOf(doc, "big.csv")["status"], "error");
    EXPECT_NE(
        diagnosticsOf(doc, "big.csv").find("more than 60 cells or values (the limit, --max-cells)"), std::string::npos)
        << diagnosticsOf(doc, "big.csv");
    EXPECT_EQ(entryOf(doc, "small.csv")["status"], "ok");
    EXPECT_EQ(entryOf(doc, "small.csv")["samples"], 3);

    r = runBenchlens({QStringLiteral("summarize"), dir.path(), QStringLiteral("--json"),
        QStringLiteral("--max-line-length"), QStringLiteral("14")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    doc = nlohmann::json::parse(r.out);
    // Both headers "model,tokens_s" are 14 bytes: at the limit, not over it. Nothing is refused.
    EXPECT_EQ(entryOf(doc, "big.csv")["samples"], 50);
    r = runBenchlens({QStringLiteral("summarize"), dir.path(), QStringLiteral("--json"),
        QStringLiteral("--max-line-length"), QStringLiteral("13")});
    doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(entryOf(doc, "small.csv")["status"], "error");
    EXPECT_EQ(diagnosticsOf(doc, "small.csv"),
        "line 1 is 14 bytes long, over the line length limit of 13 bytes (--max-line-length); the file was not "
        "read\n");
}

TEST(Cli, SummarizeIntervalsNeverLeaveThePhysicalBoundOnTheCorpus)
{
    // Issue 14: 53 rows of the earlier report showed a negative 95% CI for a duration. Every metric of the corpus
    // whose values are all >= 0 (the JSON's per-variant min, over every variant) must have both intervals, of the
    // mean and of the median, at or above 0; and p95/p99 only from n >= 20 / 100, with the reason otherwise.
    const CliRun r = runBenchlens({QStringLiteral("summarize"), q(test::corpusDir()), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    std::map<std::string, double> lowest;
    for (const auto& m : doc["metrics"]) {
        const std::string id = m["metric"];
        const double min = m["min"];
        lowest[id] = lowest.count(id) ? std::min(lowest[id], min) : min;
    }
    size_t intervals = 0, percentilesWithheld = 0;
    for (const auto& m : doc["metrics"]) {
        const size_t n = m["n"];
        if (n < 20) {
            EXPECT_TRUE(m["p95"].is_null()) << m["variant"] << " " << m["metric"];
            EXPECT_EQ(m["p95_withheld"], fmt::format("p95 needs at least 20 values, n = {}", n));
            ++percentilesWithheld;
        } else {
            EXPECT_TRUE(m["p95"].is_number());
        }
        if (n < 100) {
            EXPECT_TRUE(m["p99"].is_null()) << m["variant"] << " " << m["metric"];
        }
        if (n < 2) {
            EXPECT_TRUE(m["ci95"].is_null());
            continue;
        }
        for (const char* key : {"ci95", "median_ci95"}) {
            ASSERT_EQ(m[key].size(), 2u) << key;
            const double low = m[key][0], high = m[key][1];
            EXPECT_LE(low, high);
            if (lowest[m["metric"]] >= 0) {
                ++intervals;
                EXPECT_GE(low, 0) << key << " " << m["variant"] << " " << m["metric"];
            }
        }
        if (lowest[m["metric"]] >= 0) {
            EXPECT_EQ(m["ci95_method"], "percentile_bootstrap");
        }
    }
    EXPECT_GT(intervals, 100u); // 93 of the 1,053 (variant, metric) pairs have n >= 2, two intervals each
    EXPECT_GT(percentilesWithheld, 1000u);
}
