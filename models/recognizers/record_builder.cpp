#include "models/recognizers/record_builder.h"

#include "models/data/user_map.h"
#include "models/parsers/json_parser.h"
#include "models/recognizers/recognizer.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <unordered_set>

namespace benchlens {

RecordBuilder::RecordBuilder(FileExtract& out, const FileInput& input)
    : m_out(out)
    , m_catalog(MetricCatalog::instance())
    , m_map(input.userMap && !input.userMap->empty() ? input.userMap : nullptr)
    , m_path(input.relativePath)
{
    if (m_map)
        m_mappedSlot.assign(m_map->rules.size(), -1);
}

KeyClass RecordBuilder::classify(std::string_view rawName, int* rule)
{
    const int r = m_map ? m_map->find(rawName, m_path) : -1;
    if (rule)
        *rule = r;
    if (r < 0)
        return m_catalog.classify(rawName);
    auto& slot = m_mappedSlot[static_cast<size_t>(r)];
    if (slot < 0) {
        slot = static_cast<int>(m_out.mapped.size());
        m_out.mapped.push_back({static_cast<uint32_t>(r), 0});
    }
    return m_map->rules[static_cast<size_t>(r)].keyClass();
}

void RecordBuilder::countMapped(int rule)
{
    if (rule >= 0)
        ++m_out.mapped[static_cast<size_t>(m_mappedSlot[static_cast<size_t>(rule)])].values;
}

uint32_t RecordBuilder::key(std::string_view rawName)
{
    const std::string name(rawName);
    if (const auto it = m_keyIndex.find(name); it != m_keyIndex.end())
        return it->second;
    const auto index = static_cast<uint32_t>(m_out.keys.size());
    m_out.keys.push_back(name);
    int rule = -1;
    m_classes.push_back(classify(rawName, &rule));
    m_keyRule.push_back(rule);
    m_ownNames.push_back(normalizeKey(rawName));
    m_ownUnits.push_back(m_classes.back().unit);
    m_ownCanonical.push_back(m_classes.back().canonicalUnit);
    m_ownToCanonical.push_back(m_classes.back().toCanonical);
    m_unplacedNoted.push_back(false);
    m_unparseable.push_back(0);
    static const std::unordered_set<std::string> promptKeys = {"prompt", "prompt_text", "prompt_id", "prompt_index"};
    static const std::unordered_set<std::string> timeKeys = {"timestamp", "timestamp_utc", "datetime", "test_datetime",
        "test_timestamp", "created_at", "start_time", "started_at", "time_utc"};
    const std::string& normalized = m_ownNames.back();
    m_annotations.push_back(promptKeys.count(normalized) ? Annotation::Prompt
            : timeKeys.count(normalized)                 ? Annotation::Time
                                                         : Annotation::None);
    m_keyIndex.emplace(name, index);
    return index;
}

void RecordBuilder::treatAsDimension(uint32_t k)
{
    KeyClass c;
    c.role = KeyClass::Role::Dimension;
    c.dimension = m_ownNames[k];
    m_classes[k] = c;
}

uint32_t RecordBuilder::unparseableCells(uint32_t key) const
{
    return key < m_unparseable.size() ? m_unparseable[key] : 0;
}

void RecordBuilder::begin(Locator locator, const FileExtract::Dims& context)
{
    m_locator = locator;
    m_dims = context;
    m_pending.clear();
    m_failed = false;
    m_sampleCount.reset();
    m_impliedMetric.reset();
    m_impliedFactor = 1;
    m_promptHash = 0;
    m_hasTime = false;
}

void RecordBuilder::addDimension(const std::string& name, std::string_view rawValue)
{
    std::string value = cleanDimensionValue(rawValue);
    if (value.empty())
        return;
    for (auto& [k, v] : m_dims) {
        if (k == name) {
            v = std::move(value);
            return;
        }
    }
    m_dims.emplace_back(name, std::move(value));
}

void RecordBuilder::addText(uint32_t k, std::string_view text)
{
    if (m_keyRule[k] >= 0 && !trim(text).empty())
        countMapped(m_keyRule[k]);
    if (m_annotations[k] == Annotation::Prompt && !trim(text).empty()) {
        m_promptHash = std::hash<std::string_view> {}(trim(text)) | 1;
    } else if (m_annotations[k] == Annotation::Time) {
        if (const auto t = parseTimestamp(text)) {
            m_timeS = *t;
            m_hasTime = true;
        }
    }
    const KeyClass& c = m_classes[k];
    switch (c.role) {
    case KeyClass::Role::Dimension:
        addDimension(c.dimension, text);
        return;
    case KeyClass::Role::Failure:
        if (!trim(text).empty() && !isFalsy(text) && trim(text) != "null" && trim(text) != "None")
            m_failed = true;
        return;
    case KeyClass::Role::Success:
        if (isFalsy(text))
            m_failed = true;
        return;
    case KeyClass::Role::ConfigObject: {
        // An embedded JSON object in a cell ({"temperature":0.3,"top_p":0.9}) carries configuration.
        const std::string cell(trim(text));
        if (cell.empty() || cell.front() != '{')
            return;
        auto it = m_embeddedConfigCache.find(cell);
        if (it == m_embeddedConfigCache.end()) {
            FileExtract::Dims dims;
            const auto parsed = json::parse(cell);
            if (parsed.ok) {
                const auto& doc = parsed.document;
                doc.forEachChild(doc.root(), [&](const json::Node& member) {
                    const KeyClass mc = classify(member.key);
                    const std::string dimName
                        = mc.role == KeyClass::Role::Dimension ? mc.dimension : normalizeKey(member.key);
                    if (member.type == json::Type::Number)
                        dims.emplace_back(dimName, cleanNumber(member.number));
                    else if (member.type == json::Type::String)
                        dims.emplace_back(dimName, std::string(member.text));
                    else if (member.type == json::Type::Bool)
                        dims.emplace_back(dimName, member.boolean ? "true" : "false");
                });
            }
            it = m_embeddedConfigCache.emplace(cell, std::move(dims)).first;
        }
        for (const auto& [name, value] : it->second)
            addDimension(name, value);
        return;
    }
    case KeyClass::Role::Metric:
    case KeyClass::Role::Unknown:
    case KeyClass::Role::SampleCount: {
        if (trim(text).empty())
            return;
        if (const auto v = parseNumber(text)) {
            addNumberUncounted(k, *v);
        } else if (const auto n = parseNumberWithUnit(text)) {
            // "14.65 us", "1.2 s", "3,154": a number with its unit in the cell.
            addNumberWithUnit(k, n->value, n->unit);
        } else if (c.role == KeyClass::Role::Metric) {
            ++m_unparseable[k];
        }
        return;
    }
    case KeyClass::Role::Label:
        return;
    }
}

void RecordBuilder::addBool(uint32_t k, bool value)
{
    countMappedKey(k);
    const KeyClass& c = m_classes[k];
    if (c.role == KeyClass::Role::Success && !value)
        m_failed = true;
    else if (c.role == KeyClass::Role::Failure && value)
        m_failed = true;
    else if (c.role == KeyClass::Role::Dimension)
        addDimension(c.dimension, value ? "true" : "false");
}

void RecordBuilder::addNumber(uint32_t k, double value)
{
    countMappedKey(k);
    addNumberUncounted(k, value);
}

void RecordBuilder::addNumberUncounted(uint32_t k, double value)
{
    if (m_annotations[k] == Annotation::Prompt) {
        m_promptHash = std::hash<double> {}(value) | 1;
    } else if (m_annotations[k] == Annotation::Time) {
        if (const auto t = parseTimestamp(fmt::format("{}", value))) {
            m_timeS = *t;
            m_hasTime = true;
        }
    }
    const KeyClass& c = m_classes[k];
    switch (c.role) {
    case KeyClass::Role::Dimension:
        addDimension(c.dimension, cleanNumber(value));
        return;
    case KeyClass::Role::SampleCount:
        if (value >= 0 && value < 4e9)
            m_sampleCount = static_cast<uint32_t>(value);
        return;
    case KeyClass::Role::Success:
        if (value == 0)
            m_failed = true;
        return;
    case KeyClass::Role::Metric:
        if (c.metric) {
            m_pending.push_back({k, c.metric, c.statistic, value * c.factor});
        } else if (m_impliedMetric) {
            m_pending.push_back({k, m_impliedMetric, c.statistic, value * m_impliedFactor});
        }
        return;
    case KeyClass::Role::Unknown:
        m_pending.push_back({k, std::nullopt, Statistic::Sample, value});
        noteUnplaced(k);
        return;
    default:
        return;
    }
}

void RecordBuilder::addNumberWithUnit(uint32_t k, double value, std::string_view unit)
{
    if (unit.empty()) {
        addNumberUncounted(k, value);
        return;
    }
    if (m_classes[k].role == KeyClass::Role::Unknown && m_ownUnits[k].empty()) {
        // A column whose header has no unit takes it from its cells: "decode speed" over "41.2 tok/s" is read as
        // "decode speed (tok/s)", which the name grammar may place (throughput) or keep under its own name.
        const std::string& raw = m_out.keys[k];
        KeyClass withUnit = m_catalog.classify(raw + " (" + std::string(unit) + ")");
        if (withUnit.role == KeyClass::Role::Metric && withUnit.metric) {
            withUnit.unitFromName = false; // the unit is the cells', read per cell
            m_classes[k] = withUnit;
        } else if (withUnit.role == KeyClass::Role::Unknown && !withUnit.unit.empty()) {
            m_ownUnits[k] = withUnit.canonicalUnit;
            m_ownCanonical[k] = withUnit.canonicalUnit;
            m_ownToCanonical[k] = 1;
        }
    }
    const KeyClass& c = m_classes[k];
    if (c.role == KeyClass::Role::Metric && c.metric) {
        const auto factor = m_catalog.unitFactor(*c.metric, unit);
        if (!factor) {
            ++m_unparseable[k]; // "3 tokens" in a latency column
            return;
        }
        m_pending.push_back({k, c.metric, c.statistic, value * *factor});
        return;
    }
    if (c.role == KeyClass::Role::Unknown) {
        const auto resolved = m_catalog.resolveUnit(unit);
        if (!resolved || m_ownUnits[k].empty() || resolved->unit != m_ownCanonical[k])
            return; // a unit that does not fit the column's: no number of this column
        m_pending.push_back({k, std::nullopt, Statistic::Sample, value * resolved->factor / m_ownToCanonical[k]});
        return;
    }
    if (c.role == KeyClass::Role::Dimension || c.role == KeyClass::Role::SampleCount)
        addNumberUncounted(k, value);
}

void RecordBuilder::noteUnplaced(uint32_t k)
{
    // Counts of things done ("prompt_count", "completed", "total_runs") are bookkeeping, not data left unread.
    static const std::unordered_set<std::string> countWords
        = {"count", "completed", "failed", "succeeded", "total", "num", "number", "runs", "iterations"};
    const std::string& name = m_ownNames[k];
    for (size_t start = 0; start < name.size();) {
        const size_t end = std::min(name.find('_', start), name.size());
        if (countWords.count(name.substr(start, end - start)) != 0)
            return;
        start = end + 1;
    }
    ++m_out.unplacedNumbers;
    if (m_unplacedNoted[k])
        return;
    m_unplacedNoted[k] = true;
    ++m_out.unplacedFields;
    if (m_out.unplacedNames.size() < FileExtract::kUnplacedNamesShown)
        m_out.unplacedNames.push_back(m_out.keys[k]);
}

void RecordBuilder::addResolved(
    uint32_t k, std::optional<CatalogIndex> metricIndex, Statistic statistic, double canonicalValue)
{
    countMappedKey(k);
    m_pending.push_back({k, metricIndex, statistic, canonicalValue});
}

uint32_t RecordBuilder::group(const FileExtract::Dims& dims)
{
    m_groupKeyScratch.clear();
    for (const auto& [k, v] : dims) {
        m_groupKeyScratch += k;
        m_groupKeyScratch.push_back('\x1f');
        m_groupKeyScratch += v;
        m_groupKeyScratch.push_back('\x1e');
    }
    if (const auto it = m_groupIndex.find(m_groupKeyScratch); it != m_groupIndex.end())
        return it->second;
    const auto index = static_cast<uint32_t>(m_out.groups.size());
    m_out.groups.push_back(dims);
    m_groupIndex.emplace(m_groupKeyScratch, index);
    return index;
}

uint32_t RecordBuilder::metric(std::optional<CatalogIndex> catalog, uint32_t key)
{
    const std::string& name = catalog ? m_catalog.metric(*catalog).id : m_ownNames[key];
    if (const auto it = m_metricIndex.find(name); it != m_metricIndex.end())
        return it->second;
    const auto index = static_cast<uint32_t>(m_out.metrics.size());
    m_out.metrics.push_back({catalog, name, catalog ? m_catalog.metric(*catalog).unit : m_ownUnits[key]});
    m_metricIndex.emplace(name, index);
    return index;
}

RecordBuilder::Outcome RecordBuilder::finish(Kind kind, bool keepFailureWithoutMetrics)
{
    Outcome outcome;
    bool hasSampleMetric = false;
    bool allSampleMetricsZero = true;
    for (const auto& p : m_pending) {
        if (p.metric)
            outcome.hadMetrics = true;
        if (p.metric && p.statistic == Statistic::Sample) {
            hasSampleMetric = true;
            allSampleMetricsZero = allSampleMetricsZero && p.value == 0;
        }
    }
    std::sort(m_dims.begin(), m_dims.end());
    const bool sampleRecord = kind == Kind::Auto && hasSampleMetric;
    // A failed call often records zeros for every metric; zeros are not measurements.
    outcome.failed = m_failed || (sampleRecord && allSampleMetricsZero);

    if (sampleRecord || (outcome.failed && keepFailureWithoutMetrics)) {
        const uint32_t g = group(m_dims);
        const auto recordIndex = static_cast<uint32_t>(m_out.records.size());
        m_out.records.push_back({g, m_locator, outcome.failed, m_promptHash,
            m_hasTime ? m_timeS : std::numeric_limits<double>::quiet_NaN()});
        outcome.sample = true;
        if (outcome.failed)
            return outcome;
        for (const auto& p : m_pending) {
            // Inside one observation, "total_tokens" is that observation's own count, not an aggregate.
            if (p.statistic == Statistic::Sample || p.statistic == Statistic::Total) {
                const auto catalogMetric = p.statistic == Statistic::Total ? std::nullopt : p.metric;
                m_out.values.push_back({recordIndex, metric(catalogMetric, p.key), p.key, p.value});
                continue;
            }
            // A per-record percentile (a run's p95) is a sample of the percentile metric, not an aggregate.
            if (const auto pm = m_catalog.percentileMetric(p.metric, p.statistic)) {
                m_out.values.push_back({recordIndex, metric(pm, p.key), p.key, p.value});
                continue;
            }
            Locator loc = m_locator;
            loc.key = p.key;
            m_out.reported.push_back({g, metric(p.metric, p.key), p.statistic, p.value, {}, loc});
        }
        return outcome;
    }
    if (!outcome.hadMetrics)
        return outcome;
    const uint32_t g = group(m_dims);
    for (const auto& p : m_pending) {
        Locator loc = m_locator;
        loc.key = p.key;
        const Statistic s = p.statistic == Statistic::Sample ? Statistic::Value : p.statistic;
        m_out.reported.push_back({g, metric(p.metric, p.key), s, p.value, m_sampleCount, loc});
    }
    return outcome;
}

} // namespace benchlens
