// BenchmarkDotNet exports in tests/data/public/benchmarkdotnet/ (full JSON, CSV, GitHub Markdown; rule and
// holdout) against expected.json (computed by tests/data/public/expected.py).
#include "tests/models/public_expected.h"

using namespace benchlens;
using namespace benchlens::test;

namespace {

// expected.py's stated key -> (metric, statistic) of the recognizer.
std::pair<std::string, std::string> statedMetric(const std::string& key)
{
    static const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> map
        = {{"mean_ns", {"time_per_iteration_ns", "mean"}}, {"median_ns", {"time_per_iteration_ns", "median"}},
            {"stddev_ns", {"time_per_iteration_ns", "stddev"}}, {"min_ns", {"time_per_iteration_ns", "min"}},
            {"max_ns", {"time_per_iteration_ns", "max"}}, {"p90_ns", {"time_per_iteration_ns", "p90"}},
            {"p95_ns", {"time_per_iteration_ns", "p95"}}, {"error_ns", {"error_time_per_iteration", "value"}},
            {"bytes_allocated_per_op", {"allocated_bytes_per_op", "value"}},
            {"allocated_bytes", {"allocated_bytes_per_op", "value"}}};
    for (const auto& [k, v] : map) {
        if (k == key)
            return v;
    }
    return {key, "value"}; // ratio, ratiosd, rank, gen_0, alloc_ratio: unitless columns under their own name
}

} // namespace

TEST(BenchmarkDotNetPublic, EveryFileMatchesExpected)
{
    const auto files = publicFiles("benchmarkdotnet/");
    ASSERT_EQ(files.size(), 9u);
    for (const auto& [path, expected] : files) {
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path);
        const bool isJson = path.substr(path.size() - 5) == ".json";
        const bool isCsv = path.substr(path.size() - 4) == ".csv";
        EXPECT_EQ(e.recognizer,
            isJson      ? "BenchmarkDotNet JSON"
                : isCsv ? "BenchmarkDotNet CSV"
                        : "BenchmarkDotNet Markdown");
        const auto& groups = expected.at("groups");
        EXPECT_EQ(e.groups.size(), groups.size());
        for (const auto& group : groups) {
            SCOPED_TRACE(group.at("name").get<std::string>());
            const auto& d = group.at("dimensions");
            std::vector<std::pair<std::string, std::string>> dims = {{"benchmark", text(d.at("Method"))}};
            if (d.contains("Job"))
                dims.emplace_back("Job", text(d.at("Job")));
            if (group.contains("parameters")) {
                for (const auto& [k, v] : group.at("parameters").items())
                    dims.emplace_back(k, text(v));
            }
            if (expected.contains("job_parameters")) {
                for (const auto& [k, v] : expected.at("job_parameters").items())
                    dims.emplace_back(k, text(v));
            }
            const auto found = groupsWith(e, dims);
            ASSERT_EQ(found.size(), 1u);
            const uint32_t g = found.front();
            for (const auto& [key, value] : group.at("stated").items()) {
                const auto [metric, statistic] = statedMetric(key);
                EXPECT_TRUE(close(groupReported(e, g, metric, statistic), value.get<double>(), 1e-6))
                    << key << ": " << groupReported(e, g, metric, statistic) << " vs " << value;
            }
            if (isJson) {
                // Samples: the Workload/Result measurements only; n as Statistics.N states it.
                const auto& s = group.at("samples").at("time_per_iteration_ns");
                const auto values = groupSamples(e, g, "time_per_iteration_ns");
                ASSERT_EQ(values.size(), s.at("n").get<size_t>());
                EXPECT_TRUE(close(meanOf(values), s.at("mean").get<double>()));
                EXPECT_TRUE(close(*std::min_element(values.begin(), values.end()), s.at("min").get<double>()));
                EXPECT_TRUE(close(*std::max_element(values.begin(), values.end()), s.at("max").get<double>()));
                EXPECT_EQ(groupReportedN(e, g, "time_per_iteration_ns", "mean"), group.at("n").get<uint32_t>());
                // Where the tool's window and the samples agree there is nothing to say.
                const bool differs
                    = !close(s.at("mean").get<double>(), group.at("stated").at("mean_ns").get<double>(), 1e-6);
                EXPECT_EQ(
                    hasDiagnostic(e, Severity::Info, "BenchmarkDotNet's own Mean of " + text(d.at("Method"))), differs);
            } else {
                // Summary tables hold the tool's statistics only.
                EXPECT_TRUE(groupSamples(e, g, "time_per_iteration_ns").empty());
            }
        }
        const nlohmann::json notMetrics = expected.value("parameters_not_metrics", nlohmann::json::array());
        for (const auto& p : notMetrics) {
            const std::string name = p.get<std::string>();
            if (name.find(' ') == std::string::npos) {
                EXPECT_TRUE(noMetricNamed(e, name)) << name;
            }
        }
    }
}
