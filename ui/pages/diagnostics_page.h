#pragma once

#include <QWidget>

class QSortFilterProxyModel;
class QTableView;

namespace benchlens {

class DiagnosticsModel;
class SelectionHub;

// Every warning and error with its file; double-click opens the file's folder.
class DiagnosticsPage : public QWidget
{
    Q_OBJECT
public:
    DiagnosticsPage(SelectionHub* hub, DiagnosticsModel* model, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }

private:
    void onFileChanged(int file);

    SelectionHub* m_hub;
    DiagnosticsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    bool m_syncing = false;
};

} // namespace benchlens
