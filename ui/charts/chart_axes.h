#pragma once

#include <QString>

#include <string>

class QValueAxis;

namespace benchlens {

// Axis helpers shared by every chart: round tick steps and an axis title with its unit.

// A round tick step for a span: 1, 2, 2.5 or 5 times a power of ten, about five ticks.
double niceStep(double span);

// A value axis from a round value at or below `low` (charts pass 0 for throughput and latency) to a round value a
// little above `high`, with ticks at round values (0 is a tick whenever the range spans it).
void setNiceRange(QValueAxis* axis, double low, double high);

// "ttft_ms (ms)"; the bare metric when it has no unit.
QString axisTitle(const std::string& metric, const std::string& unit);

} // namespace benchlens
