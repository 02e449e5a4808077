#pragma once

#include <QWidget>

#include <memory>
#include <vector>

class QChart;
class QComboBox;
class QLabel;
class QTabWidget;

namespace benchlens {

class ChartView;
class SelectionHub;

// The chart pages: throughput per variant (mean with an error bar), latency per variant (box plots, and the
// p50/p95/p99 that files report), TTFT vs throughput (one point per sample) and a parameter sweep for one model.
// Built from models/charts specs for the variants the filter accepts; follows and drives the SelectionHub.
class ChartsPage : public QWidget
{
    Q_OBJECT
public:
    enum Tab
    {
        ThroughputTab,
        LatencyTab,
        ScatterTab,
        SweepTab,
        TabCount
    };

    explicit ChartsPage(SelectionHub* hub, QWidget* parent = nullptr);
    ~ChartsPage() override;

    void setCurrentTab(int tab);
    int currentTab() const;

    QChart* throughputChart() const;
    QChart* latencyChart() const;
    QChart* percentileChart() const;
    QChart* scatterChart() const;
    QChart* sweepChart() const;
    ChartView* throughputView() const;

    // Sweep controls, by text: for tests and the screenshot mode.
    bool setSweep(const QString& model, const QString& metric, const QString& xParam, const QString& seriesParam);

public slots:
    void rebuildNow();

protected:
    void changeEvent(QEvent* event) override;

private:
    void onFolderChanged();
    void scheduleRebuild();
    void fillSweepParams();
    std::vector<char> includeMask() const;
    void buildThroughput(const std::vector<char>& include);
    void buildLatency(const std::vector<char>& include);
    void buildScatter(const std::vector<char>& include);
    void buildSweep(const std::vector<char>& include);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
