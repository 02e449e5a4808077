// The filter value the SelectionHub holds (models/itemmodels/sample_filter.h) and the variants proxy that applies
// it: verdicts counted independently from the sample folder's variants, and a regression test for the reset order
// the main window once had to keep (the variants proxy asked the samples model, so that model had to be reset first).
#include "models/data/dataset.h"
#include "models/itemmodels/sample_filter.h"
#include "models/itemmodels/sample_filter_proxy.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/variants_model.h"
#include "tests/support/loaded_folder.h"
#include "tests/support/test_paths.h"

#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

using namespace benchlens;

namespace {

const test::Loaded& sample()
{
    static const test::Loaded loaded = test::loadFolder(test::sampleDir());
    return loaded;
}

// Variants of `ds` whose model is `model` and, when `key` is set, whose configuration has key=value.
int countVariants(
    const Dataset& ds, const std::string& model, const std::string& key = {}, const std::string& value = {})
{
    int n = 0;
    for (const Variant& v : ds.variants) {
        bool configOk = key.empty();
        for (const auto& [k, val] : v.config)
            configOk = configOk || (k == key && val == value);
        n += (model.empty() || v.model == model) && configOk;
    }
    return n;
}

} // namespace

TEST(SampleFilter, AcceptsVariantsByModelAndConfiguration)
{
    const Dataset& ds = *sample().dataset;
    const auto accepted = [&](const SampleFilter& f) {
        int n = 0;
        for (size_t v = 0; v < ds.variants.size(); ++v)
            n += f.acceptsVariant(ds, static_cast<int>(v));
        return n;
    };
    SampleFilter f;
    EXPECT_EQ(accepted(f), static_cast<int>(ds.variants.size()));
    f.model = QStringLiteral("llama3.2:3b-instruct-q4_K_M");
    const int byModel = countVariants(ds, "llama3.2:3b-instruct-q4_K_M");
    EXPECT_GT(byModel, 0);
    EXPECT_LT(byModel, static_cast<int>(ds.variants.size()));
    EXPECT_EQ(accepted(f), byModel);
    EXPECT_TRUE(f.setConfig(QStringLiteral("num_gpu"), QStringLiteral("40")));
    EXPECT_FALSE(f.setConfig(QStringLiteral("num_gpu"), QStringLiteral("40"))); // unchanged
    const int byConfig = countVariants(ds, "llama3.2:3b-instruct-q4_K_M", "num_gpu", "40");
    EXPECT_GT(byConfig, 0);
    EXPECT_LT(byConfig, byModel);
    EXPECT_EQ(accepted(f), byConfig);
    // A key no variant has accepts none; an empty value removes the filter on the key.
    EXPECT_TRUE(f.setConfig(QStringLiteral("no_such_key"), QStringLiteral("1")));
    EXPECT_EQ(accepted(f), 0);
    EXPECT_TRUE(f.setConfig(QStringLiteral("no_such_key"), QString()));
    EXPECT_EQ(accepted(f), byConfig);
    // The text, metric and selection do not narrow the variants the charts show.
    f.text = QStringLiteral("nothing matches this");
    f.metric = QStringLiteral("ttft_ms");
    f.variant = VariantIndex(0);
    EXPECT_EQ(accepted(f), byConfig);
    EXPECT_FALSE(f.acceptsVariant(ds, -1));
    EXPECT_FALSE(f.acceptsVariant(ds, static_cast<int>(ds.variants.size())));
}

TEST(SampleFilter, ScopeSelectorNamesTheFiltersButNotTheText)
{
    const Dataset& ds = *sample().dataset;
    SampleFilter f;
    f.text = QStringLiteral("llama");
    EXPECT_EQ(f.scopeSelector(&ds), ""); // a search, not a scope
    f.model = QStringLiteral("llama3.2:3b-instruct-q4_K_M");
    f.setConfig(QStringLiteral("num_gpu"), QStringLiteral("40"));
    f.metric = QStringLiteral("throughput_tok_s");
    EXPECT_EQ(f.scopeSelector(&ds), "model=llama3.2:3b-instruct-q4_K_M,num_gpu=40,metric=throughput_tok_s");
    // A selection outside the dataset, or without one, is left out.
    f.variant = VariantIndex(ds.variants.size());
    f.file = FileIndex(ds.files.size());
    EXPECT_EQ(f.scopeSelector(&ds), "model=llama3.2:3b-instruct-q4_K_M,num_gpu=40,metric=throughput_tok_s");
    f.variant = VariantIndex(0);
    EXPECT_EQ(f.scopeSelector(nullptr), "model=llama3.2:3b-instruct-q4_K_M,num_gpu=40,metric=throughput_tok_s");
}

// Regression: the variants proxy judged variants through the samples model, so a variants model reset before the
// samples model was filtered against the previous folder (main_window.cpp kept "the samples model goes first").
TEST(VariantFilterProxy, DoesNotDependOnWhichModelIsResetFirst)
{
    const Dataset& ds = *sample().dataset;
    VariantsModel variants;
    SamplesModel samples;
    SampleFilterProxy filter;
    filter.setSamplesModel(&samples);
    VariantFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(&variants);
    proxy.setSampleFilter(&filter);
    SampleFilter gemma;
    gemma.model = QStringLiteral("gemma3:4b-it-qat");
    filter.setFilter(gemma);
    const int expected = countVariants(ds, "gemma3:4b-it-qat");
    ASSERT_GT(expected, 0);

    variants.setDataset(sample().dataset, sample().analysis); // the samples model has no Dataset yet
    EXPECT_EQ(proxy.rowCount(), expected);
    samples.setDataset(sample().dataset);
    EXPECT_EQ(proxy.rowCount(), expected);
    // The other order, on a fresh copy of the folder.
    const test::Loaded again = test::loadFolder(test::sampleDir());
    samples.setDataset(again.dataset);
    variants.setDataset(again.dataset, again.analysis);
    EXPECT_EQ(proxy.rowCount(), expected);
}
