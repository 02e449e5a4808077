#pragma once

#include <QtCharts/QChartView>

namespace benchlens {

// A QChartView with a context menu to save the chart as PNG or SVG and copy it to the clipboard, plus a note line
// under the plot (what was left out, which variants failed). Owns the chart it shows.
class ChartView : public QChartView
{
    Q_OBJECT
public:
    explicit ChartView(QWidget* parent = nullptr);
    ~ChartView() override;

    void replaceChart(QChart* chart); // takes ownership, deletes the previous chart
    bool savePng(const QString& path);
    bool saveSvg(const QString& path);
    void copyToClipboard();

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
};

} // namespace benchlens
