#pragma once

#include <QTabWidget>

#include <memory>

class QChart;

namespace benchlens {

struct Dataset;
struct DatasetComparison;

namespace charts {
struct ForestSpec;
struct DistributionSpec;
struct ParetoSpec;
} // namespace charts

// The Compare view's charts as QCharts (the caller owns them): the forest plot of relative differences with their
// CI whiskers, baseline and candidate boxes side by side, and the TTFT-vs-throughput scatter with its Pareto front.
QChart* forestChart(const charts::ForestSpec& spec, bool dark);
QChart* distributionChart(const charts::DistributionSpec& spec, bool dark);
QChart* paretoChart(const charts::ParetoSpec& spec, bool dark);

// The chart tabs of the Compare view: "Differences" (forest plot beside the distributions of a chosen metric) and
// "Throughput vs TTFT" (Pareto scatter). The page adds its own tabs after these.
class CompareCharts : public QTabWidget
{
    Q_OBJECT
public:
    explicit CompareCharts(QWidget* parent = nullptr);
    ~CompareCharts() override;

    void setComparison(std::shared_ptr<const Dataset> dataset, std::shared_ptr<const DatasetComparison> comparison);
    bool setDistributionMetric(const QString& metric); // false when the comparison has no such metric

    const charts::ForestSpec& forestSpec() const;
    QChart* forestChart() const;
    QChart* distributionChart() const;
    QChart* paretoChart() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void rebuildDistribution();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
