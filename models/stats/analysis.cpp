#include "models/stats/analysis.h"

#include "models/data/dataset.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>

namespace benchlens {

const MetricStats* Analysis::find(uint32_t variant, uint32_t metric) const
{
    const auto it = std::lower_bound(stats.begin(), stats.end(), std::pair(variant, metric),
        [](const MetricStats& s, const std::pair<uint32_t, uint32_t>& key) {
            return std::pair(s.variant, s.metric) < key;
        });
    return it != stats.end() && it->variant == variant && it->metric == metric ? &*it : nullptr;
}

std::vector<bool> nonNegativeMetrics(const Dataset& ds)
{
    std::vector<bool> negativeSeen(ds.metrics.size(), false);
    for (uint32_t i = 0; i < ds.samples.size(); ++i)
        negativeSeen[ds.samples.metric[i]] = negativeSeen[ds.samples.metric[i]] || ds.samples.value[i] < 0;
    std::vector<bool> out(ds.metrics.size());
    const auto& catalog = MetricCatalog::instance();
    for (uint32_t m = 0; m < ds.metrics.size(); ++m) {
        out[m] = catalog.nonNegativeOf(ds.metrics[m].catalog) || !negativeSeen[m];
    }
    return out;
}

Analysis analyze(const Dataset& ds, std::span<const uint32_t> excludedSamples)
{
    std::vector<SummaryOptions> options(ds.metrics.size());
    const auto& catalog = MetricCatalog::instance();
    const std::vector<bool> nonNegative = nonNegativeMetrics(ds);
    for (uint32_t m = 0; m < ds.metrics.size(); ++m)
        options[m] = {true, nonNegative[m], catalog.betterOf(ds.metrics[m].catalog)};
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
    analysis.stats.resize(groups.size());
    size_t g = 0;
    for (auto& [key, indices] : groups) {
        MetricStats& ms = analysis.stats[g++];
        ms.variant = key.first;
        ms.metric = key.second;
        ms.samples = std::move(indices);
    }
    // The summaries (a bootstrap each) on every core: each is a function of its own samples only, written to its own
    // slot, so the result does not depend on the scheduling.
    std::atomic<size_t> next {0};
    std::vector<std::exception_ptr> failures(std::max(1u, std::thread::hardware_concurrency()));
    const auto worker = [&](size_t slot) {
        try {
            std::vector<double> values;
            for (size_t k; (k = next.fetch_add(1)) < analysis.stats.size();) {
                MetricStats& ms = analysis.stats[k];
                values.clear();
                for (const uint32_t i : ms.samples)
                    values.push_back(ds.samples.value[i]);
                ms.summary = summarize(values, options[ms.metric]);
            }
        } catch (...) {
            // Rethrown on the calling thread below, as the serial loop would have thrown it.
            failures[slot] = std::current_exception();
            next = analysis.stats.size();
        }
    };
    const size_t threadCount = std::min<size_t>(failures.size(), groups.size());
    std::vector<std::thread> threads;
    for (size_t t = 1; t < threadCount; ++t)
        threads.emplace_back(worker, t);
    worker(0);
    for (auto& t : threads)
        t.join();
    for (const auto& failure : failures) {
        if (failure)
            std::rethrow_exception(failure);
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

namespace {
double medianOf(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return percentileSorted(values, 50);
}

// Observations whose load time dominates their TTFT (or latency) and is far above the model's usual load.
std::vector<ColdStart> detectReloads(const Dataset& ds)
{
    std::vector<ColdStart> out;
    const std::optional<MetricIndex> load = ds.findMetric("load_ms");
    if (!load)
        return out;
    const std::optional<MetricIndex> ttft = ds.findMetric("ttft_ms");
    const std::optional<MetricIndex> latency = ds.findMetric("latency_ms");
    const auto is = [](const std::optional<MetricIndex>& m, uint32_t id) { return m && m->value == id; };
    struct Observation
    {
        uint32_t variant = 0;
        std::optional<uint32_t> load, ttft, latency; // sample indices
    };
    std::map<std::pair<uint32_t, uint32_t>, Observation> observations; // (file, record)
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        const uint32_t metric = ds.samples.metric[i];
        if (!is(load, metric) && !is(ttft, metric) && !is(latency, metric))
            continue;
        Observation& o = observations[{ds.samples.file[i], ds.samples.record[i]}];
        o.variant = ds.samples.variant[i];
        (is(load, metric) ? o.load : is(ttft, metric) ? o.ttft : o.latency) = i;
    }
    // The model's usual load: the median over every observation of the model (of the variant where none is named).
    const auto modelOf = [&](uint32_t variant) {
        const Variant& v = ds.variants[variant];
        return v.model.empty() ? "\n" + v.id : v.model;
    };
    std::map<std::string, std::vector<double>> loadsByModel;
    for (const auto& [key, o] : observations) {
        if (o.load)
            loadsByModel[modelOf(o.variant)].push_back(ds.samples.value[*o.load]);
    }
    std::map<std::string, double> medianLoad;
    for (auto& [model, loads] : loadsByModel)
        medianLoad[model] = medianOf(std::move(loads));
    for (const auto& [key, o] : observations) {
        const std::optional<uint32_t> against = o.ttft ? o.ttft : o.latency;
        if (!o.load || !against)
            continue;
        const double loadMs = ds.samples.value[*o.load];
        const double value = ds.samples.value[*against];
        const double usual = medianLoad.at(modelOf(o.variant));
        if (value > 0 && loadMs > kReloadLoadShare * value && loadMs > kReloadFactor * usual) {
            ColdStart c;
            c.cause = ColdStart::Cause::Reload;
            c.variant = o.variant;
            c.metric = ds.samples.metric[*against];
            c.file = key.first;
            c.sample = *against;
            c.firstValue = value;
            c.loadMs = loadMs;
            c.medianLoadMs = usual;
            out.push_back(c);
        }
    }
    return out;
}
} // namespace

std::vector<ColdStart> detectColdStarts(const Dataset& ds)
{
    std::vector<ColdStart> out = detectReloads(ds);
    std::set<std::pair<uint32_t, uint32_t>> reloaded; // (file, record)
    for (const ColdStart& c : out)
        reloaded.insert({c.file, ds.samples.record[c.sample]});
    const std::optional<MetricIndex> ttft = ds.findMetric("ttft_ms");
    // (variant, file) -> samples in record order
    std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> perFile;
    for (uint32_t i = 0; ttft && i < ds.samples.size(); ++i) {
        if (ds.samples.metric[i] == ttft->value)
            perFile[{ds.samples.variant[i], ds.samples.file[i]}].push_back(i);
    }
    for (const auto& [key, indices] : perFile) {
        if (indices.size() < 3 || reloaded.count({key.second, ds.samples.record[indices.front()]}))
            continue;
        std::vector<double> rest;
        for (size_t k = 1; k < indices.size(); ++k)
            rest.push_back(ds.samples.value[indices[k]]);
        std::sort(rest.begin(), rest.end());
        const double first = ds.samples.value[indices.front()];
        const double median = percentileSorted(rest, 50);
        if (first > kColdStartFactor * median && first > rest.back()) {
            ColdStart c;
            c.variant = key.first;
            c.metric = ttft->value;
            c.file = key.second;
            c.sample = indices.front();
            c.firstValue = first;
            c.restMin = rest.front();
            c.restMax = rest.back();
            c.restMedian = median;
            out.push_back(c);
        }
    }
    std::sort(out.begin(), out.end(), [&](const ColdStart& a, const ColdStart& b) {
        return std::tuple(a.file, a.variant, ds.samples.record[a.sample])
            < std::tuple(b.file, b.variant, ds.samples.record[b.sample]);
    });
    return out;
}

} // namespace benchlens
