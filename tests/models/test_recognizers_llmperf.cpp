// llmperf recognizers: fixtures in llmperf's own naming (numbers as strings, NaN, a failed request, an error rate)
// and the leaderboard copies of the public corpus, whose expected values are read here from the raw JSON with
// nlohmann::json and converted from seconds in the test.
#include "tests/models/tool_recognizer_support.h"

#include <nlohmann/json.hpp>

#include <map>

using namespace benchlens;
using namespace benchlens::test;

namespace {

const std::string kSummary = "meta-llama--Llama-2-7b-chat-hf_550_150_summary.json";
const std::string kIndividual = "meta-llama--Llama-2-7b-chat-hf_550_150_individual_responses.json";

FileExtract fixture(const std::string& name)
{
    return recognizeAt(fixturePath("llmperf/" + name), name);
}

// llmperf's metric names -> (BenchLens metric, factor to its unit), as llmperf's README describes them.
const std::map<std::string, std::pair<std::string, double>>& metrics()
{
    static const std::map<std::string, std::pair<std::string, double>> m = {{"ttft_s", {"ttft_ms", 1000}},
        {"inter_token_latency_s", {"itl_ms", 1000}}, {"end_to_end_latency_s", {"latency_ms", 1000}},
        {"request_output_throughput_token_per_s", {"output_token_throughput_per_user", 1}},
        {"number_input_tokens", {"prompt_tokens", 1}}, {"number_output_tokens", {"tokens_generated", 1}}};
    return m;
}

const std::map<std::string, std::string>& stats()
{
    static const std::map<std::string, std::string> m = {{"quantiles_p25", "p25"}, {"quantiles_p50", "p50"},
        {"quantiles_p75", "p75"}, {"quantiles_p90", "p90"}, {"quantiles_p95", "p95"}, {"quantiles_p99", "p99"},
        {"mean", "mean"}, {"min", "min"}, {"max", "max"}, {"stddev", "stddev"}};
    return m;
}

double number(const nlohmann::json& v)
{
    return v.is_string() ? std::stod(v.get<std::string>()) : v.get<double>();
}

} // namespace

TEST(Llmperf, SummaryFixture)
{
    const FileExtract e = fixture(kSummary);
    EXPECT_EQ(e.recognizer, "llmperf summary JSON");
    EXPECT_EQ(e.namedModel, "meta-llama/Llama-2-7b-chat-hf");
    EXPECT_EQ(dimOf(e, 0, "model"), "meta-llama/Llama-2-7b-chat-hf");
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "mean"), 200.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "min"), 100.0); // "0.1"
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "p90"), 280.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "stddev"), 100.0);
    EXPECT_EQ(findReported(e, "ttft_ms", "mean")->n, std::optional<uint32_t>(3));
    EXPECT_EQ(findReported(e, "latency_ms", "p99"), nullptr); // NaN
    EXPECT_DOUBLE_EQ(reportedValue(e, "prompt_tokens", "min"), 550.0); // "550"
    EXPECT_DOUBLE_EQ(reportedValue(e, "output_token_throughput_per_user", "mean"), 75.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "throughput_tok_s", "value"), 140.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "request_throughput_req_s", "value"), 1.5); // 90 per minute
    EXPECT_DOUBLE_EQ(reportedValue(e, "success_rate", "value"), 0.75); // error rate 0.25
    EXPECT_EQ(findReported(e, "success_rate", "value")->n, std::optional<uint32_t>(4)); // requests started
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "1 request(s) failed (error codes: {429: 1})"));
    EXPECT_EQ(e.locatorText(findReported(e, "ttft_ms", "min")->locator), "/results_ttft_s_min");
}

TEST(Llmperf, IndividualFixture)
{
    const FileExtract e = fixture(kIndividual);
    EXPECT_EQ(e.recognizer, "llmperf individual JSON");
    // llmperf names the file after the model ("/" as "--") and the mean token counts.
    EXPECT_EQ(dimOf(e, 0, "model"), "meta-llama/Llama-2-7b-chat-hf");
    ASSERT_EQ(e.records.size(), 4u);
    EXPECT_TRUE(e.records[1].failed); // error_code 429
    EXPECT_FALSE(e.records[0].failed);
    EXPECT_EQ(sampleValues(e, "ttft_ms"), (std::vector<double> {100, 200, 300})); // "0.2" read as a number
    EXPECT_EQ(sampleValues(e, "latency_ms"), (std::vector<double> {1900, 2000, 2100}));
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "1 of 4 request(s) failed"));
}

TEST(Llmperf, SummaryAndIndividualAreOneVariantAndAgree)
{
    const auto ds = ingestOrFail(fixturePath("llmperf"));
    ASSERT_EQ(ds->variants.size(), 1u);
    EXPECT_EQ(ds->variants[0].model, "meta-llama/Llama-2-7b-chat-hf");
    EXPECT_EQ(ds->variants[0].observations, 3u);
    EXPECT_EQ(ds->variants[0].failedObservations, 1u);
    EXPECT_EQ(crossCheckWarnings(*ds), std::vector<std::string> {});
    bool checked = false;
    for (const auto& r : ds->reported) {
        if (ds->metrics[r.metric].id == "ttft_ms" && r.statistic == Statistic::Mean) {
            ASSERT_TRUE(r.computed.has_value());
            EXPECT_DOUBLE_EQ(*r.computed, 200.0);
            checked = true;
        }
    }
    EXPECT_TRUE(checked);
}

TEST(Llmperf, SimilarArrayIsGenericJson)
{
    const std::string rel = "wrapped_requests.json";
    const FileExtract e = recognizeAt(fixturePath("llmperf-similar/" + rel), rel);
    EXPECT_EQ(e.recognizer, "generic JSON");
    EXPECT_EQ(e.declinedBy, std::vector<std::string> {"llmperf individual JSON"});
}

TEST(LlmperfCorpus, SummaryValuesMatchTheRawFile)
{
    const std::string name = "llmperf-leaderboard_summary_groq_70b.json";
    const FileExtract e = recognizeAt(publicCorpus("llmperf/" + name), "llmperf/" + name);
    EXPECT_EQ(e.recognizer, "llmperf summary JSON");
    const auto raw = nlohmann::json::parse(mustRead(publicCorpus("llmperf/" + name)));
    EXPECT_EQ(dimOf(e, 0, "model"), raw["model"].get<std::string>());
    const auto n = raw["results_num_completed_requests"].get<uint32_t>();
    size_t compared = 0;
    for (const auto& [metric, target] : metrics()) {
        for (const auto& [stat, name2] : stats()) {
            const std::string key = "results_" + metric + "_" + stat;
            ASSERT_TRUE(raw.contains(key)) << key;
            const auto* r = findReported(e, target.first, name2);
            ASSERT_NE(r, nullptr) << key;
            EXPECT_DOUBLE_EQ(r->value, number(raw[key]) * target.second) << key;
            EXPECT_EQ(r->n, std::optional<uint32_t>(n));
            ++compared;
        }
    }
    EXPECT_EQ(compared, 60u);
    EXPECT_DOUBLE_EQ(
        reportedValue(e, "throughput_tok_s", "value"), raw["results_mean_output_throughput_token_per_s"].get<double>());
    // Hard-coded: mean TTFT 0.22786034579078357 s over 150 completed requests.
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "mean"), 227.86034579078357);
    EXPECT_EQ(n, 150u);
}

TEST(LlmperfCorpus, IndividualValuesMatchTheRawFile)
{
    const std::string name = "llmperf-leaderboard_individual_groq_70b.json";
    const FileExtract e = recognizeAt(publicCorpus("llmperf/" + name), "llmperf/" + name);
    EXPECT_EQ(e.recognizer, "llmperf individual JSON");
    const auto raw = nlohmann::json::parse(mustRead(publicCorpus("llmperf/" + name)));
    ASSERT_EQ(e.records.size(), raw.size());
    for (const auto& [metric, target] : metrics()) {
        std::vector<double> expected;
        for (const auto& request : raw) {
            if (request["error_code"].is_null())
                expected.push_back(number(request[metric]) * target.second);
        }
        const auto actual = sampleValues(e, target.first);
        ASSERT_EQ(actual.size(), expected.size()) << metric;
        for (size_t i = 0; i < expected.size(); ++i)
            EXPECT_DOUBLE_EQ(actual[i], expected[i]) << metric << " #" << i;
    }
}

TEST(LlmperfCorpus, LeaderboardPairIsOneVariantAndTheSummaryAgreesWithTheRequests)
{
    const auto ds = ingestOrFail(publicCorpus("llmperf"));
    ASSERT_EQ(ds->files.size(), 2u);
    ASSERT_EQ(ds->variants.size(), 1u);
    EXPECT_EQ(ds->variants[0].model, "llama2-70b-4096"); // the summary's model, also for the individual file
    EXPECT_EQ(ds->variants[0].files.size(), 2u);
    EXPECT_EQ(crossCheckWarnings(*ds), std::vector<std::string> {});
    // Every per-request statistic of the summary is recomputed from the 150 requests.
    size_t computed = 0;
    for (const auto& r : ds->reported)
        computed += r.computed.has_value() && r.computedN == std::optional<uint32_t>(150);
    EXPECT_EQ(computed, 60u);
}
