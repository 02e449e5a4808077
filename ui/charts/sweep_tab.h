#pragma once

#include "ui/charts/chart_tab.h"

#include <memory>

class QChart;

namespace benchlens {

// A metric against a numeric configuration parameter of one model, one line per value of a second parameter
// (charts::sweep); a base-2 axis for powers of two. A click selects the variant behind a point. Its model box offers
// the models the filter bar's model filter accepts (so it follows it), those with a swept parameter first.
class SweepTab : public ChartTab
{
    Q_OBJECT
public:
    explicit SweepTab(SelectionHub* hub, QWidget* parent = nullptr);
    ~SweepTab() override;

    void folderChanged() override;
    // Picks the controls by text and rebuilds; false when one is not offered.
    bool setSweep(const QString& model, const QString& metric, const QString& xParam, const QString& seriesParam);

protected:
    void rebuild() override;

private:
    void fillModels();
    void fillParams();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
