// trtllm-bench --report_json files in tests/data/public/trtllm-bench/ (rule and holdout) against expected.json
// (computed by tests/data/public/expected.py): the tool's statistics in ms / tok/s / req/s, n = num_requests,
// the engine and the workload as dimensions.
#include "tests/models/public_expected.h"

using namespace benchlens;
using namespace benchlens::test;

namespace {

// expected.py's stated key -> (metric, statistic).
std::pair<std::string, std::string> statedMetric(const std::string& key)
{
    if (key == "total_latency_ms")
        return {"total_duration_ms", "value"};
    if (key == "request_throughput_req_s")
        return {"request_throughput_req_s", "mean"};
    if (key == "output_throughput_tok_s")
        return {"throughput_tok_s", "mean"};
    if (key == "total_throughput_tok_s")
        return {"total_throughput_tok_s", "mean"};
    if (key == "output_throughput_per_user_tok_s")
        return {"output_throughput_per_user_tok_s", "mean"};
    // "request_latency_p90_ms", "ttft_mean_ms", "tpot_p50_ms"
    for (const auto& [prefix, metric] : std::vector<std::pair<std::string, std::string>> {
             {"request_latency_", "latency_ms"}, {"ttft_", "ttft_ms"}, {"tpot_", "tpot_ms"}}) {
        if (key.rfind(prefix, 0) == 0)
            return {metric, key.substr(prefix.size(), key.size() - prefix.size() - 3)};
    }
    return {key, "?"};
}

} // namespace

TEST(TrtllmBenchPublic, EveryJsonReportMatchesExpected)
{
    size_t seen = 0;
    for (const auto& [path, expected] : publicFiles("trtllm-bench/")) {
        if (path.substr(path.size() - 5) != ".json")
            continue;
        ++seen;
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "trtllm-bench JSON");
        ASSERT_EQ(e.groups.size(), 1u);
        const uint32_t g = 0;
        for (const auto& [k, v] : expected.at("dimensions").items())
            EXPECT_EQ(dimOf(e, g, k == "version" ? "tensorrt_llm_version" : k), text(v)) << k;
        const auto& params = expected.at("parameters");
        EXPECT_EQ(dimOf(e, g, "input_length"), text(params.at("avg_input_length")));
        EXPECT_EQ(dimOf(e, g, "output_length"), text(params.at("avg_output_length")));
        EXPECT_EQ(dimOf(e, g, "tp_size"), text(params.at("tp_size")));
        const auto& group = expected.at("groups").at(0);
        for (const auto& [key, value] : group.at("stated").items()) {
            const auto [metric, statistic] = statedMetric(key);
            EXPECT_TRUE(close(groupReported(e, g, metric, statistic), value.get<double>())) << key;
        }
        EXPECT_EQ(groupReportedN(e, g, "latency_ms", "mean"), group.at("n").get<uint32_t>());
        for (const auto& [k, v] : params.items()) {
            if (k != "avg_num_concurrent_requests") { // measured load: reported under its own name
                EXPECT_TRUE(noMetricNamed(e, k)) << k;
            }
        }
    }
    EXPECT_EQ(seen, 2u);
}

TEST(TrtllmBenchPublic, EveryConsoleReportMatchesExpected)
{
    size_t seen = 0;
    for (const auto& [path, expected] : publicFiles("trtllm-bench/")) {
        if (path.substr(path.size() - 4) != ".txt")
            continue;
        ++seen;
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "trtllm-bench console report");
        ASSERT_EQ(e.groups.size(), 1u);
        const uint32_t g = 0;
        for (const auto& [k, v] : expected.at("dimensions").items())
            EXPECT_EQ(dimOf(e, g, k), text(v)) << k;
        const auto& params = expected.at("parameters");
        EXPECT_EQ(dimOf(e, g, "input_length"), text(params.at("avg_input_length_tokens")));
        EXPECT_EQ(dimOf(e, g, "output_length"), text(params.at("avg_output_length_tokens")));
        EXPECT_EQ(dimOf(e, g, "tp_size"), text(params.at("tp_size")));
        const auto& group = expected.at("groups").at(0);
        const auto& stated = group.at("stated");
        EXPECT_TRUE(
            close(groupReported(e, g, "throughput_tok_s", "mean"), stated.at("token_throughput_tok_s").get<double>()));
        EXPECT_TRUE(close(groupReported(e, g, "request_throughput_req_s", "mean"),
            stated.at("request_throughput_req_s").get<double>()));
        EXPECT_TRUE(
            close(groupReported(e, g, "total_duration_ms", "value"), stated.at("total_latency_ms").get<double>()));
        EXPECT_EQ(groupReportedN(e, g, "throughput_tok_s", "mean"), group.at("n").get<uint32_t>());
        for (const auto& [k, v] : params.items())
            EXPECT_TRUE(noMetricNamed(e, k)) << k;
    }
    EXPECT_EQ(seen, 2u);
}
