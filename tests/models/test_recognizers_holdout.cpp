// The second holdout batch of issue 13 (tests/data/public/holdout/<tool-or-class>/): real files no recognizer rule
// was written from, checked against expected.json (computed from the raw files by tests/data/public/expected.py,
// Python standard library only). Only the files BenchLens reads right are checked here; the files it reads wrong
// (criterion console output, the wrk URL sweep, framework-headed tables, sweeps keyed by JSON object names, ...) are
// in expected.json too, with their defects reported on issue 13, and get their checks when their rules are fixed.
#include "tests/models/public_expected.h"

#include <cmath>

using namespace benchlens;
using namespace benchlens::test;

namespace {

const nlohmann::json& holdoutEntry(const std::string& path)
{
    return publicExpected().at("files").at(path);
}

// The one group of `e` whose dimensions include every (name, value) of `dims`; fails the test otherwise.
std::optional<uint32_t> onlyGroup(const FileExtract& e, const std::vector<std::pair<std::string, std::string>>& dims)
{
    const auto found = groupsWith(e, dims);
    EXPECT_EQ(found.size(), 1u) << "groups matching " << (dims.empty() ? "" : dims.front().second);
    if (found.size() != 1)
        return std::nullopt;
    return found.front();
}

void expectSamples(const FileExtract& e, uint32_t g, const std::string& metric, const nlohmann::json& expected)
{
    SCOPED_TRACE(metric);
    const auto values = groupSamples(e, g, metric);
    ASSERT_EQ(values.size(), expected.at("n").get<size_t>());
    EXPECT_TRUE(close(meanOf(values), expected.at("mean").get<double>()))
        << meanOf(values) << " vs " << expected.at("mean");
    EXPECT_TRUE(close(*std::min_element(values.begin(), values.end()), expected.at("min").get<double>()));
    EXPECT_TRUE(close(*std::max_element(values.begin(), values.end()), expected.at("max").get<double>()));
}

void expectReported(const FileExtract& e, uint32_t g, const std::string& metric, const std::string& statistic,
    const nlohmann::json& expected, double relative = 1e-8)
{
    const double got = groupReported(e, g, metric, statistic);
    EXPECT_TRUE(close(got, expected.get<double>(), relative))
        << metric << " " << statistic << ": " << got << " vs " << expected;
}

} // namespace

// go test -bench -benchmem inside a Markdown fence (mawngo/surl): 61 benchmarks, one line each, the -24 suffix a
// dimension; ns/op, B/op and allocs/op as samples.
TEST(HoldoutPublic, GoBenchInMarkdownFence)
{
    const std::string path = "holdout/go-bench/surl_BENCHMARK.md";
    const auto& expected = holdoutEntry(path);
    const FileExtract e = recognizePublic(path);
    EXPECT_EQ(e.recognizer, "go test -bench");
    const auto& groups = expected.at("groups");
    ASSERT_EQ(groups.size(), 61u);
    EXPECT_EQ(e.groups.size(), groups.size());
    for (const auto& group : groups) {
        const std::string name = group.at("name").get<std::string>();
        SCOPED_TRACE(name);
        const auto g = onlyGroup(e, {{"benchmark", name}});
        ASSERT_TRUE(g);
        EXPECT_EQ(dimOf(e, *g, "gomaxprocs"), group.at("parameters").at("GOMAXPROCS_suffix").get<std::string>());
        expectSamples(e, *g, "time_per_iteration_ns", group.at("samples").at("time_per_iteration_ns"));
        expectSamples(e, *g, "bytes_per_op", group.at("samples").at("bytes_per_op"));
        expectSamples(e, *g, "allocs_per_op", group.at("samples").at("allocs_per_op"));
    }
    EXPECT_EQ(unitOf(e, "time_per_iteration_ns"), "ns");
}

// JMH -rf json with forks 0 (LefterisOrf/Spring-JMH): rawData as samples, the score and percentiles as stated.
TEST(HoldoutPublic, JmhJsonAverageTime)
{
    const std::string path = "holdout/jmh/spring-jmh_jmh-result.json";
    const auto& expected = holdoutEntry(path);
    const FileExtract e = recognizePublic(path);
    EXPECT_EQ(e.recognizer, "JMH JSON");
    ASSERT_EQ(expected.at("groups").size(), 2u);
    for (const auto& group : expected.at("groups")) {
        const auto& d = group.at("dimensions");
        SCOPED_TRACE(d.at("benchmark").get<std::string>());
        const auto g = onlyGroup(e, {{"benchmark", text(d.at("benchmark"))}, {"mode", text(d.at("mode"))}});
        ASSERT_TRUE(g);
        expectSamples(e, *g, "time_per_iteration_ns", group.at("samples").at("time_per_iteration_ns"));
        const auto& s = group.at("stated");
        expectReported(e, *g, "time_per_iteration_ns", "mean", s.at("score_time_per_iteration_ns"));
        expectReported(e, *g, "time_per_iteration_ns", "p50", s.at("p50_time_per_iteration_ns"));
        expectReported(e, *g, "time_per_iteration_ns", "p90", s.at("p90_time_per_iteration_ns"));
        expectReported(e, *g, "time_per_iteration_ns", "p99", s.at("p99_time_per_iteration_ns"));
    }
    EXPECT_TRUE(noMetricNamed(e, "threads"));
    EXPECT_TRUE(noMetricNamed(e, "forks"));
}

// BenchmarkDotNet v0.15.2 GitHub Markdown (linq2db): the Runtime column is a dimension, cells carry units with
// thousands separators ('22,894.05 ns', '1,161.4 μs', '611.98 KB' = 611.98 x 1024 B).
TEST(HoldoutPublic, BenchmarkDotNetMarkdownRuntimes)
{
    for (const std::string path : {"holdout/benchmarkdotnet/linq2db_SelectBenchmark-report-github.md",
             "holdout/benchmarkdotnet/linq2db_InsertSetBenchmark-report-github.md"}) {
        SCOPED_TRACE(path);
        const auto& expected = holdoutEntry(path);
        const FileExtract e = recognizePublic(path);
        EXPECT_EQ(e.recognizer, "BenchmarkDotNet Markdown");
        const auto& groups = expected.at("groups");
        ASSERT_FALSE(groups.empty());
        EXPECT_EQ(e.groups.size(), groups.size());
        for (const auto& group : groups) {
            const std::string runtime = text(group.at("parameters").at("Runtime"));
            SCOPED_TRACE(group.at("name").get<std::string>() + " " + runtime);
            const auto g
                = onlyGroup(e, {{"benchmark", text(group.at("dimensions").at("Method"))}, {"Runtime", runtime}});
            ASSERT_TRUE(g);
            expectReported(e, *g, "time_per_iteration_ns", "mean", group.at("stated").at("mean_ns"), 1e-6);
            expectReported(e, *g, "allocated_bytes_per_op", "value", group.at("stated").at("allocated_bytes"), 1e-6);
            // A summary table holds the tool's statistics, not samples.
            EXPECT_TRUE(groupSamples(e, *g, "time_per_iteration_ns").empty());
        }
        EXPECT_TRUE(noMetricNamed(e, "Runtime"));
    }
}

// Six SGLang bench_serving result blocks, one per request rate (WILLIAM-qmul/SGLang-dLoRA): one variant per rate, the
// block's statistics as reported values with n = successful requests; 0.00 / -0.00 cells are not measurements.
TEST(HoldoutPublic, ServingBlocksPerRequestRate)
{
    const std::string path = "holdout/llm-text/sglang-dlora_dlora_results.md";
    const auto& expected = holdoutEntry(path);
    const FileExtract e = recognizePublic(path);
    const auto& groups = expected.at("groups");
    ASSERT_EQ(groups.size(), 6u);
    EXPECT_EQ(e.groups.size(), groups.size());
    const std::vector<std::pair<std::string, std::string>> throughputs
        = {{"request_throughput_req_s", "request_throughput_req_s"},
            {"input_token_throughput_tok_s", "prompt_throughput_tok_s"},
            {"output_token_throughput_tok_s", "throughput_tok_s"},
            {"total_token_throughput_tok_s", "total_throughput_tok_s"}};
    const std::vector<std::pair<std::string, std::string>> latencies
        = {{"e2e_latency", "latency_ms"}, {"ttft", "ttft_ms"}, {"tpot", "tpot_ms"}, {"itl", "itl_ms"}};
    for (const auto& group : groups) {
        const std::string rate = text(group.at("parameters").at("request_rate"));
        SCOPED_TRACE("request rate " + rate);
        const auto g = onlyGroup(e, {{"request_rate", rate}, {"backend", text(group.at("dimensions").at("backend"))}});
        ASSERT_TRUE(g);
        const auto& stated = group.at("stated");
        // "Benchmark duration (s)": the run's wall time, kept (s -> ms), no n (not a statistic over requests).
        expectReported(e, *g, "wall_time_ms", "value", stated.at("benchmark_duration_ms"));
        EXPECT_FALSE(groupReportedN(e, *g, "wall_time_ms", "value"));
        for (const auto& [key, metric] : throughputs) {
            expectReported(e, *g, metric, "overall", stated.at(key));
            EXPECT_EQ(groupReportedN(e, *g, metric, "overall"), group.at("n").get<uint32_t>());
        }
        for (const auto& [key, value] : stated.items()) {
            for (const auto& [quantity, metric] : latencies) {
                const std::string prefix = quantity + "_";
                if (key.rfind(prefix, 0) != 0 || key.size() < 3 || key.substr(key.size() - 3) != "_ms")
                    continue;
                const std::string statistic = key.substr(prefix.size(), key.size() - prefix.size() - 3);
                if (statistic.find('_') != std::string::npos)
                    continue; // e2e_latency_* under "e2e"; only the exact quantity prefix counts
                if (value.get<double>() > 0) {
                    expectReported(e, *g, metric, statistic, value);
                    EXPECT_EQ(groupReportedN(e, *g, metric, statistic), group.at("n").get<uint32_t>()) << key;
                } else {
                    // ITL is 0.00 and the median TPOT -0.00 in every block: not a measurement, and said so.
                    EXPECT_TRUE(std::isnan(groupReported(e, *g, metric, statistic))) << key;
                }
            }
        }
    }
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "'Mean ITL (ms)' is 0.00: not measured"));
    EXPECT_TRUE(noMetricNamed(e, "request_rate"));
}

// Own transformers script JSON (TrinhVox/llm-inference-optimizer): the model named in the file, one record per prompt
// as samples, units from the key names (total_time_s in seconds -> ms, peak_memory_mb).
TEST(HoldoutPublic, ScriptJsonModelAndPerPromptSamples)
{
    for (const std::string path :
        {"holdout/llm-json/llm-inference-optimizer_awq.json", "holdout/llm-json/llm-inference-optimizer_gptq.json"}) {
        SCOPED_TRACE(path);
        const auto& expected = holdoutEntry(path);
        const FileExtract e = recognizePublic(path);
        const auto& d = expected.at("dimensions");
        const auto g = onlyGroup(e, {{"model", text(d.at("model"))}, {"dtype", text(d.at("dtype"))}});
        ASSERT_TRUE(g);
        EXPECT_EQ(e.groups.size(), 1u);
        const auto& s = expected.at("groups").at(0).at("samples");
        expectSamples(e, *g, "throughput_tok_s", s.at("generation_tok_s"));
        expectSamples(e, *g, "total_duration_ms", s.at("total_time_ms"));
        expectSamples(e, *g, "peak_memory_mb", s.at("peak_memory_mb"));
        expectSamples(e, *g, "tokens_generated", s.at("generated_tokens"));
        EXPECT_EQ(unitOf(e, "total_duration_ms"), "ms");
        EXPECT_EQ(unitOf(e, "throughput_tok_s"), "tok/s");
    }
}

// Own TensorRT-LLM script CSV (SRO-SA/trtllm-qwen-benchmark): the model column, concurrency as the swept parameter,
// the stated TTFT and decode-rate mean/p50/p99 per row as reported values.
TEST(HoldoutPublic, ScriptCsvConcurrencySweep)
{
    const std::string path = "holdout/llm-csv/trtllm-qwen-benchmark_smoke_results.csv";
    const auto& expected = holdoutEntry(path);
    const FileExtract e = recognizePublic(path);
    const auto& groups = expected.at("groups");
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(e.groups.size(), groups.size());
    for (const auto& group : groups) {
        const std::string concurrency = text(group.at("parameters").at("concurrency"));
        SCOPED_TRACE("concurrency " + concurrency);
        const auto g
            = onlyGroup(e, {{"model", text(group.at("dimensions").at("model"))}, {"concurrency", concurrency}});
        ASSERT_TRUE(g);
        EXPECT_EQ(dimOf(e, *g, "max_new_tokens"), text(group.at("parameters").at("max_new_tokens")));
        EXPECT_EQ(dimOf(e, *g, "num_requests"), text(group.at("parameters").at("num_requests")));
        const auto& s = group.at("stated");
        expectReported(e, *g, "ttft_ms", "mean", s.at("ttft_mean_ms"));
        expectReported(e, *g, "ttft_ms", "p50", s.at("ttft_p50_ms"));
        expectReported(e, *g, "ttft_ms", "p99", s.at("ttft_p99_ms"));
        expectReported(e, *g, "throughput_tok_s", "mean", s.at("tps_mean_tok_s"));
        expectReported(e, *g, "throughput_tok_s", "p50", s.at("tps_p50_tok_s"));
        expectReported(e, *g, "throughput_tok_s", "p99", s.at("tps_p99_tok_s"));
        const auto total = groupSamples(e, *g, "total_duration_ms");
        ASSERT_EQ(total.size(), 1u);
        EXPECT_TRUE(close(total.front(), s.at("total_time_ms").get<double>()));
    }
    for (const char* name : {"concurrency", "num_requests", "max_new_tokens", "num_gpus", "context_len"}) {
        EXPECT_TRUE(noMetricNamed(e, name)) << name;
    }
}

// optimum-benchmark benchmark_report.md (DerekLiu35/huggingface-quantization-benchmarking-code): per stage the
// metric | value | unit tables as reported values in BenchLens units (s -> ms), n = the stated count.
TEST(HoldoutPublic, OptimumBenchmarkMarkdownReport)
{
    const std::string path = "holdout/llm-tables/hf-quant-bench_llama70b_compile_benchmark_report.md";
    const auto& expected = holdoutEntry(path);
    const FileExtract e = recognizePublic(path);
    EXPECT_EQ(e.recognizer, "optimum-benchmark Markdown");
    const auto& stages = expected.at("stages");
    ASSERT_EQ(stages.size(), 4u);
    EXPECT_EQ(e.groups.size(), stages.size());
    for (const auto& [stage, s] : stages.items()) {
        SCOPED_TRACE(stage);
        const auto g = onlyGroup(e, {{"phase", stage}});
        ASSERT_TRUE(g);
        const auto& lat = s.at("latency_stated_ms");
        const auto n = lat.at("count").get<uint32_t>();
        for (const char* statistic : {"mean", "p50", "p90", "p95", "p99", "total"}) {
            expectReported(e, *g, "latency_ms", statistic, lat.at(statistic));
            EXPECT_EQ(groupReportedN(e, *g, "latency_ms", statistic), n) << statistic;
        }
        // The file's stdev is numpy's population value; BenchLens states sample standard deviations:
        // s = sigma * sqrt(n / (n - 1)) (n = 1: 0).
        const double sigma = lat.at("stdev").get<double>();
        const double sample = n > 1 ? sigma * std::sqrt(double(n) / double(n - 1)) : 0.0;
        EXPECT_TRUE(close(groupReported(e, *g, "latency_ms", "stddev"), sample, 1e-6));
        if (s.contains("throughput")) {
            const auto& t = s.at("throughput");
            const std::string unit = t.at("unit").get<std::string>();
            const std::string metric = unit == "tokens/s" ? "throughput_tok_s" : "samples_per_s";
            expectReported(e, *g, metric, "value", t.at("value"));
        }
        if (s.contains("memory_mb")) {
            for (const auto& [name, value] : s.at("memory_mb").items())
                expectReported(e, *g, name, "max", value);
        }
    }
    EXPECT_TRUE(noMetricNamed(e, "count"));
}
