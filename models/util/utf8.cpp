#include "models/util/utf8.h"

#include <cstdint>

namespace benchlens {

namespace {
// Decodes one well-formed UTF-8 character at `s[i]`; returns its length (1-4) and sets `cp`, or 0 when the bytes
// there are not well-formed (a stray continuation byte, an overlong form, a surrogate, a truncated sequence).
size_t decode(std::string_view s, size_t i, uint32_t& cp)
{
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    size_t len = 0;
    uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (size_t k = 1; k < len; ++k) {
        if ((b(k) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool isUnsafe(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFE || cp == 0xFFFF;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6"; // U+2026
} // namespace

size_t utf8SequenceLength(std::string_view s, size_t i)
{
    uint32_t cp = 0;
    return decode(s, i, cp);
}

bool isValidUtf8(std::string_view s)
{
    for (size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        uint32_t cp = 0;
        const size_t len = decode(s, i, cp);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

CleanText cleanText(std::string_view s, size_t maxBytes)
{
    CleanText out;
    // The common case, plain printable ASCII within the limit, is copied as it is.
    bool plain = s.size() <= maxBytes;
    for (size_t i = 0; plain && i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        plain = c >= 0x20 && c < 0x7F;
    }
    if (plain) {
        out.text.assign(s);
        return out;
    }
    out.text.reserve(s.size() < maxBytes ? s.size() : maxBytes);
    const size_t limit = maxBytes == std::string::npos ? maxBytes : (maxBytes > 3 ? maxBytes - 3 : 0);
    for (size_t i = 0; i < s.size();) {
        uint32_t cp = 0;
        size_t len = decode(s, i, cp);
        std::string_view piece = s.substr(i, len);
        if (len == 0) {
            piece = kReplacement;
            len = 1;
            ++out.replaced;
        } else if (cp == '\n' || cp == '\r') {
            piece = " ";
        } else if (isUnsafe(cp)) {
            piece = kReplacement;
            ++out.replaced;
        }
        if (s.size() > maxBytes && out.text.size() + piece.size() > limit) {
            out.text.append(kEllipsis);
            return out;
        }
        out.text.append(piece);
        i += len;
    }
    return out;
}

std::string displayPath(std::string_view bytes)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        uint32_t cp = 0;
        size_t len = decode(bytes, i, cp);
        if (len == 0 || isUnsafe(cp)) {
            const size_t n = len == 0 ? 1 : len;
            for (size_t k = 0; k < n; ++k) {
                const auto c = static_cast<unsigned char>(bytes[i + k]);
                out += "\\x";
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0xF]);
            }
            i += n;
            continue;
        }
        out.append(bytes.substr(i, len));
        i += len;
    }
    return out;
}

std::string_view truncateUtf8(std::string_view s, size_t maxBytes)
{
    if (s.size() <= maxBytes)
        return s;
    size_t end = maxBytes;
    // Step back over continuation bytes to the start of the character that would be cut.
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        --end;
    return s.substr(0, end);
}

} // namespace benchlens
