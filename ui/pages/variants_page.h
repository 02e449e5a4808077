#pragma once

#include <QWidget>

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

private:
    void onFolderChanged();
    void onVariantChanged(int variant);

    SelectionHub* m_hub;
    VariantsModel* m_model;
    VariantFilterProxy* m_proxy;
    QTreeView* m_view;
    bool m_syncing = false;
};

} // namespace benchlens
