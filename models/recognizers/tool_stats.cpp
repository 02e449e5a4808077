#include "models/recognizers/tool_stats.h"

#include "models/data/metric_catalog.h"
#include "models/recognizers/json_fields.h"

namespace benchlens {

int sniff(const FileInput& in, FileType type, std::initializer_list<std::string_view> all,
    std::initializer_list<std::string_view> any, size_t limit)
{
    if (in.type != type)
        return 0;
    const auto h = head(in.bytes, limit);
    return containsAll(h, all) && (any.size() == 0 || containsAny(h, any)) ? confidence::Certain : 0;
}

std::optional<json::ParseResult> parseJsonObject(std::string_view bytes)
{
    auto parsed = json::parse(bytes);
    if (!parsed.ok || parsed.document.root().type != json::Type::Object)
        return std::nullopt;
    return parsed;
}

const json::Node* arrayMember(const json::Document& doc, const json::Node& object, std::string_view key)
{
    const json::Node* m = doc.member(object, key);
    return m && m->type == json::Type::Array ? m : nullptr;
}

size_t reportStats(ExtractWriter& w, uint32_t group, uint32_t metric, const json::Document& doc,
    const json::Node& object, std::string_view pointer, std::span<const StatKey> keys, double factor,
    std::optional<uint32_t> n)
{
    size_t written = 0;
    for (const auto& [key, statistic] : keys) {
        if (const auto v = numberField(doc, object, key)) {
            w.reported(group, metric, statistic, *v * factor, n, w.pointer(pointer, 0, key));
            ++written;
        }
    }
    return written;
}

std::vector<std::string_view> splitWords(std::string_view line)
{
    std::vector<std::string_view> out;
    const auto space = [&](size_t i) { return line[i] == ' ' || line[i] == '\t' || line[i] == '\r'; };
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && space(i))
            ++i;
        const size_t start = i;
        while (i < line.size() && !space(i))
            ++i;
        if (i > start)
            out.push_back(line.substr(start, i - start));
    }
    return out;
}

std::optional<double> msPerUnit(std::string_view unit)
{
    const auto resolved = MetricCatalog::instance().resolveUnit(unit);
    if (!resolved || resolved->dimension != "time")
        return std::nullopt;
    return resolved->factor;
}

std::string rateUnit(std::string_view unit)
{
    const auto resolved = MetricCatalog::instance().resolveUnit(unit);
    if (!resolved || resolved->factor != 1)
        return {};
    const auto& d = resolved->dimension;
    return d == "token_rate" || d == "request_rate" || d == "sample_rate" ? resolved->unit : std::string();
}

std::optional<FileExtract> unlessEmpty(FileExtract&& out)
{
    if (out.records.empty() && out.reported.empty())
        return std::nullopt;
    return std::move(out);
}

} // namespace benchlens
