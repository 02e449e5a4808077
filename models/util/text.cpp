#include "models/util/text.h"

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
    for (size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        char lower = c;
        // The micro sign (U+00B5) and Greek mu (U+03BC) are the 'u' of "us": "µs" must not become "s".
        if (i + 1 < key.size() && ((c == '\xC2' && key[i + 1] == '\xB5') || (c == '\xCE' && key[i + 1] == '\xBC'))) {
            lower = 'u';
            ++i;
        }
        // A capital or small delta (U+0394, U+03B4) is the word "delta": "TTFT Δ (ms)" is a difference, no TTFT.
        if (i + 1 < key.size() && c == '\xCE' && (key[i + 1] == '\x94' || key[i + 1] == '\xB4')) {
            if (!out.empty())
                out.push_back('_');
            out += "delta";
            pendingSeparator = true;
            ++i;
            continue;
        }
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

namespace {
// A decimal number at the start of `s` with optional thousands separators: "3,154", "1,234,567.5". A comma is a
// thousands separator only between a first group of 1-3 digits and groups of exactly 3 digits, with a '.' or the
// end of the number after the last group; "3,15" or "1,5" stops at the comma (it could be a decimal comma).
// Returns the number of characters read (0: no number).
size_t readNumber(std::string_view s, double& value)
{
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || !std::isfinite(value))
        return 0;
    size_t used = static_cast<size_t>(ptr - s.data());
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    size_t intDigits = 0;
    while (intDigits < used && isDigit(s[intDigits]))
        ++intDigits;
    if (used != intDigits || intDigits == 0 || intDigits > 3 || used >= s.size() || s[used] != ',')
        return used;
    std::string joined(s.substr(0, used));
    size_t pos = used;
    while (pos + 3 < s.size() && s[pos] == ',' && isDigit(s[pos + 1]) && isDigit(s[pos + 2]) && isDigit(s[pos + 3])
        && (pos + 4 >= s.size() || !isDigit(s[pos + 4]))) {
        joined.append(s.substr(pos + 1, 3));
        pos += 4;
    }
    if (pos == used)
        return used;
    size_t end = pos;
    if (end < s.size() && s[end] == '.') {
        ++end;
        while (end < s.size() && isDigit(s[end]))
            ++end;
        joined.append(s.substr(pos, end - pos));
    }
    double grouped = 0;
    const auto [p2, ec2] = std::from_chars(joined.data(), joined.data() + joined.size(), grouped);
    if (ec2 != std::errc() || p2 != joined.data() + joined.size())
        return used;
    value = grouped;
    return end;
}

bool isUnitChar(std::string_view s, size_t i, size_t& width)
{
    const char c = s[i];
    width = 1;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '%')
        return true;
    if (i + 1 < s.size() && ((c == '\xC2' && s[i + 1] == '\xB5') || (c == '\xCE' && s[i + 1] == '\xBC'))) {
        width = 2; // µ, μ
        return true;
    }
    return false;
}

std::optional<NumberWithUnit> readNumberWithUnit(std::string_view s, std::string_view* rest)
{
    s = trim(s);
    while (!s.empty() && (s.front() == '*' || s.front() == '_' || s.front() == '~' || s.front() == '`'))
        s.remove_prefix(1);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    double value = 0;
    const size_t used = readNumber(s, value);
    if (used == 0)
        return std::nullopt;
    NumberWithUnit result;
    result.value = value;
    std::string_view after = s.substr(used);
    while (!after.empty() && (after.front() == ' ' || after.front() == '*' || after.front() == '_'))
        after.remove_prefix(1);
    size_t end = 0;
    size_t width = 1;
    while (end < after.size() && isUnitChar(after, end, width))
        end += width;
    result.unit = std::string(after.substr(0, end));
    if (rest)
        *rest = after.substr(end);
    return result;
}
} // namespace

std::optional<NumberWithUnit> parseLeadingNumber(std::string_view s)
{
    return readNumberWithUnit(s, nullptr);
}

std::optional<NumberWithUnit> parseNumberWithUnit(std::string_view s)
{
    std::string_view rest;
    auto result = readNumberWithUnit(s, &rest);
    // A Go duration ("1m23.52s", "1h2m3s", "2m0s", as Ollama's --verbose prints): summed into seconds.
    std::optional<double> goSeconds;
    if (result && (result->unit == "h" || result->unit == "m") && !rest.empty() && rest.front() >= '0'
        && rest.front() <= '9') {
        double seconds = result->value * (result->unit == "h" ? 3600 : 60);
        char last = result->unit.front();
        while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
            std::string_view next;
            const auto part = readNumberWithUnit(rest, &next);
            if (!part || (part->unit != "m" && part->unit != "s") || (part->unit == "m" && last != 'h'))
                return std::nullopt;
            seconds += part->value * (part->unit == "m" ? 60 : 1);
            last = part->unit.front();
            rest = next;
        }
        goSeconds = seconds;
    }
    while (!rest.empty()
        && (rest.front() == ' ' || rest.front() == '*' || rest.front() == '_' || rest.front() == '`'
            || rest.front() == '\t' || rest.front() == '\r'))
        rest.remove_prefix(1);
    if (!result || !rest.empty())
        return std::nullopt;
    if (goSeconds)
        return NumberWithUnit {*goSeconds, std::string(1, 's')};
    return result;
}

namespace {
// The UTF-8 box-drawing block U+2500..U+257F is E2 94 80 .. E2 95 BF. Horizontal strokes (─ ━ ═ ┄ ┅ ┈ ┉ ╌ ╍)
// become '-', everything else in the block (verticals, corners, junctions) '|'.
bool boxChar(std::string_view s, size_t i, char& as)
{
    if (i + 2 >= s.size() || s[i] != '\xE2' || (s[i + 1] != '\x94' && s[i + 1] != '\x95'))
        return false;
    const auto c = static_cast<unsigned char>(s[i + 2]);
    if (c < 0x80 || c > 0xBF)
        return false;
    const unsigned code = (s[i + 1] == '\x94' ? 0x2500u : 0x2540u) + (c - 0x80u);
    const bool horizontal = code == 0x2500 || code == 0x2501 || code == 0x2550 || code == 0x2504 || code == 0x2505
        || code == 0x2508 || code == 0x2509 || code == 0x254C || code == 0x254D;
    as = horizontal ? '-' : '|';
    return true;
}

// A line of only border characters (after box drawing became '|' and '-'): "|-----|-----|", "+---+---+", "====".
bool isBorderLine(std::string_view line)
{
    bool stroke = false;
    for (const char c : line) {
        if (c == '-' || c == '=')
            stroke = true;
        else if (c != '|' && c != '+' && c != ' ' && c != ':' && c != '\t')
            return false;
    }
    return stroke;
}
} // namespace

std::string cleanConsoleText(std::string_view text)
{
    // Carriage returns redraw a line only in text that has line feeds (a CR-only file uses them as line ends).
    const bool hasNewline = text.find('\n') != std::string_view::npos;
    const bool console = text.find('\x1b') != std::string_view::npos || text.find("\xE2\x94") != std::string_view::npos
        || text.find("\xE2\x95") != std::string_view::npos || text.find("\n+-") != std::string_view::npos
        || text.starts_with("+-") || [&] {
               if (!hasNewline)
                   return false;
               for (size_t i = text.find('\r'); i != std::string_view::npos; i = text.find('\r', i + 1)) {
                   if (i + 1 < text.size() && text[i + 1] != '\n')
                       return true;
               }
               return false;
           }();
    if (!console)
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    bool inTable = false; // the previous kept line was a table row
    bool separated = false; // this table already has its header separator
    size_t tableRows = 0; // content rows of this table so far
    size_t afterFirstRow = 0; // where in `out` the table's first row ends (after its line end)
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view raw = text.substr(pos, end - pos);
        const bool newline = end < text.size();
        pos = end + 1;
        bool crlf = false;
        while (!raw.empty() && raw.back() == '\r') {
            crlf = true;
            raw.remove_suffix(1);
        }
        // A redrawn line: what the terminal finally showed is what follows the last carriage return.
        if (const size_t cr = raw.rfind('\r'); cr != std::string_view::npos && hasNewline)
            raw = raw.substr(cr + 1);
        std::string line;
        line.reserve(raw.size());
        bool box = false;
        for (size_t i = 0; i < raw.size(); ++i) {
            const char c = raw[i];
            if (c == '\x1b') {
                // CSI "ESC [ params final", OSC "ESC ] ... BEL|ESC \\", or a two-character escape.
                if (i + 1 < raw.size() && raw[i + 1] == '[') {
                    const size_t params = i + 2;
                    i += 2;
                    while (i < raw.size() && !(raw[i] >= '@' && raw[i] <= '~'))
                        ++i;
                    // "ESC[1G" / "ESC[G" (to column 1) and "ESC[2K" (erase the line): what was drawn is gone.
                    const std::string_view p = raw.substr(params, i - params);
                    if (i < raw.size() && ((raw[i] == 'G' && (p.empty() || p == "1")) || (raw[i] == 'K' && p == "2")))
                        line.clear();
                } else if (i + 1 < raw.size() && raw[i + 1] == ']') {
                    i += 2;
                    while (i < raw.size() && raw[i] != '\a' && !(raw[i] == '\x1b' && i + 1 < raw.size()))
                        ++i;
                    if (i < raw.size() && raw[i] == '\x1b')
                        ++i;
                } else {
                    ++i;
                }
                continue;
            }
            // Braille patterns (U+2800..U+28FF, E2 A0..A3 xx) are spinner frames, never data.
            if (c == '\xE2' && i + 2 < raw.size() && raw[i + 1] >= '\xA0' && raw[i + 1] <= '\xA3') {
                i += 2;
                continue;
            }
            char as = 0;
            if (boxChar(raw, i, as)) {
                line.push_back(as);
                box = true;
                i += 2;
                continue;
            }
            line.push_back(c);
        }
        const std::string_view trimmed = trim(line);
        const bool asciiTable = trimmed.starts_with("+-") || (trimmed.starts_with('|') && trimmed.ends_with('|'));
        if ((box || asciiTable) && isBorderLine(trimmed)) {
            // Borders: the one under the first row separates the header; the rest are dropped (an empty line
            // keeps the line numbers of everything after it).
            if (inTable && !separated) {
                std::string sep(trimmed);
                for (auto& ch : sep)
                    ch = ch == '+' ? '|' : ch == '=' ? '-' : ch;
                separated = true;
                if (tableRows > 1) {
                    // Rows under the header before the border (a unit row): the separator goes right under the
                    // header and this line disappears, so every later line keeps its number.
                    out.insert(afterFirstRow, sep + (crlf ? "\r\n" : "\n"));
                    continue;
                }
                line = sep;
            } else {
                line.clear();
            }
        } else if (box || asciiTable) {
            if (!inTable) {
                separated = false;
                tableRows = 0;
            }
            inTable = true;
            ++tableRows;
        } else if (!trimmed.empty()) {
            inTable = false;
            separated = false;
        }
        out += line;
        if (crlf)
            out.push_back('\r');
        if (newline)
            out.push_back('\n');
        if (inTable && tableRows == 1 && !separated && (box || asciiTable))
            afterFirstRow = out.size();
    }
    return out;
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
