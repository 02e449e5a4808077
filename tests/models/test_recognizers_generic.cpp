#include "models/recognizers/recognizer.h"
#include "tests/support/test_paths.h"

#include <clocale>
#include <gtest/gtest.h>
#include <map>

using namespace benchlens;

namespace {
FileExtract extractFixture(const std::string& name)
{
    const std::string bytes = test::readFile(test::testDataDir() + "/fixtures/" + name);
    return recognizeFile({name, bytes, fileTypeFromPath(name)});
}

// (metric name, value, locator) of every sample value.
std::vector<std::tuple<std::string, double, std::string>> samplesOf(const FileExtract& e)
{
    std::vector<std::tuple<std::string, double, std::string>> out;
    for (const auto& v : e.values) {
        Locator loc = e.records[v.record].locator;
        loc.key = v.key;
        out.emplace_back(e.metrics[v.metric].name, v.value, e.locatorText(loc));
    }
    return out;
}

double sampleValue(const FileExtract& e, const std::string& metric, size_t nth = 0)
{
    for (const auto& [name, value, loc] : samplesOf(e)) {
        if (name == metric && nth-- == 0)
            return value;
    }
    return -1;
}
} // namespace

TEST(GenericCsv, SamplesFailuresEmbeddedConfigAndBadCells)
{
    const FileExtract e = extractFixture("runs_with_failures.csv");
    EXPECT_EQ(e.recognizer, "generic CSV");
    ASSERT_EQ(e.records.size(), 5u);
    // Row 3 has an error text, row 4 is all zeros (a failed call): both failed, neither contributes values.
    EXPECT_FALSE(e.records[0].failed);
    EXPECT_FALSE(e.records[1].failed);
    EXPECT_TRUE(e.records[2].failed);
    EXPECT_TRUE(e.records[3].failed);
    EXPECT_FALSE(e.records[4].failed);
    // ttft_s is converted to ms; the locator is the file line and column.
    const auto samples = samplesOf(e);
    EXPECT_DOUBLE_EQ(sampleValue(e, "ttft_ms", 0), 2857.169);
    EXPECT_DOUBLE_EQ(sampleValue(e, "throughput_tok_s", 1), 78.12);
    bool found = false;
    for (const auto& [name, value, loc] : samples)
        found = found || (name == "ttft_ms" && loc == "line 3 col ttft_s");
    EXPECT_TRUE(found);
    // The options column's JSON sets temperature/top_p; float noise is cleaned (0.6000000238418579 -> 0.6).
    ASSERT_EQ(e.groups.size(), 2u);
    const FileExtract::Dims expectedLlama
        = {{"model", "llama3.1:8b-instruct-q4_0"}, {"temperature", "0.3"}, {"top_p", "0.9"}};
    const FileExtract::Dims expectedGemma = {{"model", "gemma3:latest"}, {"temperature", "0.6"}, {"top_p", "0.9"}};
    EXPECT_EQ(e.groups[0], expectedLlama);
    EXPECT_EQ(e.groups[1], expectedGemma);
    // "not-a-number" in a metric column is reported, not silently dropped.
    bool reported = false;
    for (const auto& d : e.diagnostics)
        reported = reported || d.message == "1 cell(s) in metric column 'tokens_s' are not numbers and were skipped";
    EXPECT_TRUE(reported);
}

TEST(GenericCsv, Utf16FileGetsAClearDiagnostic)
{
    const std::string bytes("\xFF\xFE=\0=\0E\0R\0R\0O\0R\0", 16);
    const FileExtract e = recognizeFile({"ncu_summary.csv", bytes, FileType::Csv});
    EXPECT_TRUE(e.records.empty());
    ASSERT_EQ(e.diagnostics.size(), 1u);
    EXPECT_EQ(e.diagnostics[0].severity, Severity::Error);
    EXPECT_NE(e.diagnostics[0].message.find("UTF-16"), std::string::npos);
}

TEST(GenericCsv, GermanNumericLocaleDoesNotChangeNumbers)
{
    // install-deps.sh generates de_DE.UTF-8; without it this test must fail, not pass in the C locale.
    const char* previous = std::setlocale(LC_NUMERIC, nullptr);
    const std::string saved = previous ? previous : "C";
    ASSERT_NE(std::setlocale(LC_NUMERIC, "de_DE.UTF-8"), nullptr) << "de_DE.UTF-8 locale missing";
    ASSERT_EQ(std::string(localeconv()->decimal_point), ",");
    const std::string bytes = "model,tokens_s,ttft_s\nm,182.5,0.125\n";
    const FileExtract e = recognizeFile({"x.csv", bytes, FileType::Csv});
    std::setlocale(LC_NUMERIC, saved.c_str());
    EXPECT_DOUBLE_EQ(sampleValue(e, "throughput_tok_s"), 182.5);
    EXPECT_DOUBLE_EQ(sampleValue(e, "ttft_ms"), 125.0);
}

TEST(GenericJson, SamplesInArraysAndReportedAggregates)
{
    const FileExtract e = extractFixture("aggregate_summary.json");
    EXPECT_EQ(e.namedModel, "gemma3:1b-it-qat");
    // results[]: two successes and one failure entry (no metrics, success:false) that still counts as failed.
    ASSERT_EQ(e.records.size(), 3u);
    EXPECT_EQ(e.records[1].failed, true);
    EXPECT_DOUBLE_EQ(sampleValue(e, "ttft_ms", 0), 125);
    EXPECT_DOUBLE_EQ(sampleValue(e, "throughput_tok_s", 1), 182.8);
    // Aggregates: overall mean, per-run p50/p95/mean with n=20, bare p50/p99 under latency_percentiles, summary.
    std::vector<std::tuple<std::string, std::string, double, std::string, int>> reported;
    for (const auto& r : e.reported) {
        reported.emplace_back(e.metrics[r.metric].name, std::string(statisticName(r.statistic)), r.value,
            e.locatorText(r.locator), r.n ? static_cast<int>(*r.n) : -1);
    }
    const std::vector<std::tuple<std::string, std::string, double, std::string, int>> expected = {
        {"latency_ms", "mean", 15.5, "/timing_stats/overall_mean_ms", -1},
        {"latency_ms", "p50", 15.46, "/timing_stats/run_results/0/p50_ms", 20},
        {"latency_ms", "p95", 15.75, "/timing_stats/run_results/0/p95_ms", 20},
        {"latency_ms", "mean", 15.50, "/timing_stats/run_results/0/mean_ms", 20},
        {"latency_ms", "p50", 15.47, "/timing_stats/run_results/1/p50_ms", 20},
        {"latency_ms", "p95", 15.66, "/timing_stats/run_results/1/p95_ms", 20},
        {"latency_ms", "mean", 15.45, "/timing_stats/run_results/1/mean_ms", 20},
        {"latency_ms", "p50", 15.5, "/timing_stats/latency_percentiles/p50", -1},
        {"latency_ms", "p99", 15.58, "/timing_stats/latency_percentiles/p99", -1},
        {"throughput_tok_s", "mean", 182.65, "/summary/avg_tokens_per_second", -1},
    };
    EXPECT_EQ(reported, expected);
}

TEST(GenericJson, OllamaResponseDurationsInNanoseconds)
{
    const FileExtract e = extractFixture("ollama_generate.json");
    // Values from the fixture: durations in ns -> ms.
    EXPECT_DOUBLE_EQ(sampleValue(e, "total_duration_ms"), 5043.500667);
    EXPECT_DOUBLE_EQ(sampleValue(e, "load_ms"), 5.025959);
    EXPECT_DOUBLE_EQ(sampleValue(e, "prompt_eval_ms"), 325.953);
    EXPECT_DOUBLE_EQ(sampleValue(e, "eval_ms"), 4709.213);
    EXPECT_DOUBLE_EQ(sampleValue(e, "tokens_generated"), 290);
    EXPECT_DOUBLE_EQ(sampleValue(e, "prompt_tokens"), 26);
}

TEST(GenericJson, MalformedJsonNamesTheLine)
{
    const std::string bytes = "{\n \"ttft_s\": 0.1,\n \"tokens_s\": ]\n}";
    const FileExtract e = recognizeFile({"bad.json", bytes, FileType::Json});
    ASSERT_EQ(e.diagnostics.size(), 1u);
    EXPECT_EQ(e.diagnostics[0].severity, Severity::Error);
    EXPECT_EQ(e.diagnostics[0].locator.rfind("line 3 col", 0), 0u) << e.diagnostics[0].locator;
    EXPECT_NE(e.diagnostics[0].message.find("malformed JSON"), std::string::npos);
}

TEST(GenericMarkdown, MetricLinesAndKeyValueTablesAreReportedValues)
{
    const FileExtract e = extractFixture("report.md");
    EXPECT_TRUE(e.report);
    EXPECT_TRUE(e.values.empty()); // a report's numbers are never samples
    std::vector<std::tuple<std::string, std::string, double, std::string>> got;
    for (const auto& r : e.reported) {
        got.emplace_back(
            e.metrics[r.metric].name, std::string(statisticName(r.statistic)), r.value, e.locatorText(r.locator));
    }
    const std::vector<std::tuple<std::string, std::string, double, std::string>> expected = {
        {"throughput_tok_s", "value", 41.42, "line 8"},
        {"ttft_ms", "value", 300.65, "line 9"},
        {"throughput_tok_s", "mean", 102.85, "line 14 col Mean Throughput"},
        {"ttft_ms", "mean", 165, "line 15 col Mean TTFT"},
    };
    ASSERT_EQ(got.size(), expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(std::get<0>(got[i]), std::get<0>(expected[i]));
        EXPECT_EQ(std::get<1>(got[i]), std::get<1>(expected[i]));
        EXPECT_NEAR(std::get<2>(got[i]), std::get<2>(expected[i]), 1e-9);
        EXPECT_EQ(std::get<3>(got[i]), std::get<3>(expected[i]));
    }
    // The Configuration and Model lines set the variant of what follows.
    const FileExtract::Dims dims
        = {{"model", "llama3.1:8b-instruct-q4_0"}, {"num_ctx", "512"}, {"num_gpu", "80"}, {"temperature", "0.8"}};
    EXPECT_EQ(e.groups[e.reported[0].group], dims);
}
