#include "ui/item_view_tools.h"

#include "models/itemmodels/table_text.h"
#include "ui/mapping_menu.h"
#include "ui/selection_hub.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>
#include <QTreeView>
#include <QUrl>

namespace benchlens {

bool openFile(const QString& absolutePath)
{
    return !absolutePath.isEmpty() && QDesktopServices::openUrl(QUrl::fromLocalFile(absolutePath));
}

bool showInFolder(const QString& absolutePath)
{
    if (absolutePath.isEmpty())
        return false;
    return QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(absolutePath).absolutePath()));
}

namespace {

std::vector<int> visibleColumns(QAbstractItemView* view)
{
    std::vector<int> cols;
    const int n = view->model()->columnCount();
    QHeaderView* header = nullptr;
    if (auto* table = qobject_cast<QTableView*>(view))
        header = table->horizontalHeader();
    else if (auto* tree = qobject_cast<QTreeView*>(view))
        header = tree->header();
    for (int visual = 0; visual < n; ++visual) {
        const int logical = header ? header->logicalIndex(visual) : visual;
        if (!header || !header->isSectionHidden(logical))
            cols.push_back(logical);
    }
    return cols;
}

// The distinct ids behind the selected rows when `clicked` is one of them, else the clicked row's id alone.
template <typename IdOf>
QStringList selectedIds(QAbstractItemView* view, const QModelIndex& clicked, int role, IdOf idOf)
{
    QStringList ids;
    const auto add = [&](const QModelIndex& idx) {
        const int i = idx.data(role).toInt();
        const QString id = i >= 0 ? idOf(i) : QString();
        if (!id.isEmpty() && !ids.contains(id))
            ids << id;
    };
    QItemSelectionModel* selection = view->selectionModel();
    if (selection && selection->isRowSelected(clicked.row(), clicked.parent())) {
        for (const QModelIndex& row : selection->selectedRows())
            add(row);
    } else {
        add(clicked);
    }
    return ids;
}

} // namespace

void copyViewTable(QAbstractItemView* view, TableFormat format)
{
    if (!view || !view->model())
        return;
    QApplication::clipboard()->setText(tableText(*view->model(), format, visibleColumns(view)));
}

bool copyViewSelection(QAbstractItemView* view, TableFormat format)
{
    if (!view || !view->model() || !view->selectionModel())
        return false;
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return false;
    QApplication::clipboard()->setText(tableText(*view->model(), format, visibleColumns(view), rows));
    return true;
}

void installItemViewTools(QAbstractItemView* view, SelectionHub* hub, int fileRole, int variantRole)
{
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(view, &QWidget::customContextMenuRequested, view, [=](const QPoint& pos) {
        const QModelIndex idx = view->indexAt(pos);
        QMenu menu(view);
        const int file = idx.isValid() && fileRole >= 0 ? idx.data(fileRole).toInt() : -1;
        const int variant = idx.isValid() && variantRole >= 0 ? idx.data(variantRole).toInt() : -1;
        if (variant >= 0) {
            menu.addAction(QObject::tr("Select this variant everywhere"), view, [=] { hub->selectVariant(variant); });
        }
        if (file >= 0) {
            const QString path = hub->absoluteFilePath(file);
            menu.addAction(QObject::tr("Select this file everywhere"), view, [=] { hub->selectFile(file); });
            menu.addAction(QObject::tr("Open file"), view, [=] { openFile(path); });
            menu.addAction(QObject::tr("Show in folder"), view, [=] { showInFolder(path); });
        }
        if (variant >= 0) {
            menu.addSeparator();
            const QString id = hub->variantId(variant);
            menu.addAction(QObject::tr("Set variant as baseline"), view, [=] { hub->requestCompareBaseline(id); });
            // Every selected variant when the clicked row is part of the selection.
            const QStringList ids = selectedIds(view, idx, variantRole, [hub](int v) { return hub->variantId(v); });
            menu.addAction(ids.size() > 1
                    ? QObject::tr("Compare %n variant(s) with baseline", nullptr, static_cast<int>(ids.size()))
                    : QObject::tr("Compare variant with baseline"),
                view, [=] {
                    for (const QString& v : ids)
                        hub->requestCompareCandidate(v);
                });
        }
        if (file >= 0) {
            if (variant < 0)
                menu.addSeparator();
            const QString run = hub->runId(file);
            menu.addAction(QObject::tr("Set run as baseline"), view, [=] { hub->requestCompareBaseline(run); })
                ->setToolTip(run);
            const QStringList runs = selectedIds(view, idx, fileRole, [hub](int f) { return hub->runId(f); });
            menu.addAction(runs.size() > 1
                    ? QObject::tr("Compare %n run(s) with baseline", nullptr, static_cast<int>(runs.size()))
                    : QObject::tr("Compare run with baseline"),
                view, [=] {
                    for (const QString& r : runs)
                        hub->requestCompareCandidate(r);
                });
        }
        if (file >= 0) {
            menu.addSeparator();
            addMappingMenu(menu, hub, file);
        }
        if (!menu.isEmpty())
            menu.addSeparator();
        const bool selected = view->selectionModel() && view->selectionModel()->hasSelection();
        menu.addAction(QObject::tr("Copy selection as CSV"), view, [=] { copyViewSelection(view, TableFormat::Csv); })
            ->setEnabled(selected);
        menu.addAction(QObject::tr("Copy selection as Markdown"), view,
                [=] { copyViewSelection(view, TableFormat::Markdown); })
            ->setEnabled(selected);
        menu.addAction(QObject::tr("Copy table as CSV"), view, [=] { copyViewTable(view, TableFormat::Csv); });
        menu.addAction(
            QObject::tr("Copy table as Markdown"), view, [=] { copyViewTable(view, TableFormat::Markdown); });
        menu.exec(view->viewport()->mapToGlobal(pos));
    });
    auto* copy = new QAction(QObject::tr("Copy selection as CSV"), view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(copy, &QAction::triggered, view, [view] { copyViewSelection(view, TableFormat::Csv); });
    view->addAction(copy);
}

void showCurrent(QAbstractItemView* view, const QModelIndex& idx, bool& syncing, bool centered)
{
    syncing = true;
    view->setCurrentIndex(idx);
    view->scrollTo(idx, centered ? QAbstractItemView::PositionAtCenter : QAbstractItemView::EnsureVisible);
    syncing = false;
}

} // namespace benchlens
