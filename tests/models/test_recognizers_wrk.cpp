// wrk / wrk2 console outputs in tests/data/public/wrk/ (rule and holdout) against expected.json (computed by
// tests/data/public/expected.py): one sample per "Running ... test" block, thread/connection/rate parameters as
// dimensions.
#include "tests/models/public_expected.h"

using namespace benchlens;
using namespace benchlens::test;

TEST(WrkPublic, EveryFileMatchesExpected)
{
    const auto files = publicFiles("wrk/");
    ASSERT_EQ(files.size(), 4u);
    for (const auto& [path, expected] : files) {
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "wrk console");
        const auto& params = expected.at("parameters");
        std::vector<std::pair<std::string, std::string>> dims
            = {{"threads", text(params.at("threads"))}, {"connections", text(params.at("connections"))}};
        if (params.contains("rate_R_req_s"))
            dims.emplace_back("rate", text(params.at("rate_R_req_s")));
        const auto found = groupsWith(e, dims);
        ASSERT_EQ(found.size(), 1u);
        ASSERT_EQ(e.groups.size(), 1u);
        const uint32_t g = found.front();
        const auto& group = expected.at("groups").at(0);
        const auto& rps = group.at("samples").at("requests_per_sec_req_s");
        const auto rpsValues = groupSamples(e, g, "request_throughput_req_s");
        ASSERT_EQ(rpsValues.size(), rps.at("n").get<size_t>());
        EXPECT_TRUE(close(meanOf(rpsValues), rps.at("mean").get<double>()));
        const auto& lat = group.at("samples").at("latency_mean_ms");
        const auto latValues = groupSamples(e, g, "latency_ms");
        ASSERT_EQ(latValues.size(), lat.at("n").get<size_t>());
        EXPECT_TRUE(close(meanOf(latValues), lat.at("mean").get<double>()));
        // Per run, in file order: the stated percentiles and counts.
        const auto& perRun = group.at("stated_per_run");
        const auto p50 = groupSamples(e, g, "latency_p50_ms");
        const auto p99 = groupSamples(e, g, "latency_p99_ms");
        const auto stdev = groupSamples(e, g, "latency_stdev_ms");
        const auto requests = groupSamples(e, g, "requests");
        ASSERT_EQ(p50.size(), perRun.size());
        ASSERT_EQ(p99.size(), perRun.size());
        ASSERT_EQ(requests.size(), perRun.size());
        for (size_t i = 0; i < perRun.size(); ++i) {
            EXPECT_TRUE(close(p50[i], perRun[i].at("p50_ms").get<double>(), 1e-6)) << i;
            EXPECT_TRUE(close(p99[i], perRun[i].at("p99_ms").get<double>(), 1e-6)) << i;
            EXPECT_TRUE(close(stdev[i], perRun[i].at("latency_stdev_ms").get<double>(), 1e-6)) << i;
            EXPECT_TRUE(close(requests[i], perRun[i].at("requests").get<double>())) << i;
        }
        // Calibration lines and the HdrHistogram spectrum are neither samples nor metrics.
        for (const char* name : {"threads", "connections", "rate", "duration"}) {
            EXPECT_TRUE(noMetricNamed(e, name)) << name;
        }
    }
}
