#include "models/stats/two_sample_tests.h"

#include "models/stats/statistics.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace benchlens {

namespace {
double mean(std::span<const double> v)
{
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

double variance(std::span<const double> v)
{
    if (v.size() < 2)
        return 0;
    const double m = mean(v);
    double ss = 0;
    for (const double x : v)
        ss += (x - m) * (x - m);
    return ss / double(v.size() - 1);
}

// Number of arrangements of m first-sample and n second-sample values (no ties) giving each U = 0 .. m*n, by the
// recurrence f(u; m, n) = f(u - n; m - 1, n) + f(u; m, n - 1).
std::vector<double> exactUDistribution(size_t m, size_t n)
{
    // table[j][u] for the current i (first-sample count), j = second-sample count.
    std::vector<std::vector<double>> prev(n + 1), cur(n + 1);
    for (size_t j = 0; j <= n; ++j)
        prev[j] = {1.0}; // i = 0: only U = 0
    for (size_t i = 1; i <= m; ++i) {
        cur[0] = {1.0};
        for (size_t j = 1; j <= n; ++j) {
            std::vector<double>& f = cur[j];
            f.assign(i * j + 1, 0.0);
            // The largest of the i + j values is either from the first sample (it beats all j: U - j) or from the
            // second (it adds nothing).
            for (size_t u = 0; u <= i * j; ++u) {
                double ways = 0;
                if (u >= j && u - j < prev[j].size())
                    ways += prev[j][u - j];
                if (u < cur[j - 1].size())
                    ways += cur[j - 1][u];
                f[u] = ways;
            }
        }
        std::swap(prev, cur);
    }
    return prev[n];
}
} // namespace

MannWhitney mannWhitneyU(std::span<const double> first, std::span<const double> second, PMethod method)
{
    MannWhitney r;
    const size_t n1 = first.size(), n2 = second.size();
    if (n1 == 0 || n2 == 0)
        return r;
    // Ranks of the pooled values, ties sharing the average rank.
    std::vector<std::pair<double, int>> pooled;
    pooled.reserve(n1 + n2);
    for (const double x : first)
        pooled.emplace_back(x, 0);
    for (const double x : second)
        pooled.emplace_back(x, 1);
    std::sort(pooled.begin(), pooled.end());
    double rankSumFirst = 0;
    double tieTerm = 0; // sum of (t^3 - t) over tie groups
    bool ties = false;
    for (size_t i = 0; i < pooled.size();) {
        size_t j = i;
        while (j < pooled.size() && pooled[j].first == pooled[i].first)
            ++j;
        const double t = double(j - i);
        const double rank = (double(i + 1) + double(j)) / 2;
        for (size_t k = i; k < j; ++k)
            rankSumFirst += pooled[k].second == 0 ? rank : 0;
        if (t > 1) {
            ties = true;
            tieTerm += t * t * t - t;
        }
        i = j;
    }
    r.u = rankSumFirst - double(n1) * double(n1 + 1) / 2;
    const double mu = double(n1) * double(n2) / 2;
    const bool exact = method == PMethod::Exact ? !ties : method == PMethod::Auto && !ties && n1 + n2 <= 40;
    if (exact) {
        const auto counts = exactUDistribution(n1, n2);
        const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
        const auto u = static_cast<size_t>(std::llround(r.u));
        const double below = std::accumulate(counts.begin(), counts.begin() + std::ptrdiff_t(u) + 1, 0.0) / total;
        const double above = std::accumulate(counts.begin() + std::ptrdiff_t(u), counts.end(), 0.0) / total;
        r.pValue = std::min(1.0, 2 * std::min(below, above));
        r.exact = true;
        return r;
    }
    const double n = double(n1 + n2);
    const double sigma = std::sqrt(double(n1) * double(n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
    if (sigma == 0) {
        r.pValue = 1;
        return r;
    }
    const double z = (std::fabs(r.u - mu) - 0.5) / sigma; // continuity correction
    const boost::math::normal normal;
    r.pValue = std::min(1.0, 2 * boost::math::cdf(boost::math::complement(normal, std::max(z, 0.0))));
    return r;
}

std::optional<Welch> welchT(std::span<const double> first, std::span<const double> second, double confidence)
{
    if (first.size() < 2 || second.size() < 2)
        return std::nullopt;
    const double v1 = variance(first) / double(first.size());
    const double v2 = variance(second) / double(second.size());
    Welch w;
    w.diff = mean(second) - mean(first);
    const double se = std::sqrt(v1 + v2);
    if (se == 0) {
        // Both samples constant: no spread to test against.
        w.pValue = w.diff == 0 ? 1 : 0;
        w.ciLow = w.ciHigh = w.diff;
        w.df = double(first.size() + second.size() - 2);
        return w;
    }
    w.t = w.diff / se;
    w.df = (v1 + v2) * (v1 + v2) / (v1 * v1 / double(first.size() - 1) + v2 * v2 / double(second.size() - 1));
    const boost::math::students_t dist(w.df);
    w.pValue = 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(w.t)));
    const double q = boost::math::quantile(boost::math::complement(dist, (1 - confidence) / 2));
    w.ciLow = w.diff - q * se;
    w.ciHigh = w.diff + q * se;
    return w;
}

std::pair<double, double> bootstrapDiffCi(
    std::span<const double> first, std::span<const double> second, double confidence, int resamples, uint64_t seed)
{
    uint64_t state = seed;
    const auto next = [&state]() {
        // splitmix64: small, fast, and the same on every platform.
        uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    const auto resampleMean = [&](std::span<const double> v) {
        double sum = 0;
        for (size_t i = 0; i < v.size(); ++i)
            sum += v[next() % v.size()];
        return sum / double(v.size());
    };
    std::vector<double> diffs(static_cast<size_t>(resamples));
    for (auto& d : diffs)
        d = resampleMean(second) - resampleMean(first);
    std::sort(diffs.begin(), diffs.end());
    const double tail = (1 - confidence) / 2 * 100;
    return {percentileSorted(diffs, tail), percentileSorted(diffs, 100 - tail)};
}

double skewness(std::span<const double> v)
{
    const size_t n = v.size();
    if (n < 3)
        return 0;
    const double m = mean(v);
    double m2 = 0, m3 = 0;
    for (const double x : v) {
        m2 += (x - m) * (x - m);
        m3 += (x - m) * (x - m) * (x - m);
    }
    m2 /= double(n);
    m3 /= double(n);
    if (m2 == 0)
        return 0;
    const double g1 = m3 / std::pow(m2, 1.5);
    return g1 * std::sqrt(double(n) * double(n - 1)) / double(n - 2);
}

std::string_view verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Better:
        return "better";
    case Verdict::Worse:
        return "worse";
    case Verdict::NoSignificantDifference:
        return "no significant difference";
    case Verdict::InsufficientData:
        return "insufficient data";
    case Verdict::Different:
        return "different";
    }
    return "insufficient data";
}

MetricComparison compareSamples(
    std::span<const double> baseline, std::span<const double> candidate, Better better, const CompareOptions& options)
{
    MetricComparison c;
    c.baselineN = baseline.size();
    c.candidateN = candidate.size();
    std::vector<double> b(baseline.begin(), baseline.end()), k(candidate.begin(), candidate.end());
    std::sort(b.begin(), b.end());
    std::sort(k.begin(), k.end());
    if (!b.empty()) {
        c.baselineMean = mean(b);
        c.baselineMedian = percentileSorted(b, 50);
    }
    if (!k.empty()) {
        c.candidateMean = mean(k);
        c.candidateMedian = percentileSorted(k, 50);
    }
    c.diff = c.candidateMean - c.baselineMean;
    if (c.baselineMean != 0 && !b.empty() && !k.empty())
        c.diffPct = c.diff / std::fabs(c.baselineMean);
    if (b.size() < options.minSamples || k.size() < options.minSamples) {
        c.verdict = Verdict::InsufficientData;
        c.reason = fmt::format("fewer than {} samples on one side (baseline n = {}, candidate n = {})",
            options.minSamples, b.size(), k.size());
        return c;
    }
    const auto welch = welchT(b, k);
    const MannWhitney mw = mannWhitneyU(b, k);
    c.pValue = mw.pValue;
    c.exactP = mw.exact;
    if (welch)
        c.welchP = welch->pValue;
    // Welch's interval unless a side is clearly skewed and large enough for resampling to mean something.
    const bool skewed = std::max(std::fabs(skewness(b)), std::fabs(skewness(k))) > 1;
    if (skewed && b.size() >= 10 && k.size() >= 10) {
        c.ci95 = bootstrapDiffCi(b, k);
        c.ciMethod = "bootstrap";
    } else if (welch) {
        c.ci95 = std::pair(welch->ciLow, welch->ciHigh);
        c.ciMethod = "welch";
    }
    c.statisticallySignificant = mw.pValue < options.alpha;
    c.practicallySignificant = !c.diffPct || std::fabs(*c.diffPct) >= options.practicalThreshold;
    if (!c.statisticallySignificant) {
        c.verdict = Verdict::NoSignificantDifference;
        c.reason = fmt::format("Mann-Whitney p = {:.3g} is not below {}", mw.pValue, options.alpha);
    } else if (!c.practicallySignificant) {
        c.verdict = Verdict::NoSignificantDifference;
        c.reason = fmt::format("statistically significant (p = {:.3g}) but {:+.2f}% is below the {:.0f}% threshold",
            mw.pValue, *c.diffPct * 100, options.practicalThreshold * 100);
    } else if (better == Better::None) {
        c.verdict = Verdict::Different;
        c.reason = fmt::format("significant difference (p = {:.3g}); the metric has no better direction", mw.pValue);
    } else {
        const bool higher = c.diff > 0;
        c.verdict = (higher == (better == Better::Higher)) ? Verdict::Better : Verdict::Worse;
        c.reason = fmt::format("Mann-Whitney p = {:.3g}: the candidate is {} ({:+.2f}%) and {} is better", mw.pValue,
            higher ? "higher" : "lower", c.diffPct.value_or(0) * 100, better == Better::Higher ? "higher" : "lower");
    }
    return c;
}

} // namespace benchlens
