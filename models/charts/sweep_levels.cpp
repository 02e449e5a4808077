#include "models/charts/sweep_levels.h"

#include "models/data/dataset.h"
#include "models/stats/sweep.h"

#include <algorithm>
#include <limits>
#include <map>

namespace benchlens::charts {

SweepLevelsSpec sweepLevels(const Dataset& ds, const SweepAnalysis& sweep, uint32_t metric, size_t maxSeries)
{
    SweepLevelsSpec spec;
    spec.model = sweep.model;
    if (metric >= ds.metrics.size())
        return spec;
    spec.metric = ds.metrics[metric].id;
    spec.unit = ds.metrics[metric].unit;
    const ParameterEffect* top = nullptr;
    for (const auto& e : sweep.effects) {
        if (e.metric != metric || e.levels.size() < 2)
            continue;
        // An established effect (replicated, Kruskal-Wallis p < kEffectAlpha) before any other, then by eta squared.
        if (!top || (e.established && !top->established)
            || (e.established == top->established && e.etaSquared.value_or(-1) > top->etaSquared.value_or(-1)))
            top = &e;
    }
    const SweepRanking* ranking = nullptr;
    for (const auto& r : sweep.rankings)
        ranking = r.metric == metric ? &r : ranking;
    if (!top || !ranking)
        return spec;
    const uint32_t p = top->parameter;
    spec.parameter = sweep.parameters[p];
    spec.etaSquared = top->etaSquared;
    spec.kruskalWallisP = top->kruskalWallisP;
    spec.replicated = top->replicated;
    spec.established = top->established;
    for (const auto& level : top->levels)
        spec.levels.push_back(level.value);
    std::map<std::string, size_t> seriesOf;
    for (const auto& row : ranking->rows) {
        const auto& config = sweep.configs[row.config];
        if (!config.values[p])
            continue;
        std::string key;
        for (size_t k = 0; k < sweep.parameters.size(); ++k) {
            if (k == p)
                continue;
            if (!key.empty())
                key.push_back(' ');
            key.append(sweep.parameters[k]).append("=").append(config.values[k].value_or("unset"));
        }
        if (key.empty())
            key = "all configurations";
        auto [it, added] = seriesOf.emplace(key, spec.series.size());
        if (added) {
            if (spec.series.size() == maxSeries)
                continue;
            const double nan = std::numeric_limits<double>::quiet_NaN();
            spec.series.push_back(
                {key, std::vector<double>(spec.levels.size(), nan), std::vector<double>(spec.levels.size(), 0.0)});
        }
        if (it->second >= spec.series.size())
            continue;
        const auto at = std::find(spec.levels.begin(), spec.levels.end(), *config.values[p]);
        const auto c = static_cast<size_t>(at - spec.levels.begin());
        if (c < spec.levels.size()) {
            spec.series[it->second].mean[c] = row.summary.mean;
            spec.series[it->second].stddev[c] = row.summary.n >= 2 ? row.summary.stddev : 0;
        }
    }
    spec.combinations = seriesOf.size();
    std::sort(spec.series.begin(), spec.series.end(),
        [](const LevelSeries& a, const LevelSeries& b) { return a.label < b.label; });
    return spec;
}

} // namespace benchlens::charts
