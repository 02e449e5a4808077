#pragma once

#include <QTimer>
#include <QWidget>

#include <string>
#include <vector>

class QAbstractAxis;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QPointF;
class QXYSeries;

namespace benchlens {

struct Dataset;
class ChartView;
class SampleFilterProxy;
class SelectionHub;

// One tab of the Charts page: its controls, its charts and rebuild(), which draws them from a models/charts spec for
// the variants the filter accepts. A change (folder, selection, filter, a control, the palette) marks the tab stale;
// only a visible tab rebuilds (on the next turn of the event loop), a hidden one when it is shown or when a chart
// of it is asked for (ensureFresh). ChartsPage registers one instance per tab.
class ChartTab : public QWidget
{
    Q_OBJECT
public:
    ChartTab(SelectionHub* hub, SampleFilterProxy* filter, QWidget* parent = nullptr);
    ~ChartTab() override;

    virtual QString title() const = 0;
    // A new folder (or none): refill the controls, keeping the current choices where they still exist.
    virtual void folderChanged() = 0;

    void markStale(); // rebuilds now-ish when visible, else when shown
    void ensureFresh(); // rebuilds if stale
    bool isStale() const { return m_stale; }

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

    // A combo box whose changes mark the tab stale (not while filling).
    QComboBox* newCombo();
    // A chart view showing an empty chart until the first rebuild.
    static ChartView* newChartView();
    // Lays out the controls row, the charts (the first one gets the larger share of the height) and the note.
    void setPageLayout(QHBoxLayout* controls, const std::vector<QWidget*>& charts, QLabel* note);

    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    SelectionHub* m_hub;
    SampleFilterProxy* m_filter;
    QTimer m_rebuildTimer;
    bool m_stale = true;
    bool m_filling = false; // combos being refilled: no rebuild per item
};

// Helpers shared by the tabs.
QString toQString(const std::string& s);
QLabel* noteLabel();
// Unique, readable category labels from variant ids: the model name is shortened before the configuration;
// `abbreviate` shortens the common configuration keys (num_ctx= -> ctx=) for rotated labels.
QStringList categoryLabels(const std::vector<std::string>& ids, int maxChars = 72, bool abbreviate = false);
void setLabelFont(QAbstractAxis* axis, int pointSizeDelta);
// The index of the series point nearest to p in relative terms, -1 for an empty series.
int nearestPoint(const QXYSeries* series, const QPointF& p);
// Fills a combo with metric ids (item data: the metric index), keeping `keep` selected when present.
void fillMetricCombo(QComboBox* combo, const Dataset& ds, const std::vector<int>& metrics, const QString& keep);
// The metric index of a combo filled by fillMetricCombo, -1 when empty.
int currentMetric(const QComboBox* combo);

} // namespace benchlens
