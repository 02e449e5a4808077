#include "ui/charts/charts_page.h"

#include "ui/charts/latency_tab.h"
#include "ui/charts/scatter_tab.h"
#include "ui/charts/sweep_tab.h"
#include "ui/charts/throughput_tab.h"
#include "ui/selection_hub.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace benchlens {

ChartsPage::ChartsPage(SelectionHub* hub, QWidget* parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs);

    // One line per chart tab, in the order of the Tab enum.
    m_throughput = addTab(new ThroughputTab(hub));
    m_latency = addTab(new LatencyTab(hub));
    m_scatter = addTab(new ScatterTab(hub));
    m_sweep = addTab(new SweepTab(hub));

    connect(hub, &SelectionHub::folderChanged, this, &ChartsPage::onFolderChanged);
    connect(hub, &SelectionHub::variantChanged, this, &ChartsPage::markAllStale);
    connect(hub, &SelectionHub::sampleChanged, this, &ChartsPage::markAllStale);
    connect(hub, &SelectionHub::filterChanged, this, &ChartsPage::markAllStale);
}

ChartsPage::~ChartsPage() = default;

template <class T> T* ChartsPage::addTab(T* tab)
{
    m_tabs->addTab(tab, tab->title());
    m_all.push_back(tab);
    return tab;
}

template <class T> T* ChartsPage::freshTab(T* tab) const
{
    tab->ensureFresh();
    return tab;
}

void ChartsPage::setCurrentTab(int tab)
{
    m_tabs->setCurrentIndex(tab);
}

int ChartsPage::currentTab() const
{
    return m_tabs->currentIndex();
}

ChartTab* ChartsPage::tab(int tab) const
{
    return tab >= 0 && static_cast<size_t>(tab) < m_all.size() ? m_all[static_cast<size_t>(tab)] : nullptr;
}

QChart* ChartsPage::throughputChart() const
{
    return freshTab(m_throughput)->chart();
}

QChart* ChartsPage::latencyChart() const
{
    return freshTab(m_latency)->chart();
}

QChart* ChartsPage::percentileChart() const
{
    return freshTab(m_latency)->percentileChart();
}

QChart* ChartsPage::scatterChart() const
{
    return freshTab(m_scatter)->chart();
}

QChart* ChartsPage::sweepChart() const
{
    return freshTab(m_sweep)->chart();
}

ChartView* ChartsPage::throughputView() const
{
    return freshTab(m_throughput)->view();
}

bool ChartsPage::setSweep(
    const QString& model, const QString& metric, const QString& xParam, const QString& seriesParam)
{
    return m_sweep->setSweep(model, metric, xParam, seriesParam);
}

void ChartsPage::onFolderChanged()
{
    for (ChartTab* tab : m_all)
        tab->folderChanged();
    rebuildNow();
}

void ChartsPage::markAllStale()
{
    for (ChartTab* tab : m_all)
        tab->markStale();
}

void ChartsPage::rebuildNow()
{
    markAllStale();
    if (auto* visible = static_cast<ChartTab*>(m_tabs->currentWidget()); visible && visible->isVisible())
        visible->ensureFresh();
}

} // namespace benchlens
