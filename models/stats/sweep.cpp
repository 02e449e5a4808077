#include "models/stats/sweep.h"

#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/stats/analysis.h"
#include "models/stats/run_order.h"
#include "models/util/text.h"

#include <algorithm>
#include <map>
#include <set>

namespace benchlens {

namespace {
double meanOf(const std::vector<double>& values)
{
    double sum = 0;
    for (const double x : values)
        sum += x;
    return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

std::string joinNames(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names) {
        if (!out.empty())
            out.append(", ");
        out.append(n);
    }
    return out;
}

// Level order: numerically when every value is a number (40 < 60 < 999), otherwise as text.
void sortLevels(std::vector<EffectLevel>& levels)
{
    const bool numeric = std::all_of(
        levels.begin(), levels.end(), [](const EffectLevel& l) { return parseNumber(l.value).has_value(); });
    std::stable_sort(levels.begin(), levels.end(), [numeric](const EffectLevel& a, const EffectLevel& b) {
        if (numeric)
            return *parseNumber(a.value) < *parseNumber(b.value);
        return a.value < b.value;
    });
}
} // namespace

SweptParameters sweptParameters(const Dataset& ds, std::span<const uint32_t> variants)
{
    // Not setting a key counts as one more value, so a baseline run without the key beside a sweep makes it vary.
    std::map<std::string, std::set<std::string>> distinct;
    for (const uint32_t v : variants) {
        for (const auto& [key, value] : ds.variants[v].config)
            distinct[key].insert(value);
    }
    SweptParameters out;
    for (auto& entry : distinct) {
        // Named, not a structured binding: clang before 16 cannot capture bindings in the lambda below.
        const std::string& key = entry.first;
        const auto& set = entry.second;
        const bool everywhere = std::all_of(variants.begin(), variants.end(), [&](uint32_t v) {
            const auto& cfg = ds.variants[v].config;
            return std::any_of(cfg.begin(), cfg.end(), [&](const auto& kv) { return kv.first == key; });
        });
        if (set.size() == 1 && everywhere) {
            out.fixed.emplace_back(key, *set.begin());
            continue;
        }
        std::set<double> numbers;
        for (const auto& value : set) {
            if (const auto d = parseNumber(value))
                numbers.insert(*d);
        }
        out.varying.push_back(key);
        out.distinctNumbers.push_back(numbers.size());
    }
    return out;
}

std::vector<std::string> sweepModels(const Dataset& ds)
{
    std::set<std::string> models;
    for (const auto& v : ds.variants) {
        if (!v.model.empty())
            models.insert(v.model);
    }
    return {models.begin(), models.end()};
}

std::optional<double> etaSquared(const std::vector<std::vector<double>>& groups)
{
    size_t n = 0;
    size_t nonEmpty = 0;
    double sum = 0;
    double lo = 0;
    double hi = 0;
    for (const auto& g : groups) {
        nonEmpty += g.empty() ? 0 : 1;
        for (const double x : g) {
            lo = n == 0 ? x : std::min(lo, x);
            hi = n == 0 ? x : std::max(hi, x);
            sum += x;
            ++n;
        }
    }
    // All values equal: SS_total is 0 and the ratio undefined (rounding would otherwise make up a tiny SS_total).
    // With one group there is nothing to explain.
    if (n < 2 || nonEmpty < 2 || lo == hi)
        return std::nullopt;
    const double grand = sum / static_cast<double>(n);
    double total = 0;
    double between = 0;
    for (const auto& g : groups) {
        if (g.empty())
            continue;
        for (const double x : g)
            total += (x - grand) * (x - grand);
        const double m = meanOf(g);
        between += static_cast<double>(g.size()) * (m - grand) * (m - grand);
    }
    if (total <= 0)
        return std::nullopt;
    return std::clamp(between / total, 0.0, 1.0);
}

Result<SweepAnalysis> analyzeSweep(const Dataset& ds, const Analysis& analysis, std::string_view model,
    std::span<const uint32_t> excludedSamples, std::string_view metricId)
{
    std::vector<uint32_t> modelVariants;
    for (uint32_t v = 0; v < ds.variants.size(); ++v) {
        if (!model.empty() && ds.variants[v].model == model)
            modelVariants.push_back(v);
    }
    if (modelVariants.empty()) {
        std::string message = "unknown model '";
        message.append(model);
        message.append("'; models: ");
        const auto models = sweepModels(ds);
        message.append(models.empty() ? std::string("(none)") : joinNames(models));
        return Error {std::move(message)};
    }

    std::vector<uint32_t> excluded(excludedSamples.begin(), excludedSamples.end());
    std::sort(excluded.begin(), excluded.end());
    const auto isExcluded
        = [&excluded](uint32_t sample) { return std::binary_search(excluded.begin(), excluded.end(), sample); };

    SweepAnalysis out;
    out.model = std::string(model);
    // values[metric][config]: the samples left after exclusions.
    std::vector<std::vector<std::vector<double>>> values(ds.metrics.size());
    for (const uint32_t v : modelVariants) {
        std::vector<std::pair<uint32_t, std::vector<double>>> perMetric;
        auto it = std::lower_bound(analysis.stats.begin(), analysis.stats.end(), v,
            [](const MetricStats& s, uint32_t variant) { return s.variant < variant; });
        for (; it != analysis.stats.end() && it->variant == v; ++it) {
            std::vector<double> kept;
            for (const uint32_t sample : it->samples) {
                if (isExcluded(sample))
                    ++out.excludedSamples;
                else
                    kept.push_back(ds.samples.value[sample]);
            }
            if (!kept.empty())
                perMetric.emplace_back(it->metric, std::move(kept));
        }
        if (perMetric.empty())
            continue;
        const auto config = static_cast<uint32_t>(out.configs.size());
        out.configs.push_back({v, {}});
        for (auto& [metric, kept] : perMetric) {
            auto& byConfig = values[metric];
            byConfig.resize(config + 1);
            byConfig[config] = std::move(kept);
        }
    }
    for (auto& byConfig : values) {
        if (!byConfig.empty())
            byConfig.resize(out.configs.size());
    }

    std::optional<MetricIndex> onlyMetric;
    if (!metricId.empty()) {
        onlyMetric = ds.findMetric(metricId);
        if (!onlyMetric || values[onlyMetric->value].empty()) {
            std::string message = "model '";
            message.append(model);
            message.append("' has no samples of metric '");
            message.append(metricId);
            message.append("'; its metrics: ");
            std::vector<std::string> ids;
            for (size_t m = 0; m < values.size(); ++m) {
                if (!values[m].empty())
                    ids.push_back(ds.metrics[m].id);
            }
            message.append(ids.empty() ? std::string("(none)") : joinNames(ids));
            return Error {std::move(message)};
        }
    }

    std::vector<uint32_t> configVariants;
    for (const auto& c : out.configs)
        configVariants.push_back(c.variant);
    SweptParameters swept = sweptParameters(ds, configVariants);
    out.parameters = std::move(swept.varying);
    out.fixed = std::move(swept.fixed);
    for (auto& c : out.configs) {
        const auto& cfg = ds.variants[c.variant].config;
        for (const auto& p : out.parameters) {
            const auto kv = std::find_if(cfg.begin(), cfg.end(), [&p](const auto& e) { return e.first == p; });
            c.values.push_back(kv == cfg.end() ? std::nullopt : std::optional<std::string>(kv->second));
        }
    }

    for (const OrderConfound& c : detectOrderConfounds(ds)) {
        const bool varies
            = std::find(out.parameters.begin(), out.parameters.end(), c.parameter) != out.parameters.end();
        if (varies
            && std::find_first_of(c.variants.begin(), c.variants.end(), configVariants.begin(), configVariants.end())
                != c.variants.end())
            out.orderWarnings.push_back(describeOrderConfound(ds, c));
    }

    // Rankings: by mean, best first; unknown direction ascending.
    for (uint32_t m = 0; m < values.size(); ++m) {
        if (values[m].empty() || (onlyMetric && m != onlyMetric->value))
            continue;
        SweepRanking ranking;
        ranking.metric = m;
        ranking.direction = MetricCatalog::instance().betterOf(ds.metrics[m].catalog);
        for (uint32_t c = 0; c < values[m].size(); ++c) {
            if (!values[m][c].empty())
                ranking.rows.push_back({c, summarize(values[m][c])});
        }
        const bool higher = ranking.direction == Better::Higher;
        std::stable_sort(
            ranking.rows.begin(), ranking.rows.end(), [higher](const SweepRankRow& a, const SweepRankRow& b) {
                return higher ? a.summary.mean > b.summary.mean : a.summary.mean < b.summary.mean;
            });
        out.rankings.push_back(std::move(ranking));
    }

    // Pareto front of mean throughput (higher better) against mean TTFT (lower better).
    const std::optional<MetricIndex> throughput = ds.findMetric("throughput_tok_s");
    const std::optional<MetricIndex> ttft = ds.findMetric("ttft_ms");
    if (throughput && ttft && !values[throughput->value].empty() && !values[ttft->value].empty()) {
        const auto& tp = values[throughput->value];
        const auto& tt = values[ttft->value];
        std::vector<ParetoPoint> points;
        for (uint32_t c = 0; c < out.configs.size(); ++c) {
            if (!tp[c].empty() && !tt[c].empty())
                points.push_back({c, meanOf(tp[c]), meanOf(tt[c]), {}});
        }
        findParetoFront(points);
        std::stable_sort(points.begin(), points.end(), [](const ParetoPoint& a, const ParetoPoint& b) {
            const bool aFront = a.onFront();
            const bool bFront = b.onFront();
            if (aFront != bFront)
                return aFront;
            return a.throughputTokS > b.throughputTokS;
        });
        out.pareto = std::move(points);
    }

    // Parameter effects: one-way grouping by the parameter's value.
    for (const auto& ranking : out.rankings) {
        const auto& byConfig = values[ranking.metric];
        for (uint32_t p = 0; p < out.parameters.size(); ++p) {
            ParameterEffect effect;
            effect.metric = ranking.metric;
            effect.parameter = p;
            std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> groups; // samples, config means
            for (uint32_t c = 0; c < byConfig.size(); ++c) {
                if (byConfig[c].empty())
                    continue;
                const auto& value = out.configs[c].values[p];
                if (!value) {
                    effect.unsetSamples += byConfig[c].size();
                    continue;
                }
                auto& g = groups[*value];
                g.first.insert(g.first.end(), byConfig[c].begin(), byConfig[c].end());
                g.second.push_back(meanOf(byConfig[c]));
            }
            std::vector<std::vector<double>> sampleGroups;
            std::vector<std::vector<double>> meanGroups;
            for (auto& [value, g] : groups) {
                effect.levels.push_back({value, g.first.size(), meanOf(g.first), g.second.size()});
                sampleGroups.push_back(std::move(g.first));
                meanGroups.push_back(std::move(g.second));
            }
            if (effect.levels.empty())
                continue; // only configurations without the parameter have this metric
            sortLevels(effect.levels);
            effect.etaSquared = etaSquared(sampleGroups);
            effect.etaSquaredOfConfigMeans = etaSquared(meanGroups);
            out.effects.push_back(std::move(effect));
        }
    }
    return out;
}

} // namespace benchlens
