// k6 summaries in tests/data/public/k6/ (summary-export JSON, handleSummary JSON, v0.x and v1.x console
// summaries; rule and holdout) against expected.json (computed by tests/data/public/expected.py).
#include "tests/models/public_expected.h"

using namespace benchlens;
using namespace benchlens::test;

namespace {

// "mean_ms" -> "mean", "p99.9_ms" -> "p99.9"; "" for keys that are not latency statistics.
std::string latencyStatistic(const std::string& key)
{
    if (key.size() < 4 || key.substr(key.size() - 3) != "_ms")
        return {};
    const std::string s = key.substr(0, key.size() - 3);
    for (const char* known : {"mean", "min", "median", "max", "p90", "p95", "p99", "p99.9"}) {
        if (s == known)
            return s;
    }
    return {};
}

void checkLatency(const FileExtract& e, uint32_t g, const nlohmann::json& stated)
{
    for (const auto& [key, value] : stated.items()) {
        const std::string s = latencyStatistic(key);
        if (s.empty())
            continue;
        EXPECT_TRUE(close(groupReported(e, g, "latency_ms", s), value.get<double>())) << key;
    }
    if (stated.contains("count")) {
        EXPECT_EQ(groupReportedN(e, g, "latency_ms", "mean"), stated.at("count").get<uint32_t>());
    }
}

} // namespace

TEST(K6Public, EveryFileMatchesExpected)
{
    const auto files = publicFiles("k6/");
    ASSERT_EQ(files.size(), 9u);
    for (const auto& [path, expected] : files) {
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        const bool json = path.substr(path.size() - 5) == ".json";
        if (json) {
            EXPECT_TRUE(e.recognizer == "k6 summary JSON" || e.recognizer == "k6 summary export JSON") << e.recognizer;
        } else
            EXPECT_EQ(e.recognizer, "k6 console summary");
        const auto& params = expected.at("parameters");
        const std::string vusMax = params.contains("vus_max") ? text(params.at("vus_max")) : "";
        // The whole-test group: vus_max only.
        std::vector<uint32_t> main;
        for (const uint32_t g : groupsWith(e, {{"vus_max", vusMax}})) {
            if (e.groups[g].size() == (vusMax.empty() ? 0u : 1u))
                main.push_back(g);
        }
        ASSERT_EQ(main.size(), 1u);
        const uint32_t g = main.front();
        const auto& group = expected.at("groups").at(0);
        ASSERT_EQ(group.at("name"), "http_req_duration");
        const auto& stated = group.at("stated");
        checkLatency(e, g, stated);
        EXPECT_EQ(groupReportedN(e, g, "latency_ms", "mean"), group.at("n").get<uint32_t>());
        if (stated.contains("http_reqs_count")) {
            EXPECT_TRUE(close(groupReported(e, g, "http_reqs", "total"), stated.at("http_reqs_count").get<double>()));
        }
        if (stated.contains("http_reqs_rate_req_s")) {
            EXPECT_TRUE(close(groupReported(e, g, "request_throughput_req_s", "mean"),
                stated.at("http_reqs_rate_req_s").get<double>(), 1e-6));
        }
        if (stated.contains("iterations_count")) {
            EXPECT_TRUE(close(groupReported(e, g, "iterations", "total"), stated.at("iterations_count").get<double>()));
        }
        if (stated.contains("iteration_duration_mean_ms")) {
            EXPECT_TRUE(close(groupReported(e, g, "iteration_duration_ms", "mean"),
                stated.at("iteration_duration_mean_ms").get<double>()));
        }
        if (stated.contains("checks_passes")) {
            EXPECT_TRUE(close(groupReported(e, g, "checks_passes", "total"), stated.at("checks_passes").get<double>()));
        }
        if (stated.contains("checks_fails")) {
            EXPECT_TRUE(close(groupReported(e, g, "checks_fails", "total"), stated.at("checks_fails").get<double>()));
        }
        if (stated.contains("test_run_duration_ms")) {
            EXPECT_TRUE(close(
                groupReported(e, g, "test_run_duration_ms", "value"), stated.at("test_run_duration_ms").get<double>()));
        }
        // Tagged sub-metrics are variants by their tags.
        const nlohmann::json subMetrics = group.value("sub_metrics", nlohmann::json::object());
        for (const auto& [name, subStated] : subMetrics.items()) {
            SCOPED_TRACE(name);
            std::vector<std::pair<std::string, std::string>> dims = {{"vus_max", vusMax}};
            const auto open = name.find('{');
            const std::string tags = name.substr(open + 1, name.size() - open - 2);
            size_t s = 0;
            while (s < tags.size()) {
                const auto comma = tags.find(',', s);
                const std::string part = tags.substr(s, comma == std::string::npos ? std::string::npos : comma - s);
                const auto colon = part.find(':');
                dims.emplace_back(part.substr(0, colon), part.substr(colon + 1));
                s = comma == std::string::npos ? tags.size() : comma + 1;
            }
            const auto found = groupsWith(e, dims);
            ASSERT_EQ(found.size(), 1u);
            checkLatency(e, found.front(), subStated);
        }
        // Load parameters are never metrics (a 10m30s max duration is not a latency).
        for (const auto& [k, v] : params.items()) {
            EXPECT_TRUE(noMetricNamed(e, k)) << k;
        }
        EXPECT_TRUE(noMetricNamed(e, "vus"));
        EXPECT_TRUE(noMetricNamed(e, "max_duration_ms"));
    }
}
