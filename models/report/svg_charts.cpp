#include "models/report/svg_charts.h"

#include "models/charts/chart_spec.h"
#include "models/charts/compare_charts.h"
#include "models/charts/sweep_levels.h"
#include "models/stats/statistics.h"
#include "models/stats/two_sample_tests.h"
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

namespace {
// A chart of one labelled row per item (a bar, a box) over a value axis from 0 to about `top` along the bottom: the
// layout, the axis and the SVG being written, opened with the title and the axis drawn.
struct RowChart
{
    static constexpr double x0 = 12;
    static constexpr double x1 = kWidth - 120; // room for the value labels
    double bottom;
    double height;
    NiceAxis axis;
    std::string out;

    RowChart(size_t rows, double top, const std::string& title, const std::string& axisLabel)
        : bottom(kTop + kRowHeight * static_cast<double>(rows) + 4)
        , height(bottom + 44)
        , axis(niceAxis(top))
        , out(svgOpen(height, title))
    {
        out += xAxis(x0, x1, kTop, bottom, axis, axisLabel);
    }
    double xOf(double v) const { return x0 + (x1 - x0) * std::clamp(v, 0.0, axis.max) / axis.max; }
    // Writes the label of row i; returns the row's top.
    double row(size_t i, const std::string& label)
    {
        const double y = kTop + kRowHeight * static_cast<double>(i);
        out += text(x0, y + 13, label);
        return y;
    }
    SvgChart finish()
    {
        out += "</svg>\n";
        return {std::move(out), kWidth, height};
    }
};
} // namespace

SvgChart renderBarChartSvg(const charts::BarChartSpec& spec, const std::string& title, const std::string& axisLabel)
{
    const bool stddev = spec.error == charts::ErrorKind::StdDev;
    const auto hasErrorBar = [&](const charts::Bar& b) { return stddev ? b.stddev > 0 : b.high > b.low; };
    double top = 0;
    for (const auto& b : spec.bars)
        top = std::max(top, hasErrorBar(b) ? std::max(b.value, b.high) : b.value);
    RowChart chart(spec.bars.size(), top, title, axisLabel);
    const auto xOf = [&](double v) { return chart.xOf(v); };
    const double x0 = RowChart::x0;
    std::string& out = chart.out;
    for (size_t i = 0; i < spec.bars.size(); ++i) {
        const auto& b = spec.bars[i];
        const double y = chart.row(i, b.label);
        const double barTop = y + 18;
        const double barHeight = 14;
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", num(x0), num(barTop),
            num(xOf(b.value) - x0), num(barHeight), kBarFill);
        double end = xOf(b.value);
        if (hasErrorBar(b)) {
            const double lo = xOf(b.low);
            const double hi = xOf(b.high);
            const double mid = barTop + barHeight / 2;
            out += line(lo, mid, hi, mid, kInk);
            out += line(lo, mid - 4, lo, mid + 4, kInk);
            out += line(hi, mid - 4, hi, mid + 4, kInk);
            end = hi;
        }
        std::string value = formatValue(b.value);
        if (stddev && b.stddev > 0)
            value.append(" ± ").append(formatValue(b.stddev));
        if (b.n > 0)
            value.append(fmt::format(" (n={})", b.n));
        out += text(end + 6, barTop + 11, value, "start", 10, kMuted);
    }
    return chart.finish();
}

SvgChart renderBoxChartSvg(const charts::BoxChartSpec& spec, const std::string& title, const std::string& axisLabel)
{
    double top = 0;
    for (const auto& b : spec.boxes)
        top = std::max(top, b.highWhisker);
    RowChart chart(spec.boxes.size(), top * 1.05, title, axisLabel);
    const auto xOf = [&](double v) { return chart.xOf(v); };
    const double x1 = RowChart::x1;
    const NiceAxis& axis = chart.axis;
    std::string& out = chart.out;
    for (size_t i = 0; i < spec.boxes.size(); ++i) {
        const auto& b = spec.boxes[i];
        const double y = chart.row(i, b.label);
        if (b.n == 0)
            continue;
        const double boxTop = y + 18;
        const double boxHeight = 14;
        const double mid = boxTop + boxHeight / 2;
        out += line(xOf(b.lowWhisker), mid, xOf(b.q1), mid, kInk);
        out += line(xOf(b.q3), mid, xOf(b.highWhisker), mid, kInk);
        out += line(xOf(b.lowWhisker), mid - 4, xOf(b.lowWhisker), mid + 4, kInk);
        out += line(xOf(b.highWhisker), mid - 4, xOf(b.highWhisker), mid + 4, kInk);
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
    return chart.finish();
}

SvgChart renderLineChartSvg(
    const charts::SweepLevelsSpec& spec, const std::string& title, const std::string& xLabel, const std::string& yLabel)
{
    const double x0 = 64;
    const double x1 = kWidth - 24;
    const double plotTop = kTop;
    const double plotBottom = plotTop + 240;
    const double legendTop = plotBottom + 52;
    const double height = legendTop + 16 * static_cast<double>(spec.series.size()) + 8;
    double top = 0;
    for (const auto& s : spec.series) {
        for (size_t i = 0; i < s.mean.size(); ++i) {
            if (std::isfinite(s.mean[i]))
                top = std::max(top, s.mean[i] + (i < s.stddev.size() ? std::max(0.0, s.stddev[i]) : 0));
        }
    }
    const NiceAxis axis = niceAxis(top);
    const auto yOf
        = [&](double v) { return plotBottom - (plotBottom - plotTop) * std::clamp(v, 0.0, axis.max) / axis.max; };
    const size_t n = spec.levels.size();
    const auto xOf = [&](size_t i) {
        return n <= 1 ? (x0 + x1) / 2 : x0 + 30 + (x1 - x0 - 60) * static_cast<double>(i) / static_cast<double>(n - 1);
    };

    std::string out = svgOpen(height, title);
    const int ticks = static_cast<int>(std::lround(axis.max / axis.step));
    for (int t = 0; t <= ticks; ++t) {
        const double v = t * axis.step;
        out += line(x0, yOf(v), x1, yOf(v), kGrid);
        out += text(x0 - 6, yOf(v) + 4, tickLabel(v, axis.step), "end", 10, kMuted);
    }
    out += line(x0, plotBottom, x1, plotBottom, kMuted);
    for (size_t i = 0; i < n; ++i)
        out += text(xOf(i), plotBottom + 16, spec.levels[i], "middle", 10, kMuted);
    out += text((x0 + x1) / 2, plotBottom + 36, xLabel, "middle");
    const double yLabelX = 16;
    const double yLabelY = (plotTop + plotBottom) / 2;
    out += fmt::format("<text x=\"{0}\" y=\"{1}\" text-anchor=\"middle\" transform=\"rotate(-90 {0} {1})\">",
        num(yLabelX), num(yLabelY));
    out.append(escapeXml(yLabel)).append("</text>\n");

    for (size_t s = 0; s < spec.series.size(); ++s) {
        const auto& series = spec.series[s];
        const char* colour = kPalette[s % std::size(kPalette)];
        std::string path;
        for (size_t i = 0; i < series.mean.size() && i < n; ++i) {
            if (!std::isfinite(series.mean[i])) {
                continue;
            }
            path.append(path.empty() ? "M" : " L").append(num(xOf(i))).append(" ").append(num(yOf(series.mean[i])));
        }
        if (!path.empty())
            out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", path, colour);
        for (size_t i = 0; i < series.mean.size() && i < n; ++i) {
            const double v = series.mean[i];
            if (!std::isfinite(v))
                continue;
            if (i < series.stddev.size() && series.stddev[i] > 0) {
                const double lo = yOf(v - series.stddev[i]);
                const double hi = yOf(v + series.stddev[i]);
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

SvgChart renderForestChartSvg(const charts::ForestSpec& spec, const std::string& title, const std::string& axisLabel)
{
    const double left = 150, right = kWidth - 230;
    const auto low = [](const charts::ForestPoint& p) { return p.hasCi ? p.ciLowPct : p.diffPct; };
    const auto high = [](const charts::ForestPoint& p) { return p.hasCi ? p.ciHighPct : p.diffPct; };
    double extent = 1;
    for (const auto& p : spec.points)
        extent = std::max({extent, std::fabs(low(p)), std::fabs(high(p)), std::fabs(p.diffPct)});
    const NiceAxis axis = niceAxis(extent);
    const auto xOf = [&](double v) { return left + (right - left) * (v + axis.max) / (2 * axis.max); };
    const double height = kTop + 26.0 * double(spec.points.size()) + 56;
    const double bottom = height - 44;
    std::string out = svgOpen(height, title);
    const int ticks = static_cast<int>(std::lround(axis.max / axis.step));
    for (int i = -ticks; i <= ticks; ++i) {
        const double v = i * axis.step;
        out += line(xOf(v), kTop, xOf(v), bottom, i == 0 ? kMuted : kGrid, i == 0 ? 1.5 : 1);
        out += text(xOf(v), bottom + 14, tickLabel(v, axis.step), "middle", 10, kMuted);
    }
    out += text((left + right) / 2, bottom + 32, axisLabel, "middle", 11, kMuted);
    for (size_t i = 0; i < spec.points.size(); ++i) {
        const auto& p = spec.points[i];
        const double y = kTop + 26.0 * double(i) + 13;
        const Verdict verdict = p.verdict;
        const char* colour = verdict == Verdict::Better ? "#2f855a" : verdict == Verdict::Worse ? "#c53030" : kMuted;
        out += text(left - 8, y + 4, p.label, "end");
        out += line(xOf(std::max(low(p), -axis.max)), y, xOf(std::min(high(p), axis.max)), y, colour, 1.5);
        out += fmt::format(
            "<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"{}\"/>\n", num(xOf(p.diffPct)), num(y), colour);
        out += text(
            right + 8, y + 4, fmt::format("{:+.1f}% ({})", p.diffPct, verdictName(verdict)), "start", 10, colour);
    }
    out += "</svg>\n";
    return {std::move(out), kWidth, height};
}

} // namespace benchlens
