#include "ui/pages/samples_page.h"

#include "models/itemmodels/sample_filter_proxy.h"
#include "models/itemmodels/samples_model.h"
#include "ui/item_view_tools.h"
#include "ui/selection_hub.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace benchlens {

SamplesPage::SamplesPage(SelectionHub* hub, SamplesModel* model, SampleFilterProxy* proxy, QWidget* parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(model)
    , m_proxy(proxy)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 2, 6, 2);
    m_count = new QLabel;
    m_columns = new QToolButton;
    m_columns->setText(tr("Columns"));
    m_columns->setPopupMode(QToolButton::InstantPopup);
    m_columns->setMenu(new QMenu(m_columns));
    top->addWidget(m_count, 1);
    top->addWidget(m_columns);
    layout->addLayout(top);

    m_view = new QTableView;
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    // Fixed row heights: no per-row measuring on large tables.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(false);
    layout->addWidget(m_view, 1);
    installItemViewTools(m_view, hub, SamplesModel::FileRole, SamplesModel::VariantRole);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& idx) {
        if (!m_syncing && idx.isValid()) {
            m_syncing = true;
            m_hub->selectSample(idx.data(SamplesModel::SampleRole).toInt());
            m_syncing = false;
        }
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& idx) {
        openFile(m_hub->absoluteFilePath(idx.data(SamplesModel::FileRole).toInt()));
    });
    connect(hub, &SelectionHub::folderChanged, this, &SamplesPage::onFolderChanged);
    connect(hub, &SelectionHub::sampleChanged, this, &SamplesPage::onSampleChanged);
    connect(proxy, &SampleFilterProxy::filtersChanged, this, &SamplesPage::updateCount);
    connect(proxy, &QAbstractItemModel::modelReset, this, &SamplesPage::updateCount);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &SamplesPage::updateCount);
}

void SamplesPage::onFolderChanged()
{
    QMenu* menu = m_columns->menu();
    menu->clear();
    QHeaderView* header = m_view->horizontalHeader();
    for (int c = 0; c < m_model->columnCount(); ++c) {
        auto* a = menu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        connect(a, &QAction::toggled, this, [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    header->resizeSection(SamplesModel::VariantColumn, 300);
    header->resizeSection(SamplesModel::ModelColumn, 170);
    header->resizeSection(SamplesModel::MetricColumn, 130);
    header->resizeSection(SamplesModel::ValueColumn, 90);
    header->resizeSection(SamplesModel::UnitColumn, 55);
    header->resizeSection(SamplesModel::RunColumn, 200);
    header->resizeSection(SamplesModel::FileColumn, 260);
    header->resizeSection(SamplesModel::LocatorColumn, 160);
    header->resizeSection(SamplesModel::FlagColumn, 110);
    updateCount();
}

void SamplesPage::onSampleChanged(int sample)
{
    if (m_syncing || sample < 0)
        return;
    const QModelIndex idx = m_proxy->mapFromSource(m_model->index(sample, 0));
    if (!idx.isValid())
        return;
    showCurrent(m_view, idx, m_syncing, /*centered=*/true);
}

void SamplesPage::updateCount()
{
    m_count->setText(tr("%1 of %2 samples").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

} // namespace benchlens
