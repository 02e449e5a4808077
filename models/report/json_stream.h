#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

// A JSON writer that appends to a string as it goes, with no tree of the document: for documents that grow with the
// folder (`summarize --json`), where building an nlohmann DOM first cost ten times the document in memory. It writes
// what nlohmann's dump(1, ' ', false, error_handler_t::replace) writes for the same values: one space of indent per
// level, "key": value, numbers as nlohmann prints them (non-finite doubles as null), strings escaped the same way
// (invalid UTF-8 replaced by U+FFFD). The caller nests begin/end calls correctly; keys inside objects only.
class JsonStream
{
public:
    explicit JsonStream(std::string& out)
        : m_out(out)
    { }

    JsonStream& beginObject();
    JsonStream& endObject();
    JsonStream& beginArray();
    JsonStream& endArray();
    JsonStream& key(std::string_view name);

    JsonStream& value(std::string_view text);
    JsonStream& value(const std::string& text) { return value(std::string_view(text)); }
    JsonStream& value(const char* text) { return value(std::string_view(text)); }
    JsonStream& value(double number);
    JsonStream& value(bool flag);
    template <std::integral T>
    requires(!std::same_as<T, bool>) JsonStream& value(T number)
    {
        if constexpr (std::is_signed_v<T>)
            return signedValue(static_cast<int64_t>(number));
        else
            return unsignedValue(static_cast<uint64_t>(number));
    }
    JsonStream& null();

    // key(name) then value(v).
    template <typename T> JsonStream& member(std::string_view name, const T& v)
    {
        key(name);
        return value(v);
    }
    JsonStream& nullMember(std::string_view name)
    {
        key(name);
        return null();
    }

private:
    void separate(); // what comes before a value or a key: the comma, the line break and the indent
    JsonStream& open(char bracket); // `{` or `[`: starts a container
    JsonStream& close(char bracket); // `}` or `]`: ends it, on its own line when it holds anything
    void string(std::string_view text);
    JsonStream& signedValue(int64_t number);
    JsonStream& unsignedValue(uint64_t number);

    std::string& m_out;
    std::vector<bool> m_open; // per open container: something was written in it
    bool m_afterKey = false;
};

} // namespace benchlens
