// Sweep analysis: rankings, the throughput/TTFT Pareto front and parameter effects (eta squared). The expected values
// of the hand-made dataset are worked out by hand in the comments; the corpus test recomputes its numbers from the
// raw CSV with its own splitting (and cross-checks constants computed with python3's csv module).
#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/ingest/ingest.h"
#include "models/stats/analysis.h"
#include "models/stats/sweep.h"
#include "tests/support/test_paths.h"

#include <QFile>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace benchlens;

namespace {
// Model "m" sweeps a in {1, 2} and b in {x, y}; c is "q" in every sweep variant but unset in the baseline "m host=h1";
// host is h1 everywhere. Model "other" must not leak in.
//   variant                     throughput_tok_s   ttft_ms          widgets (no catalog entry)
//   0 m a=1 b=x c=q host=h1     10, 12             100, 120         3
//   1 m a=1 b=y c=q host=h1     14                 90               1
//   2 m a=2 b=x c=q host=h1     8, 8, 11           80, 70, 90
//   3 m a=2 b=y c=q host=h1     14                 110
//   4 m host=h1                 20                 -
//   5 other c=5                 99                 1
struct Fixture
{
    Dataset ds;
    uint32_t elevenSample = 0; // the sample of variant 2's throughput 11
};

Fixture handMade()
{
    Fixture f;
    Dataset& ds = f.ds;
    const auto& catalog = MetricCatalog::instance();
    const auto tp = catalog.findMetric("throughput_tok_s");
    const auto tt = catalog.findMetric("ttft_ms");
    EXPECT_TRUE(tp);
    EXPECT_TRUE(tt);
    ds.metrics = {{"throughput_tok_s", "tok/s", tp}, {"ttft_ms", "ms", tt}, {"widgets", "", std::nullopt}};
    const auto variant
        = [&ds](std::string id, std::string model, std::vector<std::pair<std::string, std::string>> config) {
              Variant v;
              v.id = std::move(id);
              v.model = std::move(model);
              v.config = std::move(config);
              ds.variants.push_back(std::move(v));
          };
    variant("m a=1 b=x c=q host=h1", "m", {{"a", "1"}, {"b", "x"}, {"c", "q"}, {"host", "h1"}});
    variant("m a=1 b=y c=q host=h1", "m", {{"a", "1"}, {"b", "y"}, {"c", "q"}, {"host", "h1"}});
    variant("m a=2 b=x c=q host=h1", "m", {{"a", "2"}, {"b", "x"}, {"c", "q"}, {"host", "h1"}});
    variant("m a=2 b=y c=q host=h1", "m", {{"a", "2"}, {"b", "y"}, {"c", "q"}, {"host", "h1"}});
    variant("m host=h1", "m", {{"host", "h1"}});
    variant("other c=5", "other", {{"c", "5"}});
    const auto sample = [&ds](uint32_t v, uint32_t m, double value) {
        ds.samples.variant.push_back(v);
        ds.samples.metric.push_back(m);
        ds.samples.value.push_back(value);
        ds.samples.file.push_back(0);
        ds.samples.record.push_back(static_cast<uint32_t>(ds.samples.value.size()));
        ds.samples.locator.push_back({});
        return static_cast<uint32_t>(ds.samples.value.size() - 1);
    };
    sample(0, 0, 10), sample(0, 0, 12), sample(0, 1, 100), sample(0, 1, 120), sample(0, 2, 3);
    sample(1, 0, 14), sample(1, 1, 90), sample(1, 2, 1);
    sample(2, 0, 8), sample(2, 0, 8), f.elevenSample = sample(2, 0, 11);
    sample(2, 1, 80), sample(2, 1, 70), sample(2, 1, 90);
    sample(3, 0, 14), sample(3, 1, 110);
    sample(4, 0, 20);
    sample(5, 0, 99), sample(5, 1, 1);
    return f;
}

const SweepRanking* rankingOf(const Dataset& ds, const SweepAnalysis& s, const std::string& metric)
{
    for (const auto& r : s.rankings) {
        if (ds.metrics[r.metric].id == metric)
            return &r;
    }
    return nullptr;
}

const ParameterEffect* effectOf(
    const Dataset& ds, const SweepAnalysis& s, const std::string& metric, const std::string& parameter)
{
    for (const auto& e : s.effects) {
        if (ds.metrics[e.metric].id == metric && s.parameters[e.parameter] == parameter)
            return &e;
    }
    return nullptr;
}

std::vector<uint32_t> rankedVariants(const SweepAnalysis& s, const SweepRanking& r)
{
    std::vector<uint32_t> out;
    for (const auto& row : r.rows)
        out.push_back(s.configs[row.config].variant);
    return out;
}

std::vector<uint32_t> variantsOf(const SweepAnalysis& s, const std::vector<uint32_t>& configs)
{
    std::vector<uint32_t> out;
    for (const uint32_t c : configs)
        out.push_back(s.configs[c].variant);
    return out;
}
} // namespace

TEST(StatsSweep, EtaSquaredOfHandComputedGroups)
{
    // {1, 2, 3} and {7, 8, 9}: grand mean 5; SS_total = 16+9+4+4+9+16 = 58; SS_between = 3*(2-5)^2 + 3*(8-5)^2 = 54.
    EXPECT_NEAR(*etaSquared({{1, 2, 3}, {7, 8, 9}}), 54.0 / 58.0, 1e-12);
    EXPECT_FALSE(etaSquared({{5, 5}, {5}}).has_value()); // SS_total 0
    EXPECT_FALSE(etaSquared({{1, 2, 3}}).has_value()); // one group explains nothing
    EXPECT_FALSE(etaSquared({{1}, {}}).has_value());
}

TEST(StatsSweep, DimensionsFixedKeysAndUnknownModel)
{
    const Fixture f = handMade();
    const Analysis an = analyze(f.ds);
    const auto r = analyzeSweep(f.ds, an, "m");
    ASSERT_TRUE(r.ok()) << r.error();
    const SweepAnalysis& s = r.value();
    EXPECT_EQ(s.model, "m");
    // c is q in the sweep and unset in the baseline: it varies; host is h1 everywhere: fixed.
    EXPECT_EQ(s.parameters, (std::vector<std::string> {"a", "b", "c"}));
    ASSERT_EQ(s.fixed.size(), 1u);
    EXPECT_EQ(s.fixed[0], (std::pair<std::string, std::string>("host", "h1")));
    ASSERT_EQ(s.configs.size(), 5u); // variants 0..4, not "other"
    EXPECT_EQ(s.configs[4].variant, 4u);
    EXPECT_FALSE(s.configs[4].values[0].has_value());
    EXPECT_EQ(*s.configs[2].values[1], "x");
    EXPECT_EQ(s.excludedSamples, 0u);

    const auto unknown = analyzeSweep(f.ds, an, "nope");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error(), "unknown model 'nope'; models: m, other");
    const auto badMetric = analyzeSweep(f.ds, an, "m", {}, "load_ms");
    ASSERT_FALSE(badMetric.ok());
    EXPECT_EQ(badMetric.error(),
        "model 'm' has no samples of metric 'load_ms'; its metrics: throughput_tok_s, ttft_ms, "
        "widgets");
}

TEST(StatsSweep, RankingsBestFirstWithDirection)
{
    const Fixture f = handMade();
    const Analysis an = analyze(f.ds);
    const auto r = analyzeSweep(f.ds, an, "m");
    ASSERT_TRUE(r.ok()) << r.error();
    const SweepAnalysis& s = r.value();
    ASSERT_EQ(s.rankings.size(), 3u);

    // Throughput, higher first: means 4: 20, 1: 14, 3: 14 (tie keeps variant order), 0: 11, 2: 9.
    const auto* tp = rankingOf(f.ds, s, "throughput_tok_s");
    ASSERT_NE(tp, nullptr);
    EXPECT_EQ(tp->direction, Better::Higher);
    EXPECT_EQ(rankedVariants(s, *tp), (std::vector<uint32_t> {4, 1, 3, 0, 2}));
    const Summary& last = tp->rows.back().summary; // {8, 8, 11}: mean 9, median 8, stddev sqrt(((1+1+4)/2)) = sqrt 3
    EXPECT_EQ(last.n, 3u);
    EXPECT_DOUBLE_EQ(last.mean, 9);
    EXPECT_DOUBLE_EQ(last.median, 8);
    EXPECT_NEAR(last.stddev, 1.7320508075688772, 1e-12);

    // TTFT, lower first: 2: 80, 1: 90, 0: 110, 3: 110 (tie keeps variant order); the baseline has no TTFT.
    const auto* tt = rankingOf(f.ds, s, "ttft_ms");
    ASSERT_NE(tt, nullptr);
    EXPECT_EQ(tt->direction, Better::Lower);
    EXPECT_EQ(rankedVariants(s, *tt), (std::vector<uint32_t> {2, 1, 0, 3}));

    // No catalog entry: ascending, direction unknown.
    const auto* w = rankingOf(f.ds, s, "widgets");
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->direction, Better::None);
    EXPECT_EQ(rankedVariants(s, *w), (std::vector<uint32_t> {1, 0}));
}

TEST(StatsSweep, ParetoFrontByHand)
{
    const Fixture f = handMade();
    const Analysis an = analyze(f.ds);
    const auto r = analyzeSweep(f.ds, an, "m");
    ASSERT_TRUE(r.ok()) << r.error();
    const SweepAnalysis& s = r.value();
    // Means (throughput, ttft): 0 (11, 110), 1 (14, 90), 2 (9, 80), 3 (14, 110); 4 has no TTFT and is left out.
    // 1: nothing has >= 14 tok/s and <= 90 ms except itself -> front. 2: lowest TTFT -> front.
    // 0: beaten by 1 (14 >= 11, 90 <= 110) and by 3 (14 > 11, 110 <= 110). 3: beaten by 1 (same tok/s, 90 < 110).
    // Order: front by throughput descending (1, 2), then the dominated (3, 0).
    ASSERT_EQ(s.pareto.size(), 4u);
    const std::vector<uint32_t> order = {s.configs[s.pareto[0].id].variant, s.configs[s.pareto[1].id].variant,
        s.configs[s.pareto[2].id].variant, s.configs[s.pareto[3].id].variant};
    EXPECT_EQ(order, (std::vector<uint32_t> {1, 2, 3, 0}));
    EXPECT_TRUE(s.pareto[0].dominatedBy.empty());
    EXPECT_TRUE(s.pareto[1].dominatedBy.empty());
    EXPECT_DOUBLE_EQ(s.pareto[1].throughputTokS, 9);
    EXPECT_DOUBLE_EQ(s.pareto[1].ttftMs, 80);
    EXPECT_EQ(variantsOf(s, s.pareto[2].dominatedBy), (std::vector<uint32_t> {1}));
    EXPECT_EQ(variantsOf(s, s.pareto[3].dominatedBy), (std::vector<uint32_t> {1, 3}));
}

TEST(StatsSweep, ParameterEffectsByHand)
{
    const Fixture f = handMade();
    const Analysis an = analyze(f.ds);
    const auto r = analyzeSweep(f.ds, an, "m");
    ASSERT_TRUE(r.ok()) << r.error();
    const SweepAnalysis& s = r.value();
    EXPECT_EQ(s.effects.size(), 9u); // 3 metrics x 3 parameters

    // Throughput by a, over the 7 samples that set a (the baseline's 20 is left out): a=1 {10, 12, 14} mean 12,
    // a=2 {8, 8, 11, 14} mean 10.25; grand mean 77/7 = 11. SS_total = 1+1+9+9+9+0+9 = 38;
    // SS_between = 3*(12-11)^2 + 4*(10.25-11)^2 = 3 + 2.25 = 5.25; eta^2 = 5.25/38.
    // Over configuration means: a=1 {11, 14}, a=2 {9, 14}; grand mean 12; SS_total = 1+4+9+4 = 18;
    // SS_between = 2*0.5^2 + 2*0.5^2 = 1; eta^2 = 1/18.
    const auto* a = effectOf(f.ds, s, "throughput_tok_s", "a");
    ASSERT_NE(a, nullptr);
    ASSERT_EQ(a->levels.size(), 2u);
    EXPECT_EQ(a->levels[0].value, "1");
    EXPECT_EQ(a->levels[0].n, 3u);
    EXPECT_EQ(a->levels[0].configs, 2u);
    EXPECT_DOUBLE_EQ(a->levels[0].mean, 12);
    EXPECT_EQ(a->levels[1].n, 4u);
    EXPECT_DOUBLE_EQ(a->levels[1].mean, 10.25);
    EXPECT_NEAR(*a->etaSquared, 5.25 / 38, 1e-12);
    EXPECT_NEAR(*a->etaSquaredOfConfigMeans, 1.0 / 18, 1e-12);
    EXPECT_EQ(a->unsetSamples, 1u);

    // Throughput by b: x {10, 12, 8, 8, 11} mean 9.8, y {14, 14} mean 14; SS_between = 5*1.2^2 + 2*3^2 = 25.2;
    // eta^2 = 25.2/38. Configuration means: x {11, 9}, y {14, 14}: SS_between = 2*2^2 + 2*2^2 = 16; eta^2 = 16/18.
    const auto* b = effectOf(f.ds, s, "throughput_tok_s", "b");
    ASSERT_NE(b, nullptr);
    EXPECT_NEAR(*b->etaSquared, 25.2 / 38, 1e-12);
    EXPECT_NEAR(*b->etaSquaredOfConfigMeans, 16.0 / 18, 1e-12);

    // TTFT by b: x {100, 120, 80, 70, 90} sum 460, y {90, 110} sum 200; n 7, sum 660, sum of squares 64000.
    // SS_total = 64000 - 660^2/7 = 12400/7; SS_between = 460^2/5 + 200^2/2 - 660^2/7 = 640/7; eta^2 = 640/12400.
    const auto* tb = effectOf(f.ds, s, "ttft_ms", "b");
    ASSERT_NE(tb, nullptr);
    EXPECT_NEAR(*tb->etaSquared, 640.0 / 12400, 1e-12);
    EXPECT_EQ(tb->unsetSamples, 0u);

    // c has one set level (q): nothing to explain. widgets by a: only a=1 has widgets; by b: x {3}, y {1} -> 1.
    const auto* c = effectOf(f.ds, s, "throughput_tok_s", "c");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->levels.size(), 1u);
    EXPECT_FALSE(c->etaSquared.has_value());
    EXPECT_FALSE(effectOf(f.ds, s, "widgets", "a")->etaSquared.has_value());
    EXPECT_DOUBLE_EQ(*effectOf(f.ds, s, "widgets", "b")->etaSquared, 1);
}

TEST(StatsSweep, ExcludedSamplesAndMetricFilter)
{
    const Fixture f = handMade();
    const Analysis an = analyze(f.ds);
    const std::vector<uint32_t> excluded = {f.elevenSample};
    const auto r = analyzeSweep(f.ds, an, "m", excluded, "throughput_tok_s");
    ASSERT_TRUE(r.ok()) << r.error();
    const SweepAnalysis& s = r.value();
    EXPECT_EQ(s.excludedSamples, 1u);
    ASSERT_EQ(s.rankings.size(), 1u);
    EXPECT_EQ(s.rankings[0].rows.back().summary.n, 2u);
    EXPECT_DOUBLE_EQ(s.rankings[0].rows.back().summary.mean, 8);
    // Throughput by a without the 11: a=1 {10, 12, 14}, a=2 {8, 8, 14}; grand mean 11; SS_total 38;
    // SS_between = 3*1 + 3*1 = 6; eta^2 = 6/38.
    const auto* a = effectOf(f.ds, s, "throughput_tok_s", "a");
    ASSERT_NE(a, nullptr);
    EXPECT_NEAR(*a->etaSquared, 6.0 / 38, 1e-12);
    EXPECT_EQ(s.effects.size(), 3u); // one metric
    EXPECT_EQ(s.pareto.size(), 4u); // the front still uses both metrics
    EXPECT_DOUBLE_EQ(s.pareto[1].throughputTokS, 8);
}

namespace {
// One data row of gemma3_1b-it-qat_param_tuning.csv, read with plain splitting (the file has no quotes).
struct TuningRow
{
    QString numGpu, numCtx, temperature, name;
    double tokensS = 0;
    double ttftMs = 0;
};

std::vector<TuningRow> readTuning()
{
    QFile f(QString::fromStdString(test::corpusDir() + "/reports/gemma3/gemma3_1b-it-qat_param_tuning.csv"));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << "the shared corpus is missing at " << test::corpusDir();
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    std::vector<TuningRow> out;
    if (lines.isEmpty())
        return out;
    const QStringList header = lines[0].trimmed().split(QLatin1Char(','));
    EXPECT_EQ(header.mid(0, 6).join(QLatin1Char(',')),
        QStringLiteral("num_gpu,num_ctx,temperature,config_name,ttft_s,tokens_s"));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList c = lines[i].trimmed().split(QLatin1Char(','));
        // QString::toDouble is locale-independent (C locale).
        out.push_back({c[0], c[1], c[2], c[3], c[5].toDouble(), c[4].toDouble() * 1000});
    }
    return out;
}

std::string labelOf(const SweepAnalysis& s, uint32_t config)
{
    std::string out;
    for (size_t p = 0; p < s.parameters.size(); ++p) {
        out.append(s.parameters[p]);
        out.push_back('=');
        out.append(s.configs[config].values[p].value_or("-"));
        out.push_back(' ');
    }
    return out;
}

std::string labelOf(const TuningRow& r)
{
    std::string out("num_ctx=");
    out.append(r.numCtx.toStdString());
    out.append(" num_gpu=");
    out.append(r.numGpu.toStdString());
    out.append(" temperature=");
    out.append(r.temperature.toStdString());
    out.push_back(' ');
    return out;
}
} // namespace

TEST(StatsSweep, Gemma3QatParamTuningOnTheCorpus)
{
    const auto ingested = ingestFolder(test::corpusDir());
    ASSERT_TRUE(ingested.ok()) << "the shared corpus is missing at " << test::corpusDir();
    const Dataset& ds = *ingested.value();
    const Analysis an = analyze(ds);
    const auto r = analyzeSweep(ds, an, "gemma3:1b-it-qat");
    ASSERT_TRUE(r.ok()) << r.error();
    const SweepAnalysis& s = r.value();
    const std::vector<TuningRow> rows = readTuning();
    ASSERT_EQ(rows.size(), 36u);

    // 36 sweep configurations + the baseline run (gemma3_1b-it-qat_baseline.csv), which sets none of the three keys.
    EXPECT_EQ(s.parameters, (std::vector<std::string> {"num_ctx", "num_gpu", "temperature"}));
    EXPECT_EQ(s.configs.size(), 37u);

    // Ranking of throughput: the row with the largest tokens_s first.
    const auto* tp = rankingOf(ds, s, "throughput_tok_s");
    ASSERT_NE(tp, nullptr);
    const TuningRow* fastest = &rows[0];
    for (const auto& row : rows)
        fastest = row.tokensS > fastest->tokensS ? &row : fastest;
    EXPECT_EQ(fastest->name, QStringLiteral("g60_c1024_t0.4")); // python3: max(tokens_s) -> g60_c1024_t0.4
    EXPECT_EQ(labelOf(s, tp->rows[0].config), labelOf(*fastest));
    EXPECT_NEAR(tp->rows[0].summary.mean, fastest->tokensS, 1e-9);
    EXPECT_NEAR(tp->rows[0].summary.mean, 187.1752905464622, 1e-9);

    // num_gpu's effect on throughput, recomputed here as 1 - SS_within / SS_total (a different route from the code).
    std::map<double, std::vector<double>> byGpu;
    double sum = 0;
    for (const auto& row : rows) {
        byGpu[row.numGpu.toDouble()].push_back(row.tokensS);
        sum += row.tokensS;
    }
    const double grand = sum / static_cast<double>(rows.size());
    double total = 0;
    double within = 0;
    for (const auto& [gpu, values] : byGpu) {
        double groupSum = 0;
        for (const double v : values)
            groupSum += v;
        const double groupMean = groupSum / static_cast<double>(values.size());
        for (const double v : values) {
            total += (v - grand) * (v - grand);
            within += (v - groupMean) * (v - groupMean);
        }
    }
    const auto* gpu = effectOf(ds, s, "throughput_tok_s", "num_gpu");
    ASSERT_NE(gpu, nullptr);
    EXPECT_EQ(gpu->unsetSamples, 5u); // the baseline's five runs
    ASSERT_EQ(gpu->levels.size(), 4u);
    size_t k = 0;
    for (const auto& [gpuValue, values] : byGpu) { // 40, 60, 80, 999: numeric order
        double groupSum = 0;
        for (const double v : values)
            groupSum += v;
        EXPECT_EQ(gpu->levels[k].n, 9u);
        EXPECT_NEAR(gpu->levels[k].mean, groupSum / 9, 1e-9) << gpuValue;
        ++k;
    }
    EXPECT_EQ(gpu->levels[2].value, "80");
    EXPECT_NEAR(gpu->levels[2].mean, 184.6883623590768, 1e-9); // python3: the best num_gpu for throughput
    ASSERT_TRUE(gpu->etaSquared.has_value());
    EXPECT_NEAR(*gpu->etaSquared, 1 - within / total, 1e-9);
    EXPECT_NEAR(*gpu->etaSquared, 0.12109409755638136, 1e-9); // python3, SS_between / SS_total
    EXPECT_NEAR(*gpu->etaSquaredOfConfigMeans, *gpu->etaSquared, 1e-12); // one run per configuration

    // temperature=0.2 ran first after each reload (TTFT ~6.5 s): it explains almost all TTFT variance.
    const auto* temp = effectOf(ds, s, "ttft_ms", "temperature");
    ASSERT_NE(temp, nullptr);
    EXPECT_NEAR(*temp->etaSquared, 0.9999751737379058, 1e-9); // python3
    EXPECT_NEAR(temp->levels[0].mean, 6508.328183333334, 1e-6); // python3: mean ttft_s * 1000 at 0.2

    // Pareto front over the 37 configuration means, computed with python3 from both CSVs (baseline: mean of five
    // runs, 182.87 tok/s, 548.44 ms, dominated): seven configurations, by throughput descending.
    std::vector<std::string> front;
    for (const auto& p : s.pareto) {
        if (p.dominatedBy.empty())
            front.push_back(labelOf(s, p.id));
    }
    EXPECT_EQ(front,
        (std::vector<std::string> {"num_ctx=1024 num_gpu=60 temperature=0.4 ",
            "num_ctx=4096 num_gpu=80 temperature=0.8 ", "num_ctx=2048 num_gpu=60 temperature=0.4 ",
            "num_ctx=2048 num_gpu=40 temperature=0.8 ", "num_ctx=2048 num_gpu=40 temperature=0.4 ",
            "num_ctx=2048 num_gpu=80 temperature=0.8 ", "num_ctx=1024 num_gpu=999 temperature=0.4 "}));
    EXPECT_EQ(s.pareto.size(), 37u);
    // Independently: a row is on the front when no other row (or the baseline) is at least as good on both.
    for (const auto& p : s.pareto) {
        const std::string label = labelOf(s, p.id);
        for (const auto& row : rows) {
            if (labelOf(row) != label)
                continue;
            EXPECT_NEAR(p.throughputTokS, row.tokensS, 1e-9);
            EXPECT_NEAR(p.ttftMs, row.ttftMs, 1e-6);
            size_t beaten = 0;
            for (const auto& o : rows) {
                if (o.tokensS >= row.tokensS && o.ttftMs <= row.ttftMs
                    && (o.tokensS > row.tokensS || o.ttftMs < row.ttftMs))
                    ++beaten;
            }
            // The baseline configuration (means of gemma3_1b-it-qat_baseline.csv by python3: 182.87 tok/s,
            // 548.44 ms) also beats the slower temperature=0.2 rows.
            const bool baselineBeats = 182.87119781352473 >= row.tokensS && 548.4441400000001 <= row.ttftMs;
            EXPECT_EQ(p.dominatedBy.size(), beaten + (baselineBeats ? 1 : 0)) << label;
        }
    }
}
