// oha summaries in tests/data/public/oha/ (-j JSON in a runner's envelope, console text in READMEs; rule and
// holdout) against expected.json (computed by tests/data/public/expected.py): seconds converted to ms.
#include "tests/models/public_expected.h"

using namespace benchlens;
using namespace benchlens::test;

TEST(OhaPublic, EveryFileMatchesExpected)
{
    const auto files = publicFiles("oha/");
    ASSERT_EQ(files.size(), 3u);
    for (const auto& [path, expected] : files) {
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, path.substr(path.size() - 5) == ".json" ? "oha JSON" : "oha console summary");
        const auto& group = expected.at("groups").at(0);
        ASSERT_EQ(e.groups.size(), expected.at("groups").size());
        const uint32_t g = 0;
        const auto& stated = group.at("stated");
        const std::vector<std::pair<std::string, std::string>> latency = {{"mean_ms", "mean"}, {"fastest_ms", "min"},
            {"slowest_ms", "max"}, {"p10_ms", "p10"}, {"p25_ms", "p25"}, {"p50_ms", "p50"}, {"p75_ms", "p75"},
            {"p90_ms", "p90"}, {"p95_ms", "p95"}, {"p99_ms", "p99"}, {"p99.9_ms", "p99.9"}};
        for (const auto& [key, statistic] : latency) {
            if (stated.contains(key)) {
                EXPECT_TRUE(close(groupReported(e, g, "latency_ms", statistic), stated.at(key).get<double>())) << key;
            }
        }
        EXPECT_TRUE(close(groupReported(e, g, "request_throughput_req_s", "mean"),
            stated.at("requests_per_sec_req_s").get<double>()));
        if (stated.contains("total_duration_ms")) {
            EXPECT_TRUE(
                close(groupReported(e, g, "total_duration_ms", "value"), stated.at("total_duration_ms").get<double>()));
        }
        if (stated.contains("success_rate")) {
            EXPECT_TRUE(close(groupReported(e, g, "success_rate", "value"), stated.at("success_rate").get<double>()));
        }
        // n: the responses with a status code.
        EXPECT_EQ(groupReportedN(e, g, "latency_ms", "mean"), group.at("n").get<uint32_t>());
        // Histogram buckets are not samples.
        EXPECT_TRUE(e.records.empty());
    }
}
