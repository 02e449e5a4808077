#include "models/recognizers/pipe_tables.h"

#include "models/recognizers/tool_stats.h"
#include "models/util/text.h"

namespace benchlens {

namespace {
std::vector<std::string> splitRow(std::string_view line)
{
    line = trim(line);
    if (!line.empty() && line.front() == '|')
        line.remove_prefix(1);
    if (!line.empty() && line.back() == '|')
        line.remove_suffix(1);
    std::vector<std::string> cells;
    std::string cell;
    for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell.push_back('|');
            ++i;
        } else if (line[i] == '|') {
            cells.emplace_back(trim(cell));
            cell.clear();
        } else {
            cell.push_back(line[i]);
        }
    }
    cells.emplace_back(trim(cell));
    for (auto& c : cells) {
        if (c.size() >= 2 && c.front() == '`' && c.back() == '`')
            c = std::string(trim(std::string_view(c).substr(1, c.size() - 2)));
    }
    return cells;
}

bool isSeparator(std::string_view line)
{
    line = trim(line);
    if (line.empty() || line.front() != '|')
        return false;
    bool dash = false;
    for (const char c : line) {
        if (c == '-')
            dash = true;
        else if (c != '|' && c != ':' && c != ' ' && c != '\t')
            return false;
    }
    return dash;
}
} // namespace

int PipeTable::column(std::string_view normalizedName) const
{
    for (size_t i = 0; i < header.size(); ++i) {
        if (normalizeKey(header[i]) == normalizedName)
            return static_cast<int>(i);
    }
    return -1;
}

std::vector<PipeTable> findPipeTables(std::string_view text)
{
    const std::vector<std::string_view> lines = splitLines(text);
    std::vector<PipeTable> tables;
    std::string heading;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string_view l = trim(lines[i]);
        if (!l.empty() && l.front() == '#') {
            const size_t start = l.find_first_not_of('#');
            std::string_view title = start == std::string_view::npos ? std::string_view() : l.substr(start);
            while (!title.empty() && (title.back() == '#' || title.back() == ' '))
                title.remove_suffix(1); // closing sequence: "### GPU 0 ###"
            heading = std::string(trim(title));
            continue;
        }
        if (l.empty() || l.front() != '|' || i + 1 >= lines.size() || !isSeparator(lines[i + 1]))
            continue;
        PipeTable t;
        t.line = static_cast<uint32_t>(i + 1);
        t.heading = heading;
        t.header = splitRow(l);
        size_t r = i + 2;
        for (; r < lines.size(); ++r) {
            const std::string_view row = trim(lines[r]);
            if (row.empty() || row.front() != '|')
                break;
            t.rows.push_back({static_cast<uint32_t>(r + 1), splitRow(row)});
        }
        tables.push_back(std::move(t));
        i = r - 1;
    }
    return tables;
}

} // namespace benchlens
