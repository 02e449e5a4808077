#include "ui/charts/throughput_tab.h"

#include "models/charts/chart_spec.h"
#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/itemmodels/samples_model.h"
#include "ui/charts/chart_axes.h"
#include "ui/charts/chart_view.h"
#include "ui/selection_hub.h"

#include <QComboBox>
#include <QCursor>
#include <QGraphicsItem>
#include <QLabel>
#include <QPainter>
#include <QToolTip>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QHorizontalBarSeries>

namespace benchlens {

namespace {

// Error bars over a bar series: one whisker per category from low to high, drawn in chart coordinates.
class ErrorBarItem : public QGraphicsItem
{
public:
    ErrorBarItem(QChart* chart, QAbstractSeries* series, bool horizontal, std::vector<std::pair<double, double>> bars)
        : QGraphicsItem(chart)
        , m_chart(chart)
        , m_series(series)
        , m_horizontal(horizontal)
        , m_bars(std::move(bars))
    {
        setZValue(100);
    }
    void plotAreaChanged()
    {
        prepareGeometryChange();
        update();
    }
    QRectF boundingRect() const override { return m_chart->plotArea().adjusted(-5, -5, 5, 5); }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const bool dark = m_chart->theme() == QChart::ChartThemeDark;
        painter->setPen(QPen(dark ? QColor(230, 230, 230) : QColor(30, 30, 30), 1.5));
        for (size_t i = 0; i < m_bars.size(); ++i) {
            const auto [low, high] = m_bars[i];
            if (low == high)
                continue;
            const double c = static_cast<double>(i);
            const QPointF a = m_chart->mapToPosition(m_horizontal ? QPointF(low, c) : QPointF(c, low), m_series);
            const QPointF b = m_chart->mapToPosition(m_horizontal ? QPointF(high, c) : QPointF(c, high), m_series);
            painter->drawLine(a, b);
            const QPointF cap = m_horizontal ? QPointF(0, 4) : QPointF(4, 0);
            painter->drawLine(a - cap, a + cap);
            painter->drawLine(b - cap, b + cap);
        }
        painter->restore();
    }

private:
    QChart* m_chart;
    QAbstractSeries* m_series;
    bool m_horizontal;
    std::vector<std::pair<double, double>> m_bars;
};

} // namespace

struct ThroughputTab::Private
{
    QComboBox* metric = nullptr;
    QComboBox* errorKind = nullptr;
    charts::BarChartSpec bars;
};

ThroughputTab::ThroughputTab(SelectionHub* hub, QWidget* parent)
    : ChartTab(tr("Throughput"), hub, parent)
    , d(std::make_unique<Private>())
{
    d->metric = addCombo(tr("Metric:"));
    d->errorKind = addCombo(tr("Error bars:"));
    d->errorKind->addItem(tr("± standard deviation"));
    d->errorKind->addItem(tr("95% confidence interval of the mean"));
    setPageLayout();
}

ThroughputTab::~ThroughputTab() = default;

void ThroughputTab::folderChanged()
{
    setFilling(true);
    if (const Dataset* ds = dataset()) {
        fillMetricCombo(d->metric, *ds, charts::metricsOfKind(*ds, MetricKind::Throughput, "throughput_tok_s"),
            d->metric->currentText());
    } else {
        d->metric->clear();
    }
    setFilling(false);
    markStale();
}

void ThroughputTab::rebuild()
{
    const Dataset* ds = dataset();
    const auto* analysis = hub()->folder().analysis.get();
    const std::optional<MetricIndex> metric = currentMetric(d->metric);
    const auto kind = d->errorKind->currentIndex() == 1 ? charts::ErrorKind::Ci95 : charts::ErrorKind::StdDev;
    d->bars = ds && analysis ? charts::meanBars(*ds, *analysis, metric, kind, includeMask()) : charts::BarChartSpec {};
    const auto& spec = d->bars;
    QChart* chart = newChart(dark(),
        spec.metric.empty()
            ? tr("Throughput per variant: no throughput samples")
            : tr("Mean %1 per variant, %2")
                  .arg(toQString(spec.metric), kind == charts::ErrorKind::Ci95 ? tr("95% CI") : tr("± std dev")));
    chart->legend()->hide();
    if (!spec.bars.empty()) {
        // Horizontal bars: long variant names read on the left; the best variant on top.
        auto* series = new QHorizontalBarSeries;
        auto* set = new QBarSet(toQString(spec.metric));
        set->setSelectedColor(QColor(230, 120, 20));
        std::vector<std::string> ids;
        std::vector<std::pair<double, double>> errors;
        const size_t n = spec.bars.size();
        for (size_t i = 0; i < n; ++i) {
            const auto& b = spec.bars[n - 1 - i];
            *set << b.value;
            ids.push_back(b.label);
            errors.emplace_back(b.low, b.high);
            if (static_cast<int>(b.variant) == hub()->variant())
                set->selectBar(static_cast<int>(i));
        }
        series->append(set);
        series->setBarWidth(0.7);
        chart->addSeries(series);
        addCategoryAndValueAxes(chart, series, categoryLabels(ids), Qt::AlignLeft, 0, n > 20 ? -2 : -1, spec.maxValue,
            axisTitle(spec.metric, spec.unit));
        auto* errorBars = new ErrorBarItem(chart, series, true, errors);
        connect(chart, &QChart::plotAreaChanged, this, [errorBars] { errorBars->plotAreaChanged(); });
        connect(series, &QAbstractBarSeries::hovered, this, [this, n](bool status, int index, QBarSet*) {
            if (!status || index < 0 || static_cast<size_t>(index) >= n) {
                QToolTip::hideText();
                return;
            }
            const auto& b = d->bars.bars[n - 1 - static_cast<size_t>(index)];
            QToolTip::showText(QCursor::pos(),
                tr("<b>%1</b><br>mean %2 %3 (n = %4)<br>error bar %5 – %6%7")
                    .arg(toQString(b.label).toHtmlEscaped(), displayValue(b.value), toQString(d->bars.unit))
                    .arg(b.n)
                    .arg(displayValue(b.low), displayValue(b.high),
                        b.failed ? tr("<br>%1 failed observations not counted").arg(b.failed) : QString()));
        });
        connect(series, &QAbstractBarSeries::clicked, this, [this, n](int index, QBarSet*) {
            if (index >= 0 && static_cast<size_t>(index) < n)
                hub()->selectVariant(static_cast<int>(d->bars.bars[n - 1 - static_cast<size_t>(index)].variant));
        });
    }
    view()->replaceChart(chart);
    QStringList notes;
    if (spec.omitted)
        notes << tr("Showing the best %1 of %2 variants; filter by model or configuration to see the others.")
                     .arg(spec.bars.size())
                     .arg(spec.bars.size() + spec.omitted);
    if (!spec.allFailed.empty()) {
        QStringList failed;
        for (const auto& f : spec.allFailed)
            failed << QStringLiteral("%1 (%2 failed)").arg(toQString(f.label)).arg(f.failed);
        notes << tr("Every observation failed, no throughput to plot: %1").arg(failed.join(QStringLiteral("; ")));
    }
    note()->setText(notes.join(QLatin1Char('\n')));
    note()->setVisible(!notes.isEmpty());
}

} // namespace benchlens
