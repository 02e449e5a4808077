#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace benchlens {

class SelectionHub;

// The filter row above the pages: free text, model, metric, configuration values (a menu of key=value), and the
// current variant/file selection with buttons to clear it. Writes the SelectionHub's filter, which the samples
// table, the variants table, the charts, the report and the data export read.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(SelectionHub* hub, QWidget* parent = nullptr);
    ~FilterBar() override;

    QLineEdit* textEdit() const { return m_text; }
    QComboBox* modelCombo() const { return m_model; }
    QComboBox* metricCombo() const { return m_metric; }

private:
    void onFolderChanged();
    void updateSelection();
    void updateConfigButton();

    SelectionHub* m_hub;
    QLineEdit* m_text;
    QComboBox* m_model;
    QComboBox* m_metric;
    QToolButton* m_config;
    QLabel* m_selection;
    QToolButton* m_clearSelection;
    bool m_filling = false;
};

} // namespace benchlens
