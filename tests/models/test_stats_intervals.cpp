// Bootstrap intervals of the mean and the median (stats/statistics.h): determinism, values that follow from the
// resampling distribution by hand, coverage on data of a known distribution, and the physical bound.
#include "models/stats/statistics.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <vector>

using namespace benchlens;

TEST(BootstrapIntervals, SameInputsSameIntervalsAnotherSeedAnother)
{
    const std::vector<double> v = {3.1, 4.7, 5.2, 5.9, 6.3, 7.8, 9.4, 12.0, 15.5, 40.2};
    const auto a = bootstrapIntervals(v);
    const auto b = bootstrapIntervals(v);
    EXPECT_EQ(a.mean.low, b.mean.low);
    EXPECT_EQ(a.mean.high, b.mean.high);
    EXPECT_EQ(a.median.low, b.median.low);
    EXPECT_EQ(a.median.high, b.median.high);
    const auto c = bootstrapIntervals(v, 0.95, kBootstrapResamples, kBootstrapSeed + 1);
    EXPECT_TRUE(c.mean.low != a.mean.low || c.mean.high != a.mean.high);
}

TEST(BootstrapIntervals, SplitMix64MatchesItsReferenceOutput)
{
    // splitmix64 seeded with 1234567: the first outputs of Vigna's reference C code (prng.di.unimi.it/splitmix64.c),
    // the test vector of Rust's rand_xoshiro SplitMix64, recomputed here with a Python transcription of the C code.
    SplitMix64 rng {1234567};
    EXPECT_EQ(rng.next(), 6457827717110365317ULL);
    EXPECT_EQ(rng.next(), 3203168211198807973ULL);
    EXPECT_EQ(rng.next(), 9817491932198370423ULL);
}

TEST(BootstrapIntervals, TwoAndThreeValuesGiveTheRangeOfTheData)
{
    // Two values {a, b}: a resample's mean is a with probability 1/4, (a + b) / 2 with 1/2, b with 1/4. With 10,000
    // resamples about 2,500 are a and 2,500 are b, far more than the 250 below the 2.5th percentile: the interval is
    // [a, b] exactly. Three values {1, 2, 3}: P(all three draws are 1) = 1/27 = 3.7% > 2.5%, so again [1, 3]; the
    // median of a resample is 1 when at least two draws are 1 (7/27), so its interval is [1, 3] too.
    const std::vector<double> two = {10, 20};
    const auto t = bootstrapIntervals(two);
    EXPECT_DOUBLE_EQ(t.mean.low, 10);
    EXPECT_DOUBLE_EQ(t.mean.high, 20);
    EXPECT_DOUBLE_EQ(t.median.low, 10);
    EXPECT_DOUBLE_EQ(t.median.high, 20);
    const std::vector<double> three = {1, 2, 3};
    const auto h = bootstrapIntervals(three);
    EXPECT_DOUBLE_EQ(h.mean.low, 1);
    EXPECT_DOUBLE_EQ(h.mean.high, 3);
    EXPECT_DOUBLE_EQ(h.median.low, 1);
    EXPECT_DOUBLE_EQ(h.median.high, 3);
}

TEST(BootstrapIntervals, CoverAboutNinetyFivePercentOfExponentialSamples)
{
    // 300 samples of n = 30 from Exp(1) (inverse CDF over a generator independent of the one under test: a linear
    // congruential generator, Knuth's MMIX constants): the true mean is 1 and the true median ln 2. The percentile
    // bootstrap's coverage for the mean of n = 30 exponential values is known to be a little under nominal (about
    // 92%, Efron & Tibshirani 1993, ch. 12-14); we accept 88-99% for both.
    uint64_t lcg = 42;
    const auto uniform = [&]() {
        lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
        return (double((lcg >> 11) & ((1ULL << 53) - 1)) + 0.5) / double(1ULL << 53);
    };
    int meanCovered = 0, medianCovered = 0;
    const int trials = 300;
    for (int trial = 0; trial < trials; ++trial) {
        std::vector<double> v(30);
        for (double& x : v)
            x = -std::log(uniform());
        std::sort(v.begin(), v.end());
        const auto ci = bootstrapIntervals(v, 0.95, 2000, kBootstrapSeed + uint64_t(trial));
        meanCovered += ci.mean.low <= 1 && 1 <= ci.mean.high;
        medianCovered += ci.median.low <= std::log(2.0) && std::log(2.0) <= ci.median.high;
    }
    EXPECT_GE(meanCovered, int(0.88 * trials));
    EXPECT_LE(meanCovered, int(0.99 * trials));
    EXPECT_GE(medianCovered, int(0.88 * trials));
    EXPECT_LE(medianCovered, int(0.99 * trials));
}

TEST(BootstrapIntervals, ANonNegativeMetricNeverGetsANegativeInterval)
{
    // A TTFT series with a cold start (ms): mean 542.4, sample stddev 993.15 (by hand: squares around the mean sum to
    // 3,945,403.2, / 4 = 986,350.8). Student's t would give 542.4 - 2.776445 * 993.15 / sqrt(5) = -690.7: below 0.
    const std::vector<double> ttft = {2319, 98, 101, 95, 99};
    const double sd = std::sqrt(986350.8);
    ASSERT_LT(542.4 - 2.776445105 * sd / std::sqrt(5.0), 0);
    const Summary t = summarize(ttft, {true, false, Better::Lower});
    ASSERT_TRUE(t.meanCi);
    EXPECT_EQ(t.meanCiMethod, CiMethod::StudentT);
    EXPECT_NEAR(t.meanCi->low, 542.4 - 2.776445105 * sd / std::sqrt(5.0), 1e-3);
    const Summary s = summarize(ttft, {true, true, Better::Lower});
    ASSERT_TRUE(s.meanCi && s.medianCi);
    EXPECT_EQ(s.meanCiMethod, CiMethod::PercentileBootstrap);
    EXPECT_GE(s.meanCi->low, 95); // inside the data's range, so never below 0
    EXPECT_LE(s.meanCi->high, 2319);
    EXPECT_GE(s.medianCi->low, 95);
    EXPECT_LE(s.medianCi->high, 2319);
    EXPECT_LE(s.meanCi->low, s.mean);
    EXPECT_GE(s.meanCi->high, s.mean);
    // The first value is hyperfine's "first run significantly slower": |2319 - 99| / MAD (MAD = median of
    // {2220, 1, 2, 4, 0} = 2) = 1110 > 14.826.
    EXPECT_TRUE(s.slowFirst);
    EXPECT_EQ(s.madOutliers, 1u);
    // Tukey: q1 = 98, q3 = 101, IQR 3; 2319 is beyond 3 IQR (severe); 95 is 1 IQR below q1 (not an outlier).
    EXPECT_EQ(s.severeOutliers, 1u);
    EXPECT_EQ(s.mildOutliers, 0u);
    // For throughput (higher is better) a high first value is not slow.
    EXPECT_FALSE(summarize(ttft, {false, true, Better::Higher}).slowFirst);
}

TEST(Percentiles, WithheldBelowTheirSampleSizes)
{
    std::vector<double> v;
    for (int i = 1; i <= 19; ++i)
        v.push_back(i);
    Summary s = summarize(v);
    EXPECT_FALSE(s.p95);
    EXPECT_FALSE(s.p99);
    EXPECT_EQ(percentileWithheldReason(19, 95), "p95 needs at least 20 values, n = 19");
    v.push_back(20);
    s = summarize(v);
    ASSERT_TRUE(s.p95);
    EXPECT_NEAR(*s.p95, 19.05, 1e-12); // type 7: rank 19 * 0.95 = 18.05 -> 19 + 0.05
    EXPECT_FALSE(s.p99);
    EXPECT_EQ(percentileWithheldReason(20, 99), "p99 needs at least 100 values, n = 20");
    EXPECT_EQ(percentileWithheldReason(20, 95), "");
    for (int i = 21; i <= 100; ++i)
        v.push_back(i);
    s = summarize(v);
    ASSERT_TRUE(s.p99);
    EXPECT_NEAR(*s.p99, 99.01, 1e-12); // rank 99 * 0.99 = 98.01 -> 99 + 0.01
    // A file's own p99 is still checked against the plain type-7 value whatever n.
    const std::vector<double> five = {5, 1, 4, 2, 3};
    EXPECT_NEAR(*computeStatistic(five, Statistic::P99), 4.96, 1e-12);
}

TEST(Outliers, TukeyMildAndSevereCountsAsCriterion)
{
    // 1..10 plus 17 and 30: q1 = 3.75, q3 = 9.25 (type 7 over 12 values), IQR 5.5; mild fence 17.5, severe 25.75:
    // 17 is inside, 30 is severe. With 20 instead of 30: q3 = 9.25 too (rank 8.25 between 9 and 10), 20 is mild.
    std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 30};
    Summary s = summarize(v);
    EXPECT_EQ(s.mildOutliers, 0u);
    EXPECT_EQ(s.severeOutliers, 1u);
    v.back() = 20;
    s = summarize(v);
    EXPECT_EQ(s.mildOutliers, 1u);
    EXPECT_EQ(s.severeOutliers, 0u);
}

TEST(Outliers, MadRuleAgreesWithHyperfinesOwnTests)
{
    // hyperfine src/outlier_detection.rs test_detect_outliers: [-0.2, 0.0, 0.2, 4.0] has one outlier,
    // [0.5, 0.30, 0.29, 0.31, 0.30] one, [10 x7, 100] one and [10 x7, 100, 100] two.
    EXPECT_EQ(summarize(std::vector<double> {-0.2, 0.0, 0.2, 4.0}).madOutliers, 1u);
    EXPECT_EQ(summarize(std::vector<double> {0.5, 0.30, 0.29, 0.31, 0.30}).madOutliers, 1u);
    EXPECT_EQ(summarize(std::vector<double> {10, 10, 10, 10, 10, 10, 10, 100}).madOutliers, 1u);
    EXPECT_EQ(summarize(std::vector<double> {10, 10, 10, 10, 10, 10, 10, 100, 100}).madOutliers, 2u);
    EXPECT_EQ(summarize(std::vector<double> {-0.2, 0.0, 0.2}).madOutliers, 0u);
}

namespace {
// The bootstrap as first written (issue 14), kept here as the reference the faster one must equal bit for bit: a
// 64-bit division per draw, nth_element over the drawn indices for the median, and full sorts of the resampled
// statistics.
BootstrapIntervals referenceBootstrap(const std::vector<double>& sorted, int resamples, uint64_t seed)
{
    const size_t n = sorted.size();
    SplitMix64 rng {seed};
    std::vector<double> means, medians;
    std::vector<size_t> picks(n);
    for (int r = 0; r < resamples; ++r) {
        double sum = 0;
        for (auto& pick : picks) {
            pick = static_cast<size_t>(rng.next() % n);
            sum += sorted[pick];
        }
        means.push_back(sum / static_cast<double>(n));
        const size_t mid = n / 2;
        std::nth_element(picks.begin(), picks.begin() + std::ptrdiff_t(mid), picks.end());
        const double upper = sorted[picks[mid]];
        medians.push_back(n % 2 == 1
                ? upper
                : (sorted[*std::max_element(picks.begin(), picks.begin() + std::ptrdiff_t(mid))] + upper) / 2);
    }
    std::sort(means.begin(), means.end());
    std::sort(medians.begin(), medians.end());
    const double tail = (1 - 0.95) / 2 * 100; // 2.5000000000000022, as the definition computes it
    return {{percentileSorted(means, tail), percentileSorted(means, 100 - tail)},
        {percentileSorted(medians, tail), percentileSorted(medians, 100 - tail)}};
}

// Knuth's MMIX linear congruential generator: data independent of the generator under test.
std::vector<double> lcgValues(size_t n, uint64_t seed)
{
    std::vector<double> v;
    for (size_t i = 0; i < n; ++i) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        v.push_back(static_cast<double>(seed >> 40) / 1000.0 + (i % 3 == 0 ? 0.125 : 0)); // ties among some
    }
    std::sort(v.begin(), v.end());
    return v;
}
} // namespace

TEST(BootstrapIntervals, Remainder64EqualsTheDivisionForEveryKindOfDivisor)
{
    const std::vector<uint64_t> divisors = {1, 2, 3, 5, 6, 7, 10, 64, 1000, 1000003, 2300000, 4294967295ULL,
        4294967296ULL, 4294967311ULL, 1ULL << 40, (1ULL << 63) - 25, 1ULL << 63, (1ULL << 63) + 1, ~0ULL};
    for (const uint64_t d : divisors) {
        const Remainder64 r(d);
        SplitMix64 rng {d};
        std::vector<uint64_t> xs = {0, 1, d - 1, d, d + 1, 2 * d, ~0ULL, ~0ULL - 1, 1ULL << 63};
        for (int i = 0; i < 20000; ++i)
            xs.push_back(rng.next());
        for (const uint64_t x : xs)
            ASSERT_EQ(r.of(x), x % d) << x << " % " << d;
    }
}

TEST(BootstrapIntervals, EqualTheReferenceBootstrapBitForBit)
{
    for (const size_t n : {1, 2, 3, 4, 5, 6, 7, 10, 31, 64, 201}) {
        const std::vector<double> v = lcgValues(n, n * 7919);
        for (const uint64_t seed : {kBootstrapSeed, uint64_t(42)}) {
            const int resamples = n > 60 ? 1500 : kBootstrapResamples;
            const BootstrapIntervals want = referenceBootstrap(v, resamples, seed);
            const BootstrapIntervals got = bootstrapIntervals(v, 0.95, resamples, seed);
            EXPECT_EQ(got.mean.low, want.mean.low) << "n = " << n;
            EXPECT_EQ(got.mean.high, want.mean.high) << "n = " << n;
            EXPECT_EQ(got.median.low, want.median.low) << "n = " << n;
            EXPECT_EQ(got.median.high, want.median.high) << "n = " << n;
        }
    }
}

TEST(Percentiles, SelectionGivesTheValueOfTheSortedPercentile)
{
    for (const size_t n : {1, 2, 3, 10, 999, 10000}) {
        std::vector<double> v = lcgValues(n, n + 11);
        std::reverse(v.begin(), v.end()); // not in order: selection must not depend on it
        std::vector<double> sorted = v;
        std::sort(sorted.begin(), sorted.end());
        for (const double p : {0.0, 2.5, 25.0, 50.0, 95.0, 97.5, 99.0, 100.0}) {
            std::vector<double> work = v;
            EXPECT_EQ(percentileSelect(work, p), percentileSorted(sorted, p)) << "n = " << n << ", p = " << p;
        }
    }
}
