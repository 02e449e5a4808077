#pragma once

#include "models/data/metric_catalog.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace benchlens {

// Units as the serving-benchmark tools write them next to their numbers ("unit": "ms", "(tokens/sec)",
// "samples/s"), for the tool recognizers that read units from the data instead of from key names.

// Milliseconds per one of `unit` (a time unit: "s", "sec", "ms", "us", "ns"), or nullopt for anything else.
inline std::optional<double> msPerUnit(std::string_view unit)
{
    const std::string u = normalizeKey(unit);
    if (u == "s" || u == "sec" || u == "secs" || u == "second" || u == "seconds")
        return 1000.0;
    if (u == "ms" || u == "msec" || u == "millisecond" || u == "milliseconds")
        return 1.0;
    if (u == "us" || u == "usec" || u == "microsecond" || u == "microseconds")
        return 1e-3;
    if (u == "ns" || u == "nsec" || u == "nanosecond" || u == "nanoseconds")
        return 1e-6;
    return std::nullopt;
}

// What a rate unit counts per second: "tokens/sec" -> "tok/s", "requests/sec" -> "req/s", "samples/s" ->
// "samples/s"; "" when `unit` is not a per-second rate of one of those.
inline std::string rateUnit(std::string_view unit)
{
    const std::string u = normalizeKey(unit);
    const auto perSecond = [&](std::string_view what) {
        return u == std::string(what) + "_s" || u == std::string(what) + "_sec" || u == std::string(what) + "_second"
            || u == std::string(what) + "_per_s" || u == std::string(what) + "_per_second";
    };
    if (perSecond("tokens") || perSecond("token") || perSecond("tok"))
        return "tok/s";
    if (perSecond("requests") || perSecond("request") || perSecond("req"))
        return "req/s";
    if (perSecond("samples") || perSecond("sample"))
        return "samples/s";
    return {};
}

// The percentile a statistic name states, as tools write them: "p(99.99)" (k6), "p99.9", "p99_9", "P95", and the
// digits-only "p999" / "p9999" (99.9 / 99.99: digits after a leading 99 are decimals). nullopt for other names.
inline std::optional<double> percentileInName(std::string_view name)
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

// The statistic of a percentile (50 -> P50, 99.9 -> P999, 100 -> Max), or nullopt when the statistic list has no
// slot for it (p(97.5)): the caller says so in a diagnostic instead of dropping it silently.
inline std::optional<Statistic> percentileStatistic(double p)
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
