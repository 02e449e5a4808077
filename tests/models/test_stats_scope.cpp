// Selectors (stats/selector.h) and the part of a folder they select (stats/scope.h): a small folder written here,
// whose expected counts and means follow from the rows the test writes.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/stats/analysis.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/scope.h"
#include "models/stats/selector.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <string>
#include <vector>

using namespace benchlens;

namespace {

void write(const QString& path, const char* text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// Two files of one benchmark: m1 at num_gpu 80 and 40 and m2 at 80 in a/, more m1 at 80 in b/ (a folder whose name
// has a comma). One failed call (m1, num_gpu 80, in a/).
class ScopeTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        write(m_dir.filePath(QStringLiteral("a/runs.csv")),
            "model,num_gpu,tokens_s,ttft_s,error\n"
            "m1,80,100,0.1,\n"
            "m1,80,110,0.2,\n"
            "m1,80,0,0,timeout\n"
            "m1,40,90,0.15,\n"
            "m2,80,50,0.3,\n"
            "m2,80,55,0.25,\n");
        write(m_dir.filePath(QStringLiteral("b, final/runs.csv")),
            "model,num_gpu,tokens_s,ttft_s,error\n"
            "m1,80,120,0.12,\n"
            "m1,80,130,0.13,\n");
        auto result = ingestFolder(m_dir.path().toStdString());
        ASSERT_TRUE(result) << result.error();
        m_ds = std::move(result).value();
    }

    Dataset part(const std::vector<std::string>& selectors)
    {
        auto r = restrictDataset(*m_ds, selectors);
        EXPECT_TRUE(r) << (r ? std::string() : r.error());
        return r ? std::move(r).value() : Dataset();
    }

    static std::set<std::string> variantIds(const Dataset& ds)
    {
        std::set<std::string> ids;
        for (const auto& v : ds.variants)
            ids.insert(v.id);
        return ids;
    }

    // The values of one metric, in file/record order.
    static std::vector<double> values(const Dataset& ds, const char* metric)
    {
        std::vector<double> out;
        const auto m = ds.findMetric(metric);
        for (size_t i = 0; i < ds.samples.size(); ++i) {
            if (MetricIndex(ds.samples.metric[i]) == m)
                out.push_back(ds.samples.value[i]);
        }
        return out;
    }

    static uint64_t observations(const Dataset& ds)
    {
        uint64_t n = 0;
        for (const auto& v : ds.variants)
            n += v.observations;
        return n;
    }

    static uint64_t failures(const Dataset& ds)
    {
        uint64_t n = 0;
        for (const auto& v : ds.variants)
            n += v.failedObservations;
        return n;
    }

    QTemporaryDir m_dir;
    std::shared_ptr<const Dataset> m_ds;
};

} // namespace

TEST(Selector, QuotedValuesHoldCommasAndQuotes)
{
    EXPECT_EQ(selectorTerm("model", "gemma3:270m"), "model=gemma3:270m");
    EXPECT_EQ(selectorTerm("file", "b, final/runs.csv"), "file=\"b, final/runs.csv\"");
    EXPECT_EQ(selectorTerm("prompt", "say \"hi\""), "prompt=\"say \"\"hi\"\"\"");
    EXPECT_EQ(selectorTerm("k", " padded"), "k=\" padded\"");
}

TEST_F(ScopeTest, SelectorsParseQuotedTermsAndNameWhatTheFolderLacks)
{
    const auto quoted = parseSelector(*m_ds, "file=\"b, final/runs.csv\",metric=throughput_tok_s");
    ASSERT_TRUE(quoted) << quoted.error();
    ASSERT_EQ(quoted.value().files.size(), 1u);
    EXPECT_EQ(m_ds->files[quoted.value().files[0]].path, "b, final/runs.csv");
    EXPECT_EQ(m_ds->metric(*quoted.value().metric).id, "throughput_tok_s");
    // A trailing comma is an empty term, not an error.
    EXPECT_TRUE(parseSelector(*m_ds, "model=m1,"));

    const auto unterminated = parseSelector(*m_ds, "file=\"b, final");
    ASSERT_FALSE(unterminated);
    EXPECT_NE(unterminated.error().find("unterminated quote"), std::string::npos);
    const auto run = parseSelector(*m_ds, "model=m1,run=c/runs.csv");
    ASSERT_FALSE(run);
    EXPECT_NE(run.error().find("no run 'c/runs.csv'"), std::string::npos) << run.error();
    const auto metric = parseSelector(*m_ds, "metric=vram_mb");
    ASSERT_FALSE(metric);
    EXPECT_NE(metric.error().find("no file measures a metric 'vram_mb'"), std::string::npos) << metric.error();
    EXPECT_FALSE(parseSelector(*m_ds, "just words"));
    EXPECT_FALSE(parseSelector(*m_ds, "  "));

    // compare's selectSamples goes through the same parser: metric= narrows a side to one metric.
    const auto selection = selectSamples(*m_ds, "model=m2,metric=ttft_ms");
    ASSERT_TRUE(selection) << selection.error();
    std::vector<double> ttft;
    for (const uint32_t i : selection.value().samples)
        ttft.push_back(m_ds->samples.value[i]);
    EXPECT_EQ(ttft, (std::vector<double> {300, 250}));
}

TEST_F(ScopeTest, AModelKeepsItsVariantsObservationsFailuresAndStatistics)
{
    const Dataset m1 = part({"model=m1"});
    EXPECT_EQ(variantIds(m1), (std::set<std::string> {"m1 num_gpu=40", "m1 num_gpu=80"}));
    // a/: 100, 110, (failed), 90; b/: 120, 130.
    EXPECT_EQ(values(m1, "throughput_tok_s"), (std::vector<double> {100, 110, 90, 120, 130}));
    EXPECT_EQ(observations(m1), 5u);
    EXPECT_EQ(failures(m1), 1u);
    // Per-file counts are recounted for the part; files keep their indices.
    ASSERT_EQ(m1.files.size(), m_ds->files.size());
    EXPECT_EQ(m1.files[0].path, "a/runs.csv");
    EXPECT_EQ(m1.files[0].observations, 3u);
    EXPECT_EQ(m1.files[0].failedObservations, 1u);
    EXPECT_EQ(m1.files[1].observations, 2u);

    // The scope names the selector and the whole folder's totals: 3 variants, 7 successful, 1 failed.
    ASSERT_TRUE(m1.scope.has_value());
    EXPECT_EQ(m1.scope->selectors, (std::vector<std::string> {"model=m1"}));
    EXPECT_EQ(m1.scope->folderVariants, 3u);
    EXPECT_EQ(m1.scope->folderObservations, 7u);
    EXPECT_EQ(m1.scope->folderFailed, 1u);
    EXPECT_EQ(m1.scope->folderSources, 2u);
    EXPECT_FALSE(m_ds->scope.has_value());

    // Whole variants selected: their statistics equal the whole folder's.
    const Analysis full = analyze(*m_ds);
    const Analysis restricted = analyze(m1);
    for (const auto& ms : restricted.stats) {
        const auto v = m_ds->findVariant(m1.variants[ms.variant].id);
        ASSERT_TRUE(v);
        const MetricStats* same = full.find(v->value, ms.metric);
        ASSERT_TRUE(same);
        EXPECT_EQ(ms.summary.n, same->summary.n);
        EXPECT_DOUBLE_EQ(ms.summary.mean, same->summary.mean);
        EXPECT_DOUBLE_EQ(ms.summary.stddev, same->summary.stddev);
    }
    // m1 num_gpu=80: 100, 110, 120, 130 -> mean 115.
    const uint32_t v80 = m1.findVariant("m1 num_gpu=80").value().value;
    const MetricStats* tp = restricted.find(v80, m1.findMetric("throughput_tok_s").value().value);
    ASSERT_TRUE(tp);
    EXPECT_DOUBLE_EQ(tp->summary.mean, 115);
    EXPECT_EQ(tp->summary.n, 4u);
}

TEST_F(ScopeTest, RunsFilesMetricsAndUnions)
{
    const Dataset a = part({"model=m1,run=a/runs.csv"});
    EXPECT_EQ(values(a, "throughput_tok_s"), (std::vector<double> {100, 110, 90}));
    EXPECT_EQ(observations(a), 3u);
    EXPECT_EQ(failures(a), 1u);
    EXPECT_EQ(a.files[1].observations, 0u);

    const Dataset b = part({"file=\"b, final/runs.csv\""});
    EXPECT_EQ(variantIds(b), (std::set<std::string> {"m1 num_gpu=80"}));
    EXPECT_EQ(values(b, "ttft_ms"), (std::vector<double> {120, 130}));
    EXPECT_EQ(b.variants[0].files, (std::vector<FileIndex> {FileIndex(1)}));

    // One metric: only its values; every observation that has one counts, and failures stay (they have no metric).
    const Dataset ttft = part({"metric=ttft_ms"});
    EXPECT_TRUE(values(ttft, "throughput_tok_s").empty());
    EXPECT_EQ(values(ttft, "ttft_ms"), (std::vector<double> {100, 200, 150, 300, 250, 120, 130}));
    EXPECT_EQ(observations(ttft), 7u);
    EXPECT_EQ(failures(ttft), 1u);

    // Any of several selectors: m2, and m1 at num_gpu 40.
    const Dataset both = part({"model=m2", "model=m1,num_gpu=40"});
    EXPECT_EQ(variantIds(both), (std::set<std::string> {"m1 num_gpu=40", "m2 num_gpu=80"}));
    EXPECT_EQ(values(both, "throughput_tok_s"), (std::vector<double> {90, 50, 55}));
    EXPECT_EQ(failures(both), 0u);
    // A variant id is a selector too, and the union keeps each observation once.
    const Dataset twice = part({"m2 num_gpu=80", "model=m2"});
    EXPECT_EQ(values(twice, "throughput_tok_s"), (std::vector<double> {50, 55}));
}

TEST_F(ScopeTest, ASelectorThatSelectsNothingIsAnError)
{
    const auto none = restrictDataset(*m_ds, {"model=m1", "model=nobody"});
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().find("'model=nobody' selects nothing"), std::string::npos) << none.error();
    EXPECT_FALSE(restrictDataset(*m_ds, {}));
    // Terms that contradict each other select nothing either.
    EXPECT_FALSE(restrictDataset(*m_ds, {"model=m2,num_gpu=40"}));
}

// run= and file= by glob and by folder prefix on ../shared/corpus/chimeraforge: the expected files are listed here
// with std::filesystem, and every sample selected must come from one of them (and every such file with samples must
// contribute).
TEST(Selector, RunAndFileGlobsAndFolderPrefixesOnTheCorpus)
{
    const auto loaded = ingestFolder(test::corpusDir());
    ASSERT_TRUE(loaded.ok());
    const Dataset& ds = *loaded.value();
    const auto filesSelected = [&](const std::string& selector) {
        std::set<std::string> paths;
        const auto s = selectSamples(ds, selector);
        EXPECT_TRUE(s.ok()) << selector << ": " << (s.ok() ? std::string() : s.error());
        if (s.ok()) {
            for (const uint32_t i : s.value().samples)
                paths.insert(ds.files[ds.samples.file[i]].path);
        }
        return paths;
    };
    const auto filesWithSamples = [&](const auto& wanted) {
        std::set<std::string> paths;
        for (const auto& f : ds.files) {
            if (f.observations > 0 && wanted(f.path))
                paths.insert(f.path);
        }
        return paths;
    };
    // The three gemma3 sweeps, not their summaries.
    std::set<std::string> sweeps;
    for (const auto& e : std::filesystem::directory_iterator(test::corpusDir() + "/reports/gemma3")) {
        const std::string name = e.path().filename().string();
        if (name.size() > 17 && name.ends_with("_param_tuning.csv"))
            sweeps.insert("reports/gemma3/" + name);
    }
    ASSERT_EQ(sweeps.size(), 3u);
    EXPECT_EQ(filesSelected("file=reports/gemma3/*_param_tuning.csv"),
        filesWithSamples([&](const std::string& p) { return sweeps.count(p) > 0; }));
    // Every timestamped run of 2 October 2025 under reports/ollama, by glob; and every run below reports/ollama.
    const auto under
        = [](const std::string& prefix) { return [prefix](const std::string& p) { return p.starts_with(prefix); }; };
    const auto october2 = filesSelected("run=reports/ollama/20251002-*");
    EXPECT_EQ(october2, filesWithSamples(under("reports/ollama/20251002-")));
    EXPECT_FALSE(october2.empty());
    EXPECT_EQ(filesSelected("run=reports/ollama"), filesWithSamples(under("reports/ollama/")));
    // A value that names nothing is still an error.
    EXPECT_FALSE(selectSamples(ds, "run=reports/no-such-*").ok());
    EXPECT_FALSE(selectSamples(ds, "file=reports/gemma").ok()); // a prefix must end at a folder boundary
}
