// Box statistics (stats/box_summary.h). Expected values by hand: type-7 quartiles of 1..8,100 are the values at
// positions 1 + 0.25 * 8 = 3 and 1 + 0.75 * 8 = 7 (3 and 7), IQR 4, fences -3 and 13, so 100 is the one outlier
// and the whiskers end at 1 and 8.
#include "models/stats/box_summary.h"

#include <gtest/gtest.h>
#include <vector>

using namespace benchlens;

TEST(StatsBoxSummary, Type7QuartilesAndTukeyWhiskers)
{
    const std::vector<double> values = {100, 8, 1, 2, 3, 4, 5, 6, 7}; // any order
    const BoxSummary b = boxSummary(values);
    EXPECT_EQ(b.n, 9u);
    EXPECT_DOUBLE_EQ(b.min, 1);
    EXPECT_DOUBLE_EQ(b.max, 100);
    EXPECT_DOUBLE_EQ(b.q1, 3);
    EXPECT_DOUBLE_EQ(b.median, 5);
    EXPECT_DOUBLE_EQ(b.q3, 7);
    EXPECT_DOUBLE_EQ(b.lowWhisker, 1);
    EXPECT_DOUBLE_EQ(b.highWhisker, 8);
    ASSERT_EQ(b.outliers.size(), 1u);
    EXPECT_DOUBLE_EQ(b.outliers[0], 100);
}

TEST(StatsBoxSummary, OutliersOnBothSidesAscending)
{
    // 0 and 50 around 10..14: type 7 over the 7 sorted values puts q1 at position 2.5 (10.5) and q3 at 5.5
    // (13.5), IQR 3, fences 6 and 18.
    const std::vector<double> values = {50, 10, 11, 12, 13, 14, 0};
    const BoxSummary b = boxSummary(values);
    EXPECT_DOUBLE_EQ(b.q1, 10.5);
    EXPECT_DOUBLE_EQ(b.median, 12);
    EXPECT_DOUBLE_EQ(b.q3, 13.5);
    EXPECT_DOUBLE_EQ(b.lowWhisker, 10);
    EXPECT_DOUBLE_EQ(b.highWhisker, 14);
    EXPECT_EQ(b.outliers, (std::vector<double> {0, 50}));
}

TEST(StatsBoxSummary, EmptyAndSingleValue)
{
    EXPECT_EQ(boxSummary({}).n, 0u);
    EXPECT_TRUE(boxSummary({}).outliers.empty());
    const std::vector<double> one = {4.5};
    const BoxSummary b = boxSummary(one);
    EXPECT_EQ(b.n, 1u);
    EXPECT_DOUBLE_EQ(b.q1, 4.5);
    EXPECT_DOUBLE_EQ(b.lowWhisker, 4.5);
    EXPECT_DOUBLE_EQ(b.highWhisker, 4.5);
    EXPECT_TRUE(b.outliers.empty());
}
