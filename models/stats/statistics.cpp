#include "models/stats/statistics.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace benchlens {

double percentileSorted(std::span<const double> sorted, double p)
{
    const double rank = (static_cast<double>(sorted.size()) - 1) * p / 100.0;
    const auto lower = static_cast<size_t>(std::floor(rank));
    const size_t upper = std::min(lower + 1, sorted.size() - 1);
    const double fraction = rank - static_cast<double>(lower);
    const double value = sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
    // The difference of two values near +-1e308 overflows; the weighted form cannot.
    return std::isfinite(value) ? value : sorted[lower] * (1 - fraction) + sorted[upper] * fraction;
}

double studentTQuantile(double confidence, double degreesOfFreedom)
{
    const boost::math::students_t dist(degreesOfFreedom);
    return boost::math::quantile(boost::math::complement(dist, (1.0 - confidence) / 2.0));
}

Summary summarize(std::span<const double> values)
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
    s.p95 = percentileSorted(sorted, 95);
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
        const double t = studentTQuantile(0.95, static_cast<double>(s.n - 1));
        const double half = t * s.stddev / std::sqrt(static_cast<double>(s.n));
        s.ciLow = s.mean - half;
        s.ciHigh = s.mean + half;
    }
    s.cv = s.mean != 0 ? s.stddev / std::fabs(s.mean) : 0;
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
    case Statistic::P95:
        return s.p95;
    case Statistic::P99:
        return s.p99;
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
