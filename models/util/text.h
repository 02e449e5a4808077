#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace benchlens {

// Locale-independent text helpers. Numbers are parsed with std::from_chars and formatted with fmt, so a German
// LC_NUMERIC (decimal comma) cannot change a result.

std::string_view trim(std::string_view s);

// Lower case; every run of characters other than [a-z0-9] becomes one '_'; no leading/trailing '_'.
// "Generation Time (ms)" -> "generation_time_ms". The micro sign and mu are 'u' ("µs" -> "us"), a delta is the
// word "delta" ("TTFT Δ (ms)" -> "ttft_delta_ms").
std::string normalizeKey(std::string_view key);

// A whole-cell number: optional surrounding spaces, optional leading '+', decimal or exponent notation.
// Returns nullopt for empty text, text with trailing garbage, and for "nan"/"inf" (callers count those).
std::optional<double> parseNumber(std::string_view s);

// A number at the start of free text followed by an optional unit word: "41.42 tok/s", "300.65 ms", "**7.90**",
// "14.65 µs", "3,154 tokens". Thousands separators are read where unambiguous: a first group of 1-3 digits, then
// ",ddd" groups ("1,234,567.5"); "3,15" reads as 3 (it could be a decimal comma). The unit is the run of letters,
// '/', '%', 'µ' right after the number; MetricCatalog::resolveUnit says what it means.
struct NumberWithUnit
{
    double value = 0;
    std::string unit; // as written, e.g. "tok/s", "ms", "%"; empty when none
};
std::optional<NumberWithUnit> parseLeadingNumber(std::string_view s);
// A whole cell that is a number with an optional unit and nothing else: "14.65 us", "1.2 s", "3,154", "12 %".
// nullopt for empty text, text after the unit ("12 ms (p50)"), and for what parseLeadingNumber rejects.
std::optional<NumberWithUnit> parseNumberWithUnit(std::string_view s);

// Console output made readable text: ANSI escape sequences (colours, cursor moves, OSC titles) removed; of a line
// redrawn with carriage returns (a spinner, a progress bar) only the last drawing kept ("\r\n" endings stay);
// box-drawing tables ("│ a │ b │", "┌───┬───┐") turned into pipe tables: verticals and junctions become '|',
// the border under the first row becomes a "|---|" separator and other border lines are dropped. ASCII "+---+"
// borders are treated alike. Text without any of these comes back unchanged.
std::string cleanConsoleText(std::string_view text);

// Shortest decimal text that round-trips the value to float precision: 0.6000000238418579 -> "0.6", 80.0 -> "80".
std::string cleanNumber(double value);

// Cleans a configuration value for display and identity: numbers through cleanNumber, text trimmed.
std::string cleanDimensionValue(std::string_view raw);

// Formats a statistic for people: two decimals from 1 up (182.87, 2319.00), three significant digits below 1
// (0.0866), an exponent only for extreme magnitudes.
std::string formatValue(double value);

// A point in time as seconds since the Unix epoch (UTC): ISO 8601 ("2025-10-02T15:18:24.5Z", a space instead of
// the T, an optional +hh:mm offset; no zone means UTC) or a Unix time in seconds or milliseconds. nullopt otherwise.
std::optional<double> parseTimestamp(std::string_view s);

// One CSV field as RFC 4180 writes it: text with a comma, quote, CR or LF in double quotes, quotes doubled.
std::string csvField(std::string_view s);

bool isTruthy(std::string_view s);
bool isFalsy(std::string_view s);

} // namespace benchlens
