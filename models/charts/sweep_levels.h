#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace benchlens {

struct Dataset;
struct SweepAnalysis;

namespace charts {

// A metric's configuration means over the values (levels) of the swept parameter with the largest effect (eta
// squared over the samples; an established effect, ParameterEffect::established, before any other), one line per
// combination of the other parameters; built from a SweepAnalysis
// (stats/sweep.h). The report draws it as its sweep figure (renderLineChartSvg).
struct LevelSeries
{
    std::string label; // "num_ctx=2048 temperature=0.4", or "all configurations" when no other parameter varies
    std::vector<double> mean; // one per level; NaN: no configuration of this combination at that level
    std::vector<double> stddev; // one per level; 0 for n < 2 or no configuration
};
struct SweepLevelsSpec
{
    std::string model, metric, unit;
    std::string parameter; // the parameter on the x axis
    std::optional<double> etaSquared; // of that parameter's effect on the metric
    std::optional<double> kruskalWallisP; // of the same grouping
    bool replicated = false; // ParameterEffect::replicated
    bool established = false; // ParameterEffect::established: the effect may be ranked
    std::vector<std::string> levels; // the parameter's values, in ParameterEffect::levels order
    std::vector<LevelSeries> series; // the first maxSeries combinations met in ranking order (best first), by label
    size_t combinations = 0; // combinations of the other parameters, drawn or not
};
// `sweep` must come from analyzeSweep on `ds`; `metric` indexes Dataset::metrics. Empty (no series) when the sweep
// ranks no such metric or no parameter has two levels of it.
SweepLevelsSpec sweepLevels(const Dataset& ds, const SweepAnalysis& sweep, uint32_t metric, size_t maxSeries = 8);

} // namespace charts
} // namespace benchlens
