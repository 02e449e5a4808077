// criterion.rs console output pasted into Markdown (tests/data/public/criterion/console/ and the two holdout files
// of issue 13): every benchmark block of expected.json (parsed from the raw files by expected.py's own regular
// expressions) must be one variant with the tool's estimate and confidence bounds in ns, its throughput in B/s or
// elem/s, its verbose intervals, and the sample count from the outlier line.
#include "tests/models/public_expected.h"

#include <cmath>

using namespace benchlens;
using namespace benchlens::test;

namespace {

const std::vector<std::string> kFiles = {"criterion/console/fast_rsync_README.md",
    "criterion/console/array-bytes_README.md", "criterion/console/twenty-first_PERFLOG.md",
    "holdout/criterion/object-pool_BENCHMARK.md", "holdout/criterion/adventofcode2018_README.md"};

// The console's benchmark id as the variant spells it: benchmark[/input].
std::string benchmarkId(const FileExtract& e, uint32_t g)
{
    const std::string input = dimOf(e, g, "input");
    return dimOf(e, g, "benchmark") + (input.empty() ? "" : "/" + input);
}

// The one group named `name` under `section` (expected.py records the nearest '##' heading; the variant's section
// is the path of the headings above, which starts with it).
std::optional<uint32_t> groupOf(const FileExtract& e, const std::string& name, const nlohmann::json& section)
{
    std::vector<uint32_t> found;
    for (uint32_t g = 0; g < e.groups.size(); ++g) {
        if (benchmarkId(e, g) != name)
            continue;
        const std::string s = dimOf(e, g, "section");
        if (section.is_null()
                ? s.empty()
                : (s == section.get<std::string>() || s.rfind(section.get<std::string>() + " / ", 0) == 0))
            found.push_back(g);
    }
    EXPECT_EQ(found.size(), 1u) << name;
    return found.size() == 1 ? std::optional(found.front()) : std::nullopt;
}

} // namespace

TEST(CriterionConsole, EveryBlockIsOneVariantWithTheToolsEstimate)
{
    for (const auto& path : kFiles) {
        SCOPED_TRACE(path);
        const auto& expected = publicExpected().at("files").at(path);
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "criterion console");
        const auto& groups = expected.at("groups");
        ASSERT_EQ(groups.size(), expected.at("n_benchmarks").get<size_t>());
        // One variant per block with a time (a custom measurement's block, in its own unit, is not in expected.json).
        size_t timed = 0;
        for (uint32_t g = 0; g < e.groups.size(); ++g)
            timed += std::isnan(groupReported(e, g, "time_per_iteration_ns", "value")) ? 0 : 1;
        EXPECT_EQ(timed, groups.size());
        for (const auto& group : groups) {
            const std::string name = group.at("name").get<std::string>();
            SCOPED_TRACE(name);
            const auto g = groupOf(e, name, group.at("section"));
            ASSERT_TRUE(g);
            const auto& s = group.at("stated");
            const std::string time = "time_per_iteration_ns";
            EXPECT_TRUE(close(groupReported(e, *g, time, "value"), s.at("time_estimate_ns").get<double>()));
            EXPECT_TRUE(close(groupReported(e, *g, time, "ci_lower"), s.at("time_lower_ns").get<double>()));
            EXPECT_TRUE(close(groupReported(e, *g, time, "ci_upper"), s.at("time_upper_ns").get<double>()));
            // A summary of the tool, never samples.
            EXPECT_TRUE(groupSamples(e, *g, time).empty());
            const auto n = groupReportedN(e, *g, time, "value");
            if (group.at("n").is_null())
                EXPECT_FALSE(n);
            else
                EXPECT_EQ(n, group.at("n").get<uint32_t>());
            if (s.contains("thrpt_unit")) {
                const std::string metric
                    = s.at("thrpt_unit").get<std::string>() == "B/s" ? "throughput_bytes_s" : "throughput_elem_s";
                EXPECT_TRUE(close(groupReported(e, *g, metric, "value"), s.at("thrpt_estimate").get<double>(), 1e-6));
                EXPECT_TRUE(close(groupReported(e, *g, metric, "ci_lower"), s.at("thrpt_lower").get<double>(), 1e-6));
                EXPECT_TRUE(close(groupReported(e, *g, metric, "ci_upper"), s.at("thrpt_upper").get<double>(), 1e-6));
            }
            for (const char* estimate : {"mean", "median", "slope", "std_dev"}) {
                const std::string key = std::string(estimate) + "_ci_lower_ns";
                if (!s.contains(key))
                    continue;
                const std::string metric = std::string(estimate) + "_time_per_iteration";
                EXPECT_TRUE(close(groupReported(e, *g, metric, "ci_lower"), s.at(key).get<double>())) << estimate;
                EXPECT_TRUE(close(groupReported(e, *g, metric, "ci_upper"),
                    s.at(std::string(estimate) + "_ci_upper_ns").get<double>()))
                    << estimate;
            }
        }
        EXPECT_EQ(unitOf(e, "time_per_iteration_ns"), "ns");
        // "change: [...]" compares with an earlier run: not a measurement of this one.
        EXPECT_TRUE(noMetricNamed(e, "change"));
    }
}

// Names and units worked out by hand from the raw files (not from expected.json).
TEST(CriterionConsole, HandPickedBlocks)
{
    {
        // fast_rsync README: the id alone on the line above 'time:', 'us' for microseconds, GiB/s = 2^30 B/s.
        const FileExtract e = recognizePublic("criterion/console/fast_rsync_README.md");
        const auto g = groupsWith(e,
            {{"benchmark", "calculate_signature/fast_rsync::Signature::calculate"}, {"input", "4194304"},
                {"section", "Benchmarks / Signature computation"}});
        ASSERT_EQ(g.size(), 1u);
        EXPECT_TRUE(close(groupReported(e, g[0], "time_per_iteration_ns", "value"), 1.0696e6));
        EXPECT_TRUE(close(groupReported(e, g[0], "throughput_bytes_s", "value"), 3.6519 * 1073741824.0));
        const auto apply = groupsWith(e, {{"benchmark", "apply/fast_rsync::apply"}, {"input", "4194304"}});
        ASSERT_EQ(apply.size(), 1u);
        EXPECT_TRUE(close(groupReported(e, apply[0], "time_per_iteration_ns", "ci_lower"), 276170.0));
    }
    {
        // twenty-first PERFLOG: the same id under five release headings stays five variants.
        const FileExtract e = recognizePublic("criterion/console/twenty-first_PERFLOG.md");
        const auto g
            = groupsWith(e, {{"benchmark", "Various Interpolations in 2^10 Points/Lagrange"}, {"input", "10"}});
        EXPECT_GE(g.size(), 2u);
        const auto release = groupsWith(e,
            {{"benchmark", "Various Interpolations in 2^10 Points/Lagrange"}, {"input", "10"},
                {"section", "0.42.0-alpha.7 – 2024-08-02"}});
        ASSERT_EQ(release.size(), 1u);
        EXPECT_TRUE(close(groupReported(e, release[0], "time_per_iteration_ns", "value"), 5.4135e6));
        EXPECT_TRUE(close(groupReported(e, release[0], "throughput_elem_s", "value"), 189.16e3));
        // '[3161.7 bfe 3162.2 bfe 3162.7 bfe]' is a custom measurement: kept under its own unit, not as a time.
        EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "custom measurement"));
        EXPECT_EQ(unitOf(e, "measurement_bfe"), "bfe");
    }
}

// Look-alikes that must not be read as criterion output.
TEST(CriterionConsole, LookAlikesAreNotClaimed)
{
    for (const std::string text : {"Total time: [not measured]\n", "compile time: 12 s\n",
             "time: [1.0 apples 2.0 apples 3.0 apples]\n", "bench time:   [1.0 ms 2.0 ms]\n"}) {
        SCOPED_TRACE(text);
        const FileExtract e = recognizeFile({"notes.md", text, FileType::Markdown});
        EXPECT_NE(e.recognizer, "criterion console");
    }
}
