#include "models/util/escape.h"

#include <iterator>
#include <utility>

namespace benchlens {

namespace {
// The five characters markup cannot hold as themselves; HTML, XML and Markdown text need the first three.
constexpr std::pair<char, std::string_view> kEntities[]
    = {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}};

// The entity for `c` among the first `count` of kEntities; empty for any other character.
std::string_view entityOf(char c, size_t count)
{
    for (size_t k = 0; k < count; ++k) {
        if (kEntities[k].first == c)
            return kEntities[k].second;
    }
    return {};
}
} // namespace

std::string escapeMarkdown(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '#':
        case '!':
        case '~':
            out.push_back('\\');
            out.push_back(c);
            break;
        case '<':
        case '>':
        case '&':
            out += entityOf(c, 3);
            break;
        case '\n':
        case '\r':
            out.push_back(' ');
            break;
        case ':':
            // "https://..." and "www." from input must stay text: GitHub's Markdown turns them into live links.
            if (s.substr(i, 3) == "://")
                out.push_back('\\');
            out.push_back(c);
            break;
        case '.':
            if (out.size() >= 3 && out.compare(out.size() - 3, 3, "www") == 0)
                out.push_back('\\');
            out.push_back(c);
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

namespace {
std::string escapeMarkup(std::string_view s, bool xml)
{
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        if (const std::string_view entity = entityOf(c, std::size(kEntities)); !entity.empty())
            out += entity;
        else if (xml && static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
            out.push_back(' ');
        else
            out.push_back(c);
    }
    return out;
}
} // namespace

std::string escapeHtml(std::string_view s)
{
    return escapeMarkup(s, false);
}

std::string escapeXml(std::string_view s)
{
    return escapeMarkup(s, true);
}

std::string unescapeHtml(std::string_view s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto& [c, entity] : kEntities) {
                if (s.substr(i, entity.size()) == entity) {
                    out.push_back(c);
                    i += entity.size() - 1;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced)
            out.push_back(s[i]);
    }
    return out;
}

} // namespace benchlens
