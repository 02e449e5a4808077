#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace benchlens {

// The five numbers of a box plot and the Tukey whiskers of a set of values: the one box statistic the window's box
// charts, the Compare view's distributions and the report's SVG box plots all draw.
struct BoxSummary
{
    size_t n = 0;
    double min = 0, q1 = 0, median = 0, q3 = 0, max = 0; // quartiles by type-7 percentiles
    double lowWhisker = 0, highWhisker = 0; // Tukey: the extreme values within 1.5 IQR of the box
    std::vector<double> outliers; // the values beyond the whiskers, ascending
};

// Box statistics of `values` (any order; NaN not allowed). An empty span gives a BoxSummary of zeros with n 0.
BoxSummary boxSummary(std::span<const double> values);

} // namespace benchlens
