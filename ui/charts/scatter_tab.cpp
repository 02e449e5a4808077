#include "ui/charts/scatter_tab.h"

#include "models/charts/chart_spec.h"
#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/itemmodels/samples_model.h"
#include "ui/charts/chart_axes.h"
#include "ui/charts/chart_view.h"
#include "ui/selection_hub.h"

#include <QComboBox>
#include <QCursor>
#include <QLabel>
#include <QToolTip>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

namespace benchlens {

namespace {

// Qt Charts draws each scatter point as its own graphics item: beyond a few thousand the window stalls.
constexpr size_t kMaxScatterPoints = 4000;

} // namespace

struct ScatterTab::Private
{
    QComboBox* x = nullptr;
    QComboBox* y = nullptr;
    charts::ScatterSpec scatter;
};

ScatterTab::ScatterTab(SelectionHub* hub, QWidget* parent)
    : ChartTab(tr("TTFT vs throughput"), hub, parent)
    , d(std::make_unique<Private>())
{
    d->x = addCombo(tr("x:"));
    d->y = addCombo(tr("y:"));
    setPageLayout();
}

ScatterTab::~ScatterTab() = default;

void ScatterTab::folderChanged()
{
    setFilling(true);
    if (const Dataset* ds = dataset()) {
        fillMetricCombo(d->x, *ds, charts::metricsOfKind(*ds, MetricKind::Latency, "ttft_ms"), d->x->currentText());
        fillMetricCombo(
            d->y, *ds, charts::metricsOfKind(*ds, MetricKind::Throughput, "throughput_tok_s"), d->y->currentText());
    } else {
        d->x->clear();
        d->y->clear();
    }
    setFilling(false);
    markStale();
}

void ScatterTab::rebuild()
{
    const Dataset* ds = dataset();
    const std::optional<MetricIndex> x = currentMetric(d->x);
    const std::optional<MetricIndex> y = currentMetric(d->y);
    d->scatter = ds ? charts::scatter(*ds, x, y, includeMask(), kMaxScatterPoints) : charts::ScatterSpec {};
    const auto& spec = d->scatter;
    QChart* chart = newChart(dark(),
        spec.points == 0
            ? tr("No observation has both metrics")
            : tr("%1 vs %2, one point per observation").arg(toQString(spec.yMetric), toQString(spec.xMetric)));
    if (spec.points > 0) {
        auto* xAxis = new QValueAxis;
        setNiceRange(xAxis, 0, spec.xMax);
        xAxis->setTitleText(axisTitle(spec.xMetric, spec.xUnit));
        auto* yAxis = new QValueAxis;
        setNiceRange(yAxis, 0, spec.yMax);
        yAxis->setTitleText(axisTitle(spec.yMetric, spec.yUnit));
        chart->addAxis(xAxis, Qt::AlignBottom);
        chart->addAxis(yAxis, Qt::AlignLeft);
        QPointF selected(-1, -1);
        for (size_t si = 0; si < spec.series.size(); ++si) {
            const auto& s = spec.series[si];
            auto* series = new QScatterSeries;
            series->setName(toQString(s.name));
            series->setMarkerSize(spec.shown > 1000 ? 6 : 9);
            series->setBorderColor(Qt::transparent);
            QList<QPointF> points;
            points.reserve(static_cast<qsizetype>(s.x.size()));
            for (size_t i = 0; i < s.x.size(); ++i) {
                points.append(QPointF(s.x[i], s.y[i]));
                if (static_cast<int>(s.sample[i]) == hub()->sample()
                    || static_cast<int>(s.xSample[i]) == hub()->sample())
                    selected = points.back();
            }
            series->replace(points);
            chart->addSeries(series);
            series->attachAxis(xAxis);
            series->attachAxis(yAxis);
            connect(series, &QXYSeries::hovered, this, [this, series, si](const QPointF& p, bool state) {
                const int i = nearestPoint(series, p);
                if (!state || i < 0) {
                    QToolTip::hideText();
                    return;
                }
                const auto& ser = d->scatter.series[si];
                const Dataset* dset = dataset();
                if (!dset)
                    return;
                const uint32_t sample = ser.sample[static_cast<size_t>(i)];
                const uint32_t file = dset->samples.file[sample];
                QToolTip::showText(QCursor::pos(),
                    tr("<b>%1</b><br>%2 = %3 %4<br>%5 = %6 %7<br>%8 (%9)")
                        .arg(toQString(dset->variants[dset->samples.variant[sample]].id).toHtmlEscaped(),
                            toQString(d->scatter.xMetric), displayValue(ser.x[static_cast<size_t>(i)]),
                            toQString(d->scatter.xUnit), toQString(d->scatter.yMetric),
                            displayValue(ser.y[static_cast<size_t>(i)]), toQString(d->scatter.yUnit),
                            toQString(dset->files[file].path).toHtmlEscaped(),
                            toQString(dset->locatorText(file, dset->samples.locator[sample])).toHtmlEscaped()));
            });
            connect(series, &QXYSeries::clicked, this, [this, series, si](const QPointF& p) {
                const int i = nearestPoint(series, p);
                if (i >= 0)
                    hub()->selectSample(static_cast<int>(d->scatter.series[si].sample[static_cast<size_t>(i)]));
            });
        }
        if (selected.x() >= 0) {
            auto* mark = new QScatterSeries;
            mark->setName(tr("selected"));
            mark->setMarkerSize(16);
            mark->setColor(Qt::transparent);
            mark->setBorderColor(QColor(230, 120, 20));
            mark->setPen(QPen(QColor(230, 120, 20), 3));
            mark->append(selected);
            chart->addSeries(mark);
            mark->attachAxis(xAxis);
            mark->attachAxis(yAxis);
        }
        chart->legend()->setAlignment(Qt::AlignRight);
    } else {
        chart->legend()->hide();
    }
    view()->replaceChart(chart);
    note()->setText(spec.shown == spec.points
            ? tr("%n observation(s) with both metrics.", nullptr, static_cast<int>(spec.points))
            : tr("%1 observations with both metrics; every %2th of each model is drawn (%3 points). Filter by model "
                 "or configuration to see them all.")
                  .arg(spec.points)
                  .arg(spec.stride)
                  .arg(spec.shown));
}

} // namespace benchlens
