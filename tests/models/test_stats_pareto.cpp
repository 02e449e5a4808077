// The throughput/TTFT Pareto front (stats/pareto.h). Points by hand: (throughput, ttft)
// id 10: (10, 100), id 11: (12, 90) beats 10 on both, id 12: (12, 90) ties 11 (neither beats the other),
// id 13: (20, 200) best throughput, id 14: (5, 50) best TTFT, id 15: (12, 95) beaten by 11 and 12 and itself
// beating 10 (12 >= 10 and 95 <= 100).
#include "models/stats/pareto.h"

#include <gtest/gtest.h>
#include <vector>

using namespace benchlens;

TEST(StatsPareto, DominatorsByHand)
{
    std::vector<ParetoPoint> points = {
        {10, 10, 100, {}}, {11, 12, 90, {}}, {12, 12, 90, {}}, {13, 20, 200, {}}, {14, 5, 50, {}}, {15, 12, 95, {99}}};
    findParetoFront(points);
    EXPECT_EQ(points[0].dominatedBy, (std::vector<uint32_t> {11, 12, 15}));
    EXPECT_TRUE(points[1].onFront());
    EXPECT_TRUE(points[2].onFront());
    EXPECT_TRUE(points[3].onFront());
    EXPECT_TRUE(points[4].onFront());
    // The stale id 99 is replaced, not kept.
    EXPECT_EQ(points[5].dominatedBy, (std::vector<uint32_t> {11, 12}));
}

TEST(StatsPareto, EmptyAndSingle)
{
    std::vector<ParetoPoint> none;
    findParetoFront(none);
    EXPECT_TRUE(none.empty());
    std::vector<ParetoPoint> one = {{7, 1, 1, {}}};
    findParetoFront(one);
    EXPECT_TRUE(one[0].onFront());
}
