#include "ui/charts/chart_tab.h"

#include "models/data/dataset.h"
#include "ui/charts/chart_axes.h"
#include "ui/charts/chart_view.h"
#include "ui/selection_hub.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>
#include <QtCharts/QXYSeries>

#include <algorithm>
#include <cmath>
#include <set>

namespace benchlens {

ChartTab::ChartTab(const QString& title, SelectionHub* hub, QWidget* parent)
    : QWidget(parent)
    , m_title(title)
    , m_hub(hub)
    , m_controls(new QHBoxLayout)
    , m_view(newChartView())
    , m_note(noteLabel())
{
    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(0);
    connect(&m_rebuildTimer, &QTimer::timeout, this, &ChartTab::ensureFresh);
}

ChartTab::~ChartTab() = default;

QChart* ChartTab::chart() const
{
    return m_view->chart();
}

void ChartTab::markStale()
{
    m_stale = true;
    if (isVisible())
        m_rebuildTimer.start();
}

void ChartTab::ensureFresh()
{
    m_rebuildTimer.stop();
    if (!m_stale)
        return;
    m_stale = false;
    ++m_rebuilds;
    rebuild();
}

const Dataset* ChartTab::dataset() const
{
    return m_hub->dataset();
}

std::vector<char> ChartTab::includeMask() const
{
    const Dataset* ds = m_hub->dataset();
    std::vector<char> mask;
    if (!ds)
        return mask;
    mask.resize(ds->variants.size());
    for (size_t v = 0; v < mask.size(); ++v)
        mask[v] = m_hub->filter().acceptsVariant(*ds, static_cast<int>(v));
    return mask;
}

bool ChartTab::dark() const
{
    return palette().color(QPalette::Window).lightness() < 128;
}

QComboBox* ChartTab::addCombo(const QString& label)
{
    auto* c = new QComboBox;
    m_controls->addWidget(new QLabel(label));
    m_controls->addWidget(c);
    c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(c, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            markStale();
    });
    return c;
}

ChartView* ChartTab::newChartView()
{
    auto* v = new ChartView;
    v->replaceChart(new QChart);
    v->setMinimumHeight(160);
    return v;
}

void ChartTab::setPageLayout(const std::vector<QWidget*>& moreCharts)
{
    auto* v = new QVBoxLayout(this);
    m_controls->addStretch(1);
    v->addLayout(m_controls);
    v->addWidget(m_view, 3);
    for (QWidget* chart : moreCharts)
        v->addWidget(chart, 2);
    v->addWidget(m_note);
}

void ChartTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    ensureFresh();
}

void ChartTab::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        markStale();
    QWidget::changeEvent(event);
}

QString toQString(const std::string& s)
{
    return QString::fromStdString(s);
}

QLabel* noteLabel()
{
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A variant id is "model key=value ...": the configuration is what tells variants apart, so the model name is
// shortened first, then the whole label.
QStringList categoryLabels(const std::vector<std::string>& ids, int maxChars, bool abbreviate)
{
    QStringList out;
    std::set<QString> seen;
    for (const auto& id : ids) {
        QString s = toQString(id);
        if (abbreviate) {
            s.replace(QStringLiteral(" num_ctx="), QStringLiteral(" ctx="));
            s.replace(QStringLiteral(" num_gpu="), QStringLiteral(" gpu="));
            s.replace(QStringLiteral(" temperature="), QStringLiteral(" temp="));
        }
        if (s.size() > maxChars) {
            const auto space = s.indexOf(QLatin1Char(' '));
            QString model = space < 0 ? s : s.left(space);
            const QString config = space < 0 ? QString() : s.mid(space);
            const auto room = std::max<qsizetype>(12, maxChars - config.size());
            if (model.size() > room)
                model = model.left(room - 1) + QChar(0x2026);
            s = model + config;
            if (s.size() > maxChars)
                s = s.left(maxChars - 1) + QChar(0x2026);
        }
        QString unique = s;
        for (int k = 2; seen.count(unique); ++k)
            unique = s + QStringLiteral(" #") + QString::number(k);
        seen.insert(unique);
        out << unique;
    }
    return out;
}

void setLabelFont(QAbstractAxis* axis, int pointSizeDelta)
{
    QFont f = axis->labelsFont();
    f.setPointSizeF(std::max(6.0, f.pointSizeF() + pointSizeDelta));
    axis->setLabelsFont(f);
}

void addCategoryAndValueAxes(QChart* chart, QAbstractSeries* series, const QStringList& labels,
    Qt::Alignment categoriesAt, int labelsAngle, int fontDelta, double maxValue, const QString& valueTitle)
{
    auto* categories = new QBarCategoryAxis;
    categories->append(labels);
    categories->setLabelsAngle(labelsAngle);
    categories->setTruncateLabels(false);
    setLabelFont(categories, fontDelta);
    chart->addAxis(categories, categoriesAt);
    series->attachAxis(categories);
    auto* values = new QValueAxis;
    setNiceRange(values, 0, maxValue);
    values->setTitleText(valueTitle);
    chart->addAxis(values, categoriesAt == Qt::AlignLeft ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(values);
}

int nearestPoint(const QXYSeries* series, const QPointF& p)
{
    int best = -1;
    double bestDistance = 0;
    const QList<QPointF> points = series->points();
    // Compare in relative terms, so that axes of different magnitudes weigh the same.
    const double sx = std::max(1e-12, std::fabs(p.x()));
    const double sy = std::max(1e-12, std::fabs(p.y()));
    for (qsizetype i = 0; i < points.size(); ++i) {
        const double dx = (points[i].x() - p.x()) / sx;
        const double dy = (points[i].y() - p.y()) / sy;
        const double dist = dx * dx + dy * dy;
        if (best < 0 || dist < bestDistance) {
            best = static_cast<int>(i);
            bestDistance = dist;
        }
    }
    return best;
}

void fillMetricCombo(QComboBox* combo, const Dataset& ds, const std::vector<MetricIndex>& metrics, const QString& keep)
{
    combo->clear();
    for (const MetricIndex m : metrics)
        combo->addItem(QString::fromStdString(ds.metric(m).id), QVariant::fromValue(m.value));
    const int i = combo->findText(keep);
    combo->setCurrentIndex(i >= 0 ? i : 0);
}

std::optional<MetricIndex> currentMetric(const QComboBox* combo)
{
    const QVariant data = combo->currentData();
    if (!data.isValid())
        return std::nullopt;
    return MetricIndex(data.toUInt());
}

} // namespace benchlens
