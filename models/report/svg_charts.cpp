#include "models/report/svg_charts.h"

#include "models/stats/statistics.h"
#include "models/util/escape.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace benchlens {

namespace {
constexpr double kWidth = 760;
constexpr double kRowHeight = 38; // label line + bar
constexpr double kTop = 44; // below the title
constexpr const char* kFont = "DejaVu Sans";
constexpr const char* kBarFill = "#4a7fc1";
constexpr const char* kBoxFill = "#cfe0f5";
constexpr const char* kStroke = "#2b6cb0";
constexpr const char* kInk = "#1d1f21";
constexpr const char* kMuted = "#4a5568";
constexpr const char* kGrid = "#e2e8f0";
constexpr const char* kPalette[]
    = {"#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#319795", "#4a5568"};

std::string num(double v)
{
    return fmt::format("{:.1f}", v);
}

// Tick labels with as many decimals as the step needs.
std::string tickLabel(double v, double step)
{
    const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    return fmt::format("{:.{}f}", v, decimals);
}

std::string svgOpen(double height, const std::string& title)
{
    std::string out
        = fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                      "font-family=\"{2}\" font-size=\"11\">\n",
            num(kWidth), num(height), kFont);
    out.append("<title>").append(escapeXml(title)).append("</title>\n");
    out.append(
        fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", num(kWidth), num(height)));
    out.append(fmt::format("<text x=\"12\" y=\"24\" font-size=\"14\" font-weight=\"bold\" fill=\"{}\">", kInk));
    out.append(escapeXml(title)).append("</text>\n");
    return out;
}

std::string text(
    double x, double y, const std::string& s, const char* anchor = "start", int size = 11, const char* fill = kInk)
{
    std::string out = fmt::format("<text x=\"{}\" y=\"{}\"", num(x), num(y));
    if (std::string_view(anchor) != "start")
        out.append(" text-anchor=\"").append(anchor).append("\"");
    if (size != 11)
        out.append(fmt::format(" font-size=\"{}\"", size));
    if (std::string_view(fill) != kInk)
        out.append(" fill=\"").append(fill).append("\"");
    out.append(">").append(escapeXml(s)).append("</text>\n");
    return out;
}

std::string line(double x1, double y1, double x2, double y2, const char* stroke, double width = 1)
{
    return fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n", num(x1),
        num(y1), num(x2), num(y2), stroke, num(width));
}

// Vertical grid lines and tick labels of a value axis from 0 along x, and the axis label below.
std::string xAxis(double x0, double x1, double top, double bottom, const NiceAxis& axis, const std::string& label)
{
    std::string out;
    const int ticks = static_cast<int>(std::lround(axis.max / axis.step));
    for (int i = 0; i <= ticks; ++i) {
        const double v = i * axis.step;
        const double x = x0 + (x1 - x0) * v / axis.max;
        out += line(x, top, x, bottom, kGrid);
        out += text(x, bottom + 14, tickLabel(v, axis.step), "middle", 10, kMuted);
    }
    out += line(x0, bottom, x1, bottom, kMuted);
    out += text((x0 + x1) / 2, bottom + 32, label, "middle");
    return out;
}
} // namespace

NiceAxis niceAxis(double max, int targetTicks)
{
    if (!(max > 0) || !std::isfinite(max))
        return {};
    const double raw = max / std::max(1, targetTicks);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw)
            break;
    }
    return {std::ceil(max / step - 1e-9) * step, step};
}

SvgChart renderBarChartSvg(const BarChart& chart)
{
    const double x0 = 12;
    const double x1 = kWidth - 120; // room for the value labels
    const double bottom = kTop + kRowHeight * static_cast<double>(chart.items.size()) + 4;
    const double height = bottom + 44;
    double top = 0;
    for (const auto& item : chart.items)
        top = std::max(top, item.value + std::max(0.0, item.error));
    const NiceAxis axis = niceAxis(top);
    const auto xOf = [&](double v) { return x0 + (x1 - x0) * std::clamp(v, 0.0, axis.max) / axis.max; };

    std::string out = svgOpen(height, chart.title);
    out += xAxis(x0, x1, kTop, bottom, axis, chart.axisLabel);
    for (size_t i = 0; i < chart.items.size(); ++i) {
        const auto& item = chart.items[i];
        const double y = kTop + kRowHeight * static_cast<double>(i);
        out += text(x0, y + 13, item.label);
        const double barTop = y + 18;
        const double barHeight = 14;
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", num(x0), num(barTop),
            num(xOf(item.value) - x0), num(barHeight), kBarFill);
        double end = xOf(item.value);
        if (item.error > 0) {
            const double lo = xOf(item.value - item.error);
            const double hi = xOf(item.value + item.error);
            const double mid = barTop + barHeight / 2;
            out += line(lo, mid, hi, mid, kInk);
            out += line(lo, mid - 4, lo, mid + 4, kInk);
            out += line(hi, mid - 4, hi, mid + 4, kInk);
            end = hi;
        }
        std::string value = formatValue(item.value);
        if (item.error > 0)
            value.append(" ± ").append(formatValue(item.error));
        if (item.n > 0)
            value.append(fmt::format(" (n={})", item.n));
        out += text(end + 6, barTop + 11, value, "start", 10, kMuted);
    }
    out += "</svg>\n";
    return {std::move(out), kWidth, height};
}

BoxStats boxStats(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    BoxStats b;
    b.q1 = percentileSorted(values, 25);
    b.median = percentileSorted(values, 50);
    b.q3 = percentileSorted(values, 75);
    const double iqr = b.q3 - b.q1;
    const double lowFence = b.q1 - 1.5 * iqr;
    const double highFence = b.q3 + 1.5 * iqr;
    b.whiskerLow = b.q1;
    b.whiskerHigh = b.q3;
    for (const double v : values) {
        if (v < lowFence || v > highFence)
            b.outliers.push_back(v);
        else {
            b.whiskerLow = std::min(b.whiskerLow, v);
            b.whiskerHigh = std::max(b.whiskerHigh, v);
        }
    }
    return b;
}

SvgChart renderBoxChartSvg(const BoxChart& chart)
{
    const double x0 = 12;
    const double x1 = kWidth - 120;
    const double bottom = kTop + kRowHeight * static_cast<double>(chart.items.size()) + 4;
    const double height = bottom + 44;
    std::vector<BoxStats> stats;
    double top = 0;
    for (const auto& item : chart.items) {
        stats.push_back(item.values.empty() ? BoxStats {} : boxStats(item.values));
        top = std::max(top, stats.back().whiskerHigh);
    }
    const NiceAxis axis = niceAxis(top * 1.05);
    const auto xOf = [&](double v) { return x0 + (x1 - x0) * std::clamp(v, 0.0, axis.max) / axis.max; };

    std::string out = svgOpen(height, chart.title);
    out += xAxis(x0, x1, kTop, bottom, axis, chart.axisLabel);
    for (size_t i = 0; i < chart.items.size(); ++i) {
        const auto& item = chart.items[i];
        const auto& b = stats[i];
        const double y = kTop + kRowHeight * static_cast<double>(i);
        out += text(x0, y + 13, item.label);
        if (item.values.empty())
            continue;
        const double boxTop = y + 18;
        const double boxHeight = 14;
        const double mid = boxTop + boxHeight / 2;
        out += line(xOf(b.whiskerLow), mid, xOf(b.q1), mid, kInk);
        out += line(xOf(b.q3), mid, xOf(b.whiskerHigh), mid, kInk);
        out += line(xOf(b.whiskerLow), mid - 4, xOf(b.whiskerLow), mid + 4, kInk);
        out += line(xOf(b.whiskerHigh), mid - 4, xOf(b.whiskerHigh), mid + 4, kInk);
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\"/>\n",
            num(xOf(b.q1)), num(boxTop), num(std::max(1.0, xOf(b.q3) - xOf(b.q1))), num(boxHeight), kBoxFill, kStroke);
        out += line(xOf(b.median), boxTop, xOf(b.median), boxTop + boxHeight, "#c05621", 2);
        std::vector<double> beyond;
        for (const double v : b.outliers) {
            if (v > axis.max) {
                beyond.push_back(v);
                continue;
            }
            out += fmt::format(
                "<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"none\" stroke=\"{}\"/>\n", num(xOf(v)), num(mid), kInk);
        }
        std::string note = "median " + formatValue(b.median);
        if (!beyond.empty()) {
            // Off the axis: an arrow at the right edge and the largest value.
            out += fmt::format("<path d=\"M{} {} l6 4 l-6 4 z\" fill=\"{}\"/>\n", num(x1 - 6), num(mid - 4), kInk);
            note = fmt::format("{} beyond, max {}", beyond.size(), fmt::format("{:.0f}", beyond.back()));
        }
        out += text(x1 + 6, boxTop + 11, note, "start", 10, kMuted);
    }
    out += "</svg>\n";
    return {std::move(out), kWidth, height};
}

SvgChart renderLineChartSvg(const LineChart& chart)
{
    const double x0 = 64;
    const double x1 = kWidth - 24;
    const double plotTop = kTop;
    const double plotBottom = plotTop + 240;
    const double legendTop = plotBottom + 52;
    const double height = legendTop + 16 * static_cast<double>(chart.series.size()) + 8;
    double top = 0;
    for (const auto& s : chart.series) {
        for (size_t i = 0; i < s.values.size(); ++i) {
            if (std::isfinite(s.values[i]))
                top = std::max(top, s.values[i] + (i < s.errors.size() ? std::max(0.0, s.errors[i]) : 0));
        }
    }
    const NiceAxis axis = niceAxis(top);
    const auto yOf
        = [&](double v) { return plotBottom - (plotBottom - plotTop) * std::clamp(v, 0.0, axis.max) / axis.max; };
    const size_t n = chart.categories.size();
    const auto xOf = [&](size_t i) {
        return n <= 1 ? (x0 + x1) / 2 : x0 + 30 + (x1 - x0 - 60) * static_cast<double>(i) / static_cast<double>(n - 1);
    };

    std::string out = svgOpen(height, chart.title);
    const int ticks = static_cast<int>(std::lround(axis.max / axis.step));
    for (int t = 0; t <= ticks; ++t) {
        const double v = t * axis.step;
        out += line(x0, yOf(v), x1, yOf(v), kGrid);
        out += text(x0 - 6, yOf(v) + 4, tickLabel(v, axis.step), "end", 10, kMuted);
    }
    out += line(x0, plotBottom, x1, plotBottom, kMuted);
    for (size_t i = 0; i < n; ++i)
        out += text(xOf(i), plotBottom + 16, chart.categories[i], "middle", 10, kMuted);
    out += text((x0 + x1) / 2, plotBottom + 36, chart.xLabel, "middle");
    const double yLabelX = 16;
    const double yLabelY = (plotTop + plotBottom) / 2;
    out += fmt::format("<text x=\"{0}\" y=\"{1}\" text-anchor=\"middle\" transform=\"rotate(-90 {0} {1})\">",
        num(yLabelX), num(yLabelY));
    out.append(escapeXml(chart.yLabel)).append("</text>\n");

    for (size_t s = 0; s < chart.series.size(); ++s) {
        const auto& series = chart.series[s];
        const char* colour = kPalette[s % std::size(kPalette)];
        std::string path;
        for (size_t i = 0; i < series.values.size() && i < n; ++i) {
            if (!std::isfinite(series.values[i])) {
                continue;
            }
            path.append(path.empty() ? "M" : " L").append(num(xOf(i))).append(" ").append(num(yOf(series.values[i])));
        }
        if (!path.empty())
            out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", path, colour);
        for (size_t i = 0; i < series.values.size() && i < n; ++i) {
            const double v = series.values[i];
            if (!std::isfinite(v))
                continue;
            if (i < series.errors.size() && series.errors[i] > 0) {
                const double lo = yOf(v - series.errors[i]);
                const double hi = yOf(v + series.errors[i]);
                out += line(xOf(i), lo, xOf(i), hi, colour);
                out += line(xOf(i) - 4, lo, xOf(i) + 4, lo, colour);
                out += line(xOf(i) - 4, hi, xOf(i) + 4, hi, colour);
            }
            out += fmt::format(
                "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"/>\n", num(xOf(i)), num(yOf(v)), colour);
        }
        const double ly = legendTop + 16 * static_cast<double>(s);
        out += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"4\" fill=\"{}\"/>\n", num(x0), num(ly - 6), colour);
        out += text(x0 + 20, ly, series.label, "start", 10);
    }
    out += "</svg>\n";
    return {std::move(out), kWidth, height};
}

SvgChart renderForestChartSvg(const ForestChart& chart)
{
    const double left = 150, right = kWidth - 230;
    double extent = 1;
    for (const auto& it : chart.items)
        extent = std::max({extent, std::fabs(it.low), std::fabs(it.high), std::fabs(it.value)});
    const NiceAxis axis = niceAxis(extent);
    const auto xOf = [&](double v) { return left + (right - left) * (v + axis.max) / (2 * axis.max); };
    const double height = kTop + 26.0 * double(chart.items.size()) + 56;
    const double bottom = height - 44;
    std::string out = svgOpen(height, chart.title);
    const int ticks = static_cast<int>(std::lround(axis.max / axis.step));
    for (int i = -ticks; i <= ticks; ++i) {
        const double v = i * axis.step;
        out += line(xOf(v), kTop, xOf(v), bottom, i == 0 ? kMuted : kGrid, i == 0 ? 1.5 : 1);
        out += text(xOf(v), bottom + 14, tickLabel(v, axis.step), "middle", 10, kMuted);
    }
    out += text((left + right) / 2, bottom + 32, chart.axisLabel, "middle", 11, kMuted);
    for (size_t i = 0; i < chart.items.size(); ++i) {
        const auto& it = chart.items[i];
        const double y = kTop + 26.0 * double(i) + 13;
        const char* colour = it.verdict == "better" ? "#2f855a" : it.verdict == "worse" ? "#c53030" : kMuted;
        out += text(left - 8, y + 4, it.label, "end");
        out += line(xOf(std::max(it.low, -axis.max)), y, xOf(std::min(it.high, axis.max)), y, colour, 1.5);
        out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"{}\"/>\n", num(xOf(it.value)), num(y), colour);
        out += text(right + 8, y + 4, fmt::format("{:+.1f}% ({})", it.value, it.verdict), "start", 10, colour);
    }
    out += "</svg>\n";
    return {std::move(out), kWidth, height};
}

} // namespace benchlens
