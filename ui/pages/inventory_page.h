#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTreeView;

namespace benchlens {

class InventoryModel;
class SelectionHub;

// The folder tree with what was recognized in each file, and the file type counts above it.
class InventoryPage : public QWidget
{
    Q_OBJECT
public:
    InventoryPage(SelectionHub* hub, InventoryModel* model, QWidget* parent = nullptr);
    QTreeView* view() const { return m_view; }

private:
    void onFolderChanged();
    void onFileChanged(int file);

    SelectionHub* m_hub;
    InventoryModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_counts;
    QTreeView* m_view;
    bool m_syncing = false;
};

} // namespace benchlens
