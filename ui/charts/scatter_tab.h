#pragma once

#include "ui/charts/chart_tab.h"

#include <memory>

class QChart;

namespace benchlens {

// One metric against another, one point per observation that has both, one series per model (charts::scatter),
// the selected sample marked; a click selects the sample.
class ScatterTab : public ChartTab
{
    Q_OBJECT
public:
    explicit ScatterTab(SelectionHub* hub, QWidget* parent = nullptr);
    ~ScatterTab() override;

    void folderChanged() override;

protected:
    void rebuild() override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
