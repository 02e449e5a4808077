// Model reloads (detectColdStarts, Cause::Reload) and parameters confounded with the order of measurement
// (detectOrderConfounds), on ../shared/corpus/chimeraforge and on the two sweeps of tests/data/fixtures/run_order.
// Expected rows are computed here from the raw CSV cells with this file's own splitting and median; the confounds of
// the corpus sweep from its rows' values in file order.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/stats/analysis.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/run_order.h"
#include "models/stats/sweep.h"
#include "tests/support/test_paths.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace benchlens;

namespace {
std::shared_ptr<const Dataset> load(const std::string& root)
{
    auto result = ingestFolder(root);
    EXPECT_TRUE(result.ok()) << "cannot read " << root;
    return result.ok() ? result.value() : std::make_shared<const Dataset>();
}

const Dataset& corpus()
{
    static const auto ds = load(test::corpusDir());
    return *ds;
}

// The rows of a CSV without quoted commas (the sweep files quote plain cells at most), header first.
std::vector<std::map<std::string, std::string>> readCsv(const std::string& path)
{
    std::istringstream in(test::readFile(path));
    std::string line;
    std::vector<std::string> header;
    std::vector<std::map<std::string, std::string>> rows;
    const auto split = [](const std::string& l) {
        std::vector<std::string> cells(1);
        for (const char c : l) {
            if (c == ',')
                cells.emplace_back();
            else if (c != '"' && c != '\r')
                cells.back().push_back(c);
        }
        return cells;
    };
    while (std::getline(in, line)) {
        const auto cells = split(line);
        if (header.empty()) {
            header = cells;
            continue;
        }
        std::map<std::string, std::string> row;
        for (size_t k = 0; k < header.size() && k < cells.size(); ++k)
            row[header[k]] = cells[k];
        rows.push_back(std::move(row));
    }
    return rows;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The reload rule restated on one file's rows: load_s above half of ttft_s and above 5x the median load_s of the
// file's successful rows (each sweep file measures one model, whose warm load time every other file of the folder
// shares within a factor of two, so the file's median stands for the model's). 0-based indices of the data rows.
std::set<size_t> expectedReloadRows(const std::string& path)
{
    const auto rows = readCsv(path);
    std::vector<double> loads;
    for (const auto& row : rows) {
        if (!row.at("load_s").empty())
            loads.push_back(std::stod(row.at("load_s")));
    }
    const double usual = median(loads);
    std::set<size_t> out;
    for (size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].at("load_s").empty() || rows[r].at("ttft_s").empty())
            continue;
        const double loadS = std::stod(rows[r].at("load_s")), ttftS = std::stod(rows[r].at("ttft_s"));
        if (loadS > 0.5 * ttftS && loadS > 5 * usual)
            out.insert(r);
    }
    return out;
}

// The data rows (0-based) of `path` that flagObservations marks as reloads. Records are the file's data rows in
// order, failed ones included, so a record index is a data row index.
std::set<size_t> flaggedReloadRows(const Dataset& ds, const std::string& path, bool excludedToo = false)
{
    std::set<size_t> out;
    ExclusionOptions ex;
    ex.coldStarts = excludedToo;
    for (const FlaggedObservation& f : flagObservations(ds, ex)) {
        if (ds.files[f.file].path == path && f.reason.starts_with("model reload:")) {
            out.insert(f.record);
            EXPECT_EQ(f.excluded, excludedToo);
        }
    }
    return out;
}
} // namespace

TEST(StatsReloads, ChimeraforgeSweepRowsWhoseLoadDominatesTtftAreFlagged)
{
    const Dataset& ds = corpus();
    size_t total = 0;
    for (const char* path : {"csv_data/ollama_param_tuning.csv", "reports/gemma3/gemma3_param_tuning.csv",
             "reports/gemma3/gemma3_1b-it-qat_param_tuning.csv", "reports/gemma3/gemma3_270m_param_tuning.csv"}) {
        const std::set<size_t> expected = expectedReloadRows(test::corpusDir() + "/" + path);
        EXPECT_EQ(flaggedReloadRows(ds, path), expected) << path;
        EXPECT_EQ(flaggedReloadRows(ds, path, true), expected) << path;
        total += expected.size();
    }
    // 12 + 8 + 12 + 11: the first row after each num_gpu/num_ctx change (gemma3_param_tuning reloads after 8 of its
    // 12 changes; gemma3_270m after 11, one block starting with timed-out rows).
    EXPECT_EQ(total, 43u);
}

TEST(StatsReloads, ExcludingReloadsLeavesNoTemperatureEffectOnTtft)
{
    const Dataset& ds = corpus();
    const std::string base = "model=llama3.1:8b-instruct-q4_0,temperature=0.2";
    const std::string cand = "model=llama3.1:8b-instruct-q4_0,temperature=0.8";
    const auto kept = compareSelections(ds, base, {cand}, {"ttft_ms"});
    ExclusionOptions ex;
    ex.coldStarts = true;
    const auto dropped = compareSelections(ds, base, {cand}, {"ttft_ms"}, CompareOptions {}, ex);
    ASSERT_TRUE(kept.ok() && dropped.ok());
    ASSERT_EQ(kept.value().candidates.at(0).metrics.size(), 1u);
    EXPECT_EQ(kept.value().candidates[0].metrics[0].comparison.verdict, Verdict::Better); // the reloads speak
    // Every temperature=0.2 TTFT of the sweep is the first row after a num_gpu/num_ctx change, i.e. a reload: with
    // them set aside, the baseline has no TTFT left to compare, and there is no verdict of "better".
    const std::set<size_t> reloads = expectedReloadRows(test::corpusDir() + "/csv_data/ollama_param_tuning.csv");
    const auto rows = readCsv(test::corpusDir() + "/csv_data/ollama_param_tuning.csv");
    size_t baselineLeft = 0;
    for (size_t r = 0; r < rows.size(); ++r)
        baselineLeft += rows[r].at("temperature") == "0.2" && !reloads.count(r) ? 1 : 0;
    const auto& metrics = dropped.value().candidates.at(0).metrics;
    ASSERT_EQ(baselineLeft, 0u);
    EXPECT_TRUE(metrics.empty());
    for (const auto& m : metrics)
        EXPECT_NE(m.comparison.verdict, Verdict::Better);
    // And the comparison says why temperature is confounded with order.
    const auto& warnings = dropped.value().warnings;
    EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(), [](const std::string& w) {
        return w.find("run order: in csv_data/ollama_param_tuning.csv, temperature=0.2 is measured first in each of "
                      "the 12 blocks")
            == 0;
    })) << ::testing::PrintToString(warnings);
    EXPECT_NE(std::find(warnings.begin(), warnings.end(),
                  "ttft_ms: the baseline has no observation of it left after the exclusions, so there is no verdict"),
        warnings.end())
        << ::testing::PrintToString(warnings);
}

TEST(StatsReloads, ChimeraforgeSweepOrderConfoundsFromTheRows)
{
    const Dataset& ds = corpus();
    const std::string path = "csv_data/ollama_param_tuning.csv";
    const auto rows = readCsv(test::corpusDir() + "/" + path);
    // Blocks of the nested loops, read from the rows: temperature's first value after each (num_gpu, num_ctx)
    // change, num_ctx's first value after each num_gpu change, and num_gpu's runs.
    std::set<std::string> firstTemperature, firstCtx;
    size_t temperatureBlocks = 0, ctxBlocks = 0, gpuRuns = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
        const bool gpuChanged = r == 0 || rows[r].at("num_gpu") != rows[r - 1].at("num_gpu");
        const bool ctxChanged = r == 0 || rows[r].at("num_ctx") != rows[r - 1].at("num_ctx");
        if (gpuChanged || ctxChanged) {
            ++temperatureBlocks;
            firstTemperature.insert(rows[r].at("temperature"));
        }
        if (gpuChanged) {
            ++ctxBlocks;
            ++gpuRuns;
            firstCtx.insert(rows[r].at("num_ctx"));
        }
    }
    ASSERT_EQ(firstTemperature, std::set<std::string> {"0.2"});
    ASSERT_EQ(firstCtx, std::set<std::string> {"1024"});
    std::map<std::string, const OrderConfound*> found;
    const auto confounds = detectOrderConfounds(ds);
    for (const auto& c : confounds) {
        if (ds.files[c.file].path == path)
            found[c.parameter] = &c;
    }
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found["temperature"]->kind, OrderConfound::Kind::AlwaysFirst);
    EXPECT_EQ(found["temperature"]->value, "0.2");
    EXPECT_EQ(found["temperature"]->blocks, temperatureBlocks);
    EXPECT_EQ(found["temperature"]->outer, (std::vector<std::string> {"num_ctx", "num_gpu"}));
    EXPECT_EQ(found["num_ctx"]->kind, OrderConfound::Kind::AlwaysFirst);
    EXPECT_EQ(found["num_ctx"]->value, "1024");
    EXPECT_EQ(found["num_ctx"]->blocks, ctxBlocks);
    EXPECT_EQ(found["num_gpu"]->kind, OrderConfound::Kind::ContiguousBlocks);
    EXPECT_EQ(found["num_gpu"]->blocks, gpuRuns); // each of its values in one run of rows

    // The sweep of the model carries the same three sentences.
    const Analysis analysis = analyze(ds);
    const auto sweep = analyzeSweep(ds, analysis, "llama3.1:8b-instruct-q4_0");
    ASSERT_TRUE(sweep.ok()) << sweep.error();
    for (const auto& [parameter, c] : found) {
        const std::string sentence = describeOrderConfound(ds, *c);
        EXPECT_NE(std::find(sweep.value().orderWarnings.begin(), sweep.value().orderWarnings.end(), sentence),
            sweep.value().orderWarnings.end())
            << sentence;
    }
}

TEST(StatsReloads, FixtureBlockedSweepIsConfoundedAndReloadsOnEachBlock)
{
    const auto ds = load(test::testDataDir() + "/fixtures/run_order/blocked");
    // Rows 0 and 3 (load 2.00 s of TTFT 2.10 s, 1.80 s of 1.90 s; the median load of the six rows is 0.055 s).
    EXPECT_EQ(flaggedReloadRows(*ds, "sweep.csv"), (std::set<size_t> {0, 3}));
    const auto confounds = detectOrderConfounds(*ds);
    ASSERT_EQ(confounds.size(), 2u);
    EXPECT_EQ(confounds[0].parameter, "num_ctx"); // by parameter name
    EXPECT_EQ(confounds[0].kind, OrderConfound::Kind::ContiguousBlocks);
    EXPECT_EQ(confounds[0].blocks, 2u);
    EXPECT_EQ(confounds[1].parameter, "temperature");
    EXPECT_EQ(confounds[1].kind, OrderConfound::Kind::AlwaysFirst);
    EXPECT_EQ(confounds[1].value, "0.2");
    EXPECT_EQ(confounds[1].blocks, 2u);
    EXPECT_EQ(confounds[1].outer, std::vector<std::string> {"num_ctx"});
    EXPECT_EQ(describeOrderConfound(*ds, confounds[1]),
        "in sweep.csv, temperature=0.2 is measured first in each of the 2 blocks after a change of num_ctx: what the "
        "first measurement after a change carries (a model reload, a warm-up) is attributed to it");
}

TEST(StatsReloads, FixtureInterleavedSweepIsNeitherConfoundedNorReloaded)
{
    const auto ds = load(test::testDataDir() + "/fixtures/run_order/interleaved");
    ASSERT_EQ(ds->variants.size(), 6u);
    EXPECT_TRUE(flaggedReloadRows(*ds, "sweep.csv").empty());
    EXPECT_TRUE(detectOrderConfounds(*ds).empty());
}
