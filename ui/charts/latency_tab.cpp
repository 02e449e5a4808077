#include "ui/charts/latency_tab.h"

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
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QBoxSet>
#include <QtCharts/QChart>

#include <algorithm>
#include <cmath>

namespace benchlens {

struct LatencyTab::Private
{
    QComboBox* metric = nullptr;
    ChartView* percentileView = nullptr;
    charts::BoxChartSpec boxes;
    charts::PercentileChartSpec percentiles;
};

LatencyTab::LatencyTab(SelectionHub* hub, QWidget* parent)
    : ChartTab(tr("Latency"), hub, parent)
    , d(std::make_unique<Private>())
{
    d->metric = addCombo(tr("Metric:"));
    d->percentileView = newChartView();
    setPageLayout({d->percentileView});
}

LatencyTab::~LatencyTab() = default;

QChart* LatencyTab::percentileChart() const
{
    return d->percentileView->chart();
}

void LatencyTab::folderChanged()
{
    setFilling(true);
    if (const Dataset* ds = dataset()) {
        auto latencies = charts::metricsOfKind(*ds, MetricKind::Latency, "ttft_ms");
        // Percentile-only metrics (reported p95 of latency_ms) are offered too.
        for (const MetricIndex m : charts::metricsWithPercentiles(*ds)) {
            if (std::find(latencies.begin(), latencies.end(), m) == latencies.end())
                latencies.push_back(m);
        }
        fillMetricCombo(d->metric, *ds, latencies, d->metric->currentText());
    } else {
        d->metric->clear();
    }
    setFilling(false);
    markStale();
}

void LatencyTab::rebuild()
{
    const std::optional<MetricIndex> metric = currentMetric(d->metric);
    const std::vector<char> include = includeMask();
    rebuildBoxes(metric, include);
    rebuildPercentiles(metric, include);
    const auto& spec = d->boxes;
    const auto& pct = d->percentiles;
    QStringList notes;
    size_t outliers = 0;
    for (const auto& b : spec.boxes)
        outliers += b.outliers.size();
    if (outliers)
        notes << tr("%1 observation(s) beyond 1.5 × IQR are not drawn (largest %2 %3; cold starts show up here); "
                    "hover a box for its min and max.")
                     .arg(outliers)
                     .arg(displayValue(spec.maxValue), toQString(spec.unit));
    if (spec.omitted)
        notes << tr("Box plots: the %1 lowest medians of %2 variants.")
                     .arg(spec.boxes.size())
                     .arg(spec.boxes.size() + spec.omitted);
    if (pct.omitted)
        notes << tr("Percentiles: %1 of %2 variants.").arg(pct.rows.size()).arg(pct.rows.size() + pct.omitted);
    note()->setText(notes.join(QLatin1Char(' ')));
    note()->setVisible(!notes.isEmpty());
}

void LatencyTab::rebuildBoxes(std::optional<MetricIndex> metric, const std::vector<char>& include)
{
    const Dataset* ds = dataset();
    const auto* analysis = hub()->folder().analysis.get();
    d->boxes = ds && analysis ? charts::boxes(*ds, *analysis, metric, include) : charts::BoxChartSpec {};
    const auto& spec = d->boxes;
    QChart* chart = newChart(dark(),
        spec.boxes.empty() ? tr("Latency per variant: no samples of this metric")
                           : tr("%1 per variant (box: quartiles, whiskers: 1.5 × IQR)").arg(toQString(spec.metric)));
    chart->legend()->hide();
    if (!spec.boxes.empty()) {
        auto* series = new QBoxPlotSeries;
        std::vector<std::string> ids;
        for (const auto& b : spec.boxes)
            ids.push_back(b.label);
        const QStringList labels = categoryLabels(ids, 40, true);
        for (size_t i = 0; i < spec.boxes.size(); ++i) {
            const auto& b = spec.boxes[i];
            auto* set
                = new QBoxSet(b.lowWhisker, b.q1, b.median, b.q3, b.highWhisker, labels[static_cast<qsizetype>(i)]);
            series->append(set);
        }
        chart->addSeries(series);
        // The theme colours the sets when the series is added; the selected variant stands out afterwards.
        for (size_t i = 0; i < spec.boxes.size(); ++i) {
            if (const auto v = spec.boxes[i].variant; v && static_cast<int>(v->value) == hub()->variant())
                series->boxSets()[static_cast<qsizetype>(i)]->setBrush(QColor(230, 120, 20));
        }
        addCategoryAndValueAxes(chart, series, labels, Qt::AlignBottom, spec.boxes.size() > 6 ? -90 : 0,
            spec.boxes.size() > 15 ? -2 : -1, spec.maxWhisker, axisTitle(spec.metric, spec.unit));
        connect(series, &QBoxPlotSeries::hovered, this, [this, series](bool status, QBoxSet* set) {
            const auto i = series->boxSets().indexOf(set);
            if (!status || i < 0 || static_cast<size_t>(i) >= d->boxes.boxes.size()) {
                QToolTip::hideText();
                return;
            }
            const auto& b = d->boxes.boxes[static_cast<size_t>(i)];
            const QString u = toQString(d->boxes.unit);
            QToolTip::showText(QCursor::pos(),
                tr("<b>%1</b><br>n = %2<br>median %3 %8<br>quartiles %4 – %5 %8<br>min %6, max %7 %8<br>%9 outlier(s) "
                   "beyond the whiskers")
                    .arg(toQString(b.label).toHtmlEscaped())
                    .arg(b.n)
                    .arg(displayValue(b.median), displayValue(b.q1), displayValue(b.q3), displayValue(b.min),
                        displayValue(b.max), u)
                    .arg(b.outliers.size()));
        });
        connect(series, &QBoxPlotSeries::clicked, this, [this, series](QBoxSet* set) {
            const auto i = series->boxSets().indexOf(set);
            if (i < 0 || static_cast<size_t>(i) >= d->boxes.boxes.size())
                return;
            if (const auto v = d->boxes.boxes[static_cast<size_t>(i)].variant)
                hub()->selectVariant(static_cast<int>(v->value));
        });
    }
    view()->replaceChart(chart);
}

void LatencyTab::rebuildPercentiles(std::optional<MetricIndex> metric, const std::vector<char>& include)
{
    const Dataset* ds = dataset();
    // Percentiles of the chosen metric when files report them, else of the first metric they are reported for.
    std::optional<MetricIndex> pctMetric = metric;
    if (ds) {
        const auto withPercentiles = charts::metricsWithPercentiles(*ds);
        if (!withPercentiles.empty()
            && (!metric || std::find(withPercentiles.begin(), withPercentiles.end(), *metric) == withPercentiles.end()))
            pctMetric = withPercentiles.front();
    }
    d->percentiles = ds ? charts::reportedPercentiles(*ds, pctMetric, include) : charts::PercentileChartSpec {};
    const auto& pct = d->percentiles;
    QChart* chart = newChart(dark(),
        pct.rows.empty() ? tr("No file reports p50/p95/p99 of %1").arg(toQString(pct.metric))
                         : tr("p50 / p95 / p99 of %1 as the files report them").arg(toQString(pct.metric)));
    if (!pct.rows.empty()) {
        auto* series = new QBarSeries;
        const char* names[3] = {"p50", "p95", "p99"};
        std::vector<std::string> ids;
        for (const auto& r : pct.rows)
            ids.push_back(r.label);
        for (int k = 0; k < 3; ++k) {
            auto* set = new QBarSet(QString::fromLatin1(names[k]));
            for (const auto& r : pct.rows) {
                const double v = k == 0 ? r.p50 : k == 1 ? r.p95 : r.p99;
                *set << (std::isnan(v) ? 0.0 : v); // missing: no bar (the tooltip says so)
            }
            series->append(set);
        }
        chart->addSeries(series);
        // Few groups sit side by side with room for their whole names; many are labelled vertically.
        const bool many = pct.rows.size() > 6;
        addCategoryAndValueAxes(chart, series, categoryLabels(ids, many ? 40 : 72, true), Qt::AlignBottom,
            many ? -90 : 0, -1, pct.maxValue, axisTitle(pct.metric, pct.unit));
        connect(series, &QAbstractBarSeries::hovered, this, [this](bool status, int index, QBarSet* set) {
            if (!status || index < 0 || static_cast<size_t>(index) >= d->percentiles.rows.size()) {
                QToolTip::hideText();
                return;
            }
            const auto& r = d->percentiles.rows[static_cast<size_t>(index)];
            const double v = set->label() == QLatin1String("p50") ? r.p50
                : set->label() == QLatin1String("p95")            ? r.p95
                                                                  : r.p99;
            QToolTip::showText(QCursor::pos(),
                tr("<b>%1</b><br>%2: %3<br>source: %4")
                    .arg(toQString(r.label).toHtmlEscaped(), set->label(),
                        std::isnan(v) ? tr("not reported")
                                      : displayValue(v) + QLatin1Char(' ') + toQString(d->percentiles.unit),
                        toQString(r.source).toHtmlEscaped()));
        });
        connect(series, &QAbstractBarSeries::clicked, this, [this](int index, QBarSet*) {
            if (index >= 0 && static_cast<size_t>(index) < d->percentiles.rows.size())
                hub()->selectVariant(static_cast<int>(d->percentiles.rows[static_cast<size_t>(index)].variant));
        });
    } else {
        chart->legend()->hide();
    }
    d->percentileView->replaceChart(chart);
    d->percentileView->setVisible(!pct.rows.empty());
}

} // namespace benchlens
