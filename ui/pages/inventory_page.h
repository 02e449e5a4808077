#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTreeView;

namespace benchlens {

class InventoryModel;
class SelectionHub;

// The folder tree with what was recognized in each file, and the file type counts above it. The filter bar's text
// narrows it to the files whose path holds it (the samples table's text filter on file paths) and their folders.
class InventoryPage : public QWidget
{
    Q_OBJECT
public:
    InventoryPage(SelectionHub* hub, InventoryModel* model, QWidget* parent = nullptr);
    QTreeView* view() const { return m_view; }
    // The type counts, then with a text filter "N of M files match “text”": N is always the file rows shown.
    QString countText() const;

private:
    void onFolderChanged();
    void onFileChanged(int file);
    void onFilterChanged();
    void updateCount();

    SelectionHub* m_hub;
    InventoryModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_counts;
    QTreeView* m_view;
    bool m_syncing = false;
    QString m_text; // the text filter applied
};

} // namespace benchlens
