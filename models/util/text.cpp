#include "text.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>

namespace benchlens {

std::string_view trim(std::string_view s)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string normalizeKey(std::string_view key)
{
    std::string out;
    out.reserve(key.size());
    bool pendingSeparator = false;
    for (const char c : key) {
        char lower = c;
        if (c >= 'A' && c <= 'Z')
            lower = static_cast<char>(c - 'A' + 'a');
        const bool alnum = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        if (!alnum) {
            pendingSeparator = !out.empty();
            continue;
        }
        if (pendingSeparator)
            out.push_back('_');
        pendingSeparator = false;
        out.push_back(lower);
    }
    return out;
}

std::optional<double> parseNumber(std::string_view s)
{
    s = trim(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return std::nullopt;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<NumberWithUnit> parseLeadingNumber(std::string_view s)
{
    s = trim(s);
    while (!s.empty() && (s.front() == '*' || s.front() == '_' || s.front() == '~' || s.front() == '`'))
        s.remove_prefix(1);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || !std::isfinite(value))
        return std::nullopt;
    NumberWithUnit result;
    result.value = value;
    std::string_view rest = s.substr(static_cast<size_t>(ptr - s.data()));
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '*' || rest.front() == '_'))
        rest.remove_prefix(1);
    size_t end = 0;
    while (end < rest.size()) {
        const char c = rest[end];
        const bool unitChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '%';
        if (!unitChar)
            break;
        ++end;
    }
    result.unit = std::string(rest.substr(0, end));
    return result;
}

std::string cleanNumber(double value)
{
    if (!std::isfinite(value))
        return fmt::format("{}", value);
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return fmt::format("{}", static_cast<long long>(value));
    // float32 carries about 7 significant digits: the shortest text within that precision is what was meant.
    for (int precision = 1; precision <= 17; ++precision) {
        std::string text = fmt::format("{:.{}g}", value, precision);
        double back = 0;
        std::from_chars(text.data(), text.data() + text.size(), back);
        if (std::fabs(back - value) <= 1e-7 * std::fabs(value))
            return text;
    }
    return fmt::format("{}", value);
}

std::string cleanDimensionValue(std::string_view raw)
{
    raw = trim(raw);
    if (const auto number = parseNumber(raw))
        return cleanNumber(*number);
    return std::string(raw);
}

std::string formatValue(double value)
{
    if (!std::isfinite(value))
        return "n/a";
    const double magnitude = std::fabs(value);
    if (magnitude == 0)
        return "0";
    if (magnitude >= 1e9 || magnitude < 1e-4)
        return fmt::format("{:.3g}", value);
    if (magnitude >= 1)
        return fmt::format("{:.2f}", value);
    // Below 1: three significant digits (0.0866, 0.125).
    const int decimals = -static_cast<int>(std::floor(std::log10(magnitude))) + 2;
    return fmt::format("{:.{}f}", value, decimals);
}

bool isTruthy(std::string_view s)
{
    const std::string k = normalizeKey(s);
    return k == "true" || k == "yes" || k == "ok" || k == "1" || k == "success" || k == "passed";
}

bool isFalsy(std::string_view s)
{
    const std::string k = normalizeKey(s);
    return k == "false" || k == "no" || k == "0" || k == "failed" || k == "failure" || k == "error";
}

namespace {
// Days from 1970-01-01 to the civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool digitsAt(std::string_view s, size_t pos, size_t count, int& out)
{
    if (pos + count > s.size())
        return false;
    out = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}
} // namespace

std::optional<double> parseTimestamp(std::string_view s)
{
    s = trim(s);
    if (const auto n = parseNumber(s)) {
        if (*n > 1e12 && *n < 1e14)
            return *n / 1000; // milliseconds
        if (*n > 1e8 && *n < 1e11)
            return *n;
        return std::nullopt;
    }
    int year, month, day, hour, minute, second;
    if (s.size() < 19 || !digitsAt(s, 0, 4, year) || s[4] != '-' || !digitsAt(s, 5, 2, month) || s[7] != '-'
        || !digitsAt(s, 8, 2, day) || (s[10] != 'T' && s[10] != ' ') || !digitsAt(s, 11, 2, hour) || s[13] != ':'
        || !digitsAt(s, 14, 2, minute) || s[16] != ':' || !digitsAt(s, 17, 2, second) || month < 1 || month > 12
        || day < 1 || day > 31)
        return std::nullopt;
    double t = double(daysFromCivil(year, unsigned(month), unsigned(day))) * 86400 + hour * 3600 + minute * 60 + second;
    size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        double scale = 0.1;
        for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10)
            t += (s[pos] - '0') * scale;
    }
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digitsAt(s, pos + 1, 2, oh) || pos + 3 >= s.size()
            || !digitsAt(s, pos + 4 - (s[pos + 3] == ':' ? 0 : 1), 2, om))
            return std::nullopt;
        const double offset = oh * 3600 + om * 60;
        t += s[pos] == '+' ? -offset : offset;
    }
    return t;
}

std::string csvField(std::string_view s)
{
    if (s.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

} // namespace benchlens
