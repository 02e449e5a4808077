// The Chimeraforge agent outputs (recognizers/agent_outputs.cpp) on small fixtures written to the structures of
// the real files (tests/data/fixtures/agent). Expected values are computed here from the fixture JSON with
// nlohmann::json, not taken from BenchLens.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/recognizers/recognizer.h"
#include "tests/support/test_paths.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <string>

using namespace benchlens;

namespace {
const std::string kAgent = "/fixtures/agent/";

FileExtract extractAgent(const std::string& rel)
{
    const std::string bytes = test::readFile(test::testDataDir() + kAgent + rel);
    return recognizeFile({rel, bytes, fileTypeFromPath(rel)});
}

nlohmann::json fixtureJson(const std::string& rel)
{
    return nlohmann::json::parse(test::readFile(test::testDataDir() + kAgent + rel));
}

std::string dim(const FileExtract::Dims& dims, const std::string& name)
{
    for (const auto& [k, v] : dims) {
        if (k == name)
            return v;
    }
    return "<none>";
}

// Sample values of one metric in one group, in file order.
std::vector<double> samples(const FileExtract& e, const std::string& metric, uint32_t group)
{
    std::vector<double> out;
    for (const auto& v : e.values) {
        if (e.metrics[v.metric].name == metric && e.records[v.record].group == group)
            out.push_back(v.value);
    }
    return out;
}

const FileExtract::Reported* reported(const FileExtract& e, const std::string& metric, Statistic s, uint32_t group)
{
    for (const auto& r : e.reported) {
        if (e.metrics[r.metric].name == metric && r.statistic == s && r.group == group)
            return &r;
    }
    return nullptr;
}

uint32_t groupWhere(const FileExtract& e, const std::string& name, const std::string& value)
{
    for (uint32_t g = 0; g < e.groups.size(); ++g) {
        if (dim(e.groups[g], name) == value)
            return g;
    }
    ADD_FAILURE() << "no group with " << name << "=" << value;
    return 0;
}
} // namespace

TEST(AgentMetricsJson, RustLlmCallsAreSamplesAggregatesAreReported)
{
    const std::string rel = "sweep/gpu60_ctx512_temp0p8/data/metrics.json";
    const FileExtract e = extractAgent(rel);
    EXPECT_EQ(e.recognizer, "agent metrics.json");
    EXPECT_EQ(e.namedModel, "gemma3:latest");
    EXPECT_EQ(e.runFolder, "sweep/gpu60_ctx512_temp0p8");
    const auto j = fixtureJson(rel);
    // One record per entry of llm_calls; the copies under workflow_runs are not counted again.
    const size_t calls = j["baseline"]["llm_calls"].size() + j["chimera"]["llm_calls"].size();
    EXPECT_EQ(e.records.size(), calls);
    ASSERT_EQ(e.groups.size(), 2u);
    const uint32_t chimera = groupWhere(e, "agent", "chimera");
    const uint32_t baseline = groupWhere(e, "agent", "baseline");
    // The configuration object is the variant (float noise cleaned); the baseline runs on Ollama defaults,
    // whatever the folder name says.
    EXPECT_EQ(dim(e.groups[chimera], "num_gpu"), "60");
    EXPECT_EQ(dim(e.groups[chimera], "num_ctx"), "512");
    EXPECT_EQ(dim(e.groups[chimera], "temperature"), "0.8");
    EXPECT_EQ(dim(e.groups[chimera], "top_p"), "<none>");
    EXPECT_EQ(dim(e.groups[baseline], "num_gpu"), "<none>");
    EXPECT_EQ(dim(e.groups[baseline], "model"), "gemma3:latest");

    std::vector<double> expected;
    for (const auto& c : j["chimera"]["llm_calls"])
        expected.push_back(c["metrics"]["throughput_tokens_per_sec"].get<double>());
    EXPECT_EQ(samples(e, "throughput_tok_s", chimera), expected);
    // aggregate_metrics: mean, stddev and sums over the calls, with n = the number of calls.
    const auto* mean = reported(e, "throughput_tok_s", Statistic::Mean, chimera);
    ASSERT_NE(mean, nullptr);
    EXPECT_DOUBLE_EQ(mean->value, j["chimera"]["aggregate_metrics"]["average_tokens_per_second"].get<double>());
    ASSERT_TRUE(mean->n.has_value());
    EXPECT_EQ(*mean->n, j["chimera"]["llm_calls"].size());
    double sum = 0;
    for (const double v : expected)
        sum += v;
    EXPECT_NEAR(mean->value, sum / double(expected.size()), 1e-9);
    const auto* total = reported(e, "total_duration_ms", Statistic::Total, chimera);
    ASSERT_NE(total, nullptr);
    EXPECT_DOUBLE_EQ(total->value, j["chimera"]["aggregate_metrics"]["total_duration_ms"].get<double>());
    EXPECT_NE(reported(e, "ttft_ms", Statistic::StdDev, baseline), nullptr);
    // The delta section is derived from the two aggregates and adds nothing.
    for (const auto& r : e.reported)
        EXPECT_EQ(e.locatorText(r.locator).find("/delta"), std::string::npos);
}

TEST(AgentMetricsJson, FailedCallsAreFailuresNotZeroSamples)
{
    // Older Rust build: individual_runs, durations averaged; the chimera run generated 0 tokens.
    const FileExtract e = extractAgent("failed_run/data/metrics.json");
    EXPECT_EQ(e.recognizer, "agent metrics.json");
    const uint32_t chimera = groupWhere(e, "agent", "chimera");
    const uint32_t baseline = groupWhere(e, "agent", "baseline");
    EXPECT_EQ(dim(e.groups[chimera], "top_p"), "0.9");
    EXPECT_EQ(dim(e.groups[chimera], "repeat_penalty"), "1.1");
    size_t failed = 0;
    for (const auto& r : e.records)
        failed += r.failed && r.group == chimera ? 1 : 0;
    EXPECT_EQ(failed, 1u);
    EXPECT_TRUE(samples(e, "throughput_tok_s", chimera).empty());
    EXPECT_TRUE(samples(e, "ttft_ms", chimera).empty());
    EXPECT_EQ(samples(e, "throughput_tok_s", baseline).size(), 2u);
    // The 0 tok/s average of an all-failed agent is not reported as a measurement; a warning says why.
    EXPECT_EQ(reported(e, "throughput_tok_s", Statistic::Mean, chimera), nullptr);
    EXPECT_TRUE(std::any_of(e.diagnostics.begin(), e.diagnostics.end(),
        [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
    // This build averages the durations (its report says "Average Total Duration").
    const auto j = fixtureJson("failed_run/data/metrics.json");
    const auto* load = reported(e, "load_ms", Statistic::Mean, baseline);
    ASSERT_NE(load, nullptr);
    const auto& runs = j["baseline"]["individual_runs"];
    EXPECT_NEAR(
        load->value, (runs[0]["load_duration_ms"].get<double>() + runs[1]["load_duration_ms"].get<double>()) / 2, 1e-9);
}

TEST(AgentMetricsJson, PythonAgentAggregatesOnly)
{
    const std::string rel = "python/run_gpu120_ctx256_temp0p6/data/metrics.json";
    const FileExtract e = extractAgent(rel);
    EXPECT_EQ(e.recognizer, "agent metrics.json");
    EXPECT_TRUE(e.records.empty());
    const uint32_t chimera = groupWhere(e, "agent", "chimera"); // "chimera_optimized"
    EXPECT_EQ(dim(e.groups[chimera], "num_gpu"), "120");
    EXPECT_EQ(dim(e.groups[chimera], "top_k"), "40");
    const auto j = fixtureJson(rel);
    const auto& agg = j[0]["chimera_results"]["metrics"]["aggregate_metrics"];
    const auto* p95 = reported(e, "ttft_ms", Statistic::P95, chimera);
    ASSERT_NE(p95, nullptr);
    EXPECT_DOUBLE_EQ(p95->value, agg["p95_ttft_ms"].get<double>());
    ASSERT_TRUE(p95->n.has_value());
    EXPECT_EQ(*p95->n, agg["total_requests"].get<uint32_t>());
    // The TR108 "expected_throughput" is a target, not a measurement.
    for (const auto& r : e.reported)
        EXPECT_NE(r.value, 102.31);
}

TEST(AgentMultiAgent, RustRunMetricsCountEachCallOnce)
{
    const FileExtract e = extractAgent("multiagent_rust/run_1/metrics.json");
    EXPECT_EQ(e.recognizer, "agent metrics.json");
    // individual_runs and llm_calls hold the same two calls per agent.
    EXPECT_EQ(e.records.size(), 4u);
    const uint32_t insight = groupWhere(e, "agent", "chimera insight");
    EXPECT_EQ(dim(e.groups[insight], "num_gpu"), "80");
    EXPECT_EQ(dim(e.groups[groupWhere(e, "agent", "baseline collector")], "num_gpu"), "<none>");
}

TEST(AgentMultiAgent, SummaryJsonRunsAndAggregate)
{
    const FileExtract py = extractAgent("multiagent_py/summary.json");
    EXPECT_EQ(py.recognizer, "agent multi-agent summary.json");
    const auto j = fixtureJson("multiagent_py/summary.json");
    const uint32_t baseline = groupWhere(py, "agent", "baseline");
    const uint32_t chimera = groupWhere(py, "agent", "chimera");
    EXPECT_EQ(dim(py.groups[baseline], "num_gpu"), "<none>");
    EXPECT_EQ(dim(py.groups[chimera], "num_gpu"), "60");
    EXPECT_EQ(dim(py.groups[chimera], "scenario"), "baseline_vs_chimera");
    // Run 3's baseline agent reports 0 tok/s: a failed record.
    std::vector<double> expected;
    size_t zeros = 0;
    for (const auto& r : j["runs"]) {
        const double v = r["baseline_throughput"].get<double>();
        if (v > 0)
            expected.push_back(v);
        else
            ++zeros;
    }
    EXPECT_EQ(samples(py, "agent_run_throughput_tok_s", baseline), expected);
    size_t failed = 0;
    for (const auto& r : py.records)
        failed += r.failed ? 1 : 0;
    EXPECT_EQ(failed, zeros);
    const uint32_t pair = groupWhere(py, "agent", "both (concurrent)");
    std::vector<double> walls;
    for (const auto& r : j["runs"])
        walls.push_back(r["concurrent_wall_time"].get<double>() * 1000);
    EXPECT_EQ(samples(py, "wall_time_ms", pair), walls);
    const auto* speedup = reported(py, "concurrency_speedup", Statistic::Mean, pair);
    ASSERT_NE(speedup, nullptr);
    EXPECT_DOUBLE_EQ(speedup->value, j["aggregate"]["average_concurrency_speedup"].get<double>());
    EXPECT_EQ(speedup->n.value_or(0), j["runs"].size());

    const FileExtract rust = extractAgent("multiagent_rust/summary.json");
    EXPECT_EQ(rust.recognizer, "agent multi-agent summary.json");
    const uint32_t insight = groupWhere(rust, "agent", "chimera insight");
    EXPECT_EQ(dim(rust.groups[insight], "model"), "gemma3:latest");
    EXPECT_EQ(dim(rust.groups[insight], "temperature"), "0.6");
    EXPECT_EQ(samples(rust, "efficiency_percent", groupWhere(rust, "agent", "both (concurrent)")),
        std::vector<double> {
            fixtureJson("multiagent_rust/summary.json")["runs"][0]["efficiency_percent"].get<double>()});
}

TEST(AgentMarkdown, AgentReportMeansWithTheCallCount)
{
    const FileExtract e = extractAgent("sweep/gpu80_ctx1024_temp0p6/reports/chimera_report.md");
    EXPECT_EQ(e.recognizer, "agent Markdown report");
    ASSERT_EQ(e.groups.size(), 1u);
    const auto& g = e.groups[0];
    EXPECT_EQ(dim(g, "agent"), "chimera");
    EXPECT_EQ(dim(g, "temperature"), "0.6"); // "temp=0.6"
    EXPECT_EQ(dim(g, "top_k"), "40");
    EXPECT_EQ(dim(g, "model"), "gemma3:latest");
    // The per-call rows are in metrics.json already: they give the n, not samples.
    EXPECT_TRUE(e.records.empty());
    const auto j = fixtureJson("sweep/gpu80_ctx1024_temp0p6/data/metrics.json");
    const auto* mean = reported(e, "throughput_tok_s", Statistic::Mean, 0);
    ASSERT_NE(mean, nullptr);
    // The report prints the aggregate to 2 decimals.
    EXPECT_NEAR(mean->value, j["chimera"]["aggregate_metrics"]["average_tokens_per_second"].get<double>(), 0.005);
    EXPECT_EQ(mean->n.value_or(0), j["chimera"]["llm_calls"].size());
    EXPECT_NE(reported(e, "throughput_tok_s", Statistic::StdDev, 0), nullptr);
    EXPECT_NE(reported(e, "eval_ms", Statistic::Total, 0), nullptr);
    // The LLM-written table inside the report ("Tokens Per Second | 14.1") is not read.
    for (const auto& r : e.reported)
        EXPECT_NE(r.value, 14.1);
}

TEST(AgentMarkdown, FailedReportAndLlmWrittenReports)
{
    const FileExtract failed = extractAgent("failed_run/reports/chimera_report.md");
    EXPECT_EQ(failed.recognizer, "agent Markdown report");
    EXPECT_EQ(reported(failed, "throughput_tok_s", Statistic::Mean, 0), nullptr);
    EXPECT_NE(reported(failed, "total_duration_ms", Statistic::Mean, 0), nullptr);
    EXPECT_FALSE(failed.diagnostics.empty());

    // The LLM-written technical report and the Python agent's report: claimed, no numbers read.
    for (const char* rel : {"sweep/gpu60_ctx512_temp0p8/reports/chimera_technical_report.md",
             "python/run_gpu120_ctx256_temp0p6/reports/chimera_report_run_1.md"}) {
        const FileExtract e = extractAgent(rel);
        EXPECT_EQ(e.recognizer, "agent Markdown report") << rel;
        EXPECT_TRUE(e.reported.empty()) << rel;
        EXPECT_TRUE(e.values.empty()) << rel;
    }

    // The multi-agent agent report: the "## Metrics" bullets, not the invented number above them.
    const FileExtract ma = extractAgent("multiagent_rust/run_1/insight_report.md");
    EXPECT_EQ(ma.recognizer, "agent Markdown report");
    ASSERT_EQ(ma.groups.size(), 1u);
    EXPECT_EQ(dim(ma.groups[0], "agent"), "chimera insight");
    EXPECT_EQ(dim(ma.groups[0], "num_gpu"), "80");
    const auto j = fixtureJson("multiagent_rust/run_1/metrics.json");
    const auto* tp = reported(ma, "throughput_tok_s", Statistic::Mean, 0);
    ASSERT_NE(tp, nullptr);
    EXPECT_NEAR(
        tp->value, j["insight"]["result"]["aggregate_metrics"]["average_tokens_per_second"].get<double>(), 0.005);
    const auto* tokens = reported(ma, "tokens_generated", Statistic::Total, 0);
    ASSERT_NE(tokens, nullptr);
    EXPECT_EQ(tokens->value, j["insight"]["result"]["aggregate_metrics"]["total_tokens_generated"].get<double>());
}

TEST(AgentMarkdown, SimilarReportsStayGeneric)
{
    for (const char* rel : {"similar/Technical_Report_200.md", "similar/notes.md"}) {
        const FileExtract e = extractAgent(rel);
        EXPECT_EQ(e.recognizer, "generic Markdown") << rel;
        EXPECT_TRUE(e.declinedBy.empty()) << rel;
    }
}

TEST(AgentIngest, SweepFolderVariantsPerConfigurationAndReportsAgree)
{
    auto result = ingestFolder(test::testDataDir() + kAgent + "sweep");
    ASSERT_TRUE(result.ok());
    const Dataset& ds = *result.value();
    // One baseline variant (Ollama defaults in every folder) and one chimera variant per configuration.
    std::map<std::string, uint32_t> samplesByVariant;
    for (const auto& v : ds.variants)
        samplesByVariant[v.id] = v.observations;
    size_t expectedBaseline = 0;
    std::map<std::string, size_t> chimeraCalls;
    for (const char* folder : {"gpu60_ctx512_temp0p8", "gpu80_ctx1024_temp0p6"}) {
        const auto j = fixtureJson(std::string("sweep/") + folder + "/data/metrics.json");
        expectedBaseline += j["baseline"]["llm_calls"].size();
        chimeraCalls[folder] = j["chimera"]["llm_calls"].size();
    }
    ASSERT_EQ(ds.variants.size(), 3u);
    EXPECT_EQ(samplesByVariant["gemma3:latest agent=baseline"], expectedBaseline);
    EXPECT_EQ(samplesByVariant["gemma3:latest agent=chimera num_ctx=512 num_gpu=60 temperature=0.8"],
        chimeraCalls["gpu60_ctx512_temp0p8"]);
    EXPECT_EQ(samplesByVariant["gemma3:latest agent=chimera num_ctx=1024 num_gpu=80 repeat_penalty=1.1 "
                               "temperature=0.6 top_k=40 top_p=0.9"],
        chimeraCalls["gpu80_ctx1024_temp0p6"]);
    // Each folder is one run: data/metrics.json and reports/*.md together.
    EXPECT_EQ(ds.runs.size(), 2u);
    // Every report's mean was checked against its own run's samples, and agrees (no warnings at all).
    size_t checkedFromReports = 0;
    for (const auto& rv : ds.reported) {
        if (ds.files[rv.file].path.find("/reports/") != std::string::npos && rv.computed) {
            ++checkedFromReports;
            EXPECT_TRUE(rv.computedFromSameRun);
        }
    }
    EXPECT_GE(checkedFromReports, 8u); // throughput and TTFT mean + stddev in four reports
    for (const auto& d : ds.diagnostics)
        EXPECT_NE(d.severity, Severity::Warning) << d.file << ": " << d.message;
    for (const auto& f : ds.files) {
        if (f.path.ends_with("technical_report.md")) {
            EXPECT_EQ(f.reported, 0u);
        }
    }
}
