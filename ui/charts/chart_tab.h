#pragma once

#include "models/data/indices.h"

#include <QTimer>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QAbstractAxis;
class QAbstractSeries;
class QChart;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QPointF;
class QXYSeries;

namespace benchlens {

struct Dataset;
class ChartView;
class SelectionHub;

// One tab of the Charts page: its controls, its charts and rebuild(), which draws them from a models/charts spec for
// the variants the filter accepts. A change (folder, selection, filter, a control, the palette) marks the tab stale;
// only a visible tab rebuilds (on the next turn of the event loop), a hidden one when it is shown or when a chart
// of it is asked for (ensureFresh). ChartsPage registers one instance per tab.
class ChartTab : public QWidget
{
    Q_OBJECT
public:
    ChartTab(const QString& title, SelectionHub* hub, QWidget* parent = nullptr);
    ~ChartTab() override;

    QString title() const { return m_title; }
    // The tab's main chart and its view (as drawn by the last rebuild).
    QChart* chart() const;
    ChartView* view() const { return m_view; }
    // A new folder (or none): refill the controls, keeping the current choices where they still exist.
    virtual void folderChanged() = 0;

    void markStale(); // rebuilds now-ish when visible, else when shown
    void ensureFresh(); // rebuilds if stale
    bool isStale() const { return m_stale; }
    size_t rebuildCount() const { return m_rebuilds; } // rebuilds so far: for tests of when tabs rebuild

protected:
    // Draws the charts from the current controls; called through ensureFresh only.
    virtual void rebuild() = 0;

    SelectionHub* hub() const { return m_hub; }
    const Dataset* dataset() const;
    // The filter's per-variant mask (empty without a dataset): the one place a tab reads the filter.
    std::vector<char> includeMask() const;
    bool dark() const; // the palette's window colour is dark
    bool filling() const { return m_filling; }
    void setFilling(bool filling) { m_filling = filling; }

    // A combo box after a label in the controls row, in the order of the calls; its changes mark the tab stale
    // (not while filling).
    QComboBox* addCombo(const QString& label);
    // A chart view showing an empty chart until the first rebuild (the main view is made so too).
    static ChartView* newChartView();
    // Lays out the controls row, the main view (the larger share of the height), more charts under it, the note.
    void setPageLayout(const std::vector<QWidget*>& moreCharts = {});
    QLabel* note() const { return m_note; } // the line under the charts: what was left out

    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QString m_title;
    SelectionHub* m_hub;
    QHBoxLayout* m_controls;
    ChartView* m_view;
    QLabel* m_note;
    QTimer m_rebuildTimer;
    bool m_stale = true;
    size_t m_rebuilds = 0;
    bool m_filling = false; // combos being refilled: no rebuild per item
};

// Helpers shared by the tabs.
QString toQString(const std::string& s);
QLabel* noteLabel();
// Unique, readable category labels from variant ids: the model name is shortened before the configuration;
// `abbreviate` shortens the common configuration keys (num_ctx= -> ctx=) for rotated labels.
QStringList categoryLabels(const std::vector<std::string>& ids, int maxChars = 72, bool abbreviate = false);
void setLabelFont(QAbstractAxis* axis, int pointSizeDelta);
// Adds and attaches a category axis at `categoriesAt` (labels whole, rotated by labelsAngle, the font smaller by
// -fontDelta points) and on the other side a value axis from 0 to about maxValue titled valueTitle.
void addCategoryAndValueAxes(QChart* chart, QAbstractSeries* series, const QStringList& labels,
    Qt::Alignment categoriesAt, int labelsAngle, int fontDelta, double maxValue, const QString& valueTitle);
// The index of the series point nearest to p in relative terms, -1 for an empty series.
int nearestPoint(const QXYSeries* series, const QPointF& p);
// Fills a combo with metric ids (item data: the metric index), keeping `keep` selected when present.
void fillMetricCombo(QComboBox* combo, const Dataset& ds, const std::vector<MetricIndex>& metrics, const QString& keep);
// The metric index of a combo filled by fillMetricCombo (or with the index as int item data), none when empty.
std::optional<MetricIndex> currentMetric(const QComboBox* combo);

} // namespace benchlens
