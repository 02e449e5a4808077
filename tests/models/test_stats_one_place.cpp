// The functions issue 12 made the one place for an idea: sweptParameters (stats/sweep.h, feeding the sweep
// analysis and the window's sweep chart) and countObservations (data/observation_counts.h, feeding the ingest and
// restrictDataset). Datasets are built by hand; the expected values are read off the hand-made tables below.
#include "models/charts/chart_spec.h"
#include "models/data/dataset.h"
#include "models/data/observation_counts.h"
#include "models/stats/sweep.h"

#include <gtest/gtest.h>

using namespace benchlens;

namespace {
using Config = std::vector<std::pair<std::string, std::string>>;

Dataset sweepDataset()
{
    Dataset ds;
    // v0, v1: a num_gpu sweep with a text-valued quant; v2: a baseline run that sets neither; v3: another model. Each
    // was measured once.
    ds.variants.push_back({"m a", "m", Config {{"num_gpu", "40"}, {"quant", "q4"}, {"temp", "0.8"}}, {}, {}, 1, 0});
    ds.variants.push_back({"m b", "m", Config {{"num_gpu", "999"}, {"quant", "q8"}, {"temp", "0.8"}}, {}, {}, 1, 0});
    ds.variants.push_back({"m c", "m", Config {{"temp", "0.8"}}, {}, {}, 1, 0});
    ds.variants.push_back({"n", "n", Config {{"num_gpu", "1"}, {"num_gpu2", "2"}}, {}, {}, 1, 0});
    return ds;
}
} // namespace

TEST(SweptParameters, UnsetCountsAsAValueAndNumbersAreCounted)
{
    const Dataset ds = sweepDataset();
    const std::vector<uint32_t> all {0, 1, 2};
    const SweptParameters s = sweptParameters(ds, all);
    // num_gpu: 40, 999 and unset; quant: q4, q8 and unset; temp: 0.8 everywhere.
    EXPECT_EQ(s.varying, (std::vector<std::string> {"num_gpu", "quant"}));
    EXPECT_EQ(s.distinctNumbers, (std::vector<size_t> {2, 0}));
    EXPECT_EQ(s.fixed, (Config {{"temp", "0.8"}}));

    // One value and unset: it varies (the sweep analysis lists it), with one number (no chart axis).
    const std::vector<uint32_t> oneAndBaseline {0, 2};
    const SweptParameters t = sweptParameters(ds, oneAndBaseline);
    EXPECT_EQ(t.varying, (std::vector<std::string> {"num_gpu", "quant"}));
    EXPECT_EQ(t.distinctNumbers, (std::vector<size_t> {1, 0}));
    EXPECT_EQ(t.fixed, (Config {{"temp", "0.8"}}));

    const std::vector<uint32_t> one {3};
    const SweptParameters u = sweptParameters(ds, one);
    EXPECT_TRUE(u.varying.empty());
    EXPECT_EQ(u.fixed, (Config {{"num_gpu", "1"}, {"num_gpu2", "2"}}));
}

TEST(SweptParameters, TheChartAxisNeedsTwoNumbers)
{
    const Dataset ds = sweepDataset();
    EXPECT_EQ(charts::sweepParameters(ds, "m"), (std::vector<std::string> {"num_gpu"}));
    EXPECT_TRUE(charts::sweepParameters(ds, "n").empty());
}

// Issue 16: a grid known only from a summary file's reported values draws no point, so it is no sweep to chart (the
// sweep tab started on such a model and stayed blank).
TEST(SweptParameters, OnlyMeasuredVariantsMakeASweep)
{
    Dataset ds = sweepDataset();
    ds.variants[1].observations = 0; // num_gpu=999 only reported: one number left
    EXPECT_TRUE(charts::sweepParameters(ds, "m").empty());
}

TEST(CountObservations, ByVariantAndFileSkippingCopiesAndDroppedVariants)
{
    Dataset ds;
    ds.variants.resize(2);
    ds.files.resize(3);
    // File 0: groups -> variants {0, 1}; records: (g0 ok), (g0 failed), (g1 ok), (g1 ok).
    ds.files[0].groupVariants = {VariantIndex(0), VariantIndex(1)};
    for (const auto& [group, failed] :
        std::vector<std::pair<uint32_t, bool>> {{0, false}, {0, true}, {1, false}, {1, false}})
        ds.files[0].extract.records.push_back({group, {}, failed});
    // File 1: an equivalent of file 0 (not counted again); file 2: one record of a dropped variant, one of variant 1.
    ds.files[1].equivalentOf = FileIndex(0);
    ds.files[1].groupVariants = {VariantIndex(0)};
    ds.files[1].extract.records.push_back({0, {}, false});
    ds.files[2].groupVariants = {std::nullopt, VariantIndex(1)};
    ds.files[2].extract.records.push_back({0, {}, false});
    ds.files[2].extract.records.push_back({1, {}, true});

    const ObservationCounts all = countObservations(ds);
    EXPECT_EQ(all.variantObservations, (std::vector<uint32_t> {1, 2}));
    EXPECT_EQ(all.variantFailures, (std::vector<uint32_t> {1, 1}));
    EXPECT_EQ(all.fileObservations, (std::vector<uint32_t> {3, 0, 0}));
    EXPECT_EQ(all.fileFailures, (std::vector<uint32_t> {1, 0, 1}));
    EXPECT_EQ(all.variantFiles[0], (std::set<uint32_t> {0}));
    EXPECT_EQ(all.variantFiles[1], (std::set<uint32_t> {0, 2}));

    // Only the records that did not fail.
    const ObservationCounts ok = countObservations(
        ds, [&](uint32_t f, uint32_t r, uint32_t) { return !ds.files[f].extract.records[r].failed; });
    EXPECT_EQ(ok.variantObservations, (std::vector<uint32_t> {1, 2}));
    EXPECT_EQ(ok.variantFailures, (std::vector<uint32_t> {0, 0}));
    EXPECT_EQ(ok.variantFiles[1], (std::set<uint32_t> {0}));
}
