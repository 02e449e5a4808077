// JMH -rf json files in tests/data/public/jmh/ (rule and holdout) against expected.json (computed by
// tests/data/public/expected.py): rawData as samples, score / percentiles as reported, scoreUnit converted, and
// params{} as dimensions.
#include "tests/models/public_expected.h"

using namespace benchlens;
using namespace benchlens::test;

namespace {

// expected.py's metric suffix -> the catalog id.
std::string catalogId(const std::string& suffix)
{
    return suffix == "ops_s" ? "ops_per_s" : suffix;
}

} // namespace

TEST(JmhPublic, EveryJsonFileMatchesExpected)
{
    size_t seen = 0;
    for (const auto& [path, expected] : publicFiles("jmh/")) {
        if (path.size() < 5 || path.substr(path.size() - 5) != ".json")
            continue;
        ++seen;
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "JMH JSON");
        const auto& groups = expected.at("groups");
        EXPECT_EQ(e.groups.size(), groups.size());
        for (const auto& group : groups) {
            const auto& d = group.at("dimensions");
            std::vector<std::pair<std::string, std::string>> dims
                = {{"benchmark", text(d.at("benchmark"))}, {"mode", text(d.at("mode"))}};
            for (const auto& [k, v] : d.at("params").items())
                dims.emplace_back(k, text(v));
            SCOPED_TRACE(group.at("name").get<std::string>());
            const auto found = groupsWith(e, dims);
            ASSERT_EQ(found.size(), 1u);
            const uint32_t g = found.front();
            ASSERT_EQ(group.at("samples").size(), 1u);
            // The one member's key and value, read from the object's own iterator: items() is a temporary proxy, and a
            // binding to what its iterator yields dangled (ASan: stack-use-after-scope).
            const auto& samples = group.at("samples");
            const std::string suffix = samples.begin().key();
            const auto& s = samples.begin().value();
            const std::string metric = catalogId(suffix);
            const auto values = groupSamples(e, g, metric);
            ASSERT_EQ(values.size(), s.at("n").get<size_t>());
            EXPECT_EQ(values.size(), group.at("n").get<size_t>());
            EXPECT_TRUE(close(meanOf(values), s.at("mean").get<double>()));
            EXPECT_TRUE(close(*std::min_element(values.begin(), values.end()), s.at("min").get<double>()));
            EXPECT_TRUE(close(*std::max_element(values.begin(), values.end()), s.at("max").get<double>()));
            const auto& stated = group.at("stated");
            EXPECT_TRUE(close(groupReported(e, g, metric, "mean"), stated.at("score_" + suffix).get<double>()));
            EXPECT_EQ(groupReportedN(e, g, metric, "mean"), group.at("n").get<uint32_t>());
            for (const char* p : {"p50", "p90", "p95", "p99"}) {
                const std::string key = std::string(p) + "_" + suffix;
                if (stated.contains(key)) {
                    EXPECT_TRUE(close(groupReported(e, g, metric, p), stated.at(key).get<double>())) << key;
                }
            }
            EXPECT_TRUE(
                close(groupReported(e, g, "score_error", "value"), stated.at("score_error_" + suffix).get<double>()));
            // Parameters are dimensions, never metrics.
            for (const auto& [k, v] : group.at("parameters").items())
                EXPECT_TRUE(noMetricNamed(e, k)) << k;
            for (const auto& [k, v] : d.at("params").items())
                EXPECT_TRUE(noMetricNamed(e, k)) << k;
        }
    }
    EXPECT_EQ(seen, 2u);
}

// JMH's percentiles come from the same rawData by another estimator: the file says so once, as information.
TEST(JmhPublic, PercentileEstimatorIsExplained)
{
    const FileExtract e = recognizePublic("jmh/json-bench_jmh-result.json");
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "its own percentile estimator"));
}
