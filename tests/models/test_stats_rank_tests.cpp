// Rank tests and their intervals (stats/two_sample_tests.h): the Hodges-Lehmann shift with Moses' interval, the
// Wilcoxon signed-rank test with the Walsh-average interval, Holm's adjustment, and the one decision rule of
// compareSamples, each against published values or a brute-force enumeration written out here.
#include "models/stats/statistics.h"
#include "models/stats/sweep.h"
#include "models/stats/two_sample_tests.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

using namespace benchlens;

namespace {
// Hollander & Wolfe (1973), p. 29f, the example of R's ?wilcox.test: Hamilton depression scale factor of nine
// patients at the first (x) and second (y) visit after the start of a therapy.
const std::vector<double> kFirstVisit = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
const std::vector<double> kSecondVisit = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

// The smallest q with P(S <= q) >= alpha / 2 (at least 1) from a brute-force list of the statistic's values.
uint64_t lowerCritical(std::vector<double> statistic, double alpha)
{
    std::sort(statistic.begin(), statistic.end());
    for (uint64_t q = 0;; ++q) {
        const auto atMost = std::upper_bound(statistic.begin(), statistic.end(), double(q)) - statistic.begin();
        if (double(atMost) / double(statistic.size()) >= alpha / 2)
            return std::max<uint64_t>(q, 1);
    }
}

double medianOf(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
} // namespace

TEST(SignedRank, HollanderWolfeDepressionExample)
{
    // R: wilcox.test(x, y, paired = TRUE, alternative = "greater") prints V = 40, p-value = 0.01953; the two-sided
    // exact p is twice that, 20/512 = 0.0390625. Our differences are y - x (candidate - baseline), so W+ = 45 - 40.
    std::vector<double> d;
    for (size_t i = 0; i < kFirstVisit.size(); ++i)
        d.push_back(kSecondVisit[i] - kFirstVisit[i]);
    const SignedRank r = wilcoxonSignedRank(d);
    EXPECT_EQ(r.n, 9u);
    EXPECT_DOUBLE_EQ(r.wPlus, 5);
    EXPECT_TRUE(r.exact);
    EXPECT_NEAR(r.pValue, 0.0390625, 1e-12);
    // The same by enumerating the 2^9 sign patterns of the ranks 1..9.
    int asExtreme = 0;
    for (int mask = 0; mask < 512; ++mask) {
        int w = 0;
        for (int rank = 1; rank <= 9; ++rank)
            w += (mask >> (rank - 1)) & 1 ? rank : 0;
        asExtreme += w <= 5 ? 1 : 0;
    }
    EXPECT_NEAR(r.pValue, 2.0 * asExtreme / 512, 1e-12);
}

TEST(SignedRank, WalshIntervalMatchesEnumeration)
{
    std::vector<double> d;
    for (size_t i = 0; i < kFirstVisit.size(); ++i)
        d.push_back(kSecondVisit[i] - kFirstVisit[i]);
    const auto e = walshShift(d);
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->exact);
    // Brute force: the signed-rank statistic over all 512 sign patterns, and the 45 Walsh averages.
    std::vector<double> w;
    for (int mask = 0; mask < 512; ++mask) {
        int s = 0;
        for (int rank = 1; rank <= 9; ++rank)
            s += (mask >> (rank - 1)) & 1 ? rank : 0;
        w.push_back(s);
    }
    const uint64_t c = lowerCritical(w, 0.05);
    std::vector<double> walsh;
    for (size_t i = 0; i < d.size(); ++i)
        for (size_t j = i; j < d.size(); ++j)
            walsh.push_back((d[i] + d[j]) / 2);
    std::sort(walsh.begin(), walsh.end());
    EXPECT_EQ(c, 6u); // P(W <= 5) = 10/512 < 0.025 <= P(W <= 6) = 14/512
    EXPECT_DOUBLE_EQ(e->shift, medianOf(walsh));
    EXPECT_DOUBLE_EQ(e->ciLow, walsh[c - 1]);
    EXPECT_DOUBLE_EQ(e->ciHigh, walsh[walsh.size() - c]);
    EXPECT_NEAR(e->achievedConfidence, 1 - 2.0 * 10 / 512, 1e-12);
    EXPECT_LT(e->ciHigh, 0); // p < 0.05: the interval excludes 0
}

TEST(HodgesLehmann, MosesIntervalMatchesEnumeration)
{
    // Two samples without ties (the visits above as if independent, 5 and 6 of them): the exact U distribution by
    // enumerating all C(11, 5) = 462 rank sets of the first sample, and all 30 differences listed and sorted.
    const std::vector<double> x(kFirstVisit.begin(), kFirstVisit.begin() + 5);
    const std::vector<double> y(kSecondVisit.begin(), kSecondVisit.begin() + 6);
    std::vector<double> u;
    for (int mask = 0; mask < (1 << 11); ++mask) {
        if (__builtin_popcount(static_cast<unsigned>(mask)) != 5)
            continue;
        int rankSum = 0;
        for (int r = 1; r <= 11; ++r)
            rankSum += (mask >> (r - 1)) & 1 ? r : 0;
        u.push_back(rankSum - 15);
    }
    ASSERT_EQ(u.size(), 462u);
    const uint64_t c = lowerCritical(u, 0.05);
    std::vector<double> diffs;
    for (const double a : x)
        for (const double b : y)
            diffs.push_back(b - a);
    std::sort(diffs.begin(), diffs.end());
    const auto e = hodgesLehmannShift(x, y);
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->exact);
    EXPECT_EQ(c, 4u); // m = 5, n = 6: P(U <= 3) = 7/462 < 0.025 <= P(U <= 4) = 12/462
    EXPECT_DOUBLE_EQ(e->shift, medianOf(diffs));
    EXPECT_DOUBLE_EQ(e->ciLow, diffs[c - 1]);
    EXPECT_DOUBLE_EQ(e->ciHigh, diffs[diffs.size() - c]);
}

TEST(HodgesLehmann, KthDifferenceWithoutListingAgreesWithTheList)
{
    // Integer-valued samples with many ties and a few negative values; every k against the sorted list.
    uint64_t lcg = 7;
    const auto draw = [&]() {
        lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
        return double(int64_t(lcg >> 59) - 8);
    };
    std::vector<double> x(23), y(17);
    for (double& v : x)
        v = draw();
    for (double& v : y)
        v = draw() * 0.5;
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    std::vector<double> diffs;
    for (const double a : x)
        for (const double b : y)
            diffs.push_back(b - a);
    std::sort(diffs.begin(), diffs.end());
    for (uint64_t k = 1; k <= diffs.size(); ++k)
        ASSERT_DOUBLE_EQ(kthPairwiseDifference(x, y, k), diffs[k - 1]) << "k = " << k;
}

TEST(Holm, AdjustmentByItsDefinition)
{
    // Holm (1979), as R's p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm"): sorted p times (m - i + 1), made
    // monotone: 0.05, 0.08, 0.09, max(0.09, 0.08) = 0.09, max(0.09, 0.05) = 0.09. The input order is kept.
    const std::vector<double> p = {0.04, 0.01, 0.05, 0.03, 0.02};
    const auto a = holmAdjust(p);
    const std::vector<double> expected = {0.09, 0.05, 0.09, 0.09, 0.08};
    ASSERT_EQ(a.size(), expected.size());
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_NEAR(a[i], expected[i], 1e-15) << i;
    // Capped at 1.
    EXPECT_DOUBLE_EQ(holmAdjust(std::vector<double> {0.6, 0.7})[0], 1.0);
}

TEST(Compare, TheVerdictNeverContradictsTheIntervalBesideIt)
{
    // 2,000 random pairs of samples (sizes 3-40, shifts from none to large, with and without ties, paired and not):
    // "no significant difference" exactly when the interval holds 0; better/worse/different/negligible exactly when
    // it excludes 0, better/worse on the side the interval is; and the exact Mann-Whitney p agrees away from 0.05.
    uint64_t lcg = 2024;
    const auto uniform = [&]() {
        lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
        return (double(lcg >> 11) + 0.5) / double(1ULL << 53);
    };
    int contradictions = 0, pDisagrees = 0, significant = 0, insufficient = 0;
    for (int trial = 0; trial < 2000; ++trial) {
        const size_t m = 3 + size_t(uniform() * 38), n = 3 + size_t(uniform() * 38);
        const double shift = (uniform() - 0.5) * 4;
        const bool ties = trial % 3 == 0, paired = trial % 5 == 0;
        std::vector<double> b(m), c(paired ? m : n), d;
        for (double& v : b)
            v = 10 + std::exp(uniform() * 2);
        for (size_t i = 0; i < c.size(); ++i)
            c[i] = (paired ? b[i] : 10 + std::exp(uniform() * 2)) + shift + (paired ? uniform() - 0.5 : 0);
        if (ties) {
            for (double& v : b)
                v = std::round(v);
            for (double& v : c)
                v = std::round(v);
        }
        if (paired) {
            for (size_t i = 0; i < m; ++i)
                d.push_back(c[i] - b[i]);
        }
        const Better better = trial % 2 ? Better::Higher : Better::Lower;
        const MetricComparison r = compareSamples(b, c, better, CompareOptions {}, d);
        if (!r.ci95) {
            // Only when no interval can reach 95%: 3 against 3 or 4 (P(U = 0) = 1/20, 1/35 >= 2.5%).
            EXPECT_EQ(r.verdict, Verdict::InsufficientData);
            EXPECT_TRUE((m == 3 && c.size() <= 4) || (c.size() == 3 && m <= 4)) << m << " " << c.size();
            ++insufficient;
            continue;
        }
        const bool holdsZero = r.ci95->first <= 0 && 0 <= r.ci95->second;
        significant += holdsZero ? 0 : 1;
        const bool higher = r.ci95->first > 0;
        switch (r.verdict) {
        case Verdict::NoSignificantDifference:
            contradictions += holdsZero ? 0 : 1;
            break;
        case Verdict::Better:
            contradictions += !holdsZero && higher == (better == Better::Higher) ? 0 : 1;
            break;
        case Verdict::Worse:
            contradictions += !holdsZero && higher != (better == Better::Higher) ? 0 : 1;
            break;
        case Verdict::Negligible:
        case Verdict::Different:
            contradictions += holdsZero ? 1 : 0;
            break;
        case Verdict::InsufficientData:
            ++contradictions;
            break;
        }
        EXPECT_LE(r.ci95->first, r.shift);
        EXPECT_GE(r.ci95->second, r.shift);
        EXPECT_EQ(r.fewRepetitions, m < 9 || c.size() < 9);
        if (!ties && !paired && r.exactP && (*r.pValue < 0.04 || *r.pValue > 0.06))
            pDisagrees += (*r.pValue < 0.05) == !holdsZero ? 0 : 1;
    }
    EXPECT_EQ(contradictions, 0);
    EXPECT_EQ(pDisagrees, 0);
    EXPECT_GT(significant, 400); // the draws exercise both outcomes
    EXPECT_LT(significant, 1800);
    EXPECT_LT(insufficient, 20);
}

TEST(KruskalWallis, HollanderWolfeMucociliaryEfficiency)
{
    // Hollander & Wolfe (1973), p. 116, the example of R's ?kruskal.test: mucociliary efficiency of normal subjects,
    // subjects with obstructive airway disease and with asbestosis. R prints "Kruskal-Wallis chi-squared = 0.77143,
    // df = 2, p-value = 0.68". By hand: pooled ranks give rank sums 36, 36 and 33 (n 5, 4, 5; no ties), so
    // H = 12 / (14 * 15) * (36^2/5 + 36^2/4 + 33^2/5) - 3 * 15 = 0.771429; with 2 df the chi-squared upper tail is
    // exp(-H / 2) = 0.679965.
    const std::vector<std::vector<double>> groups
        = {{2.9, 3.0, 2.5, 2.6, 3.2}, {3.8, 2.7, 4.0, 2.4}, {2.8, 3.4, 3.7, 2.2, 2.0}};
    const auto kw = kruskalWallis(groups);
    ASSERT_TRUE(kw);
    EXPECT_NEAR(kw->h, 0.771429, 1e-6);
    EXPECT_DOUBLE_EQ(kw->df, 2);
    EXPECT_NEAR(kw->pValue, std::exp(-kw->h / 2), 1e-12);
    EXPECT_NEAR(kw->pValue, 0.68, 0.005);
    // Ties: {1, 1, 2} vs {2, 3, 3}: ranks 1.5 1.5 3.5 | 3.5 5.5 5.5, sums 6.5 and 14.5; H0 = 12/42 * (6.5^2/3 +
    // 14.5^2/3) - 21 = 3.047619; tie groups of 2, 2, 2: correction 1 - 18/210 = 0.914286; H = 3.333333.
    const auto tied = kruskalWallis({{1, 1, 2}, {2, 3, 3}});
    ASSERT_TRUE(tied);
    EXPECT_NEAR(tied->h, 3.333333, 1e-6);
    EXPECT_FALSE(kruskalWallis({{5, 5}, {5}}));
    EXPECT_FALSE(kruskalWallis({{1, 2, 3}, {}}));
}

TEST(BootstrapDiffCi, EqualsTheResamplingWrittenOutWithDivisionAndSort)
{
    // The mean difference bootstrap as first written (a 64-bit division per draw, a full sort of the differences):
    // the faster one (Remainder64, selection) must give the same interval bit for bit. second's resample is drawn
    // first, as in bootstrapDiffCi's definition.
    const std::vector<double> first = {12.1, 13.4, 11.8, 12.9, 14.2, 12.2, 13.0};
    const std::vector<double> second = {10.2, 11.9, 10.8, 11.1, 12.5, 10.9, 11.4, 10.0, 11.7};
    const int resamples = 4000;
    const uint64_t seed = 0x5eed;
    benchlens::SplitMix64 rng {seed};
    const auto mean = [&](const std::vector<double>& v) {
        double sum = 0;
        for (size_t i = 0; i < v.size(); ++i)
            sum += v[static_cast<size_t>(rng.next() % v.size())];
        return sum / double(v.size());
    };
    std::vector<double> diffs;
    for (int r = 0; r < resamples; ++r) {
        const double s = mean(second);
        const double f = mean(first);
        diffs.push_back(s - f);
    }
    std::sort(diffs.begin(), diffs.end());
    const auto [low, high] = benchlens::bootstrapDiffCi(first, second, 0.95, resamples, seed);
    const double tail = (1 - 0.95) / 2 * 100; // 2.5000000000000022, as the definition computes it
    EXPECT_EQ(low, benchlens::percentileSorted(diffs, tail));
    EXPECT_EQ(high, benchlens::percentileSorted(diffs, 100 - tail));
}
