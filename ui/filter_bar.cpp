#include "ui/filter_bar.h"

#include "models/data/dataset.h"
#include "models/itemmodels/sample_filter_proxy.h"
#include "ui/selection_hub.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTimer>
#include <QToolButton>

#include <map>
#include <set>

namespace benchlens {

FilterBar::FilterBar(SelectionHub* hub, QWidget* parent)
    : QWidget(parent)
    , m_hub(hub)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    m_text = new QLineEdit;
    m_text->setPlaceholderText(tr("Filter variants, files, metrics… (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(220);
    m_model = new QComboBox;
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_metric = new QComboBox;
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_config = new QToolButton;
    m_config->setPopupMode(QToolButton::InstantPopup);
    m_config->setMenu(new QMenu(m_config));
    m_selection = new QLabel;
    m_selection->setTextFormat(Qt::PlainText);
    m_clearSelection = new QToolButton;
    m_clearSelection->setText(tr("Clear selection"));
    m_clearSelection->setToolTip(tr("Clear the variant/file selection (Esc)"));

    layout->addWidget(m_text, 2);
    layout->addWidget(new QLabel(tr("Model:")));
    layout->addWidget(m_model);
    layout->addWidget(new QLabel(tr("Metric:")));
    layout->addWidget(m_metric);
    layout->addWidget(m_config);
    layout->addWidget(m_selection, 1);
    layout->addWidget(m_clearSelection);

    // Typing filters after a short pause, not on every key.
    auto* textTimer = new QTimer(this);
    textTimer->setSingleShot(true);
    textTimer->setInterval(200);
    connect(m_text, &QLineEdit::textChanged, textTimer, qOverload<>(&QTimer::start));
    connect(textTimer, &QTimer::timeout, this, [this] { m_hub->setFilterText(m_text->text()); });
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            m_hub->setModelFilter(m_model->currentData().toString());
    });
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            m_hub->setMetricFilter(m_metric->currentData().toString());
    });
    connect(m_clearSelection, &QToolButton::clicked, hub, &SelectionHub::clearSelection);
    connect(hub, &SelectionHub::folderChanged, this, &FilterBar::onFolderChanged);
    connect(hub, &SelectionHub::variantChanged, this, &FilterBar::updateSelection);
    connect(hub, &SelectionHub::fileChanged, this, &FilterBar::updateSelection);
    connect(hub, &SelectionHub::filterChanged, this, &FilterBar::updateConfigButton);
    onFolderChanged();
}

FilterBar::~FilterBar() = default;

void FilterBar::onFolderChanged()
{
    m_filling = true;
    const Dataset* ds = m_hub->dataset();
    m_model->clear();
    m_model->addItem(tr("All models"), QString());
    m_metric->clear();
    m_metric->addItem(tr("All metrics"), QString());
    std::map<std::string, std::set<std::string>> config;
    if (ds) {
        std::set<std::string> models;
        for (const auto& v : ds->variants) {
            if (!v.model.empty() && v.observations + v.failedObservations > 0)
                models.insert(v.model);
            for (const auto& [k, value] : v.config)
                config[k].insert(value);
        }
        for (const auto& m : models)
            m_model->addItem(QString::fromStdString(m), QString::fromStdString(m));
        std::vector<char> has(ds->metrics.size(), 0);
        for (const uint32_t m : ds->samples.metric)
            has[m] = 1;
        for (size_t m = 0; m < ds->metrics.size(); ++m) {
            if (has[m])
                m_metric->addItem(QString::fromStdString(ds->metrics[m].id), QString::fromStdString(ds->metrics[m].id));
        }
    }
    // Keep the filters that still make sense in the new folder.
    const int mi = m_model->findData(m_hub->filter().model);
    m_model->setCurrentIndex(std::max(0, mi));
    const int ti = m_metric->findData(m_hub->filter().metric);
    m_metric->setCurrentIndex(std::max(0, ti));
    m_filling = false;
    m_hub->setModelFilter(m_model->currentData().toString());
    m_hub->setMetricFilter(m_metric->currentData().toString());

    QMenu* menu = m_config->menu();
    menu->clear();
    menu->addAction(tr("Clear configuration filters"), m_hub, &SelectionHub::clearConfigFilters);
    menu->addSeparator();
    for (const auto& [key, values] : config) {
        const QString k = QString::fromStdString(key);
        QMenu* sub = menu->addMenu(k);
        auto* any = sub->addAction(tr("any"));
        connect(any, &QAction::triggered, this, [this, k] { m_hub->setConfigFilter(k, QString()); });
        size_t shown = 0;
        for (const auto& value : values) {
            if (++shown > 60) {
                sub->addAction(tr("… %1 more").arg(values.size() - 60))->setEnabled(false);
                break;
            }
            const QString v = QString::fromStdString(value);
            auto* a = sub->addAction(v);
            a->setCheckable(true);
            connect(a, &QAction::triggered, this, [this, k, v] { m_hub->setConfigFilter(k, v); });
        }
    }
    updateConfigButton();
    updateSelection();
}

void FilterBar::updateConfigButton()
{
    QStringList parts;
    const auto& filters = m_hub->filter().config;
    for (const auto& [k, v] : filters)
        parts << k + QLatin1Char('=') + v;
    m_config->setText(
        parts.isEmpty() ? tr("Configuration: any") : tr("Configuration: %1").arg(parts.join(QStringLiteral(", "))));
    // Tick the chosen values in the menu.
    for (QAction* keyAction : m_config->menu()->actions()) {
        QMenu* sub = keyAction->menu();
        if (!sub)
            continue;
        const auto it = filters.find(sub->title());
        for (QAction* a : sub->actions()) {
            if (a->isCheckable())
                a->setChecked(it != filters.end() && it->second == a->text());
        }
    }
}

void FilterBar::updateSelection()
{
    QStringList parts;
    if (m_hub->variant() >= 0)
        parts << tr("variant %1").arg(m_hub->variantId(m_hub->variant()));
    if (m_hub->file() >= 0)
        parts << tr("file %1").arg(m_hub->filePath(m_hub->file()));
    m_selection->setText(parts.isEmpty() ? QString() : tr("Selected: %1").arg(parts.join(QStringLiteral(", "))));
    m_selection->setToolTip(m_selection->text());
    m_clearSelection->setEnabled(!parts.isEmpty());
}

} // namespace benchlens
