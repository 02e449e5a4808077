#pragma once

#include "models/data/metric_catalog.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

struct Dataset;

// Two-sample tests and intervals. Pure functions over plain numbers; distributions from Boost.Math.

// Mann-Whitney U test, two-sided. `u` is the U statistic of the first sample (number of pairs where the first
// sample's value is larger, ties counting one half). Exact distribution when there are no ties and
// n1 + n2 <= 40; otherwise the normal approximation with tie correction and continuity correction (as SciPy's
// "asymptotic" method).
struct MannWhitney
{
    double u = 0;
    double pValue = 1;
    bool exact = false;
};
enum class PMethod
{
    Auto,
    Exact,
    Asymptotic
};
MannWhitney mannWhitneyU(std::span<const double> first, std::span<const double> second, PMethod method = PMethod::Auto);

// Welch's unequal-variances t test of mean(second) - mean(first), two-sided, with the Welch-Satterthwaite
// degrees of freedom and the confidence interval of the difference. Needs n >= 2 on both sides.
struct Welch
{
    double diff = 0;
    double t = 0;
    double df = 0;
    double pValue = 1;
    double ciLow = 0;
    double ciHigh = 0;
};
std::optional<Welch> welchT(std::span<const double> first, std::span<const double> second, double confidence = 0.95);

// The Hodges-Lehmann estimate of the shift of `second` against `first`: the median of the m * n differences
// second[j] - first[i], with the distribution-free confidence interval of Moses (Hollander & Wolfe, Nonparametric
// Statistical Methods, 3rd ed., section 4.3; R's wilcox.test(conf.int = TRUE)): the differences of ranks C and
// m * n + 1 - C, C the lower critical value of the Mann-Whitney U. Exact (the U distribution, as R's qwilcox) when
// there are no ties and m + n <= 40, as mannWhitneyU; otherwise C from the normal approximation with the tie-corrected
// variance and continuity correction. The interval excludes 0 exactly when the test at 1 - confidence rejects (for
// the exact case, at the achieved level `achievedConfidence` >= confidence). Needs m, n >= 1.
struct ShiftEstimate
{
    double shift = 0;
    double ciLow = 0;
    double ciHigh = 0;
    double achievedConfidence = 0; // the exact coverage (exact case) or the nominal one
    bool exact = false;
};
std::optional<ShiftEstimate> hodgesLehmannShift(
    std::span<const double> first, std::span<const double> second, double confidence = 0.95);

// The k-th smallest (1-based, 1 <= k <= m * n) of the differences sortedSecond[j] - sortedFirst[i], found without
// listing them (bisection over the value with an O(m log n) count, then the exact difference).
double kthPairwiseDifference(std::span<const double> sortedFirst, std::span<const double> sortedSecond, uint64_t k);

// Holm's step-down adjustment of a family of p-values (Holm 1979; R's p.adjust(method = "holm")): the i-th smallest
// becomes max over j <= i of min(1, (m - j + 1) * p_(j)). Same order as the input.
std::vector<double> holmAdjust(std::span<const double> pValues);

// Wilcoxon signed-rank test of paired differences (candidate - baseline), two-sided, zeros dropped (Wilcoxon's
// method, R's default), tied |d| sharing average ranks. `wPlus` is the sum of the ranks of the positive differences.
// Exact distribution (enumerated) when there are no ties and at most 50 non-zero differences; otherwise the normal
// approximation with tie correction and continuity correction (R's wilcox.test(paired = TRUE, correct = TRUE)).
struct SignedRank
{
    size_t n = 0; // non-zero differences
    double wPlus = 0;
    double pValue = 1;
    bool exact = false;
};
SignedRank wilcoxonSignedRank(std::span<const double> differences);

// Percentile bootstrap interval of mean(second) - mean(first): `resamples` draws with replacement from each
// sample, from a fixed seed (the same inputs give the same interval).
std::pair<double, double> bootstrapDiffCi(std::span<const double> first, std::span<const double> second,
    double confidence = 0.95, int resamples = 10000, uint64_t seed = 0x5eed);

// Sample skewness (Fisher-Pearson, adjusted); 0 for n < 3 or no spread.
double skewness(std::span<const double> values);

enum class Verdict
{
    Better,
    Worse,
    NoSignificantDifference,
    InsufficientData,
    Different, // significant, for a metric without a better direction (token counts)
    Negligible // the interval excludes 0 but the shift is below CompareOptions::practicalThreshold
};
std::string_view verdictName(Verdict v);

// Google Benchmark's compare.py: with fewer repetitions than this on a side, a verdict is flagged as unreliable.
constexpr size_t kMinRepetitionsForVerdict = 9;

struct CompareOptions
{
    double alpha = 0.05; // the interval is at 1 - alpha
    double practicalThreshold = 0.02; // a shift below this fraction of the baseline median is negligible
    size_t minSamples = 3;
};

// The comparison of one metric between a baseline and a candidate sample set. One decision rule: the verdict is read
// from `ci95` alone (the interval of the shift printed beside it), so it can never contradict it: an interval that
// holds 0 is "no significant difference"; one that excludes 0 is better/worse by the metric's direction (different
// without one), or negligible when |shiftPct| is below the practical threshold. The p-values support it.
struct MetricComparison
{
    size_t baselineN = 0, candidateN = 0;
    double baselineMean = 0, candidateMean = 0;
    double baselineMedian = 0, candidateMedian = 0;
    double diff = 0; // candidate mean - baseline mean (informational; the verdict reads the shift)
    std::optional<double> diffPct; // relative to the baseline mean; none when the baseline mean is 0
    double shift = 0; // Hodges-Lehmann shift, candidate - baseline (paired: the median of the Walsh averages)
    std::optional<double> shiftPct; // relative to |baseline median|; none when the baseline median is 0
    std::optional<std::pair<double, double>> ci95; // of the shift, at 1 - alpha
    std::string ciMethod; // "hodges_lehmann_exact", "hodges_lehmann_normal"
    std::optional<double> pValue; // Mann-Whitney (or Wilcoxon signed-rank when paired), two-sided
    bool exactP = false;
    bool paired = false; // each baseline observation has its candidate partner: signed-rank test and CI
    std::optional<double> welchP; // Welch's t of the means (supporting only)
    std::optional<double> holmP; // pValue adjusted by Holm over the family (compareSelections)
    bool statisticallySignificant = false; // the interval excludes 0
    bool practicallySignificant = false;
    bool fewRepetitions = false; // fewer than kMinRepetitionsForVerdict on a side
    Verdict verdict = Verdict::InsufficientData;
    std::string reason; // one sentence: why this verdict
};

// Compares two sample sets of a metric whose better direction is `better`. `pairedDifferences`, when not empty,
// holds candidate - baseline of each matched pair (same prompt, same position in a run): the shift, its interval
// (Walsh averages and the signed-rank critical value) and the p-value are then the paired ones, when the pairs can
// reach the confidence (at least 6 for 95%). When no interval can reach it (3 against 3 unpaired), the verdict is
// insufficient data and ci95 is empty.
MetricComparison compareSamples(std::span<const double> baseline, std::span<const double> candidate, Better better,
    const CompareOptions& options, std::span<const double> pairedDifferences = {});

// The paired counterpart of hodgesLehmannShift: the median of the Walsh averages (d_i + d_j) / 2, i <= j, with the
// interval of the Walsh averages of ranks C and N + 1 - C, C the lower critical value of the signed-rank statistic
// (Hollander & Wolfe, section 3.2; R's wilcox.test(paired = TRUE, conf.int = TRUE)); exact without ties or zeros for
// n <= 50, else the normal approximation. Needs 1 <= n <= kMaxPairsForWalsh (nullopt otherwise).
constexpr size_t kMaxPairsForWalsh = 3000; // n (n + 1) / 2 averages are listed: 4.5 million at most
std::optional<ShiftEstimate> walshShift(std::span<const double> differences, double confidence = 0.95);

} // namespace benchlens
