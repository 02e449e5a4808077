#include "metric_catalog.h"

#include "util/text.h"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace benchlens {

extern const char* const kMetricAliasesJson;

namespace {
struct Alias
{
    int metric = -1;
    double bareFactor = 1; // factor when the name carries no unit
    bool needsUnit = false; // only a metric when a unit is attached ("eval_s" yes, "eval" no)
};
} // namespace

struct MetricCatalog::Tables
{
    std::unordered_map<std::string, Alias> aliases;
    std::unordered_map<std::string, std::string> dimensions; // alias -> canonical dimension
    std::unordered_set<std::string> labels, failure, success, sampleCount, configObjects;
    std::unordered_map<std::string, double> unitToMs;
    std::unordered_map<std::string, Statistic> statWords;
};

std::string_view statisticName(Statistic s)
{
    static constexpr std::array<std::string_view, 21> names = {"sample", "mean", "median", "stddev", "min", "max",
        "p50", "p90", "p95", "p99", "cv", "overall", "total", "value", "p1", "p5", "p10", "p25", "p75", "p97", "p99.9"};
    return names.at(static_cast<size_t>(s));
}

double percentileOf(Statistic s)
{
    switch (s) {
    case Statistic::Median:
    case Statistic::P50:
        return 50;
    case Statistic::P90:
        return 90;
    case Statistic::P95:
        return 95;
    case Statistic::P99:
        return 99;
    case Statistic::P1:
        return 1;
    case Statistic::P5:
        return 5;
    case Statistic::P10:
        return 10;
    case Statistic::P25:
        return 25;
    case Statistic::P75:
        return 75;
    case Statistic::P97:
        return 97;
    case Statistic::P999:
        return 99.9;
    default:
        return -1;
    }
}

namespace {
Statistic statisticFromName(std::string_view name)
{
    for (int i = 0; i <= static_cast<int>(Statistic::P999); ++i) {
        if (statisticName(static_cast<Statistic>(i)) == name)
            return static_cast<Statistic>(i);
    }
    throw std::runtime_error("metric_aliases.json: unknown statistic " + std::string(name));
}
} // namespace

const MetricCatalog& MetricCatalog::instance()
{
    static const MetricCatalog catalog;
    return catalog;
}

MetricCatalog::~MetricCatalog() = default;

MetricCatalog::MetricCatalog()
    : m_tables(std::make_unique<Tables>())
{
    // The table is compiled in; a malformed table is a programmer error caught by every test run.
    const auto doc = nlohmann::json::parse(kMetricAliasesJson);
    auto& t = *m_tables;
    for (const auto& [unit, def] : doc.at("units").items()) {
        for (const auto& name : def.at("names"))
            t.unitToMs[name.get<std::string>()] = def.at("factor_to_ms").get<double>();
    }
    for (const auto& [stat, words] : doc.at("statistics").items()) {
        for (const auto& w : words)
            t.statWords[w.get<std::string>()] = statisticFromName(stat);
    }
    t.statWords["total"] = Statistic::Total;
    for (const auto& m : doc.at("metrics")) {
        MetricDef def;
        def.id = m.at("id").get<std::string>();
        def.unit = m.at("unit").get<std::string>();
        const std::string kind = m.at("kind").get<std::string>();
        def.kind = kind == "throughput" ? MetricKind::Throughput
            : kind == "latency"         ? MetricKind::Latency
            : kind == "duration"        ? MetricKind::Duration
            : kind == "count"           ? MetricKind::Count
            : kind == "ratio"           ? MetricKind::Ratio
                                        : MetricKind::Other;
        const std::string better = m.at("better").get<std::string>();
        def.better = better == "higher" ? Better::Higher : better == "lower" ? Better::Lower : Better::None;
        def.isTime = m.value("time", false);
        const int index = static_cast<int>(m_metrics.size());
        m_metrics.push_back(def);
        for (const auto& a : m.at("aliases")) {
            Alias alias;
            alias.metric = index;
            std::string name;
            if (a.is_string()) {
                name = a.get<std::string>();
            } else {
                name = a.at("name").get<std::string>();
                if (a.contains("bare_unit"))
                    alias.bareFactor = t.unitToMs.at(a.at("bare_unit").get<std::string>());
                alias.needsUnit = a.value("needs_unit", false);
            }
            t.aliases[name] = alias;
        }
    }
    for (const auto& [dim, names] : doc.at("dimensions").items()) {
        for (const auto& n : names)
            t.dimensions[n.get<std::string>()] = dim;
    }
    const auto fill = [&](const char* key, std::unordered_set<std::string>& set) {
        for (const auto& n : doc.at(key))
            set.insert(n.get<std::string>());
    };
    fill("labels", t.labels);
    fill("failure", t.failure);
    fill("success", t.success);
    fill("sample_count", t.sampleCount);
    fill("config_objects", t.configObjects);
}

int MetricCatalog::findMetric(std::string_view id) const
{
    for (size_t i = 0; i < m_metrics.size(); ++i) {
        if (m_metrics[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

int MetricCatalog::percentileMetric(int metric, Statistic statistic) const
{
    if (metric < 0 || m_metrics[static_cast<size_t>(metric)].id != "latency_ms")
        return -1;
    switch (statistic) {
    case Statistic::P50:
    case Statistic::Median:
        return findMetric("latency_p50_ms");
    case Statistic::P95:
        return findMetric("latency_p95_ms");
    case Statistic::P99:
        return findMetric("latency_p99_ms");
    default:
        return -1;
    }
}

double MetricCatalog::unitFactor(int metric, std::string_view unit) const
{
    const MetricDef& def = this->metric(metric);
    const std::string u = normalizeKey(unit);
    if (u.empty())
        return 1;
    if (def.isTime) {
        const auto it = m_tables->unitToMs.find(u);
        return it == m_tables->unitToMs.end() ? -1 : it->second;
    }
    if (def.kind == MetricKind::Throughput)
        return (u == "tok_s" || u == "tokens_s" || u == "t_s" || u == "tps") ? 1 : -1;
    if (def.kind == MetricKind::Ratio)
        return u == "%" || unit == "%" ? 0.01 : 1;
    return 1;
}

namespace {
// Splits "mean_tokens_s" into words.
std::vector<std::string_view> words(std::string_view key)
{
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= key.size()) {
        const size_t end = key.find('_', start);
        const size_t stop = end == std::string_view::npos ? key.size() : end;
        if (stop > start)
            out.push_back(key.substr(start, stop - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return out;
}

std::string join(const std::vector<std::string_view>& w, size_t from, size_t to)
{
    std::string out;
    for (size_t i = from; i < to; ++i) {
        if (!out.empty())
            out.push_back('_');
        out.append(w[i]);
    }
    return out;
}
} // namespace

KeyClass MetricCatalog::classify(std::string_view rawName) const
{
    const auto& t = *m_tables;
    const std::string key = normalizeKey(rawName);
    KeyClass result;
    if (key.empty())
        return result;
    if (const auto it = t.dimensions.find(key); it != t.dimensions.end()) {
        result.role = KeyClass::Role::Dimension;
        result.dimension = it->second;
        return result;
    }
    const auto roleOf = [&](const std::unordered_set<std::string>& set, KeyClass::Role role) {
        if (set.count(key) == 0)
            return false;
        result.role = role;
        return true;
    };
    if (roleOf(t.labels, KeyClass::Role::Label) || roleOf(t.failure, KeyClass::Role::Failure)
        || roleOf(t.success, KeyClass::Role::Success) || roleOf(t.sampleCount, KeyClass::Role::SampleCount)
        || roleOf(t.configObjects, KeyClass::Role::ConfigObject))
        return result;

    // Try the name as an alias, with an optional unit word at its end.
    const auto matchBase = [&](const std::vector<std::string_view>& w, size_t from, size_t to) -> bool {
        if (from >= to) {
            return false;
        }
        if (const auto it = t.aliases.find(join(w, from, to)); it != t.aliases.end() && !it->second.needsUnit) {
            result.role = KeyClass::Role::Metric;
            result.metric = it->second.metric;
            result.factor = it->second.bareFactor;
            return true;
        }
        if (to - from >= 2) {
            if (const auto u = t.unitToMs.find(std::string(w[to - 1])); u != t.unitToMs.end()) {
                if (const auto it = t.aliases.find(join(w, from, to - 1));
                    it != t.aliases.end() && m_metrics[static_cast<size_t>(it->second.metric)].isTime) {
                    result.role = KeyClass::Role::Metric;
                    result.metric = it->second.metric;
                    result.factor = u->second;
                    result.unitFromName = true;
                    return true;
                }
            }
        }
        return false;
    };

    auto w = words(key);
    if (matchBase(w, 0, w.size()))
        return result;

    // Peel statistic words from the front ("overall_mean_ms"), the back ("eval_s_mean") and from before a final
    // unit word ("ttft_p99_ms").
    Statistic stat = Statistic::Sample;
    if (w.size() >= 3 && t.unitToMs.count(std::string(w.back())) != 0) {
        if (const auto it = t.statWords.find(std::string(w[w.size() - 2])); it != t.statWords.end()) {
            stat = it->second;
            w.erase(w.end() - 2);
        }
    }
    size_t from = 0;
    size_t to = w.size();
    const auto statAt = [&](size_t i) -> std::optional<Statistic> {
        const auto it = t.statWords.find(std::string(w[i]));
        return it == t.statWords.end() ? std::nullopt : std::optional(it->second);
    };
    while (from < to) {
        if (const auto s = statAt(from)) {
            // "overall" and "total" qualify a more specific statistic that may follow ("overall_mean_ms").
            if (stat == Statistic::Sample || stat == Statistic::Overall || stat == Statistic::Total)
                stat = *s;
            ++from;
        } else if (const auto s2 = statAt(to - 1)) {
            if (stat == Statistic::Sample || stat == Statistic::Overall || stat == Statistic::Total)
                stat = *s2;
            --to;
        } else {
            break;
        }
    }
    if (stat == Statistic::Sample)
        return result; // an unrecognized name: kept under its own name by the caller if numeric

    if (matchBase(w, from, to)) {
        result.statistic = stat;
        return result;
    }
    // Nothing but a unit left ("p50_ms", "mean_ms"): a latency statistic.
    if (to - from == 1) {
        if (const auto u = t.unitToMs.find(std::string(w[from])); u != t.unitToMs.end()) {
            result.role = KeyClass::Role::Metric;
            result.metric = findMetric("latency_ms");
            result.factor = u->second;
            result.unitFromName = true;
            result.statistic = stat;
            return result;
        }
    }
    if (from == to) {
        // A bare statistic ("p50" under "latency_percentiles"): the caller supplies the metric from context.
        result.role = KeyClass::Role::Metric;
        result.metric = -1;
        result.statistic = stat;
        return result;
    }
    return KeyClass {};
}

} // namespace benchlens
