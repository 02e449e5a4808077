#include "models/data/metric_catalog.h"

#include "models/util/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
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
    CatalogIndex metric;
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

    // The name grammar ("grammar" in metric_aliases.json).
    struct GrammarUnit
    {
        UnitInfo info;
        bool suffix = true; // may be read as the final word(s) of a name, not only in brackets and cells
    };
    std::unordered_map<std::string, GrammarUnit> units; // by normalized name, and by lower-case text for "%"
    size_t maxUnitWords = 1;
    std::unordered_map<char, double> siPrefixes;
    struct Concept
    {
        CatalogIndex metric;
        std::string dimension;
        std::vector<std::vector<std::string>> phrases; // each a run of words; an empty phrase matches any quantity
    };
    std::vector<Concept> concepts;
    std::unordered_set<std::string> blockers, pointsInTime;
};

std::string_view betterName(Better b)
{
    switch (b) {
    case Better::Higher:
        return "higher";
    case Better::Lower:
        return "lower";
    case Better::None:
        break;
    }
    return "unknown";
}

std::string_view statisticName(Statistic s)
{
    static constexpr std::array<std::string_view, 24> names
        = {"sample", "mean", "median", "stddev", "min", "max", "p50", "p90", "p95", "p99", "cv", "overall", "total",
            "value", "p1", "p5", "p10", "p25", "p75", "p97", "p99.9", "p99.99", "ci_lower", "ci_upper"};
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
    case Statistic::P9999:
        return 99.99;
    default:
        return -1;
    }
}

namespace {
Statistic statisticFromName(std::string_view name)
{
    for (int i = 0; i <= static_cast<int>(Statistic::CiUpper); ++i) {
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
        const CatalogIndex index(m_metrics.size());
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

    const auto& grammar = doc.at("grammar");
    for (const auto& u : grammar.at("units")) {
        Tables::GrammarUnit unit;
        unit.info.unit = u.at("unit").get<std::string>();
        unit.info.dimension = u.at("dimension").get<std::string>();
        unit.info.factor = u.at("factor").get<double>();
        unit.info.symbol = u.value("symbol", unit.info.unit);
        unit.suffix = u.value("suffix", true);
        for (const auto& n : u.at("names")) {
            const std::string name = n.get<std::string>();
            const std::string key = normalizeKey(name);
            t.units.emplace(key.empty() ? name : key, unit);
            t.maxUnitWords = std::max(t.maxUnitWords, size_t(std::count(key.begin(), key.end(), '_') + 1));
        }
    }
    for (const auto& [prefix, factor] : grammar.at("si_prefixes").items())
        t.siPrefixes[prefix.at(0)] = factor.get<double>();
    for (const auto& c : grammar.at("concepts")) {
        Tables::Concept rule;
        const auto metric = findMetric(c.at("metric").get<std::string>());
        if (!metric)
            throw std::runtime_error("metric_aliases.json: grammar concept for unknown metric " + c.dump());
        rule.metric = *metric;
        rule.dimension = c.at("dimension").get<std::string>();
        for (const auto& phrase : c.at("phrases")) {
            const std::string k = normalizeKey(phrase.get<std::string>());
            std::vector<std::string> w;
            for (size_t start = 0; start < k.size();) {
                const size_t end = std::min(k.find('_', start), k.size());
                w.emplace_back(k.substr(start, end - start));
                start = end + 1;
            }
            rule.phrases.push_back(std::move(w));
        }
        t.concepts.push_back(std::move(rule));
    }
    for (const auto& n : grammar.at("blockers"))
        t.blockers.insert(n.get<std::string>());
    for (const auto& n : grammar.at("points_in_time"))
        t.pointsInTime.insert(n.get<std::string>());
}

std::optional<UnitInfo> MetricCatalog::resolveUnit(std::string_view unit) const
{
    const auto& t = *m_tables;
    const std::string_view written = trim(unit);
    if (written.empty())
        return std::nullopt;
    const auto lookup = [&](std::string_view text) -> std::optional<UnitInfo> {
        std::string key = normalizeKey(text);
        if (key.empty())
            key = std::string(trim(text));
        if (const auto it = t.units.find(key); it != t.units.end())
            return it->second.info;
        return std::nullopt;
    };
    if (auto direct = lookup(written))
        return direct;
    // An SI prefix before a rate or a count ("ktok/s", "12k"), never before a time or a size unit, which have
    // their own names ("ms" is milliseconds, not mega-seconds).
    if (const auto p = t.siPrefixes.find(written.front()); p != t.siPrefixes.end()) {
        if (written.size() == 1)
            return UnitInfo {"", "count", p->second, std::string(1, written.front())};
        if (auto rest = lookup(written.substr(1)); rest && rest->dimension != "time" && rest->dimension != "size"
            && rest->dimension != "time_per_op" && rest->dimension != "percent") {
            rest->factor *= p->second;
            rest->symbol = std::string(1, written.front()) + rest->symbol;
            return rest;
        }
    }
    return std::nullopt;
}

std::optional<CatalogIndex> MetricCatalog::findMetric(std::string_view id) const
{
    for (size_t i = 0; i < m_metrics.size(); ++i) {
        if (m_metrics[i].id == id)
            return CatalogIndex(i);
    }
    return std::nullopt;
}

std::optional<CatalogIndex> MetricCatalog::percentileMetric(
    std::optional<CatalogIndex> metric, Statistic statistic) const
{
    if (!metric || this->metric(*metric).id != "latency_ms")
        return std::nullopt;
    switch (statistic) {
    case Statistic::P50:
    case Statistic::Median:
        return findMetric("latency_p50_ms");
    case Statistic::P95:
        return findMetric("latency_p95_ms");
    case Statistic::P99:
        return findMetric("latency_p99_ms");
    default:
        return std::nullopt;
    }
}

std::optional<double> MetricCatalog::unitFactor(CatalogIndex metric, std::string_view unit) const
{
    const MetricDef& def = this->metric(metric);
    const std::string u = normalizeKey(unit);
    if (u.empty())
        return 1;
    if (def.isTime) {
        if (const auto it = m_tables->unitToMs.find(u); it != m_tables->unitToMs.end())
            return it->second;
        // The grammar's wider table: "µs", "min", "h".
        const auto resolved = resolveUnit(unit);
        if (resolved && resolved->dimension == "time")
            return resolved->factor;
        return std::nullopt;
    }
    if (def.kind == MetricKind::Throughput) {
        if (def.unit == "tok/s" && (u == "tok_s" || u == "tokens_s" || u == "t_s" || u == "tps"))
            return 1;
        // Other spellings of the metric's own unit ("tok/sec", "ktok/s", "req/s" for request throughput).
        const auto resolved = resolveUnit(unit);
        if (resolved && resolved->unit == def.unit)
            return resolved->factor;
        return std::nullopt;
    }
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
                    it != t.aliases.end() && metric(it->second.metric).isTime) {
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
    if (stat == Statistic::Sample) {
        classifyByGrammar(rawName, result);
        return result; // else an unrecognized name: kept under its own name by the caller if numeric
    }

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
        result.metric.reset();
        result.statistic = stat;
        return result;
    }
    KeyClass byGrammar;
    classifyByGrammar(rawName, byGrammar);
    return byGrammar;
}

bool MetricCatalog::classifyByGrammar(std::string_view rawName, KeyClass& result) const
{
    const auto& t = *m_tables;
    // 1. The unit: a bracketed group anywhere ("Decode speed (tok/sec)", "Eval Rate [tokens/s]"), else the longest
    // run of final words that names a unit ("gen_toks_per_second", "prefill_tps", "ns/op").
    std::optional<UnitInfo> unit;
    std::string quantityKey;
    for (const auto& [open, close] : {std::pair('(', ')'), std::pair('[', ']')}) {
        const size_t o = rawName.rfind(open);
        const size_t c = o == std::string_view::npos ? o : rawName.find(close, o);
        if (c == std::string_view::npos)
            continue;
        if (auto u = resolveUnit(rawName.substr(o + 1, c - o - 1))) {
            unit = u;
            quantityKey = normalizeKey(std::string(rawName.substr(0, o)) + " " + std::string(rawName.substr(c + 1)));
            break;
        }
    }
    std::vector<std::string_view> w;
    const std::string key = normalizeKey(rawName);
    if (unit) {
        w = words(quantityKey);
    } else {
        w = words(key);
        // Statistic words after the unit ("decode_tok_s_p50") stay with the quantity, so look past them.
        std::vector<std::string_view> trailing;
        while (w.size() >= 2 && t.statWords.count(std::string(w.back())) != 0 && w.back() != "total"
            && w.back() != "overall") {
            trailing.insert(trailing.begin(), w.back());
            w.pop_back();
        }
        for (size_t n = std::min(t.maxUnitWords, w.size()); n >= 1 && !unit; --n) {
            const auto it = t.units.find(join(w, w.size() - n, w.size()));
            if (it != t.units.end() && it->second.suffix) {
                unit = it->second.info;
                w.resize(w.size() - n);
            }
        }
        w.insert(w.end(), trailing.begin(), trailing.end());
        quantityKey = join(w, 0, w.size());
    }
    if (!unit)
        return false;

    // 2. What the quantity is: a point in time or a parameter ("timestamp_s", "timeout_s") is no measurement.
    for (const auto word : w) {
        if (t.pointsInTime.count(std::string(word)) != 0) {
            result.role = KeyClass::Role::Label;
            return true;
        }
    }
    // Only a time limit keeps a unit in its parameter name ("timeout_s"); "tp (tok/s)" is no tensor parallelism.
    if (const auto it = t.dimensions.find(quantityKey); it != t.dimensions.end() && unit->dimension == "time") {
        result.role = KeyClass::Role::Dimension;
        result.dimension = key;
        return true;
    }

    // 3. Statistic words around the quantity ("mean decode speed", "ttft p99").
    Statistic stat = Statistic::Sample;
    size_t from = 0;
    size_t to = w.size();
    // "total" and "overall" stay in the quantity: "total token throughput" is a metric of its own.
    const auto isStat = [&](size_t i) {
        const auto it = t.statWords.find(std::string(w[i]));
        return it != t.statWords.end() && it->second != Statistic::Total && it->second != Statistic::Overall;
    };
    const auto takeStat = [&](size_t i) {
        if (!isStat(i))
            return false;
        const auto it = t.statWords.find(std::string(w[i]));
        if (stat == Statistic::Sample || stat == Statistic::Overall || stat == Statistic::Total)
            stat = it->second;
        return true;
    };
    while (from < to && (takeStat(from) || takeStat(to - 1))) {
        if (isStat(from))
            ++from;
        else
            --to;
    }
    const std::vector<std::string_view> q(
        w.begin() + static_cast<std::ptrdiff_t>(from), w.begin() + static_cast<std::ptrdiff_t>(to));

    // 4. The concept its words name, unless a blocker says it is a derived or unrelated number.
    const bool blocked
        = std::any_of(q.begin(), q.end(), [&](std::string_view word) { return t.blockers.count(std::string(word)); });
    const auto found = [&](CatalogIndex metric) {
        result.role = KeyClass::Role::Metric;
        result.metric = metric;
        result.statistic = stat;
        result.factor = unit->factor;
        result.unitFromName = true;
        return true;
    };
    if (!blocked) {
        // A quantity that is an alias of a metric in this unit ("Eval Rate [tokens/s]", "Load time (min)").
        if (const auto it = t.aliases.find(join(q, 0, q.size())); it != t.aliases.end()) {
            const MetricDef& def = metric(it->second.metric);
            if ((def.isTime && unit->dimension == "time") || (!def.isTime && def.unit == unit->unit))
                return found(it->second.metric);
        }
        for (const auto& rule : t.concepts) {
            if (rule.dimension != unit->dimension)
                continue;
            for (const auto& phrase : rule.phrases) {
                if (phrase.empty())
                    return found(rule.metric);
                for (size_t i = 0; i + phrase.size() <= q.size(); ++i) {
                    if (std::equal(phrase.begin(), phrase.end(), q.begin() + static_cast<std::ptrdiff_t>(i)))
                        return found(rule.metric);
                }
            }
        }
    }

    // 5. A quantity no concept takes keeps its own name and its values as written, and gets the unit:
    // compile_time_s is in s. (Converting it would rename and rescale a column that readers already know.)
    result.role = KeyClass::Role::Unknown;
    result.unit = unit->symbol;
    result.canonicalUnit = unit->unit;
    result.toCanonical = unit->factor;
    return true;
}

} // namespace benchlens
