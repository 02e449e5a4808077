#include "models/report/json_stream.h"

#include "models/util/utf8.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace benchlens {

void JsonStream::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_open.empty())
        return;
    m_out += m_open.back() ? ",\n" : "\n";
    m_open.back() = true;
    m_out.append(m_open.size(), ' ');
}

JsonStream& JsonStream::open(char bracket)
{
    separate();
    m_out += bracket;
    m_open.push_back(false);
    return *this;
}

JsonStream& JsonStream::close(char bracket)
{
    const bool any = m_open.back();
    m_open.pop_back();
    if (any) {
        m_out += '\n';
        m_out.append(m_open.size(), ' ');
    }
    m_out += bracket;
    return *this;
}

JsonStream& JsonStream::beginObject()
{
    return open('{');
}

JsonStream& JsonStream::endObject()
{
    return close('}');
}

JsonStream& JsonStream::beginArray()
{
    return open('[');
}

JsonStream& JsonStream::endArray()
{
    return close(']');
}

JsonStream& JsonStream::key(std::string_view name)
{
    separate();
    string(name);
    m_out += ": ";
    m_afterKey = true;
    return *this;
}

JsonStream& JsonStream::value(std::string_view text)
{
    separate();
    string(text);
    return *this;
}

JsonStream& JsonStream::value(double number)
{
    separate();
    if (!std::isfinite(number)) {
        m_out += "null";
        return *this;
    }
    // nlohmann's own shortest round-trip form (Grisu2, "1.0" for integral values), so that the text is the one its
    // dump() gave, not only the value.
    char buffer[64];
    const char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, number);
    m_out.append(buffer, static_cast<size_t>(end - buffer));
    return *this;
}

JsonStream& JsonStream::value(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonStream& JsonStream::signedValue(int64_t number)
{
    separate();
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
    m_out.append(buffer, static_cast<size_t>(end - buffer));
    return *this;
}

JsonStream& JsonStream::unsignedValue(uint64_t number)
{
    separate();
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
    m_out.append(buffer, static_cast<size_t>(end - buffer));
    return *this;
}

JsonStream& JsonStream::null()
{
    separate();
    m_out += "null";
    return *this;
}

void JsonStream::string(std::string_view text)
{
    if (!isValidUtf8(text)) {
        // Rare (the text boundary cleans what files say): nlohmann's replacement of each invalid sequence, exactly.
        m_out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    m_out += '"';
    size_t plain = 0; // start of the run of bytes copied as they are
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        m_out.append(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\b':
            m_out += "\\b";
            break;
        case '\t':
            m_out += "\\t";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\f':
            m_out += "\\f";
            break;
        case '\r':
            m_out += "\\r";
            break;
        default:
            m_out += "\\u00";
            m_out += kHex[c >> 4];
            m_out += kHex[c & 0xF];
        }
    }
    m_out.append(text.data() + plain, text.size() - plain);
    m_out += '"';
}

} // namespace benchlens
