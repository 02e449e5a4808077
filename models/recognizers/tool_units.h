#pragma once

#include "models/util/text.h"

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

} // namespace benchlens
