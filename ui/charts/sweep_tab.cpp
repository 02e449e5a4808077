#include "ui/charts/sweep_tab.h"

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
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace benchlens {

namespace {

bool allPowersOfTwo(const charts::SweepSpec& spec)
{
    for (const auto& s : spec.series) {
        for (const double x : s.x) {
            if (x < 1 || std::fabs(std::exp2(std::round(std::log2(x))) - x) > 1e-9)
                return false;
        }
    }
    return true;
}

} // namespace

struct SweepTab::Private
{
    QComboBox* model = nullptr;
    QComboBox* metric = nullptr;
    QComboBox* x = nullptr;
    QComboBox* series = nullptr;
    charts::SweepSpec sweep;
    QString modelFilter; // the filter bar's model filter the model box was filled for
};

SweepTab::SweepTab(SelectionHub* hub, QWidget* parent)
    : ChartTab(tr("Parameter sweep"), hub, parent)
    , d(std::make_unique<Private>())
{
    d->model = addCombo(tr("Model:"));
    d->metric = addCombo(tr("Metric:"));
    d->x = addCombo(tr("against:"));
    d->series = addCombo(tr("one line per:"));
    connect(d->model, &QComboBox::currentIndexChanged, this, [this] {
        if (!filling())
            fillParams();
    });
    // Which models have a sweep depends on the metric: one measured in other metrics only draws no point.
    connect(d->metric, &QComboBox::currentIndexChanged, this, [this] {
        if (!filling()) {
            fillModels();
            fillParams();
        }
    });
    connect(hub, &SelectionHub::filterChanged, this, [this] {
        if (this->hub()->filter().model != d->modelFilter) {
            fillModels();
            fillParams();
        }
    });
    setPageLayout();
}

SweepTab::~SweepTab() = default;

void SweepTab::folderChanged()
{
    const Dataset* ds = dataset();
    setFilling(true);
    if (ds) {
        auto all = charts::metricsOfKind(*ds, MetricKind::Throughput, "throughput_tok_s");
        for (const MetricIndex m : charts::metricsOfKind(*ds, MetricKind::Latency, "ttft_ms"))
            all.push_back(m);
        fillMetricCombo(d->metric, *ds, all, d->metric->currentText());

        fillModels();
    } else {
        for (QComboBox* c : {d->model, d->metric, d->x, d->series})
            c->clear();
    }
    setFilling(false);
    fillParams();
}

void SweepTab::fillModels()
{
    const Dataset* ds = dataset();
    const bool wasFilling = filling();
    setFilling(true);
    const QString keepModel = d->model->currentText();
    d->model->clear();
    d->modelFilter = hub()->filter().model;
    if (ds) {
        std::vector<std::string> models = charts::modelsWithSamples(*ds, currentMetric(d->metric));
        if (!d->modelFilter.isEmpty()) {
            const std::string only = d->modelFilter.toStdString();
            std::erase_if(models, [&](const std::string& m) { return m != only; });
        }
        // Models with a swept parameter first: they make a chart.
        std::stable_partition(models.begin(), models.end(),
            [&](const std::string& m) { return !charts::sweepParameters(*ds, m, currentMetric(d->metric)).empty(); });
        for (const auto& m : models)
            d->model->addItem(QString::fromStdString(m));
        const int i = d->model->findText(keepModel);
        d->model->setCurrentIndex(i >= 0 ? i : 0);
    }
    setFilling(wasFilling);
}

void SweepTab::fillParams()
{
    const Dataset* ds = dataset();
    const bool wasFilling = filling();
    setFilling(true);
    const QString keepX = d->x->currentText();
    const QString keepSeries = d->series->currentText();
    d->x->clear();
    d->series->clear();
    if (ds) {
        const auto params
            = charts::sweepParameters(*ds, d->model->currentText().toStdString(), currentMetric(d->metric));
        for (const auto& p : params)
            d->x->addItem(QString::fromStdString(p));
        d->series->addItem(tr("(none)"), QString());
        for (const auto& p : params)
            d->series->addItem(QString::fromStdString(p), QString::fromStdString(p));
        // Defaults: tokens/s against num_ctx, one line per num_gpu, where they exist.
        int x = d->x->findText(keepX);
        if (x < 0)
            x = d->x->findText(QStringLiteral("num_ctx"));
        d->x->setCurrentIndex(std::max(0, x));
        int s = d->series->findText(keepSeries);
        if (s < 0 || d->series->itemText(s) == d->x->currentText()) {
            s = d->series->findText(QStringLiteral("num_gpu"));
            if (s < 0 || d->series->itemText(s) == d->x->currentText()) {
                s = 0;
                for (int k = 1; k < d->series->count(); ++k) {
                    if (d->series->itemText(k) != d->x->currentText()) {
                        s = k;
                        break;
                    }
                }
            }
        }
        d->series->setCurrentIndex(s);
    }
    setFilling(wasFilling);
    if (!wasFilling)
        markStale();
}

bool SweepTab::setSweep(const QString& model, const QString& metric, const QString& xParam, const QString& seriesParam)
{
    const int m = d->model->findText(model);
    if (m < 0)
        return false;
    d->model->setCurrentIndex(m);
    fillParams();
    const int mt = d->metric->findText(metric);
    const int x = d->x->findText(xParam);
    const int s = seriesParam.isEmpty() ? 0 : d->series->findText(seriesParam);
    if (mt < 0 || x < 0 || s < 0)
        return false;
    setFilling(true);
    d->metric->setCurrentIndex(mt);
    d->x->setCurrentIndex(x);
    d->series->setCurrentIndex(s);
    setFilling(false);
    markStale();
    ensureFresh();
    return true;
}

void SweepTab::rebuild()
{
    const Dataset* ds = dataset();
    const std::optional<MetricIndex> metric = currentMetric(d->metric);
    const std::string model = d->model->currentText().toStdString();
    const std::string xParam = d->x->currentText().toStdString();
    const std::string seriesParam = d->series->currentData().toString().toStdString();
    d->sweep = ds && !xParam.empty() ? charts::sweep(*ds, model, metric, xParam, seriesParam, includeMask())
                                     : charts::SweepSpec {};
    const auto& spec = d->sweep;
    QChart* chart = newChart(dark(),
        spec.points == 0
            ? tr("No parameter sweep for this model and metric")
            : tr("%1 of %2 against %3").arg(toQString(spec.metric), toQString(spec.model), toQString(spec.xParam)));
    if (spec.points > 0) {
        QAbstractAxis* xAxis = nullptr;
        // Context sizes and layer counts grow in powers of two: a base-2 axis spaces them evenly.
        if (spec.xMin > 0 && spec.xMax > spec.xMin && (allPowersOfTwo(spec) || spec.xMax / spec.xMin >= 8)) {
            auto* log = new QLogValueAxis;
            log->setBase(2);
            log->setRange(spec.xMin / 1.25, spec.xMax * 1.25);
            log->setLabelFormat(QStringLiteral("%g"));
            log->setMinorTickCount(0);
            xAxis = log;
        } else {
            auto* lin = new QValueAxis;
            const double pad = spec.xMax > spec.xMin ? (spec.xMax - spec.xMin) * 0.05 : 1;
            setNiceRange(lin, spec.xMin >= 0 && spec.xMin - pad < 0 ? 0 : spec.xMin - pad, spec.xMax + pad);
            xAxis = lin;
        }
        xAxis->setTitleText(toQString(spec.xParam));
        auto* yAxis = new QValueAxis;
        setNiceRange(yAxis, 0, spec.yMax);
        yAxis->setTitleText(tr("mean %1").arg(axisTitle(spec.metric, spec.unit)));
        chart->addAxis(xAxis, Qt::AlignBottom);
        chart->addAxis(yAxis, Qt::AlignLeft);
        for (size_t si = 0; si < spec.series.size(); ++si) {
            const auto& s = spec.series[si];
            auto* series = new QLineSeries;
            series->setName(toQString(s.name));
            series->setPointsVisible(true);
            QList<QPointF> points;
            for (size_t i = 0; i < s.x.size(); ++i)
                points.append(QPointF(s.x[i], s.y[i]));
            series->replace(points);
            chart->addSeries(series);
            // After addSeries: the theme sets the colour, we only widen the line.
            QPen pen = series->pen();
            pen.setWidthF(2.5);
            series->setPen(pen);
            series->attachAxis(xAxis);
            series->attachAxis(yAxis);
            connect(series, &QXYSeries::hovered, this, [this, series, si](const QPointF& p, bool state) {
                const int i = nearestPoint(series, p);
                if (!state || i < 0) {
                    QToolTip::hideText();
                    return;
                }
                const auto& ser = d->sweep.series[si];
                const auto k = static_cast<size_t>(i);
                const std::optional<VariantIndex> v = ser.variant[k];
                QToolTip::showText(QCursor::pos(),
                    tr("<b>%1</b><br>%2 = %3<br>mean %4 %5 over %6 sample(s)<br>%7")
                        .arg(toQString(ser.name).toHtmlEscaped(), toQString(d->sweep.xParam), displayValue(ser.x[k]),
                            displayValue(ser.y[k]), toQString(d->sweep.unit))
                        .arg(ser.n[k])
                        .arg(v ? hub()->variantId(static_cast<int>(v->value)).toHtmlEscaped()
                               : tr("several variants averaged")));
            });
            connect(series, &QXYSeries::clicked, this, [this, series, si](const QPointF& p) {
                const int i = nearestPoint(series, p);
                if (i < 0)
                    return;
                if (const auto v = d->sweep.series[si].variant[static_cast<size_t>(i)])
                    hub()->selectVariant(static_cast<int>(v->value));
            });
        }
        chart->legend()->setAlignment(Qt::AlignRight);
    } else {
        chart->legend()->hide();
    }
    view()->replaceChart(chart);
    note()->setText(spec.points == 0
            ? tr("Pick a model whose variants differ in a numeric parameter (num_ctx, num_gpu, temperature, ...).")
            : tr("Each point is the mean of the samples at that setting; settings of other parameters are averaged."));
}

} // namespace benchlens
