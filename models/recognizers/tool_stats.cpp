#include "models/recognizers/tool_stats.h"

#include "models/data/metric_catalog.h"
#include "models/recognizers/json_fields.h"
#include "models/util/text.h"

#include <fmt/format.h>

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

std::optional<JsonArrayFile> parseJsonArrayMember(std::string_view bytes, std::string_view key)
{
    auto parsed = parseJsonObject(bytes);
    if (!parsed)
        return std::nullopt;
    const json::Node* array = arrayMember(parsed->document, parsed->document.root(), key);
    if (!array)
        return std::nullopt;
    // Moving the document keeps its nodes where they are, so `array` stays valid.
    return JsonArrayFile {std::move(*parsed), array};
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

std::vector<std::string_view> splitLines(std::string_view bytes)
{
    std::vector<std::string_view> lines;
    forEachLine(bytes, [&](uint32_t, std::string_view line) {
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
    });
    return lines;
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

std::optional<double> percentileInName(std::string_view name)
{
    std::string_view s = trim(name);
    if (s.empty() || (s.front() != 'p' && s.front() != 'P'))
        return std::nullopt;
    s.remove_prefix(1);
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')')
        s = s.substr(1, s.size() - 2);
    std::string digits(s);
    for (char& c : digits) {
        if (c == '_')
            c = '.';
    }
    if (digits.empty() || digits.find_first_not_of("0123456789.") != std::string::npos)
        return std::nullopt;
    if (digits.find('.') == std::string::npos && digits.size() > 2 && digits.starts_with("99"))
        digits = fmt::format("{}.{}", std::string_view(digits).substr(0, 2), std::string_view(digits).substr(2));
    const auto p = parseNumber(digits);
    if (!p || *p < 0 || *p > 100)
        return std::nullopt;
    return p;
}

std::optional<Statistic> percentileStatistic(double p)
{
    if (p == 100)
        return Statistic::Max;
    if (p == 0)
        return Statistic::Min;
    for (int i = 0; i <= static_cast<int>(Statistic::CiUpper); ++i) {
        const auto s = static_cast<Statistic>(i);
        if (s != Statistic::Median && percentileOf(s) == p)
            return s;
    }
    return std::nullopt;
}

} // namespace benchlens
