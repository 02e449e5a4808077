#pragma once

#include "models/data/metric_catalog.h"

#include <cstddef>
#include <optional>
#include <span>

namespace benchlens {

// Descriptive statistics of one set of samples. Pure functions, no Qt types.
//  - stddev is the sample standard deviation (n - 1 in the denominator); CV = stddev / mean.
//  - Percentiles use linear interpolation between closest ranks (Hyndman & Fan type 7, the default of NumPy,
//    R and Excel's PERCENTILE.INC): p-th percentile at rank (n - 1) * p / 100 of the sorted values.
//  - ci95 is the two-sided 95% confidence interval of the mean from Student's t distribution (Boost.Math)
//    with n - 1 degrees of freedom; absent for n < 2.
struct Summary
{
    size_t n = 0;
    double mean = 0;
    double median = 0;
    double stddev = 0; // 0 for n < 2
    double cv = 0; // 0 when the mean is 0
    double min = 0;
    double max = 0;
    double p95 = 0;
    double p99 = 0;
    std::optional<double> ciLow;
    std::optional<double> ciHigh;
};

// Summary of the values; n == 0 gives a zero Summary. NaN/inf must have been filtered by the caller.
Summary summarize(std::span<const double> values);

// Type-7 percentile (0..100) of already sorted values; values must not be empty.
double percentileSorted(std::span<const double> sorted, double p);

// The statistic of the values that a file's reported aggregate is compared with; nullopt when BenchLens cannot
// compute that statistic (cv, overall, total, value) or there are no values.
std::optional<double> computeStatistic(std::span<const double> values, Statistic statistic);

// The same from a Summary already computed (and the sorted values, for p90): for callers that ask many questions
// of one sample set.
std::optional<double> statisticOf(const Summary& summary, std::span<const double> sorted, Statistic statistic);

// Two-sided Student's t quantile for the given confidence (0.95) and degrees of freedom.
double studentTQuantile(double confidence, double degreesOfFreedom);

} // namespace benchlens
