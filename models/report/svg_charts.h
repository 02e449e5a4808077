#pragma once

#include <string>
#include <vector>

namespace benchlens {

// A standalone SVG document and its size in CSS pixels.
struct SvgChart
{
    std::string svg;
    double width = 0;
    double height = 0;
};

namespace charts {
struct BarChartSpec;
struct BoxChartSpec;
struct ForestSpec;
struct SweepLevelsSpec;
} // namespace charts

// Small, dependency-free SVG charts for the report (Markdown files, inline HTML, vector figures in the PDF), drawn
// from the same chart specs (models/charts/) the window draws; only the words around a chart come from the caller.
// Output is deterministic: numbers go through fmt with fixed precision, and all text is XML-escaped, so the same
// spec gives byte-identical SVG. Labels are drawn above each bar/box at full length, so long variant ids stay
// readable.

// Horizontal bars, one per Bar in the spec's order, axis from 0. With ErrorKind::StdDev the error bar spans
// low … high and the value is followed by "± stddev" when Bar::stddev > 0; with Ci95 it spans low … high when the
// interval is not empty. "(n=…)" follows when Bar::n > 0.
SvgChart renderBarChartSvg(const charts::BarChartSpec& spec, const std::string& title, const std::string& axisLabel);

// Box plots, one per Box in the spec's order (stats/box_summary.h: type-7 quartiles, the median line and Tukey
// whiskers); outliers are drawn as points. The axis starts at 0 and ends a little past the largest whisker:
// outliers beyond it are marked at the right edge with the largest value. A box with n 0 draws its label only.
SvgChart renderBoxChartSvg(const charts::BoxChartSpec& spec, const std::string& title, const std::string& axisLabel);

// Lines over the levels of the swept parameter (an ordered category axis), one per series; each point is a mean
// with a ± 1 standard deviation error bar where it is above 0. The value axis starts at 0.
SvgChart renderLineChartSvg(const charts::SweepLevelsSpec& spec, const std::string& title, const std::string& xLabel,
    const std::string& yLabel);

// A forest plot: one row per point, a dot at the relative difference (%) with whiskers over its confidence
// interval (points without one: over the dot alone), a vertical line at 0, drawn in the colour of the verdict.
// The axis is symmetric around 0 and spans every point's value and interval.
SvgChart renderForestChartSvg(const charts::ForestSpec& spec, const std::string& title, const std::string& axisLabel);

// "Nice" axis: a step of 1, 2 or 5 × 10^k and a maximum that is a multiple of it, for [0, max].
struct NiceAxis
{
    double max = 1;
    double step = 1;
};
NiceAxis niceAxis(double max, int targetTicks = 5);

} // namespace benchlens
