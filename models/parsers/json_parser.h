#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens::json {

// A compact, immutable JSON tree built from simdjson's DOM: one vector of nodes, children linked by index,
// all strings copied into one arena owned by the document. No file I/O.

enum class Type : uint8_t
{
    Null,
    Bool,
    Number,
    String,
    Array,
    Object
};

struct Node
{
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;
    std::string_view key; // the member name when the parent is an object
    std::string_view text; // for strings
    uint32_t firstChild = kNone;
    uint32_t nextSibling = kNone;
    uint32_t childCount = 0;
    static constexpr uint32_t kNone = UINT32_MAX;
};

struct ParseError
{
    uint32_t line = 0; // 1-based; 0 when unknown
    uint32_t column = 0;
    std::string message;
    bool looksLikeJson = true; // JSON Lines: false for a line that does not start with '{' or '[' (log output)
};

class Document
{
public:
    Document();
    ~Document();
    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;

    bool empty() const { return m_nodes.empty(); }
    const Node& root() const { return m_nodes.front(); }
    const Node& node(uint32_t index) const { return m_nodes[index]; }
    uint32_t indexOf(const Node& n) const { return static_cast<uint32_t>(&n - m_nodes.data()); }
    // The member named `key` of an object node, or nullptr.
    const Node* member(const Node& object, std::string_view key) const;

    // Iterates the children of an array or object node.
    template <typename F> void forEachChild(const Node& parent, F&& f) const
    {
        for (uint32_t c = parent.firstChild; c != Node::kNone; c = m_nodes[c].nextSibling)
            f(m_nodes[c]);
    }

    std::vector<ParseError> lineErrors; // JSON Lines: lines that failed, the others are kept
    std::vector<uint32_t> lineNumbers; // JSON Lines: the 1-based file line of each child of the root
    uint32_t nonFiniteLiterals = 0; // bare NaN / Infinity / -Infinity tokens read as the strings "nan", "inf", "-inf"

private:
    friend class Builder;
    std::vector<Node> m_nodes;
    std::vector<std::unique_ptr<char[]>> m_arena;
    size_t m_arenaUsed = 0;
    size_t m_arenaCapacity = 0;
    size_t m_chunkIndex = 0;
    std::string_view store(std::string_view s);
};

struct ParseResult
{
    Document document;
    bool ok = false;
    ParseError error; // when !ok
};

// One JSON value (RFC 8259). On malformed input, `error` has the line and column of the first problem.
// The non-standard literals NaN, Infinity and -Infinity (Python's json.dump writes them) are accepted as the
// strings "nan", "inf" and "-inf", and counted in Document::nonFiniteLiterals.
ParseResult parse(std::string_view bytes);

// JSON Lines / NDJSON: every non-blank line is one value; the root is an array of them. Lines that fail are
// listed in Document::lineErrors; the result is ok when at least one line parsed.
ParseResult parseLines(std::string_view bytes);

// JSON values embedded in text: logs, Markdown code blocks, console captures. A value starts on a line whose first
// non-blank character is '{' or '[' and ends where its brackets balance; values that fail to parse are skipped.
struct Embedded
{
    uint32_t line = 0; // 1-based line where the value starts
    Document document;
};
std::vector<Embedded> findEmbedded(std::string_view bytes);

// True when the bytes look like JSON Lines rather than one JSON value (several top-level values, one per line).
bool looksLikeJsonLines(std::string_view bytes);

} // namespace benchlens::json
