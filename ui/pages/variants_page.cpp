#include "ui/pages/variants_page.h"

#include "models/itemmodels/sample_filter_proxy.h"
#include "models/itemmodels/variants_model.h"
#include "ui/item_view_tools.h"
#include "ui/selection_hub.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace benchlens {

VariantsPage::VariantsPage(SelectionHub* hub, VariantsModel* model, SampleFilterProxy* filter, QWidget* parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* onlySamples
        = new QCheckBox(tr("Only variants with observations (hide variants known from reported values only)"));
    onlySamples->setChecked(true);
    m_count = new QLabel;
    auto* top = new QHBoxLayout;
    top->addWidget(m_count, 1);
    top->addWidget(onlySamples);
    layout->addLayout(top);
    m_proxy = new VariantFilterProxy(this);
    m_proxy->setSourceModel(model);
    m_proxy->setSampleFilter(filter);
    m_proxy->setOnlyWithSamples(true);
    m_view = new QTreeView;
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    layout->addWidget(m_view, 1);
    installItemViewTools(m_view, hub, -1, VariantsModel::VariantRole);

    connect(onlySamples, &QCheckBox::toggled, this, [this](bool on) {
        m_onlySamples = on;
        m_proxy->setOnlyWithSamples(on);
        updateCount();
    });
    // Rows leave and come back on a refilter, all change on a reset: the count follows each.
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &VariantsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &VariantsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &VariantsPage::updateCount);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& idx) {
        // A current row moved by a refilter is no choice of the user's (RefilteringProxy).
        if (!m_syncing && idx.isValid() && !m_proxy->refiltering())
            m_hub->selectVariant(idx.data(VariantsModel::VariantRole).toInt());
    });
    connect(hub, &SelectionHub::folderChanged, this, &VariantsPage::onFolderChanged);
    connect(hub, &SelectionHub::variantChanged, this, &VariantsPage::onVariantChanged);
}

void VariantsPage::onFolderChanged()
{
    // Metric rows are few per variant; showing them expanded makes the table read like a report.
    if (m_proxy->rowCount() <= 200)
        m_view->expandAll();
    m_view->resizeColumnToContents(VariantsModel::NameColumn);
    m_view->header()->resizeSection(VariantsModel::NameColumn,
        std::min(640, std::max(300, m_view->header()->sectionSize(VariantsModel::NameColumn))));
    for (int c = VariantsModel::UnitColumn; c < VariantsModel::ColumnCount; ++c)
        m_view->resizeColumnToContents(c);
    onVariantChanged(m_hub->variant());
}

QString VariantsPage::countText() const
{
    return m_count->text();
}

void VariantsPage::updateCount()
{
    int all = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (!m_onlySamples || m_model->rowCount(m_model->index(r, 0)) > 0)
            ++all;
    }
    m_count->setText(tr("%1 of %2 variants").arg(m_proxy->rowCount()).arg(all));
}

void VariantsPage::onVariantChanged(int variant)
{
    const QModelIndex idx = m_proxy->mapFromSource(m_model->indexOfVariant(variant));
    if (!idx.isValid())
        return;
    showCurrent(m_view, idx, m_syncing);
}

} // namespace benchlens
