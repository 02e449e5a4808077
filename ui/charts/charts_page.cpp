#include "ui/charts/charts_page.h"

#include "models/charts/chart_spec.h"
#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/itemmodels/sample_filter_proxy.h"
#include "models/itemmodels/samples_model.h"
#include "ui/charts/chart_axes.h"
#include "ui/charts/chart_view.h"
#include "ui/selection_hub.h"

#include <QComboBox>
#include <QCursor>
#include <QEvent>
#include <QGraphicsItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QTabWidget>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QBoxSet>
#include <QtCharts/QChart>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <cmath>
#include <set>

namespace benchlens {

namespace {

// Qt Charts draws each scatter point as its own graphics item: beyond a few thousand the window stalls.
constexpr size_t kMaxScatterPoints = 4000;

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

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

// Category labels must be unique and short enough to read. A variant id is "model key=value ...": the
// configuration is what tells variants apart, so the model name is shortened first, then the whole label.
// `abbreviate` shortens the common configuration keys for the tight, rotated labels under box plots.
QStringList categoryLabels(const std::vector<std::string>& ids, int maxChars = 72, bool abbreviate = false)
{
    QStringList out;
    std::set<QString> seen;
    for (const auto& id : ids) {
        QString s = q(id);
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

QLabel* noteLabel()
{
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
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

} // namespace

struct ChartsPage::Private
{
    SelectionHub* hub = nullptr;
    SampleFilterProxy* filter = nullptr;
    QTabWidget* tabs = nullptr;
    QTimer rebuildTimer;

    QComboBox* throughputMetric = nullptr;
    QComboBox* errorKind = nullptr;
    ChartView* throughputView = nullptr;
    QLabel* throughputNote = nullptr;

    QComboBox* latencyMetric = nullptr;
    ChartView* boxView = nullptr;
    ChartView* percentileView = nullptr;
    QLabel* latencyNote = nullptr;

    QComboBox* scatterX = nullptr;
    QComboBox* scatterY = nullptr;
    ChartView* scatterView = nullptr;
    QLabel* scatterNote = nullptr;

    QComboBox* sweepModel = nullptr;
    QComboBox* sweepMetric = nullptr;
    QComboBox* sweepX = nullptr;
    QComboBox* sweepSeries = nullptr;
    ChartView* sweepView = nullptr;
    QLabel* sweepNote = nullptr;

    charts::BarChartSpec bars;
    charts::BoxChartSpec boxes;
    charts::PercentileChartSpec percentiles;
    charts::ScatterSpec scatter;
    charts::SweepSpec sweep;

    bool filling = false; // combos being refilled: no rebuild per item
    bool dark = false;
};

ChartsPage::ChartsPage(SelectionHub* hub, SampleFilterProxy* filter, QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->hub = hub;
    d->filter = filter;
    d->rebuildTimer.setSingleShot(true);
    d->rebuildTimer.setInterval(0);
    connect(&d->rebuildTimer, &QTimer::timeout, this, &ChartsPage::rebuildNow);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    d->tabs = new QTabWidget;
    d->tabs->setDocumentMode(true);
    layout->addWidget(d->tabs);

    const auto combo = [this]() {
        auto* c = new QComboBox;
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!d->filling)
                scheduleRebuild();
        });
        return c;
    };
    const auto page
        = [this](const QString& title, QHBoxLayout* controls, const std::vector<QWidget*>& charts, QLabel* note) {
              auto* w = new QWidget;
              auto* v = new QVBoxLayout(w);
              controls->addStretch(1);
              v->addLayout(controls);
              // The first chart of a page is the main one: it gets the larger share of the height.
              for (size_t i = 0; i < charts.size(); ++i)
                  v->addWidget(charts[i], i == 0 ? 3 : 2);
              v->addWidget(note);
              d->tabs->addTab(w, title);
          };

    // Throughput
    {
        d->throughputMetric = combo();
        d->errorKind = combo();
        d->errorKind->addItem(tr("± standard deviation"));
        d->errorKind->addItem(tr("95% confidence interval of the mean"));
        auto* controls = new QHBoxLayout;
        controls->addWidget(new QLabel(tr("Metric:")));
        controls->addWidget(d->throughputMetric);
        controls->addWidget(new QLabel(tr("Error bars:")));
        controls->addWidget(d->errorKind);
        d->throughputView = new ChartView;
        d->throughputNote = noteLabel();
        page(tr("Throughput"), controls, {d->throughputView}, d->throughputNote);
    }
    // Latency
    {
        d->latencyMetric = combo();
        auto* controls = new QHBoxLayout;
        controls->addWidget(new QLabel(tr("Metric:")));
        controls->addWidget(d->latencyMetric);
        d->boxView = new ChartView;
        d->percentileView = new ChartView;
        d->latencyNote = noteLabel();
        page(tr("Latency"), controls, {d->boxView, d->percentileView}, d->latencyNote);
    }
    // Scatter
    {
        d->scatterX = combo();
        d->scatterY = combo();
        auto* controls = new QHBoxLayout;
        controls->addWidget(new QLabel(tr("x:")));
        controls->addWidget(d->scatterX);
        controls->addWidget(new QLabel(tr("y:")));
        controls->addWidget(d->scatterY);
        d->scatterView = new ChartView;
        d->scatterNote = noteLabel();
        page(tr("TTFT vs throughput"), controls, {d->scatterView}, d->scatterNote);
    }
    // Sweep
    {
        d->sweepModel = combo();
        d->sweepMetric = combo();
        d->sweepX = combo();
        d->sweepSeries = combo();
        connect(d->sweepModel, &QComboBox::currentIndexChanged, this, [this] {
            if (!d->filling)
                fillSweepParams();
        });
        auto* controls = new QHBoxLayout;
        controls->addWidget(new QLabel(tr("Model:")));
        controls->addWidget(d->sweepModel);
        controls->addWidget(new QLabel(tr("Metric:")));
        controls->addWidget(d->sweepMetric);
        controls->addWidget(new QLabel(tr("against:")));
        controls->addWidget(d->sweepX);
        controls->addWidget(new QLabel(tr("one line per:")));
        controls->addWidget(d->sweepSeries);
        d->sweepView = new ChartView;
        d->sweepNote = noteLabel();
        page(tr("Parameter sweep"), controls, {d->sweepView}, d->sweepNote);
    }

    for (ChartView* v : {d->throughputView, d->boxView, d->percentileView, d->scatterView, d->sweepView}) {
        v->replaceChart(new QChart);
        v->setMinimumHeight(160);
    }

    connect(hub, &SelectionHub::folderChanged, this, &ChartsPage::onFolderChanged);
    connect(hub, &SelectionHub::variantChanged, this, &ChartsPage::scheduleRebuild);
    connect(hub, &SelectionHub::sampleChanged, this, &ChartsPage::scheduleRebuild);
    connect(filter, &SampleFilterProxy::filtersChanged, this, &ChartsPage::scheduleRebuild);
}

ChartsPage::~ChartsPage() = default;

void ChartsPage::setCurrentTab(int tab)
{
    d->tabs->setCurrentIndex(tab);
}

int ChartsPage::currentTab() const
{
    return d->tabs->currentIndex();
}

QChart* ChartsPage::throughputChart() const
{
    return d->throughputView->chart();
}
QChart* ChartsPage::latencyChart() const
{
    return d->boxView->chart();
}
QChart* ChartsPage::percentileChart() const
{
    return d->percentileView->chart();
}
QChart* ChartsPage::scatterChart() const
{
    return d->scatterView->chart();
}
QChart* ChartsPage::sweepChart() const
{
    return d->sweepView->chart();
}
ChartView* ChartsPage::throughputView() const
{
    return d->throughputView;
}

void ChartsPage::scheduleRebuild()
{
    d->rebuildTimer.start();
}

void ChartsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        scheduleRebuild();
    QWidget::changeEvent(event);
}

namespace {

void fillMetricCombo(QComboBox* combo, const Dataset& ds, const std::vector<int>& metrics, const QString& keep)
{
    combo->clear();
    for (const int m : metrics)
        combo->addItem(QString::fromStdString(ds.metrics[static_cast<size_t>(m)].id), m);
    const int i = combo->findText(keep);
    combo->setCurrentIndex(i >= 0 ? i : 0);
}

} // namespace

void ChartsPage::onFolderChanged()
{
    const Dataset* ds = d->hub->dataset();
    d->filling = true;
    if (ds) {
        const int throughput = static_cast<int>(MetricKind::Throughput);
        const int latency = static_cast<int>(MetricKind::Latency);
        fillMetricCombo(d->throughputMetric, *ds, charts::metricsOfKind(*ds, throughput, "throughput_tok_s"),
            d->throughputMetric->currentText());
        auto latencies = charts::metricsOfKind(*ds, latency, "ttft_ms");
        // Percentile-only metrics (reported p95 of latency_ms) are offered too.
        for (const int m : charts::metricsWithPercentiles(*ds)) {
            if (std::find(latencies.begin(), latencies.end(), m) == latencies.end())
                latencies.push_back(m);
        }
        fillMetricCombo(d->latencyMetric, *ds, latencies, d->latencyMetric->currentText());
        fillMetricCombo(d->scatterX, *ds, charts::metricsOfKind(*ds, latency, "ttft_ms"), d->scatterX->currentText());
        fillMetricCombo(
            d->scatterY, *ds, charts::metricsOfKind(*ds, throughput, "throughput_tok_s"), d->scatterY->currentText());
        auto all = charts::metricsOfKind(*ds, throughput, "throughput_tok_s");
        for (const int m : charts::metricsOfKind(*ds, latency, "ttft_ms"))
            all.push_back(m);
        fillMetricCombo(d->sweepMetric, *ds, all, d->sweepMetric->currentText());

        const QString keepModel = d->sweepModel->currentText();
        d->sweepModel->clear();
        const int metric = d->sweepMetric->currentData().isValid() ? d->sweepMetric->currentData().toInt() : -1;
        // Models with a swept parameter first: they make a chart.
        std::vector<std::string> models = charts::modelsWithSamples(*ds, metric);
        std::stable_partition(models.begin(), models.end(),
            [&](const std::string& m) { return !charts::sweepParameters(*ds, m).empty(); });
        for (const auto& m : models)
            d->sweepModel->addItem(QString::fromStdString(m));
        const int i = d->sweepModel->findText(keepModel);
        d->sweepModel->setCurrentIndex(i >= 0 ? i : 0);
    } else {
        for (QComboBox* c : {d->throughputMetric, d->latencyMetric, d->scatterX, d->scatterY, d->sweepModel,
                 d->sweepMetric, d->sweepX, d->sweepSeries})
            c->clear();
    }
    d->filling = false;
    fillSweepParams();
    rebuildNow();
}

void ChartsPage::fillSweepParams()
{
    const Dataset* ds = d->hub->dataset();
    const bool wasFilling = d->filling;
    d->filling = true;
    const QString keepX = d->sweepX->currentText();
    const QString keepSeries = d->sweepSeries->currentText();
    d->sweepX->clear();
    d->sweepSeries->clear();
    if (ds) {
        const auto params = charts::sweepParameters(*ds, d->sweepModel->currentText().toStdString());
        for (const auto& p : params)
            d->sweepX->addItem(QString::fromStdString(p));
        d->sweepSeries->addItem(tr("(none)"), QString());
        for (const auto& p : params)
            d->sweepSeries->addItem(QString::fromStdString(p), QString::fromStdString(p));
        // Defaults: tokens/s against num_ctx, one line per num_gpu, where they exist.
        int x = d->sweepX->findText(keepX);
        if (x < 0)
            x = d->sweepX->findText(QStringLiteral("num_ctx"));
        d->sweepX->setCurrentIndex(std::max(0, x));
        int s = d->sweepSeries->findText(keepSeries);
        if (s < 0 || d->sweepSeries->itemText(s) == d->sweepX->currentText()) {
            s = d->sweepSeries->findText(QStringLiteral("num_gpu"));
            if (s < 0 || d->sweepSeries->itemText(s) == d->sweepX->currentText()) {
                s = 0;
                for (int k = 1; k < d->sweepSeries->count(); ++k) {
                    if (d->sweepSeries->itemText(k) != d->sweepX->currentText()) {
                        s = k;
                        break;
                    }
                }
            }
        }
        d->sweepSeries->setCurrentIndex(s);
    }
    d->filling = wasFilling;
    if (!wasFilling)
        scheduleRebuild();
}

bool ChartsPage::setSweep(
    const QString& model, const QString& metric, const QString& xParam, const QString& seriesParam)
{
    const int m = d->sweepModel->findText(model);
    if (m < 0)
        return false;
    d->sweepModel->setCurrentIndex(m);
    fillSweepParams();
    const int mt = d->sweepMetric->findText(metric);
    const int x = d->sweepX->findText(xParam);
    const int s = seriesParam.isEmpty() ? 0 : d->sweepSeries->findText(seriesParam);
    if (mt < 0 || x < 0 || s < 0)
        return false;
    d->filling = true;
    d->sweepMetric->setCurrentIndex(mt);
    d->sweepX->setCurrentIndex(x);
    d->sweepSeries->setCurrentIndex(s);
    d->filling = false;
    rebuildNow();
    return true;
}

std::vector<char> ChartsPage::includeMask() const
{
    const Dataset* ds = d->hub->dataset();
    std::vector<char> mask;
    if (!ds)
        return mask;
    mask.resize(ds->variants.size());
    for (size_t v = 0; v < mask.size(); ++v)
        mask[v] = d->filter->acceptsVariant(static_cast<int>(v));
    return mask;
}

namespace {

void setLabelFont(QAbstractAxis* axis, int pointSizeDelta)
{
    QFont f = axis->labelsFont();
    f.setPointSizeF(std::max(6.0, f.pointSizeF() + pointSizeDelta));
    axis->setLabelsFont(f);
}

} // namespace

void ChartsPage::rebuildNow()
{
    d->rebuildTimer.stop();
    d->dark = palette().color(QPalette::Window).lightness() < 128;
    const std::vector<char> include = includeMask();
    buildThroughput(include);
    buildLatency(include);
    buildScatter(include);
    buildSweep(include);
}

void ChartsPage::buildThroughput(const std::vector<char>& include)
{
    const Dataset* ds = d->hub->dataset();
    const auto* analysis = d->hub->folder().analysis.get();
    const int metric = d->throughputMetric->currentData().isValid() ? d->throughputMetric->currentData().toInt() : -1;
    const auto kind = d->errorKind->currentIndex() == 1 ? charts::ErrorKind::Ci95 : charts::ErrorKind::StdDev;
    d->bars = ds && analysis ? charts::meanBars(*ds, *analysis, metric, kind, include) : charts::BarChartSpec {};
    const auto& spec = d->bars;
    QChart* chart = newChart(d->dark,
        spec.metric.empty()
            ? tr("Throughput per variant: no throughput samples")
            : tr("Mean %1 per variant, %2")
                  .arg(q(spec.metric), kind == charts::ErrorKind::Ci95 ? tr("95% CI") : tr("± std dev")));
    chart->legend()->hide();
    if (!spec.bars.empty()) {
        // Horizontal bars: long variant names read on the left; the best variant on top.
        auto* series = new QHorizontalBarSeries;
        auto* set = new QBarSet(q(spec.metric));
        set->setSelectedColor(QColor(230, 120, 20));
        std::vector<std::string> ids;
        std::vector<std::pair<double, double>> errors;
        const size_t n = spec.bars.size();
        for (size_t i = 0; i < n; ++i) {
            const auto& b = spec.bars[n - 1 - i];
            *set << b.value;
            ids.push_back(b.label);
            errors.emplace_back(b.low, b.high);
            if (static_cast<int>(b.variant) == d->hub->variant())
                set->selectBar(static_cast<int>(i));
        }
        series->append(set);
        series->setBarWidth(0.7);
        chart->addSeries(series);
        auto* categories = new QBarCategoryAxis;
        categories->append(categoryLabels(ids));
        categories->setTruncateLabels(false);
        setLabelFont(categories, n > 20 ? -2 : -1);
        chart->addAxis(categories, Qt::AlignLeft);
        series->attachAxis(categories);
        auto* values = new QValueAxis;
        setNiceRange(values, 0, spec.maxValue);
        values->setTitleText(axisTitle(spec.metric, spec.unit));
        chart->addAxis(values, Qt::AlignBottom);
        series->attachAxis(values);
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
                    .arg(q(b.label).toHtmlEscaped(), displayValue(b.value), q(d->bars.unit))
                    .arg(b.n)
                    .arg(displayValue(b.low), displayValue(b.high),
                        b.failed ? tr("<br>%1 failed observations not counted").arg(b.failed) : QString()));
        });
        connect(series, &QAbstractBarSeries::clicked, this, [this, n](int index, QBarSet*) {
            if (index >= 0 && static_cast<size_t>(index) < n)
                d->hub->selectVariant(static_cast<int>(d->bars.bars[n - 1 - static_cast<size_t>(index)].variant));
        });
    }
    d->throughputView->replaceChart(chart);
    QStringList notes;
    if (spec.omitted)
        notes << tr("Showing the best %1 of %2 variants; filter by model or configuration to see the others.")
                     .arg(spec.bars.size())
                     .arg(spec.bars.size() + spec.omitted);
    if (!spec.allFailed.empty()) {
        QStringList failed;
        for (const auto& f : spec.allFailed)
            failed << QStringLiteral("%1 (%2 failed)").arg(q(f.label)).arg(f.failed);
        notes << tr("Every observation failed, no throughput to plot: %1").arg(failed.join(QStringLiteral("; ")));
    }
    d->throughputNote->setText(notes.join(QLatin1Char('\n')));
    d->throughputNote->setVisible(!notes.isEmpty());
}

void ChartsPage::buildLatency(const std::vector<char>& include)
{
    const Dataset* ds = d->hub->dataset();
    const auto* analysis = d->hub->folder().analysis.get();
    const int metric = d->latencyMetric->currentData().isValid() ? d->latencyMetric->currentData().toInt() : -1;
    d->boxes = ds && analysis ? charts::boxes(*ds, *analysis, metric, include) : charts::BoxChartSpec {};
    const auto& spec = d->boxes;
    QChart* chart = newChart(d->dark,
        spec.boxes.empty() ? tr("Latency per variant: no samples of this metric")
                           : tr("%1 per variant (box: quartiles, whiskers: 1.5 × IQR)").arg(q(spec.metric)));
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
            if (static_cast<int>(spec.boxes[i].variant) == d->hub->variant())
                series->boxSets()[static_cast<qsizetype>(i)]->setBrush(QColor(230, 120, 20));
        }
        auto* categories = new QBarCategoryAxis;
        categories->append(labels);
        categories->setLabelsAngle(spec.boxes.size() > 6 ? -90 : 0);
        categories->setTruncateLabels(false);
        setLabelFont(categories, spec.boxes.size() > 15 ? -2 : -1);
        chart->addAxis(categories, Qt::AlignBottom);
        series->attachAxis(categories);
        auto* values = new QValueAxis;
        setNiceRange(values, 0, spec.maxWhisker);
        values->setTitleText(axisTitle(spec.metric, spec.unit));
        chart->addAxis(values, Qt::AlignLeft);
        series->attachAxis(values);
        connect(series, &QBoxPlotSeries::hovered, this, [this, series](bool status, QBoxSet* set) {
            const auto i = series->boxSets().indexOf(set);
            if (!status || i < 0 || static_cast<size_t>(i) >= d->boxes.boxes.size()) {
                QToolTip::hideText();
                return;
            }
            const auto& b = d->boxes.boxes[static_cast<size_t>(i)];
            const QString u = q(d->boxes.unit);
            QToolTip::showText(QCursor::pos(),
                tr("<b>%1</b><br>n = %2<br>median %3 %8<br>quartiles %4 – %5 %8<br>min %6, max %7 %8<br>%9 outlier(s) "
                   "beyond the whiskers")
                    .arg(q(b.label).toHtmlEscaped())
                    .arg(b.n)
                    .arg(displayValue(b.median), displayValue(b.q1), displayValue(b.q3), displayValue(b.min),
                        displayValue(b.max), u)
                    .arg(b.outliers.size()));
        });
        connect(series, &QBoxPlotSeries::clicked, this, [this, series](QBoxSet* set) {
            const auto i = series->boxSets().indexOf(set);
            if (i >= 0 && static_cast<size_t>(i) < d->boxes.boxes.size())
                d->hub->selectVariant(static_cast<int>(d->boxes.boxes[static_cast<size_t>(i)].variant));
        });
    }
    d->boxView->replaceChart(chart);

    // Percentiles of the chosen metric when files report them, else of the first metric they are reported for.
    int pctMetric = metric;
    if (ds) {
        const auto withPercentiles = charts::metricsWithPercentiles(*ds);
        if (!withPercentiles.empty()
            && std::find(withPercentiles.begin(), withPercentiles.end(), metric) == withPercentiles.end())
            pctMetric = withPercentiles.front();
    }
    d->percentiles = ds ? charts::reportedPercentiles(*ds, pctMetric, include) : charts::PercentileChartSpec {};
    const auto& pct = d->percentiles;
    QChart* pchart = newChart(d->dark,
        pct.rows.empty() ? tr("No file reports p50/p95/p99 of %1").arg(q(pct.metric))
                         : tr("p50 / p95 / p99 of %1 as the files report them").arg(q(pct.metric)));
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
        chart = pchart;
        chart->addSeries(series);
        auto* categories = new QBarCategoryAxis;
        // Few groups sit side by side with room for their whole names; many are labelled vertically.
        categories->append(pct.rows.size() > 6 ? categoryLabels(ids, 40, true) : categoryLabels(ids, 72, true));
        categories->setLabelsAngle(pct.rows.size() > 6 ? -90 : 0);
        categories->setTruncateLabels(false);
        setLabelFont(categories, -1);
        chart->addAxis(categories, Qt::AlignBottom);
        series->attachAxis(categories);
        auto* values = new QValueAxis;
        setNiceRange(values, 0, pct.maxValue);
        values->setTitleText(axisTitle(pct.metric, pct.unit));
        chart->addAxis(values, Qt::AlignLeft);
        series->attachAxis(values);
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
                    .arg(q(r.label).toHtmlEscaped(), set->label(),
                        std::isnan(v) ? tr("not reported")
                                      : displayValue(v) + QLatin1Char(' ') + q(d->percentiles.unit),
                        q(r.source).toHtmlEscaped()));
        });
        connect(series, &QAbstractBarSeries::clicked, this, [this](int index, QBarSet*) {
            if (index >= 0 && static_cast<size_t>(index) < d->percentiles.rows.size())
                d->hub->selectVariant(static_cast<int>(d->percentiles.rows[static_cast<size_t>(index)].variant));
        });
    } else {
        pchart->legend()->hide();
    }
    d->percentileView->replaceChart(pchart);
    d->percentileView->setVisible(!pct.rows.empty());
    QStringList notes;
    size_t outliers = 0;
    for (const auto& b : spec.boxes)
        outliers += b.outliers.size();
    if (outliers)
        notes << tr("%1 observation(s) beyond 1.5 × IQR are not drawn (largest %2 %3; cold starts show up here); "
                    "hover a box for its min and max.")
                     .arg(outliers)
                     .arg(displayValue(spec.maxValue), q(spec.unit));
    if (spec.omitted)
        notes << tr("Box plots: the %1 lowest medians of %2 variants.")
                     .arg(spec.boxes.size())
                     .arg(spec.boxes.size() + spec.omitted);
    if (pct.omitted)
        notes << tr("Percentiles: %1 of %2 variants.").arg(pct.rows.size()).arg(pct.rows.size() + pct.omitted);
    d->latencyNote->setText(notes.join(QLatin1Char(' ')));
    d->latencyNote->setVisible(!notes.isEmpty());
}

void ChartsPage::buildScatter(const std::vector<char>& include)
{
    const Dataset* ds = d->hub->dataset();
    const int x = d->scatterX->currentData().isValid() ? d->scatterX->currentData().toInt() : -1;
    const int y = d->scatterY->currentData().isValid() ? d->scatterY->currentData().toInt() : -1;
    d->scatter = ds ? charts::scatter(*ds, x, y, include, kMaxScatterPoints) : charts::ScatterSpec {};
    const auto& spec = d->scatter;
    QChart* chart = newChart(d->dark,
        spec.points == 0 ? tr("No observation has both metrics")
                         : tr("%1 vs %2, one point per observation").arg(q(spec.yMetric), q(spec.xMetric)));
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
            series->setName(q(s.name));
            series->setMarkerSize(spec.shown > 1000 ? 6 : 9);
            series->setBorderColor(Qt::transparent);
            QList<QPointF> points;
            points.reserve(static_cast<qsizetype>(s.x.size()));
            for (size_t i = 0; i < s.x.size(); ++i) {
                points.append(QPointF(s.x[i], s.y[i]));
                if (static_cast<int>(s.sample[i]) == d->hub->sample()
                    || static_cast<int>(s.xSample[i]) == d->hub->sample())
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
                const Dataset* dset = d->hub->dataset();
                if (!dset)
                    return;
                const uint32_t sample = ser.sample[static_cast<size_t>(i)];
                const uint32_t file = dset->samples.file[sample];
                QToolTip::showText(QCursor::pos(),
                    tr("<b>%1</b><br>%2 = %3 %4<br>%5 = %6 %7<br>%8 (%9)")
                        .arg(q(dset->variants[dset->samples.variant[sample]].id).toHtmlEscaped(), q(d->scatter.xMetric),
                            displayValue(ser.x[static_cast<size_t>(i)]), q(d->scatter.xUnit), q(d->scatter.yMetric),
                            displayValue(ser.y[static_cast<size_t>(i)]), q(d->scatter.yUnit),
                            q(dset->files[file].path).toHtmlEscaped(),
                            q(dset->locatorText(file, dset->samples.locator[sample])).toHtmlEscaped()));
            });
            connect(series, &QXYSeries::clicked, this, [this, series, si](const QPointF& p) {
                const int i = nearestPoint(series, p);
                if (i >= 0)
                    d->hub->selectSample(static_cast<int>(d->scatter.series[si].sample[static_cast<size_t>(i)]));
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
    d->scatterView->replaceChart(chart);
    d->scatterNote->setText(spec.shown == spec.points
            ? tr("%n observation(s) with both metrics.", nullptr, static_cast<int>(spec.points))
            : tr("%1 observations with both metrics; every %2th of each model is drawn (%3 points). Filter by model "
                 "or configuration to see them all.")
                  .arg(spec.points)
                  .arg(spec.stride)
                  .arg(spec.shown));
}

void ChartsPage::buildSweep(const std::vector<char>& include)
{
    const Dataset* ds = d->hub->dataset();
    const int metric = d->sweepMetric->currentData().isValid() ? d->sweepMetric->currentData().toInt() : -1;
    const std::string model = d->sweepModel->currentText().toStdString();
    const std::string xParam = d->sweepX->currentText().toStdString();
    const std::string seriesParam = d->sweepSeries->currentData().toString().toStdString();
    d->sweep = ds && !xParam.empty() ? charts::sweep(*ds, model, metric, xParam, seriesParam, include)
                                     : charts::SweepSpec {};
    const auto& spec = d->sweep;
    QChart* chart = newChart(d->dark,
        spec.points == 0 ? tr("No parameter sweep for this model and metric")
                         : tr("%1 of %2 against %3").arg(q(spec.metric), q(spec.model), q(spec.xParam)));
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
        xAxis->setTitleText(q(spec.xParam));
        auto* yAxis = new QValueAxis;
        setNiceRange(yAxis, 0, spec.yMax);
        yAxis->setTitleText(tr("mean %1").arg(axisTitle(spec.metric, spec.unit)));
        chart->addAxis(xAxis, Qt::AlignBottom);
        chart->addAxis(yAxis, Qt::AlignLeft);
        for (size_t si = 0; si < spec.series.size(); ++si) {
            const auto& s = spec.series[si];
            auto* series = new QLineSeries;
            series->setName(q(s.name));
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
                const uint32_t v = ser.variant[k];
                QToolTip::showText(QCursor::pos(),
                    tr("<b>%1</b><br>%2 = %3<br>mean %4 %5 over %6 sample(s)<br>%7")
                        .arg(q(ser.name).toHtmlEscaped(), q(d->sweep.xParam), displayValue(ser.x[k]),
                            displayValue(ser.y[k]), q(d->sweep.unit))
                        .arg(ser.n[k])
                        .arg(v == charts::kNone ? tr("several variants averaged")
                                                : d->hub->variantId(static_cast<int>(v)).toHtmlEscaped()));
            });
            connect(series, &QXYSeries::clicked, this, [this, series, si](const QPointF& p) {
                const int i = nearestPoint(series, p);
                if (i < 0)
                    return;
                const uint32_t v = d->sweep.series[si].variant[static_cast<size_t>(i)];
                if (v != charts::kNone)
                    d->hub->selectVariant(static_cast<int>(v));
            });
        }
        chart->legend()->setAlignment(Qt::AlignRight);
    } else {
        chart->legend()->hide();
    }
    d->sweepView->replaceChart(chart);
    d->sweepNote->setText(spec.points == 0
            ? tr("Pick a model whose variants differ in a numeric parameter (num_ctx, num_gpu, temperature, ...).")
            : tr("Each point is the mean of the samples at that setting; settings of other parameters are averaged."));
}

} // namespace benchlens
