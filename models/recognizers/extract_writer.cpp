#include "models/recognizers/extract_writer.h"

#include "models/util/text.h"

#include <algorithm>
#include <cassert>

namespace benchlens {

uint32_t ExtractWriter::key(std::string_view name)
{
    const auto [it, inserted] = m_keys.try_emplace(std::string(name), static_cast<uint32_t>(m_out.keys.size()));
    if (inserted)
        m_out.keys.emplace_back(name);
    return it->second;
}

Locator ExtractWriter::pointer(std::string_view jsonPointer, uint32_t jsonLine, std::string_view member)
{
    Locator loc;
    loc.kind = Locator::Kind::Pointer;
    loc.line = jsonLine;
    loc.pointer = static_cast<uint32_t>(m_out.pointers.size());
    m_out.pointers.emplace_back(jsonPointer);
    if (!member.empty())
        loc.key = key(member);
    return loc;
}

Locator ExtractWriter::cell(uint32_t line, std::string_view column)
{
    Locator loc;
    loc.kind = Locator::Kind::Cell;
    loc.line = line;
    if (!column.empty())
        loc.key = key(column);
    return loc;
}

Locator ExtractWriter::line(uint32_t line)
{
    Locator loc;
    loc.kind = Locator::Kind::Line;
    loc.line = line;
    return loc;
}

uint32_t ExtractWriter::group(FileExtract::Dims dims)
{
    FileExtract::Dims clean;
    for (auto& [name, value] : dims) {
        std::string v = cleanDimensionValue(value);
        if (!v.empty())
            clean.emplace_back(std::move(name), std::move(v));
    }
    std::sort(clean.begin(), clean.end());
    std::string id;
    for (const auto& [name, value] : clean) {
        id += name;
        id.push_back('\x1f');
        id += value;
        id.push_back('\x1e');
    }
    const auto [it, inserted] = m_groups.try_emplace(id, static_cast<uint32_t>(m_out.groups.size()));
    if (inserted)
        m_out.groups.push_back(std::move(clean));
    return it->second;
}

uint32_t ExtractWriter::metric(std::string_view catalogId)
{
    const auto& catalog = MetricCatalog::instance();
    const auto index = catalog.findMetric(catalogId);
    assert(index && "unknown catalog metric id");
    const auto [it, inserted]
        = m_metrics.try_emplace(std::string(catalogId), static_cast<uint32_t>(m_out.metrics.size()));
    if (inserted)
        m_out.metrics.push_back({index, std::string(catalogId), index ? catalog.metric(*index).unit : ""});
    return it->second;
}

uint32_t ExtractWriter::customMetric(std::string_view name, std::string_view unit)
{
    const std::string id = normalizeKey(name);
    const auto [it, inserted] = m_metrics.try_emplace(id, static_cast<uint32_t>(m_out.metrics.size()));
    if (inserted)
        m_out.metrics.push_back({std::nullopt, id, std::string(unit)});
    return it->second;
}

uint32_t ExtractWriter::record(uint32_t group, const Locator& locator, bool failed)
{
    m_out.records.push_back({group, locator, failed});
    return static_cast<uint32_t>(m_out.records.size() - 1);
}

void ExtractWriter::sample(uint32_t record, uint32_t metric, double value, std::string_view key)
{
    FileExtract::Value v;
    v.record = record;
    v.metric = metric;
    v.value = value;
    if (!key.empty())
        v.key = this->key(key);
    m_out.values.push_back(v);
}

void ExtractWriter::sampleAt(uint32_t record, uint32_t metric, double value, std::string jsonPointer)
{
    FileExtract::Value v;
    v.record = record;
    v.metric = metric;
    v.value = value;
    v.pointer = static_cast<uint32_t>(m_out.pointers.size());
    m_out.pointers.push_back(std::move(jsonPointer));
    m_out.values.push_back(v);
}

void ExtractWriter::reported(uint32_t group, uint32_t metric, Statistic statistic, double value,
    std::optional<uint32_t> n, const Locator& locator)
{
    m_out.reported.push_back({group, metric, statistic, value, n, locator});
}

void ExtractWriter::diagnostic(Severity severity, std::string locator, std::string message)
{
    m_out.diagnostics.push_back({severity, {}, std::move(locator), std::move(message)});
}

} // namespace benchlens
