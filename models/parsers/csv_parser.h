#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens::csv {

// RFC 4180 CSV reader over bytes already in memory: quoted fields, doubled quotes, newlines inside quotes,
// UTF-8 BOM, CRLF or LF, delimiter sniffing among , ; TAB |. No file I/O, no allocation per cell: each row's
// fields are views into the input or into one reused scratch buffer, valid only during the callback.

struct Row
{
    std::span<const std::string_view> fields;
    uint32_t index = 0; // 0 for the header, then 1, 2, ... (data rows)
    uint32_t line = 0; // 1-based line in the file where the row starts
};

struct Issue
{
    uint32_t line = 0;
    std::string message;
};

// What parse() found besides the rows it passed on (not Result<T>: a CSV parse always gives rows and issues).
struct ParseResult
{
    char delimiter = ',';
    uint32_t rows = 0; // including the header
    std::vector<Issue> issues; // at most a handful, then a count
};

enum class Encoding
{
    Utf8,
    Utf16,
    Binary
};

// Classifies the bytes: a UTF-16 BOM or NUL-interleaved text is Utf16; other NUL bytes or mostly invalid UTF-8
// is Binary. Only the first 64 KiB are looked at.
Encoding detectEncoding(std::string_view bytes);

// Picks the delimiter whose count is non-zero and most consistent over the first lines (outside quotes).
char sniffDelimiter(std::string_view bytes);

// Calls `onRow` for every non-empty record, header first. `onRow` returns false to stop (cancel).
// `delimiter` 0 means sniff. Rows whose field count differs from the header's are reported as issues
// but still passed on.
ParseResult parse(std::string_view bytes, char delimiter, const std::function<bool(const Row&)>& onRow);

} // namespace benchlens::csv
