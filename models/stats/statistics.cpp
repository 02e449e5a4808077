#include "models/stats/statistics.h"

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace benchlens {

namespace {
// Type 7 between the order statistics at floor(rank) and floor(rank) + 1 (the last one for the maximum).
double interpolate(double lower, double upper, double fraction)
{
    const double value = lower + (upper - lower) * fraction;
    // The difference of two values near +-1e308 overflows; the weighted form cannot.
    return std::isfinite(value) ? value : lower * (1 - fraction) + upper * fraction;
}

struct Rank
{
    size_t lower;
    size_t upper;
    double fraction;
};
Rank rankOf(size_t n, double p)
{
    const double rank = (static_cast<double>(n) - 1) * p / 100.0;
    const auto lower = static_cast<size_t>(std::floor(rank));
    return {lower, std::min(lower + 1, n - 1), rank - static_cast<double>(lower)};
}
} // namespace

double percentileSorted(std::span<const double> sorted, double p)
{
    const Rank r = rankOf(sorted.size(), p);
    return interpolate(sorted[r.lower], sorted[r.upper], r.fraction);
}

double percentileSelect(std::span<double> values, double p)
{
    const Rank r = rankOf(values.size(), p);
    const auto lower = values.begin() + std::ptrdiff_t(r.lower);
    std::nth_element(values.begin(), lower, values.end());
    // After the selection everything behind `lower` is at least as large: the next order statistic is their minimum.
    const double upper = r.upper == r.lower ? *lower : *std::min_element(lower + 1, values.end());
    return interpolate(*lower, upper, r.fraction);
}

Remainder64::Remainder64(uint64_t divisor)
    // ceil(2^128 / d); it wraps to 0 for d = 1, which gives x % 1 = 0 as it must. d = 0 has no remainder: never drawn.
    : m_c(divisor ? ~U128(0) / divisor + 1 : 0)
    , m_d(divisor)
{ }

double studentTQuantile(double confidence, double degreesOfFreedom)
{
    const boost::math::students_t dist(degreesOfFreedom);
    return boost::math::quantile(boost::math::complement(dist, (1.0 - confidence) / 2.0));
}

std::string_view ciMethodName(CiMethod method)
{
    switch (method) {
    case CiMethod::StudentT:
        return "student_t";
    case CiMethod::PercentileBootstrap:
        return "percentile_bootstrap";
    case CiMethod::None:
        break;
    }
    return "none";
}

std::string percentileWithheldReason(size_t n, double p)
{
    const size_t needed = p >= 99 ? kMinSamplesForP99 : p >= 95 ? kMinSamplesForP95 : 0;
    if (n >= needed)
        return {};
    return fmt::format("p{} needs at least {} values, n = {}", p, needed, n);
}

int bootstrapResamplesFor(size_t n)
{
    if (n == 0 || n * static_cast<size_t>(kBootstrapResamples) <= kBootstrapWork)
        return kBootstrapResamples;
    return std::max(kMinBootstrapResamples, static_cast<int>(kBootstrapWork / n));
}

BootstrapIntervals bootstrapIntervals(std::span<const double> sorted, double confidence, int resamples, uint64_t seed)
{
    const size_t n = sorted.size();
    SplitMix64 rng {seed};
    const Remainder64 belowN(n);
    std::vector<double> means(static_cast<size_t>(resamples)), medians(static_cast<size_t>(resamples));
    // The values are sorted, so a resample's order statistics are those of its indices: counting how often each index
    // is drawn gives the type-7 median (the index at rank n / 2, and for even n also the one at rank n / 2 - 1)
    // without reordering the draws. The mean adds the values in the order drawn.
    std::vector<uint32_t> drawn(n);
    const size_t mid = n / 2;
    for (size_t r = 0; r < means.size(); ++r) {
        std::fill(drawn.begin(), drawn.end(), 0);
        double sum = 0;
        for (size_t k = 0; k < n; ++k) {
            const size_t pick = rng.below(belowN);
            ++drawn[pick];
            sum += sorted[pick];
        }
        means[r] = sum / static_cast<double>(n);
        // The smallest index whose cumulative count passes rank mid - 1, then rank mid.
        size_t index = 0;
        size_t seen = drawn[0];
        if (n % 2 == 0) {
            while (seen < mid)
                seen += drawn[++index];
        }
        const size_t lower = index;
        while (seen <= mid)
            seen += drawn[++index];
        medians[r] = n % 2 == 1 ? sorted[index] : (sorted[lower] + sorted[index]) / 2;
    }
    const double tail = (1 - confidence) / 2 * 100;
    const double meanLow = percentileSelect(means, tail), meanHigh = percentileSelect(means, 100 - tail);
    const double medianLow = percentileSelect(medians, tail), medianHigh = percentileSelect(medians, 100 - tail);
    return {{meanLow, meanHigh}, {medianLow, medianHigh}};
}

namespace {
// Tukey and MAD outlier counts, and hyperfine's slow first run; `inOrder` is the values as measured.
void countOutliers(Summary& s, std::span<const double> sorted, std::span<const double> inOrder, Better better)
{
    const double q1 = percentileSorted(sorted, 25), q3 = percentileSorted(sorted, 75);
    const double iqr = q3 - q1;
    for (const double x : sorted) {
        const double beyond = std::max(q1 - x, x - q3);
        if (beyond > kTukeySevere * iqr)
            ++s.severeOutliers;
        else if (beyond > kTukeyMild * iqr)
            ++s.mildOutliers;
    }
    std::vector<double> deviations;
    deviations.reserve(sorted.size());
    for (const double x : sorted)
        deviations.push_back(std::fabs(x - s.median));
    std::sort(deviations.begin(), deviations.end());
    double mad = percentileSorted(deviations, 50);
    if (!(mad > 0))
        mad = std::numeric_limits<double>::epsilon(); // hyperfine: a MAD of 0 makes every other value an outlier
    for (const double d : deviations)
        s.madOutliers += d / mad > kModifiedZThreshold ? 1 : 0;
    if (better != Better::None && inOrder.size() >= 2) {
        const double z = (inOrder.front() - s.median) / mad;
        s.slowFirst = better == Better::Lower ? z > kModifiedZThreshold : z < -kModifiedZThreshold;
    }
}
} // namespace

Summary summarize(std::span<const double> values, const SummaryOptions& options)
{
    Summary s;
    s.n = values.size();
    if (s.n == 0)
        return s;
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    // Pairwise-stable enough for benchmark magnitudes; compensated by computing the variance around the mean.
    const double sum = std::accumulate(sorted.begin(), sorted.end(), 0.0);
    s.mean = sum / static_cast<double>(s.n);
    if (!std::isfinite(s.mean)) {
        // The sum of finite values overflowed (values near 1e308): a running mean cannot.
        s.mean = 0;
        double k = 0;
        for (const double v : sorted)
            s.mean += (v - s.mean) / ++k;
    }
    s.min = sorted.front();
    s.max = sorted.back();
    s.median = percentileSorted(sorted, 50);
    if (s.n >= kMinSamplesForP95)
        s.p95 = percentileSorted(sorted, 95);
    if (s.n >= kMinSamplesForP99)
        s.p99 = percentileSorted(sorted, 99);
    if (s.n >= 2) {
        double squares = 0;
        for (const double v : sorted)
            squares += (v - s.mean) * (v - s.mean);
        s.stddev = std::sqrt(squares / static_cast<double>(s.n - 1));
        if (!std::isfinite(s.stddev)) {
            // The squares overflowed (values near 1e308): the same over values scaled by the largest magnitude.
            const double scale = std::max(std::fabs(s.min), std::fabs(s.max));
            squares = 0;
            for (const double v : sorted) {
                const double d = v / scale - s.mean / scale;
                squares += d * d;
            }
            s.stddev = scale * std::sqrt(squares / static_cast<double>(s.n - 1));
        }
    }
    if (options.intervals && s.n >= 2) {
        const BootstrapIntervals boot = bootstrapIntervals(sorted, 0.95, bootstrapResamplesFor(s.n));
        s.medianCi = boot.median;
        if (options.nonNegative) {
            s.meanCi = boot.mean;
            s.meanCiMethod = CiMethod::PercentileBootstrap;
        } else {
            const double t = studentTQuantile(0.95, static_cast<double>(s.n - 1));
            const double half = t * s.stddev / std::sqrt(static_cast<double>(s.n));
            s.meanCi = Interval {s.mean - half, s.mean + half};
            s.meanCiMethod = CiMethod::StudentT;
        }
    }
    s.cv = s.mean != 0 ? s.stddev / std::fabs(s.mean) : 0;
    countOutliers(s, sorted, values, options.better);
    return s;
}

std::optional<double> computeStatistic(std::span<const double> values, Statistic statistic)
{
    if (values.empty())
        return std::nullopt;
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return statisticOf(summarize(sorted), sorted, statistic);
}

std::optional<double> statisticOf(const Summary& s, std::span<const double> sorted, Statistic statistic)
{
    if (s.n == 0)
        return std::nullopt;
    switch (statistic) {
    case Statistic::Mean:
        return s.mean;
    case Statistic::Median:
    case Statistic::P50:
        return s.median;
    case Statistic::Min:
        return s.min;
    case Statistic::Max:
        return s.max;
    case Statistic::StdDev:
        if (s.n < 2)
            return std::nullopt;
        return s.stddev;
    default:
        if (const double p = percentileOf(statistic); p >= 0)
            return percentileSorted(sorted, p);
        return std::nullopt;
    }
}

} // namespace benchlens
