#include "ui/charts/compare_charts_widget.h"

#include "models/charts/compare_charts.h"
#include "models/data/dataset.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/two_sample_tests.h"
#include "ui/charts/chart_axes.h"
#include "ui/charts/chart_tab.h"
#include "ui/charts/chart_view.h"
#include "ui/severity_colors.h"

#include <QComboBox>
#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QPen>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QBoxSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <set>

namespace benchlens {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// A line series that is a drawing aid, not a legend entry.
QLineSeries* guideLine(QChart* chart, QPointF a, QPointF b, const QPen& pen, QAbstractAxis* x, QAbstractAxis* y)
{
    auto* line = new QLineSeries;
    line->replace(QList<QPointF> {a, b});
    line->setPen(pen);
    chart->addSeries(line);
    line->attachAxis(x);
    line->attachAxis(y);
    for (QLegendMarker* m : chart->legend()->markers(line))
        m->setVisible(false);
    return line;
}

QString verdictLabel(Verdict verdict)
{
    return q(std::string(verdictName(verdict)));
}

} // namespace

QChart* forestChart(const charts::ForestSpec& spec, bool dark)
{
    QChart* chart = newChart(dark,
        spec.points.empty() ? QObject::tr("Difference from the baseline: no metric to compare")
                            : QObject::tr("Difference from the baseline (% of the baseline mean; whiskers: 95% CI)"));
    if (spec.points.empty())
        return chart;
    const auto n = static_cast<double>(spec.points.size());
    auto* xAxis = new QValueAxis;
    const double lo = std::min(spec.minPct, -spec.thresholdPct);
    const double hi = std::max(spec.maxPct, spec.thresholdPct);
    const double pad = std::max(1.0, (hi - lo) * 0.06);
    setNiceRange(xAxis, lo - pad, hi + pad);
    xAxis->setTitleText(QObject::tr("candidate − baseline (%)"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    // First point at the top: point i sits at y = n - 1 - i. Category ends must be appended in increasing order.
    auto* yAxis = new QCategoryAxis;
    yAxis->setStartValue(-0.5);
    std::set<QString> seen;
    QStringList labels;
    for (const auto& p : spec.points) {
        QString label = q(p.label);
        for (int k = 2; seen.count(label); ++k)
            label = q(p.label) + QStringLiteral(" #") + QString::number(k);
        seen.insert(label);
        labels << label;
    }
    for (qsizetype i = labels.size() - 1; i >= 0; --i)
        yAxis->append(labels[i], n - 1 - static_cast<double>(i) + 0.5);
    yAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    yAxis->setRange(-0.5, n - 0.5);
    yAxis->setGridLineVisible(false);
    chart->addAxis(yAxis, Qt::AlignLeft);

    const QColor ink = dark ? QColor(230, 230, 230) : QColor(30, 30, 30);
    guideLine(chart, {0, -0.5}, {0, n - 0.5}, QPen(ink, 1.5), xAxis, yAxis);
    if (spec.thresholdPct > 0) {
        QPen dashed(dark ? QColor(140, 140, 140) : QColor(150, 150, 150), 1, Qt::DashLine);
        guideLine(chart, {-spec.thresholdPct, -0.5}, {-spec.thresholdPct, n - 0.5}, dashed, xAxis, yAxis);
        guideLine(chart, {spec.thresholdPct, -0.5}, {spec.thresholdPct, n - 0.5}, dashed, xAxis, yAxis);
    }
    for (size_t i = 0; i < spec.points.size(); ++i) {
        const auto& p = spec.points[i];
        if (!p.hasCi)
            continue;
        const double y = n - 1 - static_cast<double>(i);
        const QPen pen(verdictColor(p.verdict, dark), 2.5);
        guideLine(chart, {p.ciLowPct, y}, {p.ciHighPct, y}, pen, xAxis, yAxis);
        guideLine(chart, {p.ciLowPct, y - 0.15}, {p.ciLowPct, y + 0.15}, pen, xAxis, yAxis);
        guideLine(chart, {p.ciHighPct, y - 0.15}, {p.ciHighPct, y + 0.15}, pen, xAxis, yAxis);
    }
    // One point series per verdict: the legend explains the colours.
    for (const Verdict v : {Verdict::Better, Verdict::Worse, Verdict::Different, Verdict::NoSignificantDifference,
             Verdict::InsufficientData}) {
        QList<QPointF> points;
        for (size_t i = 0; i < spec.points.size(); ++i) {
            if (spec.points[i].verdict == v)
                points.append({spec.points[i].diffPct, n - 1 - static_cast<double>(i)});
        }
        if (points.isEmpty())
            continue;
        auto* series = new QScatterSeries;
        series->setName(verdictLabel(v));
        series->setMarkerSize(11);
        series->setColor(verdictColor(v, dark));
        series->setBorderColor(ink);
        series->replace(points);
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChart* distributionChart(const charts::DistributionSpec& spec, bool dark)
{
    size_t withValues = 0;
    for (const auto& b : spec.boxes)
        withValues += b.n > 0 ? 1 : 0;
    QChart* chart = newChart(dark,
        withValues == 0
            ? QObject::tr("Distributions: no samples of this metric")
            : QObject::tr("%1: baseline and candidate (box: quartiles, whiskers: 1.5 × IQR)").arg(q(spec.metric)));
    chart->legend()->hide();
    if (withValues == 0)
        return chart;
    auto* series = new QBoxPlotSeries;
    QStringList labels;
    double low = 0, high = 0;
    for (size_t i = 0; i < spec.boxes.size(); ++i) {
        const auto& b = spec.boxes[i];
        // Selectors are long: the table and the candidate list name them, in this order.
        QString label = i == 0       ? QObject::tr("baseline")
            : spec.boxes.size() == 2 ? QObject::tr("candidate")
                                     : QObject::tr("candidate %1").arg(i);
        label += QStringLiteral(" (n=%1)").arg(b.n);
        labels << label;
        series->append(new QBoxSet(b.lowWhisker, b.q1, b.median, b.q3, b.highWhisker, label));
        if (b.n > 0) {
            low = std::min(low, b.lowWhisker);
            high = std::max(high, b.highWhisker);
        }
    }
    chart->addSeries(series);
    const auto sets = series->boxSets();
    for (qsizetype i = 0; i < sets.size(); ++i)
        sets[i]->setBrush(i == 0 ? QColor(110, 150, 210) : QColor(235, 150, 60));
    auto* categories = new QBarCategoryAxis;
    categories->append(labels);
    categories->setTruncateLabels(false);
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    auto* values = new QValueAxis;
    setNiceRange(values, low, high * 1.05);
    values->setTitleText(axisTitle(spec.metric, spec.unit));
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
    return chart;
}

QChart* paretoChart(const charts::ParetoSpec& spec, bool dark)
{
    QChart* chart = newChart(dark,
        spec.points.empty()
            ? QObject::tr("Throughput vs TTFT: no compared model has variants with both")
            : QObject::tr("Throughput vs TTFT per variant of the compared models (means); line: Pareto front"));
    if (spec.points.empty())
        return chart;
    auto* xAxis = new QValueAxis;
    setNiceRange(xAxis, 0, spec.xMax * 1.05);
    xAxis->setTitleText(axisTitle(spec.xMetric, spec.xUnit));
    chart->addAxis(xAxis, Qt::AlignBottom);
    auto* yAxis = new QValueAxis;
    setNiceRange(yAxis, 0, spec.yMax * 1.05);
    yAxis->setTitleText(axisTitle(spec.yMetric, spec.yUnit));
    chart->addAxis(yAxis, Qt::AlignLeft);

    std::vector<const ParetoPoint*> front;
    for (const auto& p : spec.points) {
        if (p.point.onFront())
            front.push_back(&p.point);
    }
    std::sort(front.begin(), front.end(), [](const auto* a, const auto* b) { return a->ttftMs < b->ttftMs; });
    auto* frontLine = new QLineSeries;
    frontLine->setName(QObject::tr("Pareto front"));
    QList<QPointF> frontPoints;
    for (const auto* p : front)
        frontPoints.append({p->ttftMs, p->throughputTokS});
    frontLine->replace(frontPoints);
    frontLine->setPen(QPen(QColor(40, 160, 80), 2));
    chart->addSeries(frontLine);
    frontLine->attachAxis(xAxis);
    frontLine->attachAxis(yAxis);

    const auto scatter = [&](const QString& name, charts::MarkRole role, const QColor& color, double size) {
        QList<QPointF> points;
        for (const auto& p : spec.points) {
            if (p.role == role)
                points.append({p.point.ttftMs, p.point.throughputTokS});
        }
        if (points.isEmpty())
            return;
        auto* s = new QScatterSeries;
        s->setName(name);
        s->setMarkerSize(size);
        s->setColor(color);
        s->replace(points);
        chart->addSeries(s);
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    };
    scatter(QObject::tr("other variants"), charts::MarkRole::Other,
        dark ? QColor(160, 160, 160) : QColor(140, 140, 140), 8);
    scatter(QObject::tr("baseline"), charts::MarkRole::Baseline, QColor(110, 150, 210), 13);
    scatter(QObject::tr("candidates"), charts::MarkRole::Candidate, QColor(235, 150, 60), 13);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

// CompareCharts

struct CompareCharts::Private
{
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const DatasetComparison> comparison;
    charts::ForestSpec forest;
    charts::DistributionSpec distribution;
    charts::ParetoSpec pareto;
    ChartView* forestView = nullptr;
    ChartView* distributionView = nullptr;
    ChartView* paretoView = nullptr;
    QComboBox* metric = nullptr;
    QLabel* forestNote = nullptr;
    bool filling = false;
};

CompareCharts::CompareCharts(QWidget* parent)
    : QTabWidget(parent)
    , d(std::make_unique<Private>())
{
    setDocumentMode(true);
    d->forestView = new ChartView;
    d->distributionView = new ChartView;
    d->paretoView = new ChartView;
    for (ChartView* v : {d->forestView, d->distributionView, d->paretoView}) {
        v->replaceChart(new QChart);
        v->setMinimumHeight(160);
    }
    d->metric = new QComboBox;
    d->metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    d->forestNote = new QLabel;
    d->forestNote->setWordWrap(true);
    d->forestNote->hide();

    auto* differences = new QWidget;
    auto* row = new QHBoxLayout(differences);
    row->setContentsMargins(0, 0, 0, 0);
    auto* left = new QVBoxLayout;
    left->addWidget(d->forestView, 1);
    left->addWidget(d->forestNote);
    row->addLayout(left, 3);
    auto* right = new QVBoxLayout;
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Distribution of:")));
    controls->addWidget(d->metric);
    controls->addStretch(1);
    right->addLayout(controls);
    right->addWidget(d->distributionView, 1);
    row->addLayout(right, 2);
    addTab(differences, tr("Differences"));
    addTab(d->paretoView, tr("Throughput vs TTFT"));

    connect(d->metric, &QComboBox::currentIndexChanged, this, [this] {
        if (!d->filling)
            rebuildDistribution();
    });
}

CompareCharts::~CompareCharts() = default;

const charts::ForestSpec& CompareCharts::forestSpec() const
{
    return d->forest;
}
QChart* CompareCharts::forestChart() const
{
    return d->forestView->chart();
}
QChart* CompareCharts::distributionChart() const
{
    return d->distributionView->chart();
}
QChart* CompareCharts::paretoChart() const
{
    return d->paretoView->chart();
}

void CompareCharts::setComparison(
    std::shared_ptr<const Dataset> dataset, std::shared_ptr<const DatasetComparison> comparison)
{
    d->dataset = std::move(dataset);
    d->comparison = std::move(comparison);
    // The metric list: every metric compared for some candidate, in Dataset order; keep the chosen one.
    const QString keep = d->metric->currentText();
    d->filling = true;
    d->metric->clear();
    if (d->dataset && d->comparison) {
        std::set<uint32_t> metrics;
        for (const auto& cand : d->comparison->candidates) {
            for (const auto& m : cand.metrics)
                metrics.insert(m.metric);
        }
        for (const uint32_t m : metrics)
            d->metric->addItem(q(d->dataset->metrics[m].id), QVariant::fromValue(m));
    }
    int i = d->metric->findText(keep);
    if (i < 0)
        i = d->metric->findText(QStringLiteral("throughput_tok_s"));
    d->metric->setCurrentIndex(std::max(0, i));
    d->filling = false;
    rebuild();
}

bool CompareCharts::setDistributionMetric(const QString& metric)
{
    const int i = d->metric->findText(metric);
    if (i < 0)
        return false;
    d->metric->setCurrentIndex(i);
    return true;
}

void CompareCharts::rebuild()
{
    const bool dark = isDarkPalette();
    const bool ok = d->dataset && d->comparison;
    d->forest = ok ? charts::forestPlot(*d->dataset, *d->comparison) : charts::ForestSpec {};
    d->forestView->replaceChart(benchlens::forestChart(d->forest, dark));
    if (!d->forest.skipped.empty()) {
        QStringList skipped;
        for (const auto& s : d->forest.skipped)
            skipped << q(s);
        d->forestNote->setText(tr("Not in the plot (baseline mean 0, no relative difference): %1")
                                   .arg(skipped.join(QStringLiteral(", "))));
    }
    d->forestNote->setVisible(!d->forest.skipped.empty());
    d->pareto = ok ? charts::paretoScatter(*d->dataset, *d->comparison) : charts::ParetoSpec {};
    d->paretoView->replaceChart(benchlens::paretoChart(d->pareto, dark));
    rebuildDistribution();
}

void CompareCharts::rebuildDistribution()
{
    const std::optional<MetricIndex> metric = currentMetric(d->metric);
    d->distribution = d->dataset && d->comparison && metric ? charts::distributions(*d->dataset, *d->comparison, metric)
                                                            : charts::DistributionSpec {};
    d->distributionView->replaceChart(benchlens::distributionChart(d->distribution, isDarkPalette()));
}

void CompareCharts::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && d)
        rebuild();
    QTabWidget::changeEvent(event);
}

} // namespace benchlens
