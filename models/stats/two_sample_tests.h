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
    Different // significant, for a metric without a better direction (token counts)
};
std::string_view verdictName(Verdict v);

struct CompareOptions
{
    double alpha = 0.05;
    double practicalThreshold = 0.02; // a relative difference below this is not practically significant
    size_t minSamples = 3;
};

// The comparison of one metric between a baseline and a candidate sample set.
struct MetricComparison
{
    size_t baselineN = 0, candidateN = 0;
    double baselineMean = 0, candidateMean = 0;
    double baselineMedian = 0, candidateMedian = 0;
    double diff = 0; // candidate mean - baseline mean
    std::optional<double> diffPct; // relative to the baseline mean; none when the baseline mean is 0
    std::optional<std::pair<double, double>> ci95;
    std::string ciMethod; // "welch" or "bootstrap"
    std::optional<double> pValue; // Mann-Whitney, two-sided
    bool exactP = false;
    std::optional<double> welchP;
    bool statisticallySignificant = false;
    bool practicallySignificant = false;
    Verdict verdict = Verdict::InsufficientData;
    std::string reason; // one sentence: why this verdict
};

// Compares two sample sets of a metric whose better direction is `better`.
MetricComparison compareSamples(
    std::span<const double> baseline, std::span<const double> candidate, Better better, const CompareOptions& options);

} // namespace benchlens
