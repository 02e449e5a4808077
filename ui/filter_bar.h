#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace benchlens {

class SampleFilterProxy;
class SelectionHub;

// The filter row above the pages: free text, model, metric, configuration values (a menu of key=value), and the
// current variant/file selection with buttons to clear it. Writes into the SampleFilterProxy that the samples
// table, the variants table and the charts share.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    FilterBar(SelectionHub* hub, SampleFilterProxy* filter, QWidget* parent = nullptr);
    ~FilterBar() override;

    QLineEdit* textEdit() const { return m_text; }
    QComboBox* modelCombo() const { return m_model; }
    QComboBox* metricCombo() const { return m_metric; }

private:
    void onFolderChanged();
    void updateSelection();
    void updateConfigButton();

    SelectionHub* m_hub;
    SampleFilterProxy* m_filter;
    QLineEdit* m_text;
    QComboBox* m_model;
    QComboBox* m_metric;
    QToolButton* m_config;
    QLabel* m_selection;
    QToolButton* m_clearSelection;
    bool m_filling = false;
};

} // namespace benchlens
