#include "models/stats/box_summary.h"

#include "models/stats/statistics.h"

#include <algorithm>

namespace benchlens {

BoxSummary boxSummary(std::span<const double> values)
{
    BoxSummary b;
    if (values.empty())
        return b;
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    b.n = sorted.size();
    b.min = sorted.front();
    b.max = sorted.back();
    b.q1 = percentileSorted(sorted, 25);
    b.median = percentileSorted(sorted, 50);
    b.q3 = percentileSorted(sorted, 75);
    const double iqr = b.q3 - b.q1;
    const double lowFence = b.q1 - 1.5 * iqr;
    const double highFence = b.q3 + 1.5 * iqr;
    b.lowWhisker = b.q1;
    b.highWhisker = b.q3;
    for (const double x : sorted) {
        if (x < lowFence || x > highFence) {
            b.outliers.push_back(x);
            continue;
        }
        b.lowWhisker = std::min(b.lowWhisker, x);
        b.highWhisker = std::max(b.highWhisker, x);
    }
    return b;
}

} // namespace benchlens
