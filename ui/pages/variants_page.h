#pragma once

#include <QWidget>

class QLabel;
class QTreeView;

namespace benchlens {

class SampleFilterProxy;
class SelectionHub;
class VariantFilterProxy;
class VariantsModel;

// One row per variant (samples, failures) with the statistics of each of its metrics underneath.
class VariantsPage : public QWidget
{
    Q_OBJECT
public:
    VariantsPage(SelectionHub* hub, VariantsModel* model, SampleFilterProxy* filter, QWidget* parent = nullptr);
    QTreeView* view() const { return m_view; }
    VariantFilterProxy* proxy() const { return m_proxy; }
    // "N of M variants": N is always the number of variant rows the tree shows, M the rows without any filter.
    QString countText() const;

private:
    void onFolderChanged();
    void onVariantChanged(int variant);
    void updateCount();

    SelectionHub* m_hub;
    VariantsModel* m_model;
    VariantFilterProxy* m_proxy;
    QTreeView* m_view;
    QLabel* m_count;
    bool m_onlySamples = true;
    bool m_syncing = false;
};

} // namespace benchlens
