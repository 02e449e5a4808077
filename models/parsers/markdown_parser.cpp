#include "models/parsers/markdown_parser.h"

#include "models/util/read_budget.h"

#include <md4c.h>

#include <algorithm>

namespace benchlens::markdown {

namespace {
class Collector
{
public:
    explicit Collector(std::string_view bytes)
        : m_bytes(bytes)
    {
        m_lineStarts.push_back(0);
        for (size_t i = 0; i < bytes.size(); ++i) {
            if (bytes[i] == '\n')
                m_lineStarts.push_back(i + 1);
        }
    }

    Document doc;

    uint32_t lineOf(const char* p) const
    {
        if (p < m_bytes.data() || p > m_bytes.data() + m_bytes.size())
            return 0; // text md4c synthesized (entities): no position
        const auto offset = static_cast<size_t>(p - m_bytes.data());
        const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
        return static_cast<uint32_t>(it - m_lineStarts.begin());
    }

    int enter(MD_BLOCKTYPE type)
    {
        switch (type) {
        case MD_BLOCK_CODE:
        case MD_BLOCK_HTML:
            ++m_skipDepth;
            break;
        case MD_BLOCK_TABLE:
            m_inTable = true;
            m_table = Table {};
            m_table.section = m_section;
            break;
        case MD_BLOCK_THEAD:
            m_inHead = true;
            break;
        case MD_BLOCK_TR:
            m_row.clear();
            m_rowLine = 0;
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            m_cell.clear();
            break;
        case MD_BLOCK_H:
            startLine(true);
            m_inHeading = true;
            break;
        case MD_BLOCK_P:
        case MD_BLOCK_LI:
            if (!m_inTable)
                startLine(false);
            break;
        default:
            break;
        }
        return 0;
    }

    int leave(MD_BLOCKTYPE type)
    {
        switch (type) {
        case MD_BLOCK_CODE:
        case MD_BLOCK_HTML:
            --m_skipDepth;
            break;
        case MD_BLOCK_TABLE:
            m_inTable = false;
            doc.tables.push_back(std::move(m_table));
            break;
        case MD_BLOCK_THEAD:
            m_inHead = false;
            break;
        case MD_BLOCK_TR:
            if (m_inHead) {
                m_table.header = m_row;
                m_table.line = m_rowLine;
            } else {
                m_table.rows.push_back(m_row);
                m_table.rowLines.push_back(m_rowLine);
            }
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            m_row.push_back(m_cell);
            break;
        case MD_BLOCK_H:
            finishLine();
            m_inHeading = false;
            break;
        case MD_BLOCK_P:
        case MD_BLOCK_LI:
            if (!m_inTable)
                finishLine();
            break;
        default:
            break;
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size)
    {
        if (m_skipDepth > 0 || type == MD_TEXT_HTML)
            return 0;
        const std::string_view t(text, size);
        if (m_inTable) {
            if (m_rowLine == 0)
                m_rowLine = lineOf(text);
            m_cell.append(t);
            return 0;
        }
        if (!m_lineOpen)
            return 0;
        if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR) {
            const bool heading = m_current.heading;
            finishLine();
            startLine(heading);
            return 0;
        }
        if (m_current.line == 0)
            m_current.line = lineOf(text);
        m_current.text.append(type == MD_TEXT_NULLCHAR ? std::string_view("\xEF\xBF\xBD") : t);
        return 0;
    }

private:
    void startLine(bool heading)
    {
        // A list item holds a paragraph: keep one open line, not two.
        if (m_lineOpen)
            finishLine();
        m_current = TextLine {};
        m_current.heading = heading;
        m_current.section = m_section;
        m_lineOpen = true;
    }

    void finishLine()
    {
        if (!m_lineOpen)
            return;
        m_lineOpen = false;
        if (m_current.heading)
            m_section = m_current.text;
        if (!m_current.text.empty())
            doc.lines.push_back(std::move(m_current));
    }

    std::string_view m_bytes;
    std::vector<size_t> m_lineStarts;
    std::string m_section;
    int m_skipDepth = 0;
    bool m_inTable = false;
    bool m_inHead = false;
    bool m_inHeading = false;
    bool m_lineOpen = false;
    Table m_table;
    std::vector<std::string> m_row;
    std::string m_cell;
    uint32_t m_rowLine = 0;
    TextLine m_current;
};
} // namespace

namespace {
constexpr size_t kTargetPiece = 16 * 1024;
constexpr size_t kMaxPiece = 64 * 1024;
constexpr size_t kMaxTablePiece = 4 * 1024 * 1024;

// True for a line that opens or closes a fenced code block: up to three spaces, then ``` or ~~~.
bool isFence(std::string_view line)
{
    size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ')
        ++i;
    line.remove_prefix(i);
    return line.starts_with("```") || line.starts_with("~~~");
}

bool isBlank(std::string_view line)
{
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// True for a line of a pipe table: optional spaces, then '|'.
bool isTableRow(std::string_view line)
{
    const size_t first = line.find_first_not_of(" \t");
    return first != std::string_view::npos && line[first] == '|';
}

// The first piece of `text` to parse on its own: at least kTargetPiece bytes where the text is that long, ending
// after a blank line outside a fence; at most kMaxPiece bytes (then ending at a line end, or anywhere for a line
// longer than that), except inside a pipe table, which is kept whole up to kMaxTablePiece so its rows keep their
// header.
std::string_view nextPiece(std::string_view text)
{
    if (text.size() <= kTargetPiece)
        return text;
    bool inFence = false;
    bool blockIsTable = true; // every line since the last blank line is a table row
    size_t lastLineEnd = 0;
    for (size_t pos = 0; pos < text.size();) {
        const size_t nl = text.find('\n', pos);
        const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        const std::string_view line = text.substr(pos, end - pos);
        const bool blank = isBlank(line);
        blockIsTable = blank || (blockIsTable && isTableRow(line));
        if (end > (blockIsTable && !inFence ? kMaxTablePiece : kMaxPiece))
            return text.substr(0, lastLineEnd > 0 ? lastLineEnd : std::min(text.size(), kMaxPiece));
        if (isFence(line))
            inFence = !inFence;
        else if (!inFence && pos >= kTargetPiece && blank)
            return text.substr(0, end);
        lastLineEnd = end;
        pos = end;
    }
    return text;
}
} // namespace

Document parse(std::string_view bytes)
{
    Collector collector(bytes);
    MD_PARSER parser {};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block
        = [](MD_BLOCKTYPE type, void*, void* user) { return static_cast<Collector*>(user)->enter(type); };
    parser.leave_block
        = [](MD_BLOCKTYPE type, void*, void* user) { return static_cast<Collector*>(user)->leave(type); };
    parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
        return static_cast<Collector*>(user)->text(type, text, size);
    };
    // md4c's inline parsing is quadratic on some inputs (a 400 KB file of unclosed brackets and emphasis took
    // 51 s): the text is handed over in pieces cut at blank lines outside code fences, where every Markdown block
    // ends anyway, so a table or a list item is never cut. A block longer than kMaxPiece without a blank line is
    // cut at a line end. Line numbers stay those of the whole file (the collector maps pointers into `bytes`).
    for (std::string_view rest = bytes; !rest.empty();) {
        ReadBudget::check();
        const std::string_view piece = nextPiece(rest);
        md_parse(piece.data(), static_cast<MD_SIZE>(piece.size()), &parser, &collector);
        rest.remove_prefix(piece.size());
    }
    return std::move(collector.doc);
}

} // namespace benchlens::markdown
