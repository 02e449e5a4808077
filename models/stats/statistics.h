#pragma once

#include "models/data/metric_catalog.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace benchlens {

// Descriptive statistics of one set of samples. Pure functions, no Qt types.
//  - stddev is the sample standard deviation (n - 1 in the denominator); CV = stddev / mean.
//  - Percentiles use linear interpolation between closest ranks (Hyndman & Fan type 7, the default of NumPy,
//    R and Excel's PERCENTILE.INC): p-th percentile at rank (n - 1) * p / 100 of the sorted values. A summary states
//    p95 only from kMinSamplesForP95 values and p99 only from kMinSamplesForP99: below that the "tail" is an
//    interpolation between the largest values (percentileWithheldReason says why one is absent).
//  - Intervals (SummaryOptions::intervals): the 95% CI of the mean and of the median. For a metric that cannot be
//    negative (durations, throughputs, counts: SummaryOptions::nonNegative) both are percentile-bootstrap intervals
//    (bootstrapIntervals: kBootstrapResamples resamples from kBootstrapSeed), which stay inside the range of the data
//    and so never below 0. For a signed metric the mean's CI is Student's t (n - 1 degrees of freedom, Boost.Math)
//    and the median's the bootstrap. Absent for n < 2.
//  - Outliers: Tukey's fences (criterion's classification: mild beyond kTukeyMild IQR of the quartiles, severe
//    beyond kTukeySevere IQR) and hyperfine's modified Z-score |x - median| / MAD above kModifiedZThreshold; the
//    first value (in the order given) is a "slow first run" when its modified Z-score exceeds the threshold on the
//    worse side of SummaryOptions::better (hyperfine's SlowInitialRun warning).

constexpr size_t kMinSamplesForP95 = 20;
constexpr size_t kMinSamplesForP99 = 100;
constexpr int kBootstrapResamples = 10000;
constexpr uint64_t kBootstrapSeed = 0x5eed;
// Above this many values, a bootstrap uses kBootstrapWork / n resamples (at least kMinBootstrapResamples), so one
// interval costs at most about kBootstrapWork draws.
constexpr size_t kBootstrapWork = 20'000'000;
constexpr int kMinBootstrapResamples = 1000;
constexpr double kTukeyMild = 1.5;
constexpr double kTukeySevere = 3;
constexpr double kModifiedZThreshold = 1.4826 * 10; // hyperfine's OUTLIER_THRESHOLD: ten MAD-estimated sigmas

struct Interval
{
    double low = 0;
    double high = 0;
};

enum class CiMethod
{
    None,
    StudentT, // mean +- t(0.975, n - 1) * s / sqrt(n)
    PercentileBootstrap, // the 2.5th and 97.5th type-7 percentiles of the resampled statistic
};
std::string_view ciMethodName(CiMethod method); // "none", "student_t", "percentile_bootstrap"

// x % d computed with two multiplications instead of a 64-bit division, exact for every 64-bit x and d >= 1 (Lemire,
// Kaser & Kurz 2019, "Faster remainder by direct computation", Theorem 1: c = ceil(2^128 / d), x % d = floor(((c * x)
// mod 2^128) * d / 2^128); 128 bits suffice for 64-bit operands). A bootstrap draws millions of indices below one n.
struct Remainder64
{
    explicit Remainder64(uint64_t divisor);
    uint64_t of(uint64_t x) const
    {
        const U128 low = m_c * x; // mod 2^128
        const U128 bottom = (static_cast<U128>(static_cast<uint64_t>(low)) * m_d) >> 64;
        const U128 top = static_cast<U128>(static_cast<uint64_t>(low >> 64)) * m_d;
        return static_cast<uint64_t>((bottom + top) >> 64);
    }

private:
    __extension__ typedef unsigned __int128 U128;
    U128 m_c;
    uint64_t m_d;
};

// splitmix64 (Steele, Lea & Flood 2014): a tiny generator whose output is the same on every platform and standard
// library, unlike std::uniform_int_distribution. below(n) maps a draw to 0 .. n - 1 by the remainder (its bias,
// below n / 2^64, is far under any bootstrap's resolution).
struct SplitMix64
{
    uint64_t state = 0;
    uint64_t next()
    {
        uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
    // The same value as below(n), without a division: for loops that draw many times from one n.
    size_t below(const Remainder64& n) { return static_cast<size_t>(n.of(next())); }
};

struct SummaryOptions
{
    bool intervals = false; // compute meanCi and medianCi (a bootstrap costs kBootstrapResamples draws per value)
    bool nonNegative = false; // the metric cannot be below 0: bootstrap intervals for the mean too
    Better better = Better::None; // which side of the first value is "slow"; None: no slow-first check
};

struct Summary
{
    size_t n = 0;
    double mean = 0;
    double median = 0;
    double stddev = 0; // 0 for n < 2
    double cv = 0; // 0 when the mean is 0
    double min = 0;
    double max = 0;
    std::optional<double> p95; // n >= kMinSamplesForP95
    std::optional<double> p99; // n >= kMinSamplesForP99
    std::optional<Interval> meanCi; // 95%, by meanCiMethod
    CiMethod meanCiMethod = CiMethod::None;
    std::optional<Interval> medianCi; // 95%, percentile bootstrap
    size_t mildOutliers = 0; // beyond kTukeyMild but within kTukeySevere IQR of the quartiles
    size_t severeOutliers = 0; // beyond kTukeySevere IQR
    size_t madOutliers = 0; // modified Z-score above kModifiedZThreshold
    bool slowFirst = false; // the first value is a MAD outlier on the worse side
};

// Summary of the values (in the order measured, for the slow-first check); n == 0 gives a zero Summary. NaN/inf
// must have been filtered by the caller.
Summary summarize(std::span<const double> values, const SummaryOptions& options = {});

// Why a summary leaves the percentile p (95, 99) out for n values ("p99 needs at least 100 values, n = 12"), or
// an empty string when n supports it.
std::string percentileWithheldReason(size_t n, double p);

// Percentile-bootstrap 95% intervals of the mean and of the median of `sorted` (ascending, n >= 1): `resamples`
// draws of n values with replacement from SplitMix64{seed}; the same inputs give the same intervals everywhere.
struct BootstrapIntervals
{
    Interval mean;
    Interval median;
};
BootstrapIntervals bootstrapIntervals(std::span<const double> sorted, double confidence = 0.95,
    int resamples = kBootstrapResamples, uint64_t seed = kBootstrapSeed);
// The resample count bootstrapIntervals is given for n values (kBootstrapResamples, fewer for very large n).
int bootstrapResamplesFor(size_t n);

// Type-7 percentile (0..100) of already sorted values; values must not be empty.
double percentileSorted(std::span<const double> sorted, double p);
// The same value as percentileSorted of the sorted values, found by selection (std::nth_element) instead of a sort;
// reorders `values` (not empty).
double percentileSelect(std::span<double> values, double p);

// The statistic of the values that a file's reported aggregate is compared with; nullopt when BenchLens cannot
// compute that statistic (cv, overall, total, value) or there are no values. Percentiles here are the plain type-7
// values whatever n (a file's own p99 of its own samples is checked against the same arithmetic).
std::optional<double> computeStatistic(std::span<const double> values, Statistic statistic);

// The same from a Summary already computed and the sorted values: for callers that ask many questions of one
// sample set.
std::optional<double> statisticOf(const Summary& summary, std::span<const double> sorted, Statistic statistic);

// Two-sided Student's t quantile for the given confidence (0.95) and degrees of freedom.
double studentTQuantile(double confidence, double degreesOfFreedom);

} // namespace benchlens
