#include "ui/charts/chart_axes.h"

#include <QFont>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace benchlens {

QChart* newChart(bool dark, const QString& title)
{
    auto* chart = new QChart;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    QFont f = chart->titleFont();
    f.setBold(true);
    chart->setTitleFont(f);
    return chart;
}

double niceStep(double span)
{
    if (!(span > 0))
        return 1;
    const double raw = span / 5;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0}) {
        if (m * p >= raw)
            return m * p;
    }
    return 10 * p;
}

void setNiceRange(QValueAxis* axis, double low, double high)
{
    if (!(high > low))
        high = low + 1;
    const double step = niceStep((high - low) * 1.05);
    const double lo = std::floor(low / step) * step;
    const double hi = std::ceil(high * 1.02 / step) * step;
    axis->setRange(lo, hi);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(lo);
    axis->setTickInterval(step);
    axis->setLabelFormat(QStringLiteral("%g"));
}

QString axisTitle(const std::string& metric, const std::string& unit)
{
    const QString m = QString::fromStdString(metric);
    return unit.empty() ? m : QStringLiteral("%1 (%2)").arg(m, QString::fromStdString(unit));
}

} // namespace benchlens
