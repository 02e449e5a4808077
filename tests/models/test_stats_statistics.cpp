#include "models/stats/statistics.h"

#include <gtest/gtest.h>
#include <vector>

using namespace benchlens;

TEST(Statistics, KnownValues)
{
    // Hand-computed: mean 3; sample variance 10/4 = 2.5, stddev 1.58113883; type-7 p95 at rank 3.8 -> 4.8,
    // p99 at rank 3.96 -> 4.96; t(0.975, 4) = 2.776445105 (statistical tables), half width
    // 2.776445105 * 1.58113883 / sqrt(5) = 1.963243. The summary withholds p95 and p99 at n = 5 (n >= 20 and 100
    // needed) and gives Student's t interval for a signed metric; computeStatistic keeps the plain percentiles.
    const std::vector<double> v = {5, 1, 4, 2, 3};
    const Summary s = summarize(v, {true, false, Better::None});
    EXPECT_EQ(s.n, 5u);
    EXPECT_DOUBLE_EQ(s.mean, 3);
    EXPECT_DOUBLE_EQ(s.median, 3);
    EXPECT_NEAR(s.stddev, 1.58113883, 1e-8);
    EXPECT_NEAR(s.cv, 1.58113883 / 3, 1e-8);
    EXPECT_DOUBLE_EQ(s.min, 1);
    EXPECT_DOUBLE_EQ(s.max, 5);
    EXPECT_FALSE(s.p95);
    EXPECT_FALSE(s.p99);
    EXPECT_NEAR(*computeStatistic(v, Statistic::P95), 4.8, 1e-12);
    EXPECT_NEAR(*computeStatistic(v, Statistic::P99), 4.96, 1e-12);
    ASSERT_TRUE(s.meanCi);
    EXPECT_EQ(s.meanCiMethod, CiMethod::StudentT);
    EXPECT_NEAR(s.meanCi->low, 3 - 1.963243, 1e-5);
    EXPECT_NEAR(s.meanCi->high, 3 + 1.963243, 1e-5);
}

TEST(Statistics, SingleValueHasNoSpreadAndNoInterval)
{
    const std::vector<double> v = {14.1};
    const Summary s = summarize(v, {true, true, Better::Lower});
    EXPECT_EQ(s.n, 1u);
    EXPECT_DOUBLE_EQ(s.median, 14.1);
    EXPECT_DOUBLE_EQ(s.stddev, 0);
    EXPECT_FALSE(s.meanCi.has_value());
    EXPECT_FALSE(s.medianCi.has_value());
    EXPECT_FALSE(s.slowFirst);
    EXPECT_FALSE(computeStatistic(v, Statistic::StdDev).has_value());
}

TEST(Statistics, StudentTQuantilesMatchTables)
{
    // Two-sided 95%: df=1 12.706205, df=2 4.302653, df=9 2.262157, df=29 2.045230, df=1000 1.962339.
    EXPECT_NEAR(studentTQuantile(0.95, 1), 12.706205, 1e-5);
    EXPECT_NEAR(studentTQuantile(0.95, 2), 4.302653, 1e-5);
    EXPECT_NEAR(studentTQuantile(0.95, 9), 2.262157, 1e-5);
    EXPECT_NEAR(studentTQuantile(0.95, 29), 2.045230, 1e-5);
    EXPECT_NEAR(studentTQuantile(0.95, 1000), 1.962339, 1e-5);
}

TEST(Statistics, EvenCountMedianInterpolates)
{
    const std::vector<double> v = {70.3, 88.9, 125.9, 138.0};
    EXPECT_DOUBLE_EQ(*computeStatistic(v, Statistic::Median), (88.9 + 125.9) / 2);
    EXPECT_DOUBLE_EQ(*computeStatistic(v, Statistic::P50), (88.9 + 125.9) / 2);
}
