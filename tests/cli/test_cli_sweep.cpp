// benchlens sweep: the benchlens.sweep/1 contract on the corpus, usage errors, text output to a file.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace benchlens;
using namespace benchlens::test;

TEST(Cli, SweepJsonContractOnTheCorpus)
{
    const CliRun r = runBenchlens({QStringLiteral("sweep"), q(test::corpusDir()), QStringLiteral("--model"),
        QStringLiteral("gemma3:1b-it-qat"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["schema"], "benchlens.sweep/1");
    EXPECT_EQ(doc["model"], "gemma3:1b-it-qat");
    EXPECT_EQ(doc["parameters"], nlohmann::json::parse(R"(["num_ctx","num_gpu","temperature"])"));
    for (const char* key : {"rankings", "pareto", "effects"})
        ASSERT_TRUE(doc[key].is_array()) << key;
    // reports/gemma3/gemma3_1b-it-qat_param_tuning.csv read with python3's csv module: the largest tokens_s is
    // 187.1752905464622 (g60_c1024_t0.4); the lowest ttft_s 0.0742094 (g999_c1024_t0.4).
    bool sawThroughput = false;
    for (const auto& ranking : doc["rankings"]) {
        for (const char* key : {"metric", "unit", "direction", "rows"})
            EXPECT_TRUE(ranking.contains(key)) << key;
        if (ranking["metric"] == "throughput_tok_s") {
            sawThroughput = true;
            EXPECT_EQ(ranking["direction"], "higher");
            EXPECT_EQ(ranking["unit"], "tok/s");
            EXPECT_EQ(ranking["rows"].size(), 37u); // 36 sweep configurations + the baseline run
            const auto& best = ranking["rows"][0];
            EXPECT_EQ(best["config"], nlohmann::json::parse(R"({"num_ctx":1024,"num_gpu":60,"temperature":0.4})"));
            EXPECT_EQ(best["n"], 1);
            EXPECT_NEAR(best["mean"].get<double>(), 187.1752905464622, 1e-9);
            EXPECT_NEAR(best["median"].get<double>(), 187.1752905464622, 1e-9);
            EXPECT_TRUE(best["stddev"].is_null()); // one run
        }
        if (ranking["metric"] == "ttft_ms") {
            EXPECT_EQ(ranking["direction"], "lower");
            EXPECT_NEAR(ranking["rows"][0]["mean"].get<double>(), 74.2094, 1e-9);
        }
    }
    EXPECT_TRUE(sawThroughput);
    // The Pareto front (python3 over both CSVs): seven configurations; the first has the highest throughput.
    size_t front = 0;
    for (const auto& p : doc["pareto"]) {
        for (const char* key : {"config", "throughput", "ttft", "dominated_by"})
            EXPECT_TRUE(p.contains(key)) << key;
        if (p["dominated_by"].is_null())
            ++front;
        else
            EXPECT_FALSE(p["dominated_by"].empty());
    }
    EXPECT_EQ(front, 7u);
    EXPECT_EQ(doc["pareto"][0]["config"], nlohmann::json::parse(R"({"num_ctx":1024,"num_gpu":60,"temperature":0.4})"));
    EXPECT_TRUE(doc["pareto"][0]["dominated_by"].is_null());
    // num_gpu on throughput: level means over the 9 runs each and eta^2, by python3 from the CSV.
    bool sawGpu = false;
    for (const auto& e : doc["effects"]) {
        if (e["metric"] != "throughput_tok_s" || e["parameter"] != "num_gpu")
            continue;
        sawGpu = true;
        ASSERT_EQ(e["levels"].size(), 4u);
        EXPECT_EQ(e["levels"][2]["value"], 80);
        EXPECT_EQ(e["levels"][2]["n"], 9);
        EXPECT_NEAR(e["levels"][2]["mean"].get<double>(), 184.6883623590768, 1e-9);
        EXPECT_NEAR(e["eta_squared"].get<double>(), 0.12109409755638136, 1e-9);
    }
    EXPECT_TRUE(sawGpu);
}

TEST(Cli, SweepTextGoesToAFile)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString out = tmp.filePath(QStringLiteral("sweep.txt"));
    const CliRun r = runBenchlens(
        {QStringLiteral("sweep"), q(test::corpusDir()), QStringLiteral("--model"), QStringLiteral("gemma3:1b-it-qat"),
            QStringLiteral("--metric"), QStringLiteral("throughput_tok_s"), QStringLiteral("-o"), out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.empty());
    const std::string text = test::readFile(out.toStdString());
    EXPECT_EQ(
        text.rfind("Sweep of gemma3:1b-it-qat: 37 configurations; parameters: num_ctx num_gpu temperature\n", 0), 0u)
        << text;
    EXPECT_NE(text.find("\nthroughput_tok_s (tok/s; higher is better)\n"), std::string::npos);
    EXPECT_EQ(text.find("\nttft_ms ("), std::string::npos); // --metric keeps one ranking
    EXPECT_NE(text.find("front     num_ctx=1024 num_gpu=60 temperature=0.4"), std::string::npos);
    EXPECT_NE(text.find("throughput_tok_s   num_gpu        eta^2  0.1211"), std::string::npos) << text;
}
