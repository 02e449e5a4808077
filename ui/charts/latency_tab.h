#pragma once

#include "ui/charts/chart_tab.h"

#include <memory>

class QChart;

namespace benchlens {

// Latency per variant: box plots of the observations (charts::boxes), lowest median first, and below them the
// p50/p95/p99 that files report (charts::reportedPercentiles); a click selects the variant.
class LatencyTab : public ChartTab
{
    Q_OBJECT
public:
    explicit LatencyTab(SelectionHub* hub, QWidget* parent = nullptr);
    ~LatencyTab() override;

    void folderChanged() override;
    QChart* percentileChart() const;

protected:
    void rebuild() override;

private:
    void rebuildBoxes(std::optional<MetricIndex> metric, const std::vector<char>& include);
    void rebuildPercentiles(std::optional<MetricIndex> metric, const std::vector<char>& include);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
