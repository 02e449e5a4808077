#pragma once

#include <QString>

#include <string>

class QChart;
class QValueAxis;

namespace benchlens {

// Helpers shared by every chart: a new chart in the app's style, round tick steps, an axis title with its unit.

// An empty chart with the light or dark theme, a bold title, no animation and small margins.
QChart* newChart(bool dark, const QString& title);

// A round tick step for a span: 1, 2, 2.5 or 5 times a power of ten, about five ticks.
double niceStep(double span);

// A value axis from a round value at or below `low` (charts pass 0 for throughput and latency) to a round value a
// little above `high`, with ticks at round values (0 is a tick whenever the range spans it).
void setNiceRange(QValueAxis* axis, double low, double high);

// "ttft_ms (ms)"; the bare metric when it has no unit.
QString axisTitle(const std::string& metric, const std::string& unit);

} // namespace benchlens
