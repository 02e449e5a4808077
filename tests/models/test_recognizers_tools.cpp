// Ollama API responses, Google Benchmark JSON and hyperfine exports: corpus files (expected values read from the
// raw files with nlohmann::json / regular expressions, units converted here) and own fixtures for the pitfalls.
#include "tests/support/extract_view.h"
#include "tests/support/test_paths.h"

#include <QRegularExpression>
#include <QString>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <map>

using namespace benchlens;
using namespace benchlens::test;

namespace {
std::string corpusPath(const std::string& relative)
{
    return sharedDir() + "/corpus/public/" + relative;
}

FileExtract corpusFile(const std::string& relative)
{
    return recognizeBytes(relative, readFile(corpusPath(relative)));
}

FileExtract fixture(const std::string& relative)
{
    return recognizeBytes(relative, readFile(testDataDir() + "/fixtures/" + relative));
}

double only(const std::vector<SampleView>& samples)
{
    EXPECT_EQ(samples.size(), 1u);
    return samples.empty() ? -1 : samples.front().value;
}

// An integer field of the JSON object that follows `"key":` in raw text.
double rawField(const std::string& text, const std::string& key)
{
    const QRegularExpression re(QStringLiteral("\"%1\"\\s*:\\s*([0-9.]+)").arg(QString::fromStdString(key)));
    const auto m = re.match(QString::fromStdString(text));
    EXPECT_TRUE(m.hasMatch()) << key;
    return m.captured(1).toDouble();
}
} // namespace

TEST(Ollama, ResponseInALogDerivesRatesLikeVerboseMode)
{
    const std::string relative = "ollama/ollama-bash-lib_generate.json_deepseek-r1-1.5b.txt";
    const FileExtract e = corpusFile(relative);
    EXPECT_EQ(e.recognizer, "Ollama API response in text");
    ASSERT_EQ(e.records.size(), 1u);
    const std::string raw = readFile(corpusPath(relative));
    const double evalCount = rawField(raw, "eval_count"), evalNs = rawField(raw, "eval_duration");
    const double promptCount = rawField(raw, "prompt_eval_count"), promptNs = rawField(raw, "prompt_eval_duration");
    const double loadNs = rawField(raw, "load_duration"), totalNs = rawField(raw, "total_duration");
    EXPECT_DOUBLE_EQ(only(samplesOf(e, "throughput_tok_s")), evalCount / evalNs * 1e9);
    EXPECT_DOUBLE_EQ(only(samplesOf(e, "prompt_throughput_tok_s")), promptCount / promptNs * 1e9);
    EXPECT_DOUBLE_EQ(only(samplesOf(e, "ttft_ms")), (loadNs + promptNs) / 1e6);
    EXPECT_DOUBLE_EQ(only(samplesOf(e, "total_duration_ms")), totalNs / 1e6);
    EXPECT_DOUBLE_EQ(only(samplesOf(e, "tokens_generated")), evalCount);
    EXPECT_EQ(groupText(e, 0), "model=deepseek-r1:1.5b");
    // The response is the one line of the log that starts with '{'.
    int line = 1;
    for (size_t pos = 0; raw.compare(pos, 1, "{") != 0; pos = raw.find('\n', pos) + 1)
        ++line;
    EXPECT_EQ(samplesOf(e, "eval_ms")[0].locator, fmt::format("line {} /eval_duration", line));
}

TEST(Ollama, PrettyPrintedResponsesInMarkdown)
{
    const std::string relative = "ollama/ollama-bash-lib_ollama_generate_json_local.md";
    const FileExtract e = corpusFile(relative);
    EXPECT_EQ(e.recognizer, "Ollama API response in Markdown");
    const QString text = QString::fromStdString(readFile(corpusPath(relative)));
    static const QRegularExpression evalCount(QStringLiteral("\"eval_count\":\\s*([0-9]+)"));
    std::vector<double> expected;
    for (auto it = evalCount.globalMatch(text); it.hasNext();)
        expected.push_back(it.next().captured(1).toDouble());
    std::vector<double> actual;
    for (const auto& s : samplesOf(e, "tokens_generated"))
        actual.push_back(s.value);
    EXPECT_EQ(actual, expected);
    EXPECT_EQ(e.records.size(), expected.size());
}

TEST(Ollama, StreamKeepsOnlyTheFinalChunks)
{
    const FileExtract e = fixture("ollama/stream.ndjson");
    EXPECT_EQ(e.recognizer, "Ollama API NDJSON stream");
    ASSERT_EQ(e.records.size(), 2u);
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "2 streamed chunk(s)"));
    const auto rate = samplesOf(e, "throughput_tok_s");
    EXPECT_DOUBLE_EQ(rate[0].value, 40); // 50 tokens / 1.25 s
    EXPECT_DOUBLE_EQ(rate[1].value, 40); // 64 tokens / 1.6 s
    EXPECT_EQ(rate[1].locator, "line 4 /");
    const auto ttft = samplesOf(e, "ttft_ms");
    EXPECT_DOUBLE_EQ(ttft[0].value, 750); // 500 ms load + 250 ms prompt eval
}

TEST(Ollama, CloudResponsesWithoutTimingsAndErrors)
{
    const FileExtract e = fixture("ollama/cloud.json");
    EXPECT_EQ(e.recognizer, "Ollama API response JSON");
    ASSERT_EQ(e.records.size(), 2u);
    EXPECT_TRUE(e.records[1].failed);
    EXPECT_TRUE(samplesOf(e, "throughput_tok_s").empty());
    EXPECT_DOUBLE_EQ(only(samplesOf(e, "total_duration_ms")), 800);
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "no eval_duration"));
}

TEST(GoogleBenchmark, MixedTimeUnitsAndUserCounters)
{
    const std::string relative = "google-benchmark/google-benchmark-viewer_offset_list.json";
    const FileExtract e = corpusFile(relative);
    EXPECT_EQ(e.recognizer, "Google Benchmark JSON");
    const auto raw = nlohmann::json::parse(readFile(corpusPath(relative)));
    const std::map<std::string, double> toMs = {{"ns", 1e-6}, {"us", 1e-3}, {"ms", 1}, {"s", 1e3}};
    const auto wall = samplesOf(e, "wall_time_ms");
    const auto cpu = samplesOf(e, "cpu_time_ms");
    ASSERT_EQ(wall.size(), raw["benchmarks"].size());
    for (size_t i = 0; i < wall.size(); ++i) {
        const auto& b = raw["benchmarks"][i];
        const double f = toMs.at(b["time_unit"].get<std::string>());
        EXPECT_DOUBLE_EQ(wall[i].value, double(b["real_time"]) * f);
        EXPECT_DOUBLE_EQ(cpu[i].value, double(b["cpu_time"]) * f);
        EXPECT_EQ(wall[i].group, "benchmark=" + b["run_name"].get<std::string>());
        EXPECT_EQ(wall[i].locator, fmt::format("/benchmarks/{}/real_time", i));
    }
    // items_per_second is a rate per second whatever the row's unit.
    const auto items = samplesOf(e, "items_per_second");
    ASSERT_FALSE(items.empty());
    EXPECT_DOUBLE_EQ(items[0].value, double(raw["benchmarks"][0]["items_per_second"]));
    bool unitFound = false;
    for (const auto& m : e.metrics)
        unitFound = unitFound || (m.name == "items_per_second" && m.unit == "items/s");
    EXPECT_TRUE(unitFound);
}

TEST(GoogleBenchmark, OldLibraryOutput)
{
    const FileExtract e = corpusFile("google-benchmark/github-action-benchmark_googlecpp_output.json");
    const auto wall = samplesOf(e, "wall_time_ms");
    ASSERT_EQ(wall.size(), 2u);
    EXPECT_DOUBLE_EQ(wall[0].value, 214.98980114547953e-6); // 2.1498980114547953e+02 ns
    EXPECT_EQ(wall[1].group, "benchmark=fib_20");
}

TEST(GoogleBenchmark, AggregatesAreReportedNeverAveragedWithRepetitions)
{
    const FileExtract e = fixture("google_benchmark/repetitions.json");
    EXPECT_EQ(e.recognizer, "Google Benchmark JSON");
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "debug mode"));
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "2 complexity"));
    // Three repetitions of BM_Sort, one of BM_Slow; BM_Broken failed.
    const auto wall = samplesOf(e, "wall_time_ms");
    ASSERT_EQ(wall.size(), 4u);
    EXPECT_DOUBLE_EQ(wall[1].value, 2.2e-3);
    EXPECT_DOUBLE_EQ(wall[3].value, 1500); // 1.5 s
    EXPECT_EQ(failedRecords(e), 1u);
    std::map<Statistic, double> wallAggregates;
    for (const auto& r : reportedOf(e, "wall_time_ms")) {
        wallAggregates[r.statistic] = r.value;
        EXPECT_EQ(r.n, 3u);
        EXPECT_EQ(r.group, "benchmark=BM_Sort/1024/repeats:3");
    }
    EXPECT_DOUBLE_EQ(wallAggregates.at(Statistic::Mean), 2.2e-3);
    EXPECT_DOUBLE_EQ(wallAggregates.at(Statistic::StdDev), 2e-4);
    EXPECT_DOUBLE_EQ(wallAggregates.at(Statistic::Cv), 0.0909); // a ratio: not converted as a time
    EXPECT_EQ(reportedOf(e, "items_per_second").size(), 1u);
}

TEST(GoogleBenchmark, OlderFilesMarkAggregatesOnlyByNameSuffix)
{
    const FileExtract e = fixture("google_benchmark/old_suffixes.json");
    ASSERT_EQ(samplesOf(e, "wall_time_ms").size(), 2u);
    const auto r = reportedOf(e, "wall_time_ms");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0].statistic, Statistic::Mean);
    EXPECT_DOUBLE_EQ(r[0].value, 0.011);
    EXPECT_EQ(r[0].group, "benchmark=BM_Copy/64");
    EXPECT_EQ(r[1].statistic, Statistic::StdDev);
}

TEST(Hyperfine, JsonRunsAreSamplesInMilliseconds)
{
    for (const std::string relative : {"hyperfine/1brc_hyperfine.json", "hyperfine/bencher_hyperfine_two.json"}) {
        const FileExtract e = corpusFile(relative);
        EXPECT_EQ(e.recognizer, "hyperfine JSON");
        const auto raw = nlohmann::json::parse(readFile(corpusPath(relative)));
        std::vector<double> expected;
        for (const auto& r : raw["results"]) {
            for (const auto& t : r["times"])
                expected.push_back(double(t) * 1000);
        }
        const auto wall = samplesOf(e, "wall_time_ms");
        ASSERT_EQ(wall.size(), expected.size()) << relative;
        for (size_t i = 0; i < wall.size(); ++i)
            EXPECT_DOUBLE_EQ(wall[i].value, expected[i]);
        const auto means = reportedOf(e, "wall_time_ms");
        EXPECT_DOUBLE_EQ(means[0].value, double(raw["results"][0]["mean"]) * 1000);
        EXPECT_EQ(means[0].n, raw["results"][0]["times"].size());
        EXPECT_EQ(wall[0].group, "benchmark=" + raw["results"][0]["command"].get<std::string>());
    }
}

TEST(Hyperfine, CsvCommandsWithSpacesAndCommas)
{
    const FileExtract e = corpusFile("hyperfine/tinymole_hyperfine.csv");
    EXPECT_EQ(e.recognizer, "hyperfine CSV");
    const auto r = reportedOf(e, "wall_time_ms");
    ASSERT_FALSE(r.empty());
    // Runs of spaces inside the unquoted command are kept: they are part of the command line.
    EXPECT_EQ(
        r[0].group, "benchmark=build/cracker_bench --impl tinyptr --hash 1637ff9c1826eb09071d234ea6b5563b --threads 4");
    EXPECT_DOUBLE_EQ(r[0].value, 9.22598175146 * 1000);

    const FileExtract c = fixture("hyperfine/comma.csv");
    const auto rows = reportedOf(c, "wall_time_ms");
    ASSERT_EQ(rows.size(), 10u);
    EXPECT_EQ(rows[0].group, "benchmark=awk -F, '{s+=$1} END {print s}' in.csv size=100");
    EXPECT_DOUBLE_EQ(rows[0].value, 12.5);
    EXPECT_EQ(rows[5].group, "benchmark=cut -d, -f1 in.csv size=100");
}

TEST(Hyperfine, MarkdownUnitsComeFromTheHeader)
{
    const FileExtract ms = corpusFile("hyperfine/aoc2024_day1_hyperfine.md");
    EXPECT_EQ(ms.recognizer, "hyperfine Markdown");
    const FileExtract s = corpusFile("hyperfine/lunacy_hyperfine-nbody.md");
    std::map<std::string, double> mean;
    for (const auto& r : reportedOf(ms, "wall_time_ms")) {
        if (r.statistic == Statistic::Mean)
            mean[r.group] = r.value;
    }
    EXPECT_DOUBLE_EQ(mean.at("benchmark=Kotlin/wasmJs"), 4281.5); // "Mean [ms]"
    EXPECT_DOUBLE_EQ(mean.at("benchmark=Rust"), 1.0);
    const auto lunacy = reportedOf(s, "wall_time_ms");
    EXPECT_EQ(lunacy[0].group, "benchmark=lua5.1 bench.lua -- lua_benchmarking/benchmarks/nbody/bench");
    EXPECT_DOUBLE_EQ(lunacy[0].value, 4150); // "4.150 ± 0.032" in [s]
    EXPECT_EQ(lunacy[1].statistic, Statistic::StdDev);
    EXPECT_DOUBLE_EQ(lunacy[1].value, 32);
}

TEST(Hyperfine, ParameterScanFailedRunsAndNullStddev)
{
    const FileExtract e = fixture("hyperfine/scan.json");
    ASSERT_EQ(e.records.size(), 5u);
    EXPECT_EQ(failedRecords(e), 1u); // exit code 1
    const auto wall = samplesOf(e, "wall_time_ms");
    ASSERT_EQ(wall.size(), 4u);
    EXPECT_EQ(wall[3].group, "benchmark=sort -n data.txt --parallel=2 threads=2");
    size_t stddevs = 0;
    for (const auto& r : reportedOf(e, "wall_time_ms"))
        stddevs += r.statistic == Statistic::StdDev ? 1 : 0;
    EXPECT_EQ(stddevs, 1u);
}
