#include "models/stats/analysis.h"

#include "models/data/dataset.h"

#include <algorithm>
#include <map>

namespace benchlens {

const MetricStats* Analysis::find(uint32_t variant, uint32_t metric) const
{
    const auto it = std::lower_bound(stats.begin(), stats.end(), std::pair(variant, metric),
        [](const MetricStats& s, const std::pair<uint32_t, uint32_t>& key) {
            return std::pair(s.variant, s.metric) < key;
        });
    return it != stats.end() && it->variant == variant && it->metric == metric ? &*it : nullptr;
}

Analysis analyze(const Dataset& ds, std::span<const uint32_t> excludedSamples)
{
    std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> groups;
    auto nextExcluded = excludedSamples.begin();
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        if (nextExcluded != excludedSamples.end() && *nextExcluded == i) {
            ++nextExcluded;
            continue;
        }
        groups[{ds.samples.variant[i], ds.samples.metric[i]}].push_back(i);
    }
    Analysis analysis;
    analysis.stats.reserve(groups.size());
    std::vector<double> values;
    for (auto& [key, indices] : groups) {
        values.clear();
        for (const uint32_t i : indices)
            values.push_back(ds.samples.value[i]);
        MetricStats ms;
        ms.variant = key.first;
        ms.metric = key.second;
        ms.summary = summarize(values);
        ms.samples = std::move(indices);
        analysis.stats.push_back(std::move(ms));
    }
    return analysis;
}

std::vector<const MetricStats*> statsOfMetric(const Analysis& analysis, std::optional<MetricIndex> metric)
{
    std::vector<const MetricStats*> out;
    for (const auto& ms : analysis.stats) {
        if (metric && ms.metric == metric->value)
            out.push_back(&ms);
    }
    return out;
}

std::vector<ColdStart> detectColdStarts(const Dataset& ds)
{
    std::vector<ColdStart> out;
    const std::optional<MetricIndex> ttft = ds.findMetric("ttft_ms");
    if (!ttft)
        return out;
    // (variant, file) -> samples in record order
    std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> perFile;
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        if (ds.samples.metric[i] == ttft->value)
            perFile[{ds.samples.variant[i], ds.samples.file[i]}].push_back(i);
    }
    for (const auto& [key, indices] : perFile) {
        if (indices.size() < 3)
            continue;
        std::vector<double> rest;
        for (size_t k = 1; k < indices.size(); ++k)
            rest.push_back(ds.samples.value[indices[k]]);
        std::sort(rest.begin(), rest.end());
        const double first = ds.samples.value[indices.front()];
        const double median = percentileSorted(rest, 50);
        if (first > kColdStartFactor * median && first > rest.back()) {
            out.push_back(
                {key.first, ttft->value, key.second, indices.front(), first, rest.front(), rest.back(), median});
        }
    }
    std::sort(out.begin(), out.end(), [](const ColdStart& a, const ColdStart& b) {
        return std::pair(a.file, a.variant) < std::pair(b.file, b.variant);
    });
    return out;
}

} // namespace benchlens
