// Two-sample statistics against published values (SciPy's documentation, R's t.test on the sleep data), and
// comparisons on the shared corpus whose expected means come from the raw CSV.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/stats/dataset_comparison.h"
#include "models/util/text.h"
#include "tests/support/test_paths.h"

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <optional>
#include <vector>

using namespace benchlens;

TEST(MannWhitney, ScipyDocumentationExample)
{
    // scipy.stats.mannwhitneyu docs: males [19, 22, 16, 29, 24], females [20, 11, 17, 12]:
    // statistic 17.0, exact p 0.1111111111111111 (= 14/126), asymptotic p 0.11134688653314041.
    const std::vector<double> males = {19, 22, 16, 29, 24}, females = {20, 11, 17, 12};
    const MannWhitney exact = mannWhitneyU(males, females);
    EXPECT_DOUBLE_EQ(exact.u, 17);
    EXPECT_TRUE(exact.exact);
    EXPECT_NEAR(exact.pValue, 14.0 / 126, 1e-12);
    const MannWhitney asymptotic = mannWhitneyU(males, females, PMethod::Asymptotic);
    EXPECT_FALSE(asymptotic.exact);
    EXPECT_NEAR(asymptotic.pValue, 0.11134688653314041, 1e-12);
    // U of the other sample is n1 n2 - U.
    EXPECT_DOUBLE_EQ(mannWhitneyU(females, males).u, 20 - 17);
}

TEST(MannWhitney, CompletelySeparatedSamplesOfFive)
{
    // U = 0: only 1 of the C(10, 5) = 252 arrangements is as extreme on each side: p = 2 / 252.
    const std::vector<double> a = {1, 2, 3, 4, 5}, b = {6, 7, 8, 9, 10};
    const MannWhitney r = mannWhitneyU(a, b);
    EXPECT_DOUBLE_EQ(r.u, 0);
    EXPECT_NEAR(r.pValue, 2.0 / 252, 1e-15);
}

TEST(MannWhitney, TiesUseTheCorrectedNormalApproximation)
{
    // Identical samples: U = n1 n2 / 2, nothing to see, p = 1.
    const std::vector<double> a = {5, 5, 6, 6, 7}, b = {5, 5, 6, 6, 7};
    const MannWhitney r = mannWhitneyU(a, b);
    EXPECT_FALSE(r.exact);
    EXPECT_DOUBLE_EQ(r.u, 12.5);
    EXPECT_DOUBLE_EQ(r.pValue, 1);
}

TEST(Welch, RSleepData)
{
    // R: t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939,
    // 95 percent confidence interval -3.3654832 0.2054832 (group 1 - group 2).
    const std::vector<double> group1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    const std::vector<double> group2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
    const auto w = welchT(group2, group1); // mean(group1) - mean(group2)
    ASSERT_TRUE(w.has_value());
    EXPECT_NEAR(w->diff, -1.58, 1e-12);
    EXPECT_NEAR(w->t, -1.8608, 5e-5);
    EXPECT_NEAR(w->df, 17.776, 5e-4);
    EXPECT_NEAR(w->pValue, 0.07939, 5e-6);
    EXPECT_NEAR(w->ciLow, -3.3654832, 5e-7);
    EXPECT_NEAR(w->ciHigh, 0.2054832, 5e-7);
}

TEST(Compare, VerdictsKnowTheDirectionAndTheThreshold)
{
    const std::vector<double> slow = {100, 102, 98, 101, 99}, fast = {120, 122, 118, 121, 119};
    CompareOptions o;
    // Throughput: higher is better.
    EXPECT_EQ(compareSamples(slow, fast, Better::Higher, o).verdict, Verdict::Better);
    EXPECT_EQ(compareSamples(fast, slow, Better::Higher, o).verdict, Verdict::Worse);
    // Latency: lower is better.
    EXPECT_EQ(compareSamples(slow, fast, Better::Lower, o).verdict, Verdict::Worse);
    // Identical inputs.
    const auto same = compareSamples(slow, slow, Better::Higher, o);
    EXPECT_EQ(same.verdict, Verdict::NoSignificantDifference);
    EXPECT_DOUBLE_EQ(same.diff, 0);
    // n < 3 on a side: never a verdict.
    const std::vector<double> one = {150};
    const auto tiny = compareSamples(one, one, Better::Higher, o);
    EXPECT_EQ(tiny.verdict, Verdict::InsufficientData);
    EXPECT_FALSE(tiny.pValue.has_value());
    // Significant (fully separated) but +1%: below the 2% practical threshold.
    const std::vector<double> tight = {100.0, 100.1, 100.2, 100.3, 100.4};
    const std::vector<double> plusOne = {101.0, 101.1, 101.2, 101.3, 101.4};
    const auto small = compareSamples(tight, plusOne, Better::Higher, o);
    EXPECT_TRUE(small.statisticallySignificant);
    EXPECT_FALSE(small.practicallySignificant);
    EXPECT_EQ(small.verdict, Verdict::NoSignificantDifference);
    o.practicalThreshold = 0.005;
    EXPECT_EQ(compareSamples(tight, plusOne, Better::Higher, o).verdict, Verdict::Better);
    // The Welch interval is used for small samples.
    EXPECT_EQ(compareSamples(slow, fast, Better::Higher, CompareOptions {}).ciMethod, "welch");
}

TEST(Compare, BootstrapIntervalForSkewedSamplesIsDeterministic)
{
    std::vector<double> a, b;
    for (int i = 0; i < 30; ++i) {
        a.push_back(100 + (i % 10 == 0 ? 400 : i % 5)); // a long right tail
        b.push_back(90 + (i % 10 == 0 ? 400 : i % 5));
    }
    const auto c = compareSamples(a, b, Better::Lower, CompareOptions {});
    EXPECT_EQ(c.ciMethod, "bootstrap");
    ASSERT_TRUE(c.ci95.has_value());
    EXPECT_LT(c.ci95->first, -10);
    EXPECT_GT(c.ci95->second, -10);
    const auto again = compareSamples(a, b, Better::Lower, CompareOptions {});
    EXPECT_EQ(again.ci95, c.ci95);
}

namespace {
const Dataset& corpus()
{
    static const auto result = ingestFolder(test::corpusDir());
    EXPECT_TRUE(result.ok());
    return *result.value();
}
} // namespace

TEST(Compare, QuantizationsOfTheCorpus)
{
    // csv_data/ollama_quant_bench.csv: q4_0 76.59 tok/s and q8_0 46.57 tok/s, n = 5 each (means of the rows'
    // tokens_per_second, computed in the corpus test from the raw file); fully separated, so p = 2/252.
    const auto r = compareSelections(corpus(), "model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv",
        {"model=llama3.1:8b-instruct-q8_0,run=csv_data/ollama_quant_bench.csv"}, {"throughput_tok_s"});
    ASSERT_TRUE(r.ok()) << r.error();
    const auto& cand = r.value().candidates.at(0);
    ASSERT_EQ(cand.metrics.size(), 1u);
    const auto& m = cand.metrics[0].comparison;
    EXPECT_EQ(m.baselineN, 5u);
    EXPECT_EQ(m.candidateN, 5u);
    EXPECT_NEAR(m.baselineMean, 76.59, 0.005);
    EXPECT_NEAR(m.candidateMean, 46.57, 0.005);
    EXPECT_LT(*m.pValue, 0.05);
    EXPECT_EQ(m.verdict, Verdict::Worse);
    // Only the keys that differ are shown.
    ASSERT_EQ(cand.differingConfig.size(), 2u);
    EXPECT_EQ(cand.differingConfig[0].first, "model");
    EXPECT_EQ(cand.differingConfig[1].first, "quantization");
}

TEST(Compare, SingleSampleRunsGiveInsufficientData)
{
    // baseline_test_results_1759098967.json holds one successful sample (and four failures).
    const std::string run = "csv_data/baseline_test_results_1759098967.json";
    const auto r = compareSelections(corpus(), run, {run}, {});
    ASSERT_TRUE(r.ok()) << r.error();
    for (const auto& m : r.value().candidates.at(0).metrics)
        EXPECT_EQ(m.comparison.verdict, Verdict::InsufficientData);
    EXPECT_FALSE(r.value().warnings.empty()); // the same samples on both sides
}

TEST(Compare, ColdStartsAreFlaggedAndExcludedOnRequest)
{
    // gemma3_1b-it-qat_baseline.csv: the first call's TTFT (2319 ms) is the model loading: its load_s (2.0744 s) is
    // 89% of it and about 25x the 0.0806 s median load of the file's calls: a reload.
    const std::string run = "reports/gemma3/gemma3_1b-it-qat_baseline.csv";
    const auto kept = compareSelections(corpus(), run, {run}, {"ttft_ms"});
    ExclusionOptions ex;
    ex.coldStarts = true;
    const auto dropped = compareSelections(corpus(), run, {run}, {"ttft_ms"}, CompareOptions {}, ex);
    ASSERT_TRUE(kept.ok() && dropped.ok());
    bool flagged = false;
    for (const auto& f : dropped.value().flagged)
        flagged = flagged || (corpus().files[f.file].path == run && f.excluded && f.reason.find("model reload") == 0);
    EXPECT_TRUE(flagged);
    const auto& before = kept.value().candidates[0].metrics.at(0).comparison;
    const auto& after = dropped.value().candidates[0].metrics.at(0).comparison;
    EXPECT_EQ(after.baselineN + 1, before.baselineN);
    EXPECT_LT(after.baselineMean, before.baselineMean);
}

TEST(Compare, BadSelectorsAreErrors)
{
    EXPECT_FALSE(compareSelections(corpus(), "no-such-variant", {}, {}).ok());
    EXPECT_FALSE(compareSelections(corpus(), "model=nobody", {}, {}).ok());
    EXPECT_FALSE(compareSelections(corpus(), "model=llama3.1:8b-instruct-q4_0", {}, {"no_such_metric"}).ok());
}

namespace {
// Copies the agent sweep fixture into `dir`, replacing the stated throughput improvement when `statedPct` is given.
std::string agentFolder(const QTemporaryDir& dir, std::optional<double> statedPct)
{
    const std::string src = test::testDataDir() + "/fixtures/agent/sweep/gpu60_ctx512_temp0p8";
    const std::string dst = dir.path().toStdString() + "/gpu60_ctx512_temp0p8";
    std::filesystem::copy(src, dst, std::filesystem::copy_options::recursive);
    if (statedPct) {
        auto doc = nlohmann::json::parse(test::readFile(dst + "/data/metrics.json"));
        doc["delta"]["throughput_improvement_percent"] = *statedPct;
        std::ofstream(dst + "/data/metrics.json") << doc.dump(2);
    }
    return dir.path().toStdString();
}
} // namespace

TEST(Compare, AgentDeltasAreRecomputedFromTheCalls)
{
    QTemporaryDir dir;
    const auto result = ingestFolder(agentFolder(dir, std::nullopt));
    ASSERT_TRUE(result.ok());
    const Dataset& ds = *result.value();
    const auto pairs = statedComparisonSelectors(ds);
    ASSERT_EQ(pairs.size(), 1u);
    const auto r = compareSelections(ds, pairs[0].first, {pairs[0].second}, {"throughput_tok_s", "ttft_ms"});
    ASSERT_TRUE(r.ok()) << r.error();
    // The file's own numbers, read here with nlohmann::json.
    const auto raw = nlohmann::json::parse(
        test::readFile(test::testDataDir() + "/fixtures/agent/sweep/gpu60_ctx512_temp0p8/data/metrics.json"));
    const double statedThroughput = raw["delta"]["throughput_improvement_percent"];
    const double statedTtft = -double(raw["delta"]["ttft_reduction_percent"]);
    // The recomputation: the means of the calls' throughput_tokens_per_sec on each side.
    const auto callMean = [&](const char* section, const char* field) {
        double sum = 0;
        int n = 0;
        for (const auto& call : raw[section]["llm_calls"]) {
            sum += double(call["metrics"][field]);
            ++n;
        }
        return sum / n;
    };
    const double expectedPct
        = (callMean("chimera", "throughput_tokens_per_sec") - callMean("baseline", "throughput_tokens_per_sec"))
        / callMean("baseline", "throughput_tokens_per_sec") * 100;
    const auto& metrics = r.value().candidates.at(0).metrics;
    ASSERT_EQ(metrics.size(), 2u);
    const auto& t = metrics[0];
    ASSERT_TRUE(t.statedDiffPct.has_value());
    EXPECT_DOUBLE_EQ(*t.statedDiffPct, statedThroughput);
    EXPECT_NEAR(*t.comparison.diffPct * 100, expectedPct, 1e-9);
    EXPECT_FALSE(t.statedDisagrees);
    EXPECT_NE(t.statedSource.find("/delta/throughput_improvement_percent"), std::string::npos);
    ASSERT_TRUE(metrics[1].statedDiffPct.has_value());
    EXPECT_DOUBLE_EQ(*metrics[1].statedDiffPct, statedTtft);
}

TEST(Compare, AStatedDeltaThatTheCallsDoNotSupportIsFlagged)
{
    QTemporaryDir dir;
    const auto result = ingestFolder(agentFolder(dir, 10.0));
    ASSERT_TRUE(result.ok());
    const Dataset& ds = *result.value();
    const auto pairs = statedComparisonSelectors(ds);
    ASSERT_EQ(pairs.size(), 1u);
    const auto r = compareSelections(ds, pairs[0].first, {pairs[0].second}, {"throughput_tok_s"});
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.value().candidates.at(0).metrics.at(0).statedDisagrees);
    // The file measured the baseline's calls, then the candidate's: the run-order warning, then the stated delta.
    ASSERT_EQ(r.value().warnings.size(), 2u) << ::testing::PrintToString(r.value().warnings);
    EXPECT_EQ(r.value().warnings[0].rfind("run order: in gpu60_ctx512_temp0p8/data/metrics.json, each of the 2 values "
                                          "of agent was measured in one contiguous block of rows",
                  0),
        0u);
    EXPECT_NE(r.value().warnings[1].find("states +10.00% for throughput_tok_s"), std::string::npos);
}

TEST(Timestamps, IsoAndUnixTimes)
{
    // Expected values from Python: datetime(..., tzinfo=...).timestamp().
    EXPECT_DOUBLE_EQ(*parseTimestamp("2025-09-30T20:09:43"), 1759262983.0);
    EXPECT_NEAR(*parseTimestamp("2025-10-02T19:12:04.495331+00:00"), 1759432324.495331, 1e-6);
    EXPECT_NEAR(*parseTimestamp("2025-10-02 15:18:24.5+05:30"), 1759398504.5, 1e-6);
    EXPECT_DOUBLE_EQ(*parseTimestamp("1759262983"), 1759262983.0);
    EXPECT_DOUBLE_EQ(*parseTimestamp("1759262983000"), 1759262983.0); // milliseconds
    EXPECT_FALSE(parseTimestamp("2025-13-01T00:00:00").has_value());
    EXPECT_FALSE(parseTimestamp("yesterday").has_value());
    EXPECT_FALSE(parseTimestamp("42").has_value()); // not a plausible Unix time
}

TEST(Compare, ComparabilityWarnings)
{
    // ollama_quant_bench.csv: every q4_0 row is stamped before every q8_0 row.
    const auto r = compareSelections(corpus(), "model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv",
        {"model=llama3.1:8b-instruct-q8_0,run=csv_data/ollama_quant_bench.csv"}, {"throughput_tok_s"});
    ASSERT_TRUE(r.ok());
    // And the file's rows hold each model (and its quantization tag) in one block.
    ASSERT_EQ(r.value().warnings.size(), 2u) << ::testing::PrintToString(r.value().warnings);
    EXPECT_EQ(r.value().warnings[0].rfind("every baseline observation was measured before every candidate", 0), 0u);
    EXPECT_EQ(r.value().warnings[1].rfind("run order: in csv_data/ollama_quant_bench.csv, each of the 3 values of "
                                          "model was measured in one contiguous block of rows",
                  0),
        0u);

    // Two runs that asked different prompts, on different GPUs.
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    std::ofstream(root + "/a.csv") << "model,device,prompt,tokens_s\nm,A100,p1,10\nm,A100,p2,11\nm,A100,p3,12\n";
    std::ofstream(root + "/b.csv") << "model,device,prompt,tokens_s\nm,H100,p1,20\nm,H100,p4,21\nm,H100,p5,22\n";
    const auto result = ingestFolder(root);
    ASSERT_TRUE(result.ok());
    const auto c = compareSelections(*result.value(), "a.csv", {"b.csv"}, {});
    ASSERT_TRUE(c.ok()) << c.error();
    const auto& w = c.value().warnings;
    ASSERT_EQ(w.size(), 2u);
    EXPECT_NE(w[0].find("different prompts (3 and 3 distinct, 1 shared)"), std::string::npos) << w[0];
    EXPECT_NE(w[1].find("the environment differs (device: A100 -> H100)"), std::string::npos) << w[1];
}
