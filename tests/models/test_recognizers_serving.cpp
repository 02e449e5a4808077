// Serving-benchmark recognizers (vLLM, SGLang): result JSON with per-request arrays, sweep arrays, JSON Lines with
// Infinity, the nightly summary (JSON and Markdown), console blocks, benchmark_latency/throughput JSON.
// Expected values come from the raw files, read here with nlohmann::json or regular expressions.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "tests/support/extract_view.h"
#include "tests/support/test_paths.h"

#include <QRegularExpression>
#include <QString>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace benchlens;
using namespace benchlens::test;

namespace {
FileExtract corpusFile(const std::string& dir, const std::string& name)
{
    return recognizeBytes(dir + "/" + name, readFile(sharedDir() + "/corpus/public/" + dir + "/" + name));
}

FileExtract fixture(const std::string& name)
{
    return recognizeBytes(name, readFile(testDataDir() + "/fixtures/serving/" + name));
}

std::optional<double> reportedValue(
    const FileExtract& e, const std::string& metric, Statistic s, const std::string& group = {})
{
    for (const auto& r : reportedOf(e, metric)) {
        if (r.statistic == s && (group.empty() || r.group == group))
            return r.value;
    }
    return std::nullopt;
}
} // namespace

TEST(ServingBench, VllmResultWithPerRequestArrays)
{
    const std::string dir = "vllm-bench-serving", name = "llm-k8s_llama-3.3-70b_tp8_pp1_sharegpt_qps_04.json";
    const FileExtract e = corpusFile(dir, name);
    EXPECT_EQ(e.recognizer, "vLLM bench serve JSON");
    const auto raw = nlohmann::json::parse(readFile(sharedDir() + "/corpus/public/" + dir + "/" + name));
    // One record per request; ttfts are seconds, BenchLens keeps ms.
    ASSERT_EQ(e.records.size(), raw["ttfts"].size());
    const auto ttft = samplesOf(e, "ttft_ms");
    ASSERT_EQ(ttft.size(), 200u);
    for (size_t i = 0; i < ttft.size(); ++i)
        EXPECT_DOUBLE_EQ(ttft[i].value, double(raw["ttfts"][i]) * 1000);
    EXPECT_EQ(ttft[17].locator, "/ttfts/17");
    // Every inter-token gap of every request is an ITL sample.
    size_t gaps = 0;
    for (const auto& request : raw["itls"])
        gaps += request.size();
    const auto itl = samplesOf(e, "itl_ms");
    EXPECT_EQ(itl.size(), gaps);
    EXPECT_DOUBLE_EQ(itl[1].value, double(raw["itls"][0][1]) * 1000);
    EXPECT_EQ(itl[1].locator, "/itls/0/1");
    // The run's statistics are reported with n = completed; the variant carries the load and the file name's tp/pp.
    const std::string group
        = "backend=vllm dataset=sharegpt model=meta-llama/Llama-3.3-70B-Instruct pipeline_parallel=1 "
          "request_rate=4 tensor_parallel=8";
    EXPECT_EQ(ttft[0].group, group);
    EXPECT_EQ(reportedValue(e, "ttft_ms", Statistic::Mean), double(raw["mean_ttft_ms"]));
    EXPECT_EQ(reportedValue(e, "itl_ms", Statistic::P99), double(raw["p99_itl_ms"]));
    EXPECT_EQ(reportedValue(e, "throughput_tok_s", Statistic::Overall), double(raw["output_throughput"]));
    for (const auto& r : reportedOf(e))
        EXPECT_EQ(r.n, 200u);
}

TEST(ServingBench, VllmIngestAgreesWithItsOwnStatistics)
{
    // mean/median/p99 TTFT and ITL recomputed from the arrays match what vLLM wrote: no warnings.
    auto result = ingestFolder(sharedDir() + "/corpus/public/vllm-bench-serving");
    ASSERT_TRUE(result.ok());
    const Dataset& ds = *result.value();
    for (const auto& d : ds.diagnostics)
        EXPECT_NE(d.severity, Severity::Warning) << d.file << ": " << d.message;
    size_t checked = 0;
    for (const auto& r : ds.reported)
        checked += r.computed ? 1 : 0;
    EXPECT_GE(checked, 8u); // mean/median/std/p99 of ttft and itl
}

TEST(ServingBench, SweepArrayAndNewerResultKeys)
{
    const std::string dir = "vllm-bench-serving", name = "vllm-benchmarking_sweep_max_num_seqs4_conc2_summary.json";
    const FileExtract e = corpusFile(dir, name);
    EXPECT_EQ(e.recognizer, "vLLM bench serve JSON");
    const auto raw = nlohmann::json::parse(readFile(sharedDir() + "/corpus/public/" + dir + "/" + name));
    ASSERT_EQ(raw.size(), 2u);
    // Two repetitions (run_number 0 and 1) of one configuration: one variant.
    ASSERT_EQ(e.groups.size(), 1u);
    EXPECT_EQ(
        groupText(e, 0), "backend=openai max_concurrency=2 max_num_seqs=4 model=facebook/opt-125m request_rate=inf");
    // Every "<stat>_<metric>_ms" key plus three throughputs, per result.
    size_t expected = 0;
    for (const auto& run : raw) {
        for (const auto& [k, v] : run.items()) {
            const bool stat = k.ends_with("_ms")
                && (k.starts_with("mean_") || k.starts_with("median_") || k.starts_with("std_") || k.starts_with("p"));
            expected += stat ? 1 : 0;
        }
        expected += 3;
    }
    EXPECT_EQ(e.reported.size(), expected);
    const auto e2e = reportedOf(e, "latency_ms");
    ASSERT_FALSE(e2e.empty());
    EXPECT_EQ(e2e[0].value, double(raw[0]["mean_e2el_ms"]));
    EXPECT_EQ(e2e[0].locator, "/0/mean_e2el_ms");
}

TEST(ServingBench, SglangJsonLinesWithInfinity)
{
    const std::string dir = "sglang-bench-serving", name = "h200-benchmarks_llama_3_3_70b_offline_output.jsonl";
    const FileExtract e = corpusFile(dir, name);
    EXPECT_EQ(e.recognizer, "SGLang bench_serving JSONL");
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "Infinity/NaN"));
    // Read the lines with nlohmann after replacing the non-JSON literal by null.
    const std::string text = readFile(sharedDir() + "/corpus/public/" + dir + "/" + name);
    std::vector<nlohmann::json> lines;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t end = text.find('\n', pos);
        std::string line = text.substr(pos, end - pos);
        pos = end == std::string::npos ? text.size() : end + 1;
        if (line.empty())
            continue;
        for (size_t at; (at = line.find("Infinity")) != std::string::npos;)
            line.replace(at, 8, "null");
        lines.push_back(nlohmann::json::parse(line));
    }
    const auto medians = reportedOf(e, "ttft_ms");
    ASSERT_EQ(medians.size(), lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
        EXPECT_DOUBLE_EQ(medians[i].value, double(lines[i]["median_ttft_ms"]));
        EXPECT_EQ(medians[i].n, lines[i]["completed"].get<uint32_t>());
        EXPECT_EQ(medians[i].locator, fmt::format("line {} /median_ttft_ms", i + 1));
        EXPECT_NE(medians[i].group.find("request_rate=inf"), std::string::npos);
        EXPECT_NE(medians[i].group.find(fmt::format("random_input_len={}", lines[i]["random_input_len"].get<int>())),
            std::string::npos);
    }
    const auto e2e = reportedOf(e, "latency_ms");
    EXPECT_DOUBLE_EQ(e2e[0].value, double(lines[0]["mean_e2e_latency_ms"]));
}

TEST(ServingBench, NightlySummaryJsonAndMarkdownHoldTheSameNumbers)
{
    const std::string dir = "vllm-bench-serving";
    const FileExtract j = corpusFile(dir, "llm-k8s_llama-3.3-70b_tp8_pp1_benchmark_results.json");
    const FileExtract m = corpusFile(dir, "llm-k8s_llama-3.3-70b_tp8_pp1_benchmark_results.md");
    EXPECT_EQ(j.recognizer, "vLLM nightly summary JSON");
    EXPECT_EQ(m.recognizer, "vLLM nightly summary Markdown");
    const auto raw = nlohmann::json::parse(
        readFile(sharedDir() + "/corpus/public/" + dir + "/llm-k8s_llama-3.3-70b_tp8_pp1_benchmark_results.json"));
    ASSERT_EQ(raw.size(), 4u);
    for (const auto& row : raw) {
        const std::string group = fmt::format("gpu={} pipeline_parallel=1 tensor_parallel=8 test={}",
            row["GPU"].get<std::string>(), row["Test name"].get<std::string>());
        EXPECT_EQ(reportedValue(j, "ttft_ms", Statistic::Mean, group), double(row["Mean TTFT (ms)"])) << group;
        EXPECT_EQ(reportedValue(j, "request_throughput_req_s", Statistic::Overall, group), double(row["Tput (req/s)"]));
        // The Markdown table rounds to 6 significant digits.
        const auto md = reportedValue(m, "itl_ms", Statistic::P99, group);
        ASSERT_TRUE(md) << group;
        EXPECT_NEAR(*md, double(row["P99 ITL (ms)"]), 1e-5 * double(row["P99 ITL (ms)"]));
    }
    for (const auto& r : reportedOf(j))
        EXPECT_EQ(r.n, 200u); // "# of req."
    // Both files: 12 statistics per row.
    EXPECT_EQ(j.reported.size(), 48u);
    EXPECT_EQ(m.reported.size(), 48u);
}

TEST(ServingBench, ConsoleBlocksOneRunEach)
{
    const std::string dir = "sglang-bench-serving", name = "SGLang-dLoRA_dlora_results_console.md";
    const FileExtract e = corpusFile(dir, name);
    EXPECT_EQ(e.recognizer, "serving benchmark console output");
    const QString text = QString::fromStdString(readFile(sharedDir() + "/corpus/public/" + dir + "/" + name));
    static const QRegularExpression meanTtft(QStringLiteral("Mean TTFT \\(ms\\):\\s+([-0-9.]+)"));
    static const QRegularExpression rate(QStringLiteral("Traffic request rate:\\s+([0-9.]+)"));
    std::vector<double> expected;
    std::vector<QString> rates;
    for (auto it = meanTtft.globalMatch(text); it.hasNext();)
        expected.push_back(it.next().captured(1).toDouble());
    for (auto it = rate.globalMatch(text); it.hasNext();)
        rates.push_back(it.next().captured(1));
    ASSERT_EQ(expected.size(), 6u);
    std::vector<double> actual;
    for (const auto& r : reportedOf(e, "ttft_ms")) {
        if (r.statistic == Statistic::Mean)
            actual.push_back(r.value);
    }
    EXPECT_EQ(actual, expected);
    EXPECT_EQ(e.groups.size(), rates.size());
    // "0.00" and "-0.00" latencies were not measurable: noted, not used.
    static const QRegularExpression zero(
        QStringLiteral("\\(ms\\):\\s+-?0\\.00\\s*$"), QRegularExpression::MultilineOption);
    size_t zeros = 0;
    for (auto it = zero.globalMatch(text); it.hasNext(); it.next())
        ++zeros;
    size_t notes = 0;
    for (const auto& d : e.diagnostics)
        notes += d.message.find("not measured") != std::string::npos ? 1 : 0;
    EXPECT_EQ(notes, zeros);
    EXPECT_GT(zeros, 0u);
    for (const auto& r : reportedOf(e))
        EXPECT_NE(r.value, 0.0);
}

TEST(ServingBench, ConsoleBlockInALogFixture)
{
    const FileExtract e = fixture("console.log");
    EXPECT_EQ(e.recognizer, "serving benchmark console output");
    ASSERT_EQ(e.groups.size(), 1u);
    EXPECT_EQ(groupText(e, 0), "max_concurrency=4");
    EXPECT_EQ(reportedValue(e, "ttft_ms", Statistic::P99), 60.1);
    EXPECT_EQ(reportedValue(e, "total_throughput_tok_s", Statistic::Overall), 400.0);
    EXPECT_FALSE(reportedValue(e, "tpot_ms", Statistic::Median)); // -0.00
    // "Benchmark duration (s): 5.00" is the block's one wall time, not a statistic over its 10 requests: no n.
    EXPECT_EQ(reportedValue(e, "wall_time_ms", Statistic::Value), 5000.0);
    for (const auto& r : reportedOf(e)) {
        if (r.statistic == Statistic::Value)
            EXPECT_FALSE(r.n);
        else
            EXPECT_EQ(r.n, 10u);
    }
}

TEST(ServingBench, RunWhereEveryRequestFailedIsFlaggedNotPlotted)
{
    const FileExtract e = fixture("all_failed.json");
    EXPECT_EQ(e.recognizer, "vLLM bench serve JSON");
    EXPECT_TRUE(e.reported.empty());
    EXPECT_EQ(failedRecords(e), 5u);
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "every request of this run failed"));
}

TEST(ServingBench, FailedRequestsInTheArraysAreFailures)
{
    const FileExtract e = fixture("with_errors.json");
    ASSERT_EQ(e.records.size(), 3u);
    EXPECT_EQ(failedRecords(e), 1u);
    EXPECT_TRUE(e.records[1].failed);
    const auto ttft = samplesOf(e, "ttft_ms");
    ASSERT_EQ(ttft.size(), 2u);
    EXPECT_DOUBLE_EQ(ttft[1].value, 200);
    EXPECT_EQ(samplesOf(e, "itl_ms").size(), 3u);
    EXPECT_EQ(reportedValue(e, "ttft_ms", Statistic::P90), 190.0);
    EXPECT_EQ(groupText(e, 0), "backend=vllm model=m/small request_rate=2");
}

TEST(ServingBench, BenchmarkLatencyAndThroughputJson)
{
    const FileExtract lat = fixture("latency.json");
    EXPECT_EQ(lat.recognizer, "vLLM benchmark_latency JSON");
    const auto samples = samplesOf(lat, "latency_ms");
    ASSERT_EQ(samples.size(), 3u);
    EXPECT_DOUBLE_EQ(samples[2].value, 1500);
    EXPECT_EQ(samples[2].locator, "/latencies/2");
    EXPECT_DOUBLE_EQ(*reportedValue(lat, "latency_ms", Statistic::Mean), 1250);
    EXPECT_DOUBLE_EQ(*reportedValue(lat, "latency_ms", Statistic::P25), 1125);
    EXPECT_DOUBLE_EQ(*reportedValue(lat, "latency_ms", Statistic::P99), 1495);

    const FileExtract thr = fixture("throughput.json");
    EXPECT_EQ(thr.recognizer, "vLLM benchmark_throughput JSON");
    EXPECT_EQ(reportedValue(thr, "request_throughput_req_s", Statistic::Overall), 25.0);
    EXPECT_EQ(reportedValue(thr, "total_throughput_tok_s", Statistic::Overall), 10000.0);
    EXPECT_EQ(reportedOf(thr)[0].n, 1000u);
}
