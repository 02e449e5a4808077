// computeFindings on real folders: the sample folder and ../shared/corpus/chimeraforge. Every expected value is
// computed here from the raw CSV files, with this file's own CSV splitting, median, mean and standard deviation
// (never by calling BenchLens's statistics), and compared with the typed findings.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/stats/analysis.h"
#include "models/stats/findings.h"
#include "tests/support/test_paths.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

using namespace benchlens;

namespace {
struct Loaded
{
    std::shared_ptr<const Dataset> ds;
    Analysis analysis;
    std::vector<Finding> findings;
};

Loaded load(const std::string& root)
{
    Loaded l;
    auto result = ingestFolder(root);
    EXPECT_TRUE(result.ok()) << "cannot read " << root;
    l.ds = result.ok() ? result.value() : std::make_shared<const Dataset>();
    l.analysis = analyze(*l.ds);
    l.findings = computeFindings(*l.ds, l.analysis);
    return l;
}

const Loaded& sample()
{
    static const Loaded l = load(test::sampleDir());
    return l;
}

const Loaded& chimeraforge()
{
    static const Loaded l = load(test::corpusDir());
    return l;
}

// A CSV as rows of cells (RFC 4180: quoted cells, "" for a quote, commas and newlines inside quotes); the first row
// is the header, returned as rows of name -> cell.
std::vector<std::map<std::string, std::string>> readCsv(const std::string& path)
{
    const std::string text = test::readFile(path);
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                cell.push_back(text[++i]);
            else if (c == '"')
                quoted = false;
            else
                cell.push_back(c);
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n') {
            rows.back().push_back(std::move(cell));
            cell.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            cell.push_back(c);
        }
    }
    if (!cell.empty() || !rows.back().empty())
        rows.back().push_back(std::move(cell));
    if (rows.back().empty())
        rows.pop_back();
    std::vector<std::map<std::string, std::string>> out;
    for (size_t r = 1; r < rows.size(); ++r) {
        std::map<std::string, std::string> row;
        for (size_t k = 0; k < rows[0].size() && k < rows[r].size(); ++k)
            row[rows[0][k]] = rows[r][k];
        out.push_back(std::move(row));
    }
    return out;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double mean(const std::vector<double>& v)
{
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double stddev(const std::vector<double>& v)
{
    const double m = mean(v);
    double ss = 0;
    for (const double x : v)
        ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

// The cold-start rule, restated: in one group of successful rows (one variant in one file), with at least three,
// the first TTFT is more than 3x the median of the others and above all of them.
struct ExpectedColdStart
{
    double first = 0, restMin = 0, restMax = 0, restMedian = 0;
};
std::vector<ExpectedColdStart> coldStartsOf(const std::map<std::string, std::vector<double>>& ttftMsByGroup)
{
    std::vector<ExpectedColdStart> out;
    for (const auto& [group, values] : ttftMsByGroup) {
        if (values.size() < 3)
            continue;
        const std::vector<double> rest(values.begin() + 1, values.end());
        const double restMax = *std::max_element(rest.begin(), rest.end());
        if (values[0] > 3 * median(rest) && values[0] > restMax)
            out.push_back({values[0], *std::min_element(rest.begin(), rest.end()), restMax, median(rest)});
    }
    return out;
}

std::vector<const Finding*> ofKind(const Loaded& l, FindingKind kind)
{
    std::vector<const Finding*> out;
    for (const auto& f : l.findings) {
        if (f.kind == kind)
            out.push_back(&f);
    }
    return out;
}

// Whether a sample is the first TTFT of its file and variant (in record order).
bool firstOfItsGroup(const Dataset& ds, uint32_t sample)
{
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        if (ds.samples.file[i] == ds.samples.file[sample] && ds.samples.variant[i] == ds.samples.variant[sample]
            && ds.samples.metric[i] == ds.samples.metric[sample] && ds.samples.record[i] < ds.samples.record[sample])
            return false;
    }
    return true;
}

// The cold-start findings of one file (by path) on the first TTFT of a file and variant, sorted by first value: the
// first-prompt rule's, and the reloads (test_stats_reloads.cpp checks those) that the first-prompt rule then leaves
// to them.
std::vector<const ColdStart*> coldStartFindingsOf(const Loaded& l, const std::string& path)
{
    std::vector<const ColdStart*> out;
    for (const Finding* f : ofKind(l, FindingKind::ColdStart)) {
        const auto& c = std::get<ColdStart>(f->detail);
        const bool reload = c.cause == ColdStart::Cause::Reload;
        EXPECT_EQ(f->files, std::vector<uint32_t> {c.file});
        EXPECT_EQ(f->samples, std::vector<uint32_t> {c.sample});
        EXPECT_EQ(f->threshold, reload ? 5.0 : 3.0);
        if (l.ds->files[c.file].path == path && (!reload || firstOfItsGroup(*l.ds, c.sample)))
            out.push_back(&c);
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->firstValue < b->firstValue; });
    return out;
}

void expectColdStarts(const Loaded& l, const std::string& path, std::vector<ExpectedColdStart> expected)
{
    std::sort(expected.begin(), expected.end(), [](auto& a, auto& b) { return a.first < b.first; });
    const auto actual = coldStartFindingsOf(l, path);
    ASSERT_EQ(actual.size(), expected.size()) << path;
    for (size_t i = 0; i < actual.size(); ++i) {
        EXPECT_NEAR(actual[i]->firstValue, expected[i].first, 1e-9) << path;
        if (actual[i]->cause == ColdStart::Cause::Reload)
            continue; // the load time says why; the rest of the file is not compared
        EXPECT_NEAR(actual[i]->restMin, expected[i].restMin, 1e-9) << path;
        EXPECT_NEAR(actual[i]->restMax, expected[i].restMax, 1e-9) << path;
        EXPECT_NEAR(actual[i]->restMedian, expected[i].restMedian, 1e-9) << path;
    }
}

// The prompt-suite CSVs: one group per (model, options) of the successful rows (empty error), TTFT in ms.
std::map<std::string, std::vector<double>> promptSuiteTtft(const std::string& path)
{
    std::map<std::string, std::vector<double>> groups;
    for (auto& row : readCsv(path)) {
        if (row["error"].empty())
            groups[row["model"] + " " + row["options"]].push_back(std::stod(row["ttft_s"]) * 1000);
    }
    return groups;
}

const std::string kLlama = "llama3.2:3b-instruct-q4_K_M";

// The sample sweep's throughput per configuration (successful rows), keyed by the variant id BenchLens gives it:
// the model, then the parameters in name order.
std::map<std::string, std::vector<double>> sweepThroughput()
{
    std::map<std::string, std::vector<double>> throughput;
    for (auto& row : readCsv(test::sampleDir() + "/sweeps/llama3.2_3b_param_sweep.csv")) {
        if (row["error"].empty())
            throughput[kLlama + " num_ctx=" + row["num_ctx"] + " num_gpu=" + row["num_gpu"]
                + " temperature=" + row["temperature"]]
                .push_back(std::stod(row["tokens_s"]));
    }
    return throughput;
}
} // namespace

TEST(StatsFindings, SampleColdStartsFollowTheRuleOnTheRawRows)
{
    const Loaded& l = sample();
    const std::string suite = "ollama/20260105-101500/prompt_suite_runs.csv";
    const auto suiteExpected = coldStartsOf(promptSuiteTtft(test::sampleDir() + "/" + suite));
    EXPECT_EQ(suiteExpected.size(), 3u); // each of the three models loads on its first prompt
    expectColdStarts(l, suite, suiteExpected);

    const std::string sweep = "sweeps/llama3.2_3b_param_sweep.csv";
    std::map<std::string, std::vector<double>> byConfig;
    for (auto& row : readCsv(test::sampleDir() + "/" + sweep)) {
        if (row["error"].empty())
            byConfig[row["num_gpu"] + "/" + row["num_ctx"] + "/" + row["temperature"]].push_back(
                std::stod(row["ttft_s"]) * 1000);
    }
    const auto sweepExpected = coldStartsOf(byConfig);
    EXPECT_EQ(sweepExpected.size(), 1u);
    expectColdStarts(l, sweep, sweepExpected);
    // No other file of the sample has a cold start.
    EXPECT_EQ(ofKind(l, FindingKind::ColdStart).size(), suiteExpected.size() + sweepExpected.size());
}

TEST(StatsFindings, SampleBestConfigurationOfLlamaWithItsMarginAndCaveat)
{
    const Loaded& l = sample();
    // The llama configurations with throughput samples: the 18 sweep configurations (3 rows each) and the prompt
    // suite's (its successful rows, first run; the second run failed throughout).
    std::map<std::string, std::vector<double>> throughput = sweepThroughput();
    for (const char* run : {"20260105-101500", "20260105-103000"}) {
        for (auto& row : readCsv(test::sampleDir() + "/ollama/" + run + "/prompt_suite_runs.csv")) {
            if (row["model"] == kLlama && row["error"].empty())
                throughput[kLlama + " temperature=0.7 top_p=0.9"].push_back(std::stod(row["tokens_s"]));
        }
    }
    ASSERT_EQ(throughput.size(), 19u);
    std::vector<std::pair<double, std::string>> means;
    for (const auto& [id, values] : throughput)
        means.push_back({mean(values), id});
    std::sort(means.rbegin(), means.rend());
    const auto& bestValues = throughput[means[0].second];
    const auto& secondValues = throughput[means[1].second];

    const Finding* found = nullptr;
    for (const Finding* f : ofKind(l, FindingKind::BestConfiguration)) {
        if (std::get<BestConfiguration>(f->detail).model == kLlama)
            found = f;
    }
    ASSERT_NE(found, nullptr);
    const auto& b = std::get<BestConfiguration>(found->detail);
    EXPECT_EQ(l.ds->variants[*found->variant].id, means[0].second);
    EXPECT_EQ(l.ds->variants[b.runnerUp].id, means[1].second);
    EXPECT_EQ(l.ds->metrics[*found->metric].id, "throughput_tok_s");
    EXPECT_EQ(b.configurations, 19u);
    EXPECT_NEAR(b.best.mean, means[0].first, 1e-9);
    EXPECT_NEAR(b.second.mean, means[1].first, 1e-9);
    EXPECT_EQ(b.best.n, bestValues.size());
    EXPECT_EQ(b.second.n, secondValues.size());
    EXPECT_NEAR(b.marginPct, 100 * (means[0].first / means[1].first - 1), 1e-9);
    EXPECT_EQ(found->samples.size(), bestValues.size() + secondValues.size());
    EXPECT_EQ(found->threshold, 3.0);
    // Both have n >= 3; the 95% CIs (Student's t: t(0.975, 2) = 4.302653, t(0.975, 4) = 2.776445) overlap.
    ASSERT_EQ(bestValues.size(), 3u);
    ASSERT_EQ(secondValues.size(), 5u);
    const double bestLow = mean(bestValues) - 4.302653 * stddev(bestValues) / std::sqrt(3.0);
    const double secondHigh = mean(secondValues) + 2.776445 * stddev(secondValues) / std::sqrt(5.0);
    ASSERT_LE(bestLow, secondHigh);
    EXPECT_EQ(b.caveat, MarginCaveat::OverlappingIntervals);
}

TEST(StatsFindings, SampleFailuresCountTheFailedRowsOfEachPromptSuiteVariant)
{
    const Loaded& l = sample();
    std::map<std::string, std::pair<uint64_t, uint64_t>> failedAndAll; // variant id -> (failed, all)
    for (const char* run : {"20260105-101500", "20260105-103000"}) {
        for (auto& row : readCsv(test::sampleDir() + "/ollama/" + run + "/prompt_suite_runs.csv")) {
            auto& [failed, all] = failedAndAll[row["model"] + " temperature=0.7 top_p=0.9"];
            failed += row["error"].empty() ? 0 : 1;
            ++all;
        }
    }
    ASSERT_EQ(failedAndAll.size(), 3u);
    for (const auto& [id, counts] : failedAndAll) {
        const Finding* found = nullptr;
        for (const Finding* f : ofKind(l, FindingKind::Failures))
            found = l.ds->variants[*f->variant].id == id ? f : found;
        ASSERT_NE(found, nullptr) << id;
        const auto& o = std::get<FailedObservations>(found->detail);
        EXPECT_EQ(o.failed, counts.first) << id;
        EXPECT_EQ(o.observations, counts.second) << id;
        // Both runs' CSVs are among the files behind it.
        for (const char* run : {"20260105-101500", "20260105-103000"}) {
            const auto file = l.ds->findFile(std::string("ollama/") + run + "/prompt_suite_runs.csv");
            ASSERT_TRUE(file);
            EXPECT_TRUE(std::binary_search(found->files.begin(), found->files.end(), file->value));
        }
    }
}

TEST(StatsFindings, SampleHighVarianceIsTheThroughputCvAboveTenPercent)
{
    const Loaded& l = sample();
    // Every sweep configuration: a finding exactly when its CV (n >= 3) exceeds 10%.
    std::map<std::string, std::vector<double>> throughput = sweepThroughput();
    for (const auto& [id, values] : throughput) {
        const bool expected = values.size() >= 3 && stddev(values) / mean(values) > 0.10;
        bool found = false;
        for (const Finding* f : ofKind(l, FindingKind::HighVariance)) {
            if (l.ds->variants[*f->variant].id != id)
                continue;
            found = true;
            EXPECT_NEAR(std::get<Summary>(f->detail).cv, stddev(values) / mean(values), 1e-12);
            EXPECT_EQ(f->threshold, 0.10);
        }
        EXPECT_EQ(found, expected) << id;
    }
}

TEST(StatsFindings, SampleReportedDisagreementAndMissingMemory)
{
    const Loaded& l = sample();
    // reports/benchmark_summary.md states a mean throughput of 73.10 tok/s for num_gpu=20 num_ctx=1024
    // temperature=0.2; the three sweep rows of that configuration average to 74.12.
    std::vector<double> values;
    for (auto& row : readCsv(test::sampleDir() + "/sweeps/llama3.2_3b_param_sweep.csv")) {
        if (row["num_gpu"] == "20" && row["num_ctx"] == "1024" && row["temperature"] == "0.2")
            values.push_back(std::stod(row["tokens_s"]));
    }
    ASSERT_EQ(values.size(), 3u);
    char computed[32];
    std::snprintf(computed, sizeof computed, "%.2f", mean(values));
    const auto disagreements = ofKind(l, FindingKind::ReportedDisagreement);
    ASSERT_EQ(disagreements.size(), 1u);
    const Diagnostic& d = l.ds->diagnostics[std::get<ReportedDisagreement>(disagreements[0]->detail).diagnostic];
    EXPECT_EQ(d.file, "reports/benchmark_summary.md");
    EXPECT_NE(d.message.find("73.10"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find(computed), std::string::npos) << d.message;
    EXPECT_EQ(disagreements[0]->files, std::vector<uint32_t> {l.ds->findFile(d.file).value().value});

    // The sample has TTFT but no memory or VRAM column anywhere: one missing kind of telemetry, memory.
    const auto missing = ofKind(l, FindingKind::MissingTelemetry);
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(std::get<Telemetry>(missing[0]->detail), Telemetry::Memory);
}

TEST(StatsFindings, ChimeraforgeColdStartsOfEveryOllamaRunFile)
{
    const Loaded& l = chimeraforge();
    ASSERT_FALSE(l.ds->files.empty());
    size_t checked = 0;
    size_t coldStarts = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::corpusDir() + "/reports/ollama")) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || !name.ends_with("_runs.csv"))
            continue;
        const std::string rel = std::filesystem::relative(entry.path(), test::corpusDir()).string();
        const auto file = l.ds->findFile(rel);
        ASSERT_TRUE(file) << rel;
        // A CSV that holds the same samples as another file (its run's JSON) counts them there, so its cold starts
        // are found in that file.
        const SourceFile& source = l.ds->file(*file);
        const std::string countedIn = source.equivalentOf ? l.ds->file(*source.equivalentOf).path : rel;
        const auto expected = coldStartsOf(promptSuiteTtft(entry.path().string()));
        coldStarts += expected.size();
        expectColdStarts(l, countedIn, expected);
        ++checked;
    }
    EXPECT_EQ(checked, 10u); // the ten *_runs.csv of reports/ollama
    EXPECT_EQ(coldStarts, 5u); // python3's csv module and statistics.median give the same five
}

TEST(StatsFindings, ChimeraforgeFindingsComeInTheReportOrder)
{
    const Loaded& l = chimeraforge();
    ASSERT_FALSE(l.findings.empty());
    // Kinds in FindingKind's order (cold starts, best configurations, ..., missing telemetry), as the report lists
    // them.
    for (size_t i = 1; i < l.findings.size(); ++i)
        EXPECT_LE(static_cast<int>(l.findings[i - 1].kind), static_cast<int>(l.findings[i].kind)) << i;
    EXPECT_STREQ(findingKindName(FindingKind::ColdStart), "cold_start");
}
