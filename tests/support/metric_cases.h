#pragma once

// Table-driven checks of the metric catalog's reading of a column name: the canonical metric, the statistic and the
// factor to the metric's unit, one row a name.
#include "models/data/metric_catalog.h"

#include <gtest/gtest.h>
#include <span>

namespace benchlens::test {

struct MetricCase
{
    const char* name;
    const char* metric;
    Statistic statistic;
    double factor;
};

// Each name is read as a metric, and as the row says.
inline void expectMetricCases(std::span<const MetricCase> cases)
{
    const auto& catalog = MetricCatalog::instance();
    for (const auto& c : cases) {
        const KeyClass k = catalog.classify(c.name);
        ASSERT_EQ(k.role, KeyClass::Role::Metric) << c.name;
        ASSERT_TRUE(k.metric) << c.name;
        EXPECT_EQ(catalog.metric(*k.metric).id, c.metric) << c.name;
        EXPECT_EQ(k.statistic, c.statistic) << c.name;
        EXPECT_DOUBLE_EQ(k.factor, c.factor) << c.name;
    }
}

} // namespace benchlens::test
