#include "models/parsers/csv_parser.h"

#include "models/util/read_budget.h"
#include "models/util/utf8.h"

#include <fmt/format.h>

#include <array>
#include <cstring>

namespace benchlens::csv {

namespace {
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr size_t kMaxIssues = 20;

std::string_view stripBom(std::string_view bytes)
{
    if (bytes.substr(0, 3) == kUtf8Bom)
        bytes.remove_prefix(3);
    return bytes;
}
} // namespace

Encoding detectEncoding(std::string_view bytes)
{
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
        return Encoding::Utf16;
    const std::string_view head = bytes.substr(0, 64 * 1024);
    size_t nulAtOdd = 0;
    size_t nulAtEven = 0;
    size_t invalid = 0;
    for (size_t i = 0; i < head.size();) {
        if (head[i] == '\0') {
            (i % 2 ? nulAtOdd : nulAtEven)++;
            ++i;
            continue;
        }
        const size_t len = utf8SequenceLength(head, i);
        if (len == 0) {
            ++invalid;
            ++i;
        } else {
            i += len;
        }
    }
    const size_t nul = nulAtOdd + nulAtEven;
    if (nul > 0 && (nulAtOdd > head.size() / 4 || nulAtEven > head.size() / 4))
        return Encoding::Utf16;
    if (nul > 0 || invalid > head.size() / 10 + 1)
        return Encoding::Binary;
    return Encoding::Utf8;
}

char sniffDelimiter(std::string_view bytes)
{
    bytes = stripBom(bytes);
    constexpr std::array<char, 4> candidates = {',', ';', '\t', '|'};
    constexpr size_t kLines = 20;
    std::array<std::array<uint32_t, kLines>, 4> counts {};
    size_t line = 0;
    bool inQuotes = false;
    for (size_t i = 0; i < bytes.size() && line < kLines; ++i) {
        const char c = bytes[i];
        if (c == '"') {
            inQuotes = !inQuotes;
        } else if (!inQuotes && c == '\n') {
            ++line;
        } else if (!inQuotes) {
            for (size_t k = 0; k < candidates.size(); ++k) {
                if (c == candidates[k])
                    ++counts[k][line];
            }
        }
    }
    const size_t lines = std::max<size_t>(1, std::min(line + 1, kLines));
    char best = ',';
    size_t bestScore = 0;
    for (size_t k = 0; k < candidates.size(); ++k) {
        const uint32_t first = counts[k][0];
        if (first == 0)
            continue;
        size_t consistent = 0;
        for (size_t l = 0; l < lines; ++l)
            consistent += counts[k][l] == first ? 1 : 0;
        // Consistency first, then the number of columns it makes.
        const size_t score = consistent * 1000 + std::min<uint32_t>(first, 999);
        if (score > bestScore) {
            bestScore = score;
            best = candidates[k];
        }
    }
    return best;
}

namespace {
struct FieldSpan
{
    size_t begin = 0;
    size_t length = 0;
    bool hasDoubledQuotes = false;
};
} // namespace

ParseResult parse(std::string_view bytes, char delimiter, const std::function<bool(const Row&)>& onRow)
{
    bytes = stripBom(bytes);
    ReadBudget::beginPass();
    ParseResult result;
    result.delimiter = delimiter != 0 ? delimiter : sniffDelimiter(bytes);
    const char delim = result.delimiter;
    size_t raggedRows = 0;

    std::vector<FieldSpan> spans;
    std::vector<std::string_view> fields;
    std::string scratch;
    size_t headerFields = 0;
    uint32_t line = 1;
    uint32_t rowIndex = 0;
    size_t pos = 0;
    const size_t n = bytes.size();

    const auto addIssue = [&](uint32_t atLine, std::string message) {
        if (result.issues.size() < kMaxIssues)
            result.issues.push_back({atLine, std::move(message)});
    };

    while (pos < n) {
        const uint32_t rowLine = line;
        spans.clear();
        bool endOfRow = false;
        while (!endOfRow) {
            FieldSpan span;
            if (pos < n && bytes[pos] == '"') {
                ++pos;
                span.begin = pos;
                bool closed = false;
                while (pos < n) {
                    const char* quote = static_cast<const char*>(std::memchr(bytes.data() + pos, '"', n - pos));
                    const size_t q = quote ? static_cast<size_t>(quote - bytes.data()) : n;
                    for (size_t k = pos; k < q; ++k)
                        line += bytes[k] == '\n' ? 1 : 0;
                    pos = q;
                    if (pos >= n)
                        break;
                    if (pos + 1 < n && bytes[pos + 1] == '"') {
                        span.hasDoubledQuotes = true;
                        pos += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                span.length = pos - span.begin;
                if (!closed) {
                    addIssue(rowLine, "a quoted field is never closed; the rest of the file was read as one field");
                } else {
                    ++pos; // closing quote
                    // Text between the closing quote and the delimiter is not RFC 4180; skip it but say so.
                    const size_t junkStart = pos;
                    while (pos < n && bytes[pos] != delim && bytes[pos] != '\n' && bytes[pos] != '\r')
                        ++pos;
                    if (pos > junkStart)
                        addIssue(rowLine, "text after a closing quote was ignored");
                }
            } else {
                span.begin = pos;
                while (pos < n && bytes[pos] != delim && bytes[pos] != '\n' && bytes[pos] != '\r')
                    ++pos;
                span.length = pos - span.begin;
            }
            spans.push_back(span);
            if (pos >= n) {
                endOfRow = true;
            } else if (bytes[pos] == delim) {
                ++pos;
            } else {
                if (bytes[pos] == '\r')
                    ++pos;
                if (pos < n && bytes[pos] == '\n')
                    ++pos;
                ++line;
                endOfRow = true;
            }
        }
        if (spans.size() == 1 && spans[0].length == 0)
            continue; // an empty line
        ReadBudget::spendCells(spans.size());

        // Unescape doubled quotes into scratch, reserved up front so earlier views stay valid.
        size_t needed = 0;
        for (const auto& s : spans)
            needed += s.hasDoubledQuotes ? s.length : 0;
        scratch.clear();
        scratch.reserve(needed);
        fields.clear();
        for (const auto& s : spans) {
            const std::string_view raw = bytes.substr(s.begin, s.length);
            if (!s.hasDoubledQuotes) {
                fields.push_back(raw);
                continue;
            }
            const size_t start = scratch.size();
            for (size_t k = 0; k < raw.size(); ++k) {
                scratch.push_back(raw[k]);
                if (raw[k] == '"' && k + 1 < raw.size() && raw[k + 1] == '"')
                    ++k;
            }
            fields.push_back(std::string_view(scratch).substr(start));
        }

        if (rowIndex == 0) {
            headerFields = fields.size();
        } else if (fields.size() != headerFields) {
            if (raggedRows++ < 5)
                addIssue(
                    rowLine, fmt::format("row has {} fields where the header has {}", fields.size(), headerFields));
        }
        ++result.rows;
        if (!onRow(Row {fields, rowIndex++, rowLine}))
            break;
    }
    if (raggedRows > 5)
        addIssue(0, fmt::format("{} rows in all have a field count different from the header's", raggedRows));
    return result;
}

} // namespace benchlens::csv
