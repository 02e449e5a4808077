#pragma once

#include "ui/charts/chart_tab.h"

#include <memory>

class QChart;

namespace benchlens {

// Mean throughput per variant as horizontal bars, best on top, with ± std dev or 95% CI error bars
// (charts::meanBars); a click selects the variant.
class ThroughputTab : public ChartTab
{
    Q_OBJECT
public:
    explicit ThroughputTab(SelectionHub* hub, QWidget* parent = nullptr);
    ~ThroughputTab() override;

    void folderChanged() override;

protected:
    void rebuild() override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
