// benchlens compare: the benchlens.compare/1 contract on the corpus.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace benchlens;
using namespace benchlens::test;

TEST(Cli, CompareJsonContractOnTheCorpus)
{
    const QString base = quantBenchQ4();
    const QString cand = quantBenchQ8();
    const CliRun r = runBenchlens({QStringLiteral("compare"), q(test::corpusDir()), QStringLiteral("--baseline"), base,
        QStringLiteral("--candidate"), cand, QStringLiteral("--metric"), QStringLiteral("throughput_tok_s"),
        QStringLiteral("--metric"), QStringLiteral("ttft_ms"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc.at("schema"), "benchlens.compare/1");
    EXPECT_EQ(doc.at("baseline").at("variants").size(), 1u);
    // Observations vs values: the baseline is the 5 rows of llama3.1:8b-instruct-q4_0 in ollama_quant_bench.csv
    // (counted with Python's csv module), each holding several metrics (ttft_s, tokens_s, load_s, ...), so the values
    // are a whole multiple of 5 and more than it; "samples" is the deprecated name of "values".
    const auto& baseline = doc.at("baseline");
    EXPECT_EQ(baseline.at("observations"), 5);
    EXPECT_EQ(baseline.at("values"), baseline.at("samples"));
    EXPECT_GE(baseline.at("values").get<int>(), 10);
    EXPECT_EQ(baseline.at("values").get<int>() % 5, 0);
    const auto& metrics = doc.at("candidates").at(0).at("metrics");
    ASSERT_EQ(metrics.size(), 2u);
    const auto& t = metrics.at(0);
    EXPECT_EQ(t.at("metric"), "throughput_tok_s");
    EXPECT_EQ(t.at("unit"), "tok/s");
    EXPECT_EQ(t.at("baseline").at("n"), 5);
    EXPECT_EQ(t.at("candidate").at("n"), 5);
    EXPECT_NEAR(t.at("baseline").at("mean").get<double>(), 76.59, 0.005);
    EXPECT_NEAR(t.at("candidate").at("mean").get<double>(), 46.57, 0.005);
    EXPECT_NEAR(t.at("diff").get<double>(),
        t.at("candidate").at("mean").get<double>() - t.at("baseline").at("mean").get<double>(), 1e-9);
    EXPECT_EQ(t.at("test"), "mann-whitney");
    EXPECT_LT(t.at("p_value").get<double>(), 0.05);
    EXPECT_EQ(t.at("verdict"), "worse");
    ASSERT_EQ(t.at("ci95").size(), 2u);
    EXPECT_LT(t.at("ci95").at(1).get<double>(), 0); // the whole interval below zero
    for (const char* field : {"diff_pct", "welch_p_value", "ci_method", "reason"})
        EXPECT_TRUE(t.contains(field)) << field;
    EXPECT_EQ(doc.at("candidates").at(0).at("differing_config").size(), 2u);

    // The same selection on both sides: no significant difference, and a warning that they overlap.
    const CliRun same = runBenchlens({QStringLiteral("compare"), q(test::corpusDir()), QStringLiteral("--baseline"),
        base, QStringLiteral("--candidate"), base, QStringLiteral("--metric"), QStringLiteral("throughput_tok_s"),
        QStringLiteral("--json")});
    const auto sameDoc = nlohmann::json::parse(same.out);
    EXPECT_EQ(sameDoc.at("candidates").at(0).at("metrics").at(0).at("verdict"), "no significant difference");
    EXPECT_FALSE(sameDoc.at("warnings").empty());

    // Unknown selectors are usage errors.
    const CliRun bad = runBenchlens({QStringLiteral("compare"), q(test::corpusDir()), QStringLiteral("--baseline"),
        QStringLiteral("model=nobody")});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("no samples match"), std::string::npos);
}
