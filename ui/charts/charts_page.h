#pragma once

#include <QWidget>

#include <vector>

class QChart;
class QTabWidget;

namespace benchlens {

class ChartTab;
class ChartView;
class LatencyTab;
class ScatterTab;
class SelectionHub;
class SweepTab;
class ThroughputTab;

// The Charts page: one ChartTab per chart (throughput, latency, TTFT vs throughput, parameter sweep), registered
// in the constructor with addTab. It tells every tab about a new folder, a selection or a filter change; each tab
// marks itself stale and only the visible one rebuilds (the others when shown).
class ChartsPage : public QWidget
{
    Q_OBJECT
public:
    enum Tab // in the order of registration
    {
        Throughput,
        Latency,
        Scatter,
        Sweep,
        TabCount
    };

    explicit ChartsPage(SelectionHub* hub, QWidget* parent = nullptr);
    ~ChartsPage() override;

    void setCurrentTab(int tab);
    int currentTab() const;
    ChartTab* tab(int tab) const; // nullptr out of range

    // The charts as they are for the current folder, filter and selection (a stale tab is rebuilt first).
    QChart* throughputChart() const;
    QChart* latencyChart() const;
    QChart* percentileChart() const;
    QChart* scatterChart() const;
    QChart* sweepChart() const;
    ChartView* throughputView() const;

    // Sweep controls, by text: for tests and the screenshot mode.
    bool setSweep(const QString& model, const QString& metric, const QString& xParam, const QString& seriesParam);

public slots:
    // Marks every tab stale and rebuilds the visible one now.
    void rebuildNow();

private:
    template <class T> T* addTab(T* tab);
    void onFolderChanged();
    void markAllStale();
    template <class T> T* freshTab(T* tab) const;

    QTabWidget* m_tabs;
    std::vector<ChartTab*> m_all;
    ThroughputTab* m_throughput;
    LatencyTab* m_latency;
    ScatterTab* m_scatter;
    SweepTab* m_sweep;
};

} // namespace benchlens
