#pragma once

#include <QWidget>

class QLabel;
class QTableView;
class QToolButton;

namespace benchlens {

class SampleFilterProxy;
class SamplesModel;
class SelectionHub;

// Every sample value in a sortable, filterable table (no per-row widgets), with column show/hide.
class SamplesPage : public QWidget
{
    Q_OBJECT
public:
    SamplesPage(SelectionHub* hub, SamplesModel* model, SampleFilterProxy* proxy, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }
    QString countText() const; // "N of M samples": N is always the number of rows the table shows

private:
    void onFolderChanged();
    void onSampleChanged(int sample);
    void updateCount();

    SelectionHub* m_hub;
    SamplesModel* m_model;
    SampleFilterProxy* m_proxy;
    QTableView* m_view;
    QToolButton* m_columns;
    QLabel* m_count;
    bool m_syncing = false;
};

} // namespace benchlens
