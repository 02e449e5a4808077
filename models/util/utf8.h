#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace benchlens {

// The text boundary: bytes read from input become strings that any output (JSON, Markdown, HTML, SVG, PDF, a
// terminal) can carry. Input files may hold any bytes; everything BenchLens writes is valid UTF-8 without control
// characters that could act on a terminal or reorder text.

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view s);

// Length (1-4) of the well-formed UTF-8 character at `s[i]` (i < s.size()), or 0 when the bytes there are not one.
size_t utf8SequenceLength(std::string_view s, size_t i);

struct CleanText
{
    std::string text;
    size_t replaced = 0; // bytes or characters that were replaced
};

// Text drawn from a file's content (a model name, a header, a cell, a key, a diagnostic): each byte that is not
// part of well-formed UTF-8 becomes U+FFFD, and so do C0/C1 control characters other than tab (newlines become a
// space), DEL, the bidirectional embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069) and the
// noncharacters U+FFFE/U+FFFF. Text longer than `maxBytes` is cut at a character boundary and ends in "…".
CleanText cleanText(std::string_view s, size_t maxBytes = std::string::npos);

// A file or folder name as bytes on disk, shown as text: well-formed UTF-8 stays as it is; each byte that is not,
// and each control character, is written as \xNN (as Python's backslashreplace does), so two names that differ
// only in such bytes stay different. The original bytes are kept separately to open the file.
std::string displayPath(std::string_view bytes);

// The longest prefix of `s` of at most `maxBytes` bytes that does not cut a UTF-8 character in half.
std::string_view truncateUtf8(std::string_view s, size_t maxBytes);

} // namespace benchlens
