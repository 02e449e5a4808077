// criterion.rs folders in tests/data/public/criterion/<repo>/<benchmark dir>/new/: every file of every
// benchmark (rule and holdout) against expected.json (computed by tests/data/public/expected.py).
#include "tests/models/public_expected.h"

using namespace benchlens;
using namespace benchlens::test;

namespace {

// "criterion/hamming_rs/distance/local/1024/new/sample.json" -> "target/criterion/distance/local/1024/new/..."
// (the layout cargo writes; the repository folder is ours).
std::string cargoPath(const std::string& path)
{
    const auto repoEnd = path.find('/', std::string("criterion/").size());
    return "target/criterion" + path.substr(repoEnd);
}

// The benchmark directory of a file: the components between the repository folder and new/.
std::string benchmarkDir(const std::string& path)
{
    const auto repoEnd = path.find('/', std::string("criterion/").size());
    const auto newDir = path.rfind("/new/");
    return path.substr(repoEnd + 1, newDir - repoEnd - 1);
}

// The expected dimensions of a benchmark folder, from its benchmark.json entry: the directory without the
// value_str component as `benchmark`, value_str as `input`.
std::vector<std::pair<std::string, std::string>> expectedDims(const std::string& path)
{
    const std::string dir = benchmarkDir(path);
    const auto& files = publicExpected().at("files");
    const std::string benchmarkJson = path.substr(0, path.rfind('/')) + "/benchmark.json";
    const auto& value = files.at(benchmarkJson).at("dimensions").at("value_str");
    if (value.is_null())
        return {{"benchmark", dir}};
    return {{"benchmark", dir.substr(0, dir.rfind('/'))}, {"input", value.get<std::string>()}};
}

} // namespace

TEST(CriterionPublic, EveryFileMatchesExpected)
{
    // criterion/console/ holds console logs, tested in test_recognizers_criterion_console.cpp; these are the
    // files of target/criterion folders.
    auto files = publicFiles("criterion/");
    std::erase_if(files, [](const auto& f) { return f.first.rfind("criterion/console/", 0) == 0; });
    ASSERT_EQ(files.size(), 15u);
    for (const auto& [path, expected] : files) {
        SCOPED_TRACE(path + " (" + expected.at("role").get<std::string>() + ")");
        const FileExtract e = recognizePublic(path, cargoPath(path));
        const auto dims = expectedDims(path);
        const auto groups = groupsWith(e, dims);
        ASSERT_EQ(groups.size(), 1u) << "recognizer: " << e.recognizer;
        const uint32_t g = groups.front();
        const std::string file = fileName(path).data();
        if (file == "benchmark.json") {
            EXPECT_EQ(e.recognizer, "criterion benchmark.json");
            // value_str is a dimension, never a metric.
            EXPECT_TRUE(e.metrics.empty());
        } else if (file == "sample.json") {
            EXPECT_EQ(e.recognizer, "criterion sample.json");
            const auto& s = expected.at("samples").at("time_per_iteration_ns");
            const auto values = groupSamples(e, g, "time_per_iteration_ns");
            EXPECT_EQ(values.size(), s.at("n").get<size_t>());
            EXPECT_TRUE(close(meanOf(values), s.at("mean").get<double>()));
            EXPECT_TRUE(close(*std::min_element(values.begin(), values.end()), s.at("min").get<double>()));
            EXPECT_TRUE(close(*std::max_element(values.begin(), values.end()), s.at("max").get<double>()));
            EXPECT_TRUE(noMetricNamed(e, "iters"));
            EXPECT_EQ(unitOf(e, "time_per_iteration_ns"), "ns");
        } else {
            EXPECT_EQ(e.recognizer, "criterion estimates.json");
            const auto& s = expected.at("stated");
            EXPECT_TRUE(close(groupReported(e, g, "time_per_iteration_ns", "mean"), s.at("mean_ns").get<double>()));
            EXPECT_TRUE(close(groupReported(e, g, "time_per_iteration_ns", "median"), s.at("median_ns").get<double>()));
            EXPECT_TRUE(
                close(groupReported(e, g, "time_per_iteration_ns", "stddev"), s.at("std_dev_ns").get<double>()));
            if (s.contains("slope_ns")) {
                EXPECT_TRUE(
                    close(groupReported(e, g, "slope_time_per_iteration", "value"), s.at("slope_ns").get<double>()));
            }
        }
    }
}

// The three files of one benchmark folder name the same variant, so the merge puts them together.
TEST(CriterionPublic, FilesOfOneFolderShareTheVariant)
{
    const std::string dir = "criterion/hamming_rs/distance/local/1024/new/";
    const FileExtract sample = recognizePublic(dir + "sample.json", cargoPath(dir + "sample.json"));
    const FileExtract estimates = recognizePublic(dir + "estimates.json", cargoPath(dir + "estimates.json"));
    const FileExtract benchmark = recognizePublic(dir + "benchmark.json", cargoPath(dir + "benchmark.json"));
    ASSERT_EQ(sample.groups.size(), 1u);
    ASSERT_EQ(estimates.groups.size(), 1u);
    ASSERT_EQ(benchmark.groups.size(), 1u);
    EXPECT_EQ(dimOf(benchmark, 0, "benchmark"), "distance/local");
    EXPECT_EQ(dimOf(benchmark, 0, "input"), "1024");
    EXPECT_EQ(dimOf(sample, 0, "benchmark"), "distance/local");
    EXPECT_EQ(dimOf(sample, 0, "input"), "1024");
    EXPECT_EQ(estimates.groups[0], benchmark.groups[0]);
    EXPECT_EQ(sample.groups[0], benchmark.groups[0]);
}
