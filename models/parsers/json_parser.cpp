#include "models/parsers/json_parser.h"

#include "models/util/read_budget.h"

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
        ReadBudget::spendCells(1);
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
ParseError describeError(std::string_view bytes, simdjson::error_code code)
{
    ParseError error;
    error.message = simdjson::error_message(code);
    if (code == simdjson::DEPTH_ERROR) {
        // Not handed to nlohmann, which has no depth limit and would build the whole tree.
        error.message = fmt::format("arrays and objects are nested deeper than {} levels (the depth limit); the "
                                    "file was not read",
            simdjson::DEFAULT_MAX_DEPTH);
        return error;
    }
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
        if (code == simdjson::UTF8_ERROR)
            error.message = "the text is not valid UTF-8 (" + what + ")";
    } catch (const std::exception&) {
        // nlohmann accepted what simdjson rejected (e.g. depth limits): keep simdjson's message.
    }
    return error;
}
} // namespace

namespace {
bool isIdentChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Rewrites bare NaN / Infinity / -Infinity outside strings as the strings "nan" / "inf" / "-inf". Returns the
// number of tokens rewritten (0: `out` is untouched).
uint32_t quoteNonFiniteLiterals(std::string_view in, std::string& out)
{
    static constexpr std::pair<std::string_view, std::string_view> kTokens[]
        = {{"-Infinity", "\"-inf\""}, {"Infinity", "\"inf\""}, {"NaN", "\"nan\""}};
    uint32_t count = 0;
    bool inString = false;
    std::string result;
    size_t copied = 0;
    for (size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            continue;
        }
        if (c != 'N' && c != 'I' && c != '-')
            continue;
        for (const auto& [token, replacement] : kTokens) {
            if (in.substr(i, token.size()) == token && (i == 0 || !isIdentChar(in[i - 1]))
                && (i + token.size() == in.size() || !isIdentChar(in[i + token.size()]))) {
                result.append(in.substr(copied, i - copied));
                result.append(replacement);
                i += token.size() - 1;
                copied = i + 1;
                ++count;
                break;
            }
        }
    }
    if (count) {
        result.append(in.substr(copied));
        out = std::move(result);
    }
    return count;
}

// Parses one value into `builder`; retries once with non-finite literals quoted.
simdjson::error_code parseElement(std::string_view bytes, Document& doc, simdjson::dom::element& element)
{
    auto error = threadParser().parse(bytes.data(), bytes.size(), true).get(element);
    if (!error)
        return error;
    std::string quoted;
    if (const uint32_t n = quoteNonFiniteLiterals(bytes, quoted)) {
        const auto retry = threadParser().parse(quoted.data(), quoted.size(), true).get(element);
        if (!retry) {
            doc.nonFiniteLiterals += n;
            return retry;
        }
    }
    return error;
}
} // namespace

ParseResult parse(std::string_view bytes)
{
    ParseResult result;
    simdjson::dom::element root;
    if (const auto error = parseElement(bytes, result.document, root)) {
        result.error = describeError(bytes, error);
        return result;
    }
    Builder builder(result.document);
    ReadBudget::beginPass();
    builder.add(root, {});
    result.ok = true;
    return result;
}

std::vector<Embedded> findEmbedded(std::string_view bytes)
{
    std::vector<Embedded> found;
    uint32_t lineNo = 1;
    size_t pos = 0;
    while (pos < bytes.size()) {
        size_t end = bytes.find('\n', pos);
        if (end == std::string_view::npos)
            end = bytes.size();
        const size_t first = bytes.find_first_not_of(" \t", pos);
        if (first < end && (bytes[first] == '{' || bytes[first] == '[')) {
            // Find where the brackets balance, outside strings.
            int depth = 0;
            bool inString = false;
            size_t close = std::string_view::npos;
            for (size_t i = first; i < bytes.size(); ++i) {
                const char c = bytes[i];
                if (inString) {
                    if (c == '\\')
                        ++i;
                    else if (c == '"')
                        inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        close = i;
                        break;
                    }
                }
            }
            if (close != std::string_view::npos) {
                auto parsed = parse(bytes.substr(first, close - first + 1));
                if (parsed.ok) {
                    found.push_back({lineNo, std::move(parsed.document)});
                    for (size_t i = pos; i < close; ++i)
                        lineNo += bytes[i] == '\n' ? 1 : 0;
                    end = bytes.find('\n', close);
                    if (end == std::string_view::npos)
                        break;
                    pos = end + 1;
                    ++lineNo;
                    continue;
                }
            }
        }
        pos = end + 1;
        ++lineNo;
    }
    return found;
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
    ReadBudget::beginPass();
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
        if (const auto error = parseElement(line, result.document, element)) {
            ParseError e = describeError(line, error);
            e.line = lineNo;
            const auto first = line.find_first_not_of(" \t");
            e.looksLikeJson = line[first] == '{' || line[first] == '[';
            result.document.lineErrors.push_back(std::move(e));
            continue;
        }
        builder.appendChild(root, builder.add(element, {}), last);
        result.document.lineNumbers.push_back(lineNo);
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
