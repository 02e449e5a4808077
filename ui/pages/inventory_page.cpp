#include "ui/pages/inventory_page.h"

#include "models/data/dataset.h"
#include "models/itemmodels/inventory_model.h"
#include "ui/item_view_tools.h"
#include "ui/selection_hub.h"
#include "ui/severity_colors.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <vector>

namespace benchlens {

InventoryPage::InventoryPage(SelectionHub* hub, InventoryModel* model, QWidget* parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_counts = new QLabel;
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counts->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_counts);
    m_proxy = new QSortFilterProxyModel(this);
    auto* colors = new SeverityColors(InventoryModel::SeverityRole, this);
    colors->setSourceModel(model);
    m_proxy->setSourceModel(colors);
    m_proxy->setSortRole(InventoryModel::SortRole);
    m_proxy->setFilterRole(InventoryModel::PathRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true); // a folder stays while a file below it matches
    m_view = new QTreeView;
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the model's order: folders first, by name
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->header()->setStretchLastSection(true);
    layout->addWidget(m_view, 1);
    installItemViewTools(m_view, hub, InventoryModel::FileIndexRole, -1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& idx) {
        if (m_syncing || !idx.isValid())
            return;
        const int file = idx.data(InventoryModel::FileIndexRole).toInt();
        if (file >= 0)
            m_hub->selectFile(file);
    });
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex& idx) {
        const int file = idx.data(InventoryModel::FileIndexRole).toInt();
        if (file >= 0)
            openFile(m_hub->absoluteFilePath(file));
    });
    connect(hub, &SelectionHub::folderChanged, this, &InventoryPage::onFolderChanged);
    connect(hub, &SelectionHub::fileChanged, this, &InventoryPage::onFileChanged);
    connect(hub, &SelectionHub::filterChanged, this, &InventoryPage::onFilterChanged);
}

QString InventoryPage::countText() const
{
    return m_counts->text();
}

void InventoryPage::onFilterChanged()
{
    if (m_hub->filter().text == m_text)
        return;
    m_text = m_hub->filter().text;
    m_proxy->setFilterFixedString(m_text);
    if (!m_text.isEmpty())
        m_view->expandAll(); // the matches, not the folders that hold them
    updateCount();
}

void InventoryPage::updateCount()
{
    QString text = m_model->typeCountsText();
    if (!m_text.isEmpty()) {
        int shown = 0;
        std::vector<QModelIndex> todo = {QModelIndex()};
        while (!todo.empty()) {
            const QModelIndex parent = todo.back();
            todo.pop_back();
            for (int r = 0; r < m_proxy->rowCount(parent); ++r) {
                const QModelIndex idx = m_proxy->index(r, 0, parent);
                if (idx.data(InventoryModel::FileIndexRole).toInt() >= 0)
                    ++shown;
                else
                    todo.push_back(idx);
            }
        }
        const int files = m_model->dataset() ? static_cast<int>(m_model->dataset()->files.size()) : 0;
        text += tr(" · %1 of %2 files match “%3”").arg(shown).arg(files).arg(m_text);
    }
    m_counts->setText(text);
}

void InventoryPage::onFolderChanged()
{
    updateCount();
    if (m_text.isEmpty())
        m_view->expandToDepth(1);
    else
        m_view->expandAll();
    m_view->resizeColumnToContents(InventoryModel::NameColumn);
    for (int c = InventoryModel::TypeColumn; c < InventoryModel::MetricsColumn; ++c)
        m_view->resizeColumnToContents(c);
    m_view->setColumnWidth(InventoryModel::MetricsColumn, 260);
    onFileChanged(m_hub->file());
}

void InventoryPage::onFileChanged(int file)
{
    const QModelIndex idx = m_proxy->mapFromSource(
        static_cast<QAbstractProxyModel*>(m_proxy->sourceModel())->mapFromSource(m_model->indexOfFile(file)));
    if (!idx.isValid())
        return;
    showCurrent(m_view, idx, m_syncing);
}

} // namespace benchlens
