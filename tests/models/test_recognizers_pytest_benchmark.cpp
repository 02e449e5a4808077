// pytest-benchmark recognizer: fixtures (raw round data with stats, a one-round benchmark with a NaN stddev, a
// 2.x file without ops/total/data, hand-trimmed data) and the public corpus, whose expected values are read here
// from the raw JSON with nlohmann::json and converted from seconds in the test.
#include "tests/models/tool_recognizer_support.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

using namespace benchlens;
using namespace benchlens::test;

namespace {

FileExtract fixture(const std::string& rel)
{
    return recognizeAt(fixturePath("pytest-benchmark/" + rel), rel);
}

std::vector<double> samplesOfBenchmark(const FileExtract& e, const std::string& benchmark)
{
    std::vector<double> out;
    for (const auto& v : e.values) {
        if (dimOf(e, e.records[v.record].group, "benchmark") == benchmark)
            out.push_back(v.value);
    }
    return out;
}

} // namespace

TEST(PytestBenchmark, SavedDataAndStats)
{
    const FileExtract e = fixture("saved/0002_abc1234_20240101_120000.json");
    EXPECT_EQ(e.recognizer, "pytest-benchmark JSON");
    ASSERT_EQ(e.groups.size(), 2u);
    const std::string parse = "tests/test_parse.py::test_parse[small]";
    EXPECT_EQ(dimOf(e, 0, "benchmark"), parse);
    EXPECT_EQ(dimOf(e, 0, "group"), "parse");
    EXPECT_EQ(dimOf(e, 1, "group"), ""); // null
    EXPECT_EQ(samplesOfBenchmark(e, parse), (std::vector<double> {2, 1, 3, 5, 4})); // seconds -> ms
    EXPECT_DOUBLE_EQ(reportedValue(e, "wall_time_ms", "mean", "benchmark", parse), 3.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "wall_time_ms", "stddev", "benchmark", parse), 1.5811388300841898);
    EXPECT_DOUBLE_EQ(reportedValue(e, "wall_time_ms", "median", "benchmark", parse), 3.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "wall_time_ms", "total", "benchmark", parse), 15.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "ops_per_s", "value", "benchmark", parse), 333.3333333333333);
    EXPECT_EQ(findReported(e, "wall_time_ms", "mean")->n, std::optional<uint32_t>(5)); // rounds
    EXPECT_EQ(findReported(e, "wall_time_ms", "p25"), nullptr); // q1 (Tukey's hinge) is not read
    const std::string once = "tests/test_parse.py::test_once";
    EXPECT_EQ(samplesOfBenchmark(e, once), (std::vector<double> {2500}));
    EXPECT_TRUE(std::isnan(reportedValue(e, "wall_time_ms", "stddev", "benchmark", once))); // NaN in the file
    EXPECT_EQ(e.locatorText(findReported(e, "wall_time_ms", "mean")->locator), "/benchmarks/0/stats/mean");
}

TEST(PytestBenchmark, Version2WithoutOpsTotalOrData)
{
    const FileExtract e = fixture("saved/0001_def5678_20150101_000000.json");
    EXPECT_EQ(e.recognizer, "pytest-benchmark JSON");
    EXPECT_TRUE(e.values.empty());
    EXPECT_DOUBLE_EQ(reportedValue(e, "wall_time_ms", "mean"), 2.6e-4);
    EXPECT_EQ(findReported(e, "wall_time_ms", "mean")->n, std::optional<uint32_t>(9987));
    EXPECT_EQ(findReported(e, "ops_per_s", "value"), nullptr);
    EXPECT_EQ(findReported(e, "wall_time_ms", "total"), nullptr);
    EXPECT_TRUE(e.diagnostics.empty());
}

TEST(PytestBenchmark, TrimmedDataIsNotTakenForTheRun)
{
    const FileExtract e = fixture("trimmed/trimmed.json");
    EXPECT_TRUE(e.values.empty());
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "data holds 2 number(s) and 1 other value(s) but rounds is 1000"));
    EXPECT_DOUBLE_EQ(reportedValue(e, "wall_time_ms", "mean"), 0.02);
}

TEST(PytestBenchmark, StatsAgreeWithTheRoundsWithoutCrossCheckWarnings)
{
    const auto ds = ingestOrFail(fixturePath("pytest-benchmark"));
    EXPECT_EQ(crossCheckWarnings(*ds), std::vector<std::string> {});
    bool checked = false;
    for (const auto& r : ds->reported) {
        if (ds->metrics[r.metric].id == "wall_time_ms" && r.statistic == Statistic::StdDev && r.computed) {
            EXPECT_NEAR(*r.computed, 1.5811388300841898, 1e-12);
            checked = true;
        }
    }
    EXPECT_TRUE(checked);
}

TEST(PytestBenchmark, SimilarJsonIsGeneric)
{
    const std::string rel = "benchmarks_index.json";
    const FileExtract e = recognizeAt(fixturePath("pytest-benchmark-similar/" + rel), rel);
    EXPECT_EQ(e.recognizer, "generic JSON");
    EXPECT_EQ(e.declinedBy, std::vector<std::string> {"pytest-benchmark JSON"});
}

TEST(PytestBenchmarkCorpus, StatsMatchTheRawFiles)
{
    const std::map<std::string, std::string> stats = {{"min", "min"}, {"max", "max"}, {"mean", "mean"},
        {"stddev", "stddev"}, {"median", "median"}, {"total", "total"}};
    for (const std::string name : {"github-action-benchmark_pytest_output.json",
             "pytest-benchmark_0001_b87b9aae_20150814_190343_uncommitted-changes.json"}) {
        const FileExtract e = recognizeAt(publicCorpus("pytest-benchmark/" + name), "pytest-benchmark/" + name);
        EXPECT_EQ(e.recognizer, "pytest-benchmark JSON") << name;
        const auto raw = nlohmann::json::parse(mustRead(publicCorpus("pytest-benchmark/" + name)));
        ASSERT_EQ(e.groups.size(), raw["benchmarks"].size());
        for (const auto& b : raw["benchmarks"]) {
            const std::string fullname = b["fullname"].get<std::string>();
            const auto& s = b["stats"];
            for (const auto& [key, stat] : stats) {
                if (s.contains(key)) {
                    EXPECT_DOUBLE_EQ(
                        reportedValue(e, "wall_time_ms", stat, "benchmark", fullname), s[key].get<double>() * 1000)
                        << name << " " << fullname << " " << key;
                } else {
                    EXPECT_TRUE(std::isnan(reportedValue(e, "wall_time_ms", stat, "benchmark", fullname)));
                }
            }
            if (s.contains("ops")) {
                EXPECT_DOUBLE_EQ(reportedValue(e, "ops_per_s", "value", "benchmark", fullname), s["ops"].get<double>());
            }
            const auto rounds = s["rounds"].get<uint32_t>();
            for (const auto& r : e.reported) {
                if (dimOf(e, r.group, "benchmark") == fullname) {
                    EXPECT_EQ(r.n, std::optional<uint32_t>(rounds)) << "n is the rounds";
                }
            }
            // The data arrays in these copies were trimmed ("... omitted"): no samples, a warning each.
            EXPECT_TRUE(samplesOfBenchmark(e, fullname).empty());
        }
    }
    // Hard-coded: test_fib_10 mean 2.408868133322941e-05 s, 38523 rounds.
    const std::string action = "github-action-benchmark_pytest_output.json";
    const FileExtract e = recognizeAt(publicCorpus("pytest-benchmark/" + action), action);
    EXPECT_DOUBLE_EQ(
        reportedValue(e, "wall_time_ms", "mean", "benchmark", "bench.py::test_fib_10"), 0.02408868133322941);
    EXPECT_EQ(findReported(e, "wall_time_ms", "mean")->n, std::optional<uint32_t>(38523));
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "rounds is 38523"));
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "rounds is 278"));
}

TEST(ToolRecognizers, ClaimNothingInTheChimeraforgeCorpus)
{
    // The recognizers of this change must leave the chimeraforge files (Ollama scripts' own CSV/JSON/Markdown) to
    // the recognizers that read them now.
    const std::vector<std::string> mine = {"GenAI-Perf JSON", "AIPerf JSON", "GenAI-Perf CSV", "AIPerf CSV",
        "MLPerf LoadGen summary", "optimum-benchmark JSON", "optimum-benchmark Markdown", "llmperf summary JSON",
        "llmperf individual JSON", "pytest-benchmark JSON"};
    const auto ds = ingestOrFail(corpusDir());
    ASSERT_GT(ds->files.size(), 100u);
    for (const auto& f : ds->files) {
        EXPECT_EQ(std::find(mine.begin(), mine.end(), f.recognizer), mine.end()) << f.path << ": " << f.recognizer;
        for (const auto& d : f.extract.declinedBy)
            EXPECT_EQ(std::find(mine.begin(), mine.end(), d), mine.end()) << f.path << " sniffed by " << d;
    }
}
