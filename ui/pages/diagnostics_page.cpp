#include "ui/pages/diagnostics_page.h"

#include "models/itemmodels/diagnostics_model.h"
#include "ui/item_view_tools.h"
#include "ui/selection_hub.h"
#include "ui/severity_colors.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace benchlens {

DiagnosticsPage::DiagnosticsPage(SelectionHub* hub, DiagnosticsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_proxy = new QSortFilterProxyModel(this);
    auto* colors = new SeverityColors(DiagnosticsModel::SeverityRole, this);
    colors->setSourceModel(model);
    m_proxy->setSourceModel(colors);
    m_proxy->setSortRole(DiagnosticsModel::SortRole);
    m_view = new QTableView;
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(DiagnosticsModel::SeverityColumn, 80);
    m_view->setColumnWidth(DiagnosticsModel::FileColumn, 380);
    m_view->setColumnWidth(DiagnosticsModel::LocatorColumn, 160);
    layout->addWidget(m_view, 1);
    installItemViewTools(m_view, hub, DiagnosticsModel::FileRole, -1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& idx) {
        if (m_syncing || !idx.isValid())
            return;
        const int file = idx.data(DiagnosticsModel::FileRole).toInt();
        if (file >= 0)
            m_hub->selectFile(file);
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& idx) {
        const int file = idx.data(DiagnosticsModel::FileRole).toInt();
        showInFolder(file >= 0 ? m_hub->absoluteFilePath(file) : m_hub->folder().root + QStringLiteral("/."));
    });
    connect(hub, &SelectionHub::fileChanged, this, &DiagnosticsPage::onFileChanged);
}

void DiagnosticsPage::onFileChanged(int file)
{
    const int row = m_model->firstRowOfFile(file);
    if (row < 0)
        return;
    const QModelIndex idx = m_proxy->mapFromSource(
        static_cast<QAbstractProxyModel*>(m_proxy->sourceModel())->mapFromSource(m_model->index(row, 0)));
    showCurrent(m_view, idx, m_syncing);
}

} // namespace benchlens
