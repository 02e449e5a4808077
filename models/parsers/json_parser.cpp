#include "json_parser.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstring>

namespace benchlens::json {

Document::Document() = default;
Document::~Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

std::string_view Document::store(std::string_view s)
{
    constexpr size_t kChunk = 64 * 1024;
    if (s.empty())
        return {};
    if (s.size() > kChunk / 4) {
        auto& big = m_arena.emplace_back(new char[s.size()]);
        std::memcpy(big.get(), s.data(), s.size());
        return {big.get(), s.size()};
    }
    if (m_arenaUsed + s.size() > m_arenaCapacity) {
        // Keep the current chunk as the last one so that appends continue into it.
        m_arena.emplace_back(new char[kChunk]);
        m_arenaUsed = 0;
        m_arenaCapacity = kChunk;
        m_chunkIndex = m_arena.size() - 1;
    }
    char* dst = m_arena[m_chunkIndex].get() + m_arenaUsed;
    std::memcpy(dst, s.data(), s.size());
    m_arenaUsed += s.size();
    return {dst, s.size()};
}

const Node* Document::member(const Node& object, std::string_view key) const
{
    if (object.type != Type::Object)
        return nullptr;
    for (uint32_t c = object.firstChild; c != Node::kNone; c = m_nodes[c].nextSibling) {
        if (m_nodes[c].key == key)
            return &m_nodes[c];
    }
    return nullptr;
}

class Builder
{
public:
    explicit Builder(Document& doc)
        : m_doc(doc)
    { }

    uint32_t add(simdjson::dom::element element, std::string_view key)
    {
        const auto index = static_cast<uint32_t>(m_doc.m_nodes.size());
        m_doc.m_nodes.emplace_back();
        Node node;
        node.key = m_doc.store(key);
        switch (element.type()) {
        case simdjson::dom::element_type::ARRAY:
            node.type = Type::Array;
            break;
        case simdjson::dom::element_type::OBJECT:
            node.type = Type::Object;
            break;
        case simdjson::dom::element_type::INT64:
            node.type = Type::Number;
            node.number = static_cast<double>(int64_t(element));
            break;
        case simdjson::dom::element_type::UINT64:
            node.type = Type::Number;
            node.number = static_cast<double>(uint64_t(element));
            break;
        case simdjson::dom::element_type::DOUBLE:
            node.type = Type::Number;
            node.number = double(element);
            break;
        case simdjson::dom::element_type::STRING:
            node.type = Type::String;
            node.text = m_doc.store(std::string_view(element));
            break;
        case simdjson::dom::element_type::BOOL:
            node.type = Type::Bool;
            node.boolean = bool(element);
            break;
        case simdjson::dom::element_type::NULL_VALUE:
            node.type = Type::Null;
            break;
        }
        m_doc.m_nodes[index] = node;
        uint32_t last = Node::kNone;
        const auto link = [&](uint32_t child) {
            if (last == Node::kNone)
                m_doc.m_nodes[index].firstChild = child;
            else
                m_doc.m_nodes[last].nextSibling = child;
            last = child;
            ++m_doc.m_nodes[index].childCount;
        };
        if (node.type == Type::Array) {
            for (simdjson::dom::element child : simdjson::dom::array(element))
                link(add(child, {}));
        } else if (node.type == Type::Object) {
            for (simdjson::dom::key_value_pair field : simdjson::dom::object(element))
                link(add(field.value, field.key));
        }
        return index;
    }

    uint32_t addSyntheticArray()
    {
        m_doc.m_nodes.emplace_back();
        m_doc.m_nodes.back().type = Type::Array;
        return static_cast<uint32_t>(m_doc.m_nodes.size() - 1);
    }

    void appendChild(uint32_t parent, uint32_t child, uint32_t& last)
    {
        if (last == Node::kNone)
            m_doc.m_nodes[parent].firstChild = child;
        else
            m_doc.m_nodes[last].nextSibling = child;
        last = child;
        ++m_doc.m_nodes[parent].childCount;
    }

private:
    Document& m_doc;
};

namespace {
simdjson::dom::parser& threadParser()
{
    thread_local simdjson::dom::parser parser;
    return parser;
}

// simdjson says what is wrong but not where; nlohmann's parser (only on this error path) gives the byte offset.
ParseError describeError(std::string_view bytes, const char* simdjsonMessage)
{
    ParseError error;
    error.message = simdjsonMessage;
    try {
        const auto accepted = nlohmann::json::parse(bytes.begin(), bytes.end());
        (void)accepted;
    } catch (const nlohmann::json::parse_error& e) {
        const size_t offset = e.byte > 0 ? std::min<size_t>(e.byte - 1, bytes.size()) : 0;
        uint32_t line = 1;
        size_t lineStart = 0;
        for (size_t i = 0; i < offset; ++i) {
            if (bytes[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        error.line = line;
        error.column = static_cast<uint32_t>(offset - lineStart + 1);
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> the reason.
        if (const auto colon = what.find(": "); colon != std::string::npos)
            what = what.substr(colon + 2);
        error.message = what;
    } catch (const std::exception&) {
        // nlohmann accepted what simdjson rejected (e.g. depth limits): keep simdjson's message.
    }
    return error;
}
} // namespace

ParseResult parse(std::string_view bytes)
{
    ParseResult result;
    simdjson::dom::element root;
    const auto error = threadParser().parse(bytes.data(), bytes.size(), true).get(root);
    if (error) {
        result.error = describeError(bytes, simdjson::error_message(error));
        return result;
    }
    Builder builder(result.document);
    builder.add(root, {});
    result.ok = true;
    return result;
}

bool looksLikeJsonLines(std::string_view bytes)
{
    // The first value sits whole on its line and another line starts a value; later lines may be broken
    // (a benchmark still writing), which parseLines reports line by line.
    size_t valueLines = 0;
    size_t pos = 0;
    while (pos < bytes.size() && valueLines < 2) {
        size_t end = bytes.find('\n', pos);
        if (end == std::string_view::npos)
            end = bytes.size();
        std::string_view line = bytes.substr(pos, end - pos);
        pos = end + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        if (line.empty())
            continue;
        const bool starts = line.front() == '{' || line.front() == '[';
        const bool whole = (line.front() == '{' && line.back() == '}') || (line.front() == '[' && line.back() == ']');
        if (valueLines == 0 && !whole)
            return false;
        if (!starts)
            return false;
        ++valueLines;
    }
    return valueLines >= 2;
}

ParseResult parseLines(std::string_view bytes)
{
    ParseResult result;
    Builder builder(result.document);
    const uint32_t root = builder.addSyntheticArray();
    uint32_t last = Node::kNone;
    uint32_t lineNo = 0;
    size_t pos = 0;
    size_t parsed = 0;
    while (pos < bytes.size()) {
        ++lineNo;
        size_t end = bytes.find('\n', pos);
        if (end == std::string_view::npos)
            end = bytes.size();
        const std::string_view line = bytes.substr(pos, end - pos);
        pos = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        simdjson::dom::element element;
        const auto error = threadParser().parse(line.data(), line.size(), true).get(element);
        if (error) {
            ParseError e = describeError(line, simdjson::error_message(error));
            e.line = lineNo;
            result.document.lineErrors.push_back(std::move(e));
            continue;
        }
        builder.appendChild(root, builder.add(element, {}), last);
        ++parsed;
    }
    result.ok = parsed > 0;
    if (!result.ok) {
        result.error = result.document.lineErrors.empty() ? ParseError {0, 0, "no JSON values"}
                                                          : result.document.lineErrors.front();
    }
    return result;
}

} // namespace benchlens::json
