#include "models/stats/two_sample_tests.h"

#include "models/stats/statistics.h"
#include "models/util/text.h"

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

// The two-sided exact p-value of an integer statistic from the counts of its null distribution (counts[k]: the
// number of arrangements giving k): twice the smaller tail, each tail including the statistic itself, at most 1.
double twoSidedExactP(const std::vector<double>& counts, double statistic)
{
    const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    const auto k = static_cast<size_t>(std::llround(statistic));
    const double below = std::accumulate(counts.begin(), counts.begin() + std::ptrdiff_t(k) + 1, 0.0) / total;
    const double above = std::accumulate(counts.begin() + std::ptrdiff_t(k), counts.end(), 0.0) / total;
    return std::min(1.0, 2 * std::min(below, above));
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
        r.pValue = twoSidedExactP(exactUDistribution(n1, n2), r.u);
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
    SplitMix64 rng {seed};
    const Remainder64 belowFirst(first.size()), belowSecond(second.size());
    const auto resampleMean = [&](std::span<const double> v, const Remainder64& below) {
        double sum = 0;
        for (size_t i = 0; i < v.size(); ++i)
            sum += v[rng.below(below)];
        return sum / double(v.size());
    };
    std::vector<double> diffs(static_cast<size_t>(resamples));
    for (auto& d : diffs)
        d = resampleMean(second, belowSecond) - resampleMean(first, belowFirst);
    const double tail = (1 - confidence) / 2 * 100;
    const double low = percentileSelect(diffs, tail);
    return {low, percentileSelect(diffs, 100 - tail)};
}

double kthPairwiseDifference(std::span<const double> x, std::span<const double> y, uint64_t k)
{
    // count(t): how many y[j] - x[i] <= t, the same predicate as the final pick below.
    const auto count = [&](double t) {
        uint64_t c = 0;
        for (const double xi : x)
            c += static_cast<uint64_t>(
                std::partition_point(y.begin(), y.end(), [&](double yj) { return yj - xi <= t; }) - y.begin());
        return c;
    };
    double lo = y.front() - x.back(); // the smallest difference: count(lo) >= 1
    double hi = y.back() - x.front(); // the largest: count(hi) = m * n
    if (count(lo) >= k)
        return lo;
    // Invariant: count(lo) < k <= count(hi).
    for (int i = 0; i < 2000; ++i) {
        const double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi)
            break;
        (count(mid) >= k ? hi : lo) = mid;
    }
    // The k-th difference is the smallest one above lo.
    double best = hi;
    for (const double xi : x) {
        const auto it = std::partition_point(y.begin(), y.end(), [&](double yj) { return yj - xi <= lo; });
        if (it != y.end())
            best = std::min(best, *it - xi);
    }
    return best;
}

namespace {
// The lower critical index C (1-based) of an order-statistic interval: the smallest q with P(S <= q) >= alpha / 2
// for a statistic S (R's qwilcox/qsignrank), at least 1; and the coverage it achieves.
std::pair<uint64_t, double> exactCritical(const std::vector<double>& counts, double alpha)
{
    const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    double below = 0; // P(S <= q - 1)
    uint64_t q = 0;
    for (; q < counts.size(); ++q) {
        if ((below + counts[q]) / total >= alpha / 2)
            break;
        below += counts[q];
    }
    if (q == 0) {
        // Even P(S = 0) reaches alpha / 2: the widest interval, from the extreme differences, covers less than asked.
        return {1, 1 - 2 * counts[0] / total};
    }
    return {q, 1 - 2 * below / total};
}

uint64_t normalCritical(double mu, double sigma, double alpha)
{
    const boost::math::normal normal;
    const double z = boost::math::quantile(boost::math::complement(normal, alpha / 2));
    const double c = std::ceil(mu - 0.5 - z * sigma);
    return c < 1 ? 1 : static_cast<uint64_t>(c);
}

// Number of sign patterns of ranks 1..n giving each W+ = 0 .. n(n+1)/2.
std::vector<double> exactSignedRankDistribution(size_t n)
{
    std::vector<double> f(n * (n + 1) / 2 + 1, 0.0);
    f[0] = 1;
    size_t top = 0;
    for (size_t r = 1; r <= n; ++r) {
        top += r;
        for (size_t w = top; w >= r; --w)
            f[w] += f[w - r];
    }
    return f;
}

// Average ranks of |d| (zeros removed by the caller) and the tie term sum(t^3 - t).
std::pair<std::vector<double>, double> absoluteRanks(std::span<const double> d)
{
    std::vector<size_t> order(d.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::fabs(d[a]) < std::fabs(d[b]); });
    std::vector<double> ranks(d.size());
    double tieTerm = 0;
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j < order.size() && std::fabs(d[order[j]]) == std::fabs(d[order[i]]))
            ++j;
        const double rank = (double(i + 1) + double(j)) / 2;
        for (size_t k = i; k < j; ++k)
            ranks[order[k]] = rank;
        const double t = double(j - i);
        tieTerm += t * t * t - t;
        i = j;
    }
    return {ranks, tieTerm};
}
} // namespace

std::optional<ShiftEstimate> hodgesLehmannShift(
    std::span<const double> first, std::span<const double> second, double confidence)
{
    if (first.empty() || second.empty())
        return std::nullopt;
    std::vector<double> x(first.begin(), first.end()), y(second.begin(), second.end());
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    const uint64_t m = x.size(), n = y.size(), mn = m * n;
    ShiftEstimate e;
    e.shift = mn % 2 == 1 ? kthPairwiseDifference(x, y, (mn + 1) / 2)
                          : (kthPairwiseDifference(x, y, mn / 2) + kthPairwiseDifference(x, y, mn / 2 + 1)) / 2;
    const double alpha = 1 - confidence;
    // Ties in the pooled values, for the exact/normal choice and the variance (as mannWhitneyU).
    std::vector<double> pooled(x);
    pooled.insert(pooled.end(), y.begin(), y.end());
    std::sort(pooled.begin(), pooled.end());
    double tieTerm = 0;
    for (size_t i = 0; i < pooled.size();) {
        size_t j = i;
        while (j < pooled.size() && pooled[j] == pooled[i])
            ++j;
        const double t = double(j - i);
        tieTerm += t * t * t - t;
        i = j;
    }
    uint64_t c = 1;
    if (tieTerm == 0 && m + n <= 40) {
        const auto [q, achieved] = exactCritical(exactUDistribution(m, n), alpha);
        c = q;
        e.achievedConfidence = achieved;
        e.exact = true;
    } else {
        const double N = double(m + n);
        const double sigma = std::sqrt(double(m) * double(n) / 12 * ((N + 1) - tieTerm / (N * (N - 1))));
        c = std::min<uint64_t>(normalCritical(double(mn) / 2, sigma, alpha), (mn + 1) / 2);
        e.achievedConfidence = confidence;
    }
    e.ciLow = kthPairwiseDifference(x, y, c);
    e.ciHigh = kthPairwiseDifference(x, y, mn + 1 - c);
    return e;
}

std::vector<double> holmAdjust(std::span<const double> p)
{
    std::vector<size_t> order(p.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
    std::vector<double> adjusted(p.size());
    double running = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        running = std::max(running, std::min(1.0, double(p.size() - i) * p[order[i]]));
        adjusted[order[i]] = running;
    }
    return adjusted;
}

SignedRank wilcoxonSignedRank(std::span<const double> differences)
{
    SignedRank r;
    std::vector<double> d;
    for (const double v : differences) {
        if (v != 0)
            d.push_back(v);
    }
    r.n = d.size();
    if (d.empty())
        return r;
    const auto [ranks, tieTerm] = absoluteRanks(d);
    for (size_t i = 0; i < d.size(); ++i)
        r.wPlus += d[i] > 0 ? ranks[i] : 0;
    const double n = double(r.n);
    const double mu = n * (n + 1) / 4;
    const bool zeros = d.size() != differences.size();
    if (tieTerm == 0 && !zeros && r.n <= 50) {
        r.pValue = twoSidedExactP(exactSignedRankDistribution(r.n), r.wPlus);
        r.exact = true;
        return r;
    }
    const double sigma = std::sqrt(n * (n + 1) * (2 * n + 1) / 24 - tieTerm / 48);
    if (sigma == 0)
        return r;
    const double z = (std::fabs(r.wPlus - mu) - 0.5) / sigma;
    const boost::math::normal normal;
    r.pValue = std::min(1.0, 2 * boost::math::cdf(boost::math::complement(normal, std::max(z, 0.0))));
    return r;
}

std::optional<ShiftEstimate> walshShift(std::span<const double> differences, double confidence)
{
    const size_t n = differences.size();
    if (n == 0 || n > kMaxPairsForWalsh)
        return std::nullopt;
    std::vector<double> walsh;
    walsh.reserve(n * (n + 1) / 2);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i; j < n; ++j)
            walsh.push_back((differences[i] + differences[j]) / 2);
    }
    std::sort(walsh.begin(), walsh.end());
    const uint64_t total = walsh.size();
    ShiftEstimate e;
    e.shift = percentileSorted(walsh, 50);
    const double alpha = 1 - confidence;
    std::vector<double> nonZero;
    for (const double v : differences) {
        if (v != 0)
            nonZero.push_back(v);
    }
    const double tieTerm = nonZero.empty() ? 0 : absoluteRanks(nonZero).second;
    uint64_t c = 1;
    if (tieTerm == 0 && nonZero.size() == n && n <= 50) {
        const auto [q, achieved] = exactCritical(exactSignedRankDistribution(n), alpha);
        c = q;
        e.achievedConfidence = achieved;
        e.exact = true;
    } else {
        const double nn = double(n);
        const double sigma = std::sqrt(nn * (nn + 1) * (2 * nn + 1) / 24 - tieTerm / 48);
        c = std::min<uint64_t>(normalCritical(double(total) / 2, sigma, alpha), (total + 1) / 2);
        e.achievedConfidence = confidence;
    }
    e.ciLow = walsh[c - 1];
    e.ciHigh = walsh[total - c];
    return e;
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
    case Verdict::Negligible:
        return "negligible difference";
    }
    return "insufficient data";
}

MetricComparison compareSamples(std::span<const double> baseline, std::span<const double> candidate, Better better,
    const CompareOptions& options, std::span<const double> pairedDifferences)
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
    const double confidence = 1 - options.alpha;
    // Paired when the pairs can reach the confidence (6 pairs at least for 95%: with 5, the widest interval covers
    // 1 - 2/32); otherwise the two samples as they are.
    std::optional<ShiftEstimate> shift;
    if (pairedDifferences.size() >= options.minSamples)
        shift = walshShift(pairedDifferences, confidence);
    if (shift && shift->achievedConfidence < confidence - 1e-12)
        shift.reset();
    if (shift) {
        const SignedRank sr = wilcoxonSignedRank(pairedDifferences);
        c.paired = true;
        c.pValue = sr.pValue;
        c.exactP = sr.exact;
    } else {
        shift = hodgesLehmannShift(b, k, confidence);
        const MannWhitney mw = mannWhitneyU(b, k);
        c.pValue = mw.pValue;
        c.exactP = mw.exact;
    }
    if (const auto welch = welchT(b, k))
        c.welchP = welch->pValue;
    c.shift = shift->shift;
    if (c.baselineMedian != 0)
        c.shiftPct = c.shift / std::fabs(c.baselineMedian);
    c.fewRepetitions = b.size() < kMinRepetitionsForVerdict || k.size() < kMinRepetitionsForVerdict;
    if (shift->achievedConfidence < confidence - 1e-12) {
        // Too few values for any interval to reach the confidence (3 against 3: the widest covers 90%): no verdict.
        c.verdict = Verdict::InsufficientData;
        c.reason = fmt::format("with n = {} and {} no interval of the shift reaches {:.0f}% (the widest covers "
                               "{:.1f}%; Mann-Whitney p = {:.3g} at best {:.3g})",
            b.size(), k.size(), confidence * 100, shift->achievedConfidence * 100, *c.pValue,
            1 - shift->achievedConfidence);
        return c;
    }
    c.ci95 = std::pair(shift->ciLow, shift->ciHigh);
    c.ciMethod = shift->exact ? "hodges_lehmann_exact" : "hodges_lehmann_normal";

    // The one decision rule: the interval shown.
    c.statisticallySignificant = shift->ciLow > 0 || shift->ciHigh < 0;
    c.practicallySignificant = !c.shiftPct || std::fabs(*c.shiftPct) >= options.practicalThreshold;
    const std::string interval = fmt::format("the {:.0f}% interval of the {}shift [{}, {}]", confidence * 100,
        c.paired ? "paired " : "", formatValue(shift->ciLow), formatValue(shift->ciHigh));
    const std::string test
        = fmt::format("{} p = {:.3g}", c.paired ? "Wilcoxon signed-rank" : "Mann-Whitney", *c.pValue);
    if (!c.statisticallySignificant) {
        c.verdict = Verdict::NoSignificantDifference;
        c.reason = fmt::format("{} holds 0 ({})", interval, test);
    } else if (!c.practicallySignificant) {
        c.verdict = Verdict::Negligible;
        c.reason = fmt::format("{} excludes 0 ({}), but the shift {:+.2f}% is below the {:.0f}% threshold", interval,
            test, *c.shiftPct * 100, options.practicalThreshold * 100);
    } else if (better == Better::None) {
        c.verdict = Verdict::Different;
        c.reason = fmt::format("{} excludes 0 ({}); the metric has no better direction", interval, test);
    } else {
        const bool higher = shift->ciLow > 0;
        c.verdict = (higher == (better == Better::Higher)) ? Verdict::Better : Verdict::Worse;
        c.reason = fmt::format("{} excludes 0 ({}): the candidate is {} and {} is better", interval, test,
            higher ? "higher" : "lower", better == Better::Higher ? "higher" : "lower");
    }
    if (c.fewRepetitions) {
        c.reason += fmt::format("; fewer than {} repetitions (n = {} and {}): the result may not repeat",
            kMinRepetitionsForVerdict, b.size(), k.size());
    }
    return c;
}

} // namespace benchlens
