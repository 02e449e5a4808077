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

// Small, dependency-free SVG charts for the report (Markdown files, inline HTML, vector figures in the PDF).
// Output is deterministic: numbers go through fmt with fixed precision, and all text is XML-escaped, so the same
// chart data gives byte-identical SVG. Labels are drawn above each bar/box at full length, so long variant ids
// stay readable.

// Horizontal bars, one per item in the given order, axis from 0; the error bar spans value ± error.
struct BarItem
{
    std::string label;
    double value = 0;
    double error = 0; // 0: no error bar
    size_t n = 0; // shown after the value ("n=3"); 0: not shown
};
struct BarChart
{
    std::string title;
    std::string axisLabel; // e.g. "mean throughput (tok/s)"
    std::vector<BarItem> items;
};
SvgChart renderBarChartSvg(const BarChart& chart);

// Box plots, one per item in the given order: quartiles (type-7 percentiles), the median line and Tukey whiskers
// (the farthest values within 1.5 IQR of the box); values beyond the whiskers are drawn as points. The axis starts
// at 0 and ends a little past the largest whisker: outliers beyond it are marked at the right edge with their value.
struct BoxItem
{
    std::string label;
    std::vector<double> values;
};
struct BoxChart
{
    std::string title;
    std::string axisLabel;
    std::vector<BoxItem> items;
};
SvgChart renderBoxChartSvg(const BoxChart& chart);

struct BoxStats
{
    double q1 = 0, median = 0, q3 = 0;
    double whiskerLow = 0, whiskerHigh = 0;
    std::vector<double> outliers; // ascending
};
BoxStats boxStats(std::vector<double> values); // values must not be empty

// Lines over an ordered category axis (a sweep parameter's values), one series per other configuration; each point
// is a mean with an optional ± error bar. The value axis starts at 0.
struct LineSeries
{
    std::string label;
    std::vector<double> values; // one per category; NaN: no point
    std::vector<double> errors; // same size as values or empty
};
struct LineChart
{
    std::string title;
    std::string xLabel;
    std::string yLabel;
    std::vector<std::string> categories;
    std::vector<LineSeries> series;
};
SvgChart renderLineChartSvg(const LineChart& chart);

// A forest plot: one row per item, a point at the relative difference (%) with whiskers over its confidence
// interval, a vertical line at 0. Rows whose interval excludes 0 are drawn in the colour of their verdict.
struct ForestItem
{
    std::string label; // the metric
    double value = 0; // difference, % of the baseline mean
    double low = 0, high = 0; // its 95% CI, %
    std::string verdict; // "better", "worse", ... (colour and the text after the row)
};
struct ForestChart
{
    std::string title;
    std::string axisLabel;
    std::vector<ForestItem> items;
};
SvgChart renderForestChartSvg(const ForestChart& chart);

// "Nice" axis: a step of 1, 2 or 5 × 10^k and a maximum that is a multiple of it, for [0, max].
struct NiceAxis
{
    double max = 1;
    double step = 1;
};
NiceAxis niceAxis(double max, int targetTicks = 5);

} // namespace benchlens
