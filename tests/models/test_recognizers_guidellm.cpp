// GuideLLM benchmarks.json in tests/data/public/guidellm/ against expected.json (computed by
// tests/data/public/expected.py): the tool's distributions of the successful requests, seconds converted to ms,
// strategy / model / data as the variant.
#include "tests/models/public_expected.h"

using namespace benchlens;
using namespace benchlens::test;

namespace {

std::string catalogId(const std::string& key)
{
    if (key == "request_latency_ms")
        return "latency_ms";
    if (key == "output_tokens_per_second_tok_s")
        return "throughput_tok_s";
    if (key == "tokens_per_second_tok_s")
        return "total_throughput_tok_s";
    if (key == "requests_per_second_req_s")
        return "request_throughput_req_s";
    return key; // ttft_ms, itl_ms, tpot_ms, request_concurrency
}

} // namespace

TEST(GuideLlmPublic, BenchmarksJsonMatchesExpected)
{
    size_t seen = 0;
    for (const auto& [path, expected] : publicFiles("guidellm/")) {
        if (path.substr(path.size() - 5) != ".json")
            continue;
        ++seen;
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "GuideLLM JSON");
        const auto& groups = expected.at("groups");
        ASSERT_EQ(e.groups.size(), groups.size());
        for (const auto& group : groups) {
            const auto& d = group.at("dimensions");
            const auto found = groupsWith(e,
                {{"strategy", text(d.at("strategy"))}, {"model", text(d.at("backend_model"))},
                    {"data", text(d.at("data"))}});
            ASSERT_EQ(found.size(), 1u);
            const uint32_t g = found.front();
            for (const auto& [key, stats] : group.at("stated").items()) {
                const std::string metric = catalogId(key);
                for (const char* s : {"mean", "median", "p90", "p95", "p99"}) {
                    EXPECT_TRUE(close(groupReported(e, g, metric, s), stats.at(s).get<double>())) << key << " " << s;
                }
                EXPECT_EQ(groupReportedN(e, g, metric, "mean"), stats.at("count").get<uint32_t>()) << key;
            }
            const auto& totals = group.at("request_totals");
            EXPECT_TRUE(
                close(groupReported(e, g, "successful_requests", "total"), totals.at("successful").get<double>()));
            const bool outside = totals.at("errored").get<int>() + totals.at("incomplete").get<int>() > 0;
            EXPECT_EQ(hasDiagnostic(e, Severity::Info, "GuideLLM's statistics cover"), outside);
            // The time limit and the data spec's token counts are parameters, never metrics.
            EXPECT_TRUE(noMetricNamed(e, "max_duration"));
            EXPECT_TRUE(noMetricNamed(e, "output_tokens"));
        }
    }
    EXPECT_EQ(seen, 1u);
}

// The console tables (Benchmarks Info / Benchmarks Stats with two-row headers), in the tool's own test asset and
// pasted into Markdown labs; the box-drawn progress panel is not read.
TEST(GuideLlmPublic, ConsoleTablesMatchExpected)
{
    size_t seen = 0;
    for (const auto& [path, expected] : publicFiles("guidellm/")) {
        if (path.substr(path.size() - 5) == ".json" || path.substr(path.size() - 5) == ".yaml")
            continue;
        ++seen;
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "GuideLLM console tables");
        const std::string model = text(expected.at("dimensions").at("backend_model"));
        const auto& runs = expected.at("runs");
        size_t benchmarks = 0;
        for (size_t r = 0; r < runs.size(); ++r) {
            for (const auto& b : runs[r].at("benchmarks")) {
                ++benchmarks;
                const std::string name = b.at("name").get<std::string>();
                SCOPED_TRACE(name);
                std::vector<std::pair<std::string, std::string>> dims = {{"model", model}};
                const auto at = name.find('@');
                dims.emplace_back("strategy", name.substr(0, at));
                if (at != std::string::npos)
                    dims.emplace_back("rate", cleanDimensionValue(name.substr(at + 1)));
                if (runs.size() > 1)
                    dims.emplace_back("run", std::to_string(r + 1));
                const auto found = groupsWith(e, dims);
                ASSERT_EQ(found.size(), 1u);
                const uint32_t g = found.front();
                const auto& s = b.at("stated");
                const auto check = [&](const std::string& metric, const std::string& statistic,
                                       const std::string& key) {
                    EXPECT_TRUE(close(groupReported(e, g, metric, statistic), s.at(key).get<double>(), 1e-9)) << key;
                };
                check("request_throughput_req_s", "mean", "requests_per_second_req_s");
                check("request_concurrency", "mean", "concurrency");
                check("throughput_tok_s", "mean", "output_tok_s_mean");
                check("total_throughput_tok_s", "mean", "total_tok_s_mean");
                for (const auto& [prefix, metric] :
                    std::vector<std::pair<std::string, std::string>> {{"request_latency", "latency_ms"},
                        {"ttft", "ttft_ms"}, {"itl", "itl_ms"}, {"tpot", "tpot_ms"}}) {
                    check(metric, "mean", prefix + "_mean_ms");
                    check(metric, "median", prefix + "_median_ms");
                    check(metric, "p99", prefix + "_p99_ms");
                }
                EXPECT_EQ(groupReportedN(e, g, "ttft_ms", "mean"), b.at("n").get<uint32_t>());
            }
        }
        EXPECT_EQ(e.groups.size(), benchmarks);
        // The concurrency is measured load under its own name; the target rate is a dimension.
        EXPECT_TRUE(noMetricNamed(e, "rate"));
    }
    EXPECT_EQ(seen, 3u);
}
