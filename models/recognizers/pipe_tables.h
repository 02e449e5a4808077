#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

// Pipe tables found line by line in any text: Markdown reports, and the logs and console captures that tools
// print their tables into (where a Markdown parser would not see a table after a log line). A table is a
// '|' row followed by a '|---|' separator row; it ends at the first line that does not start with '|'.
struct PipeTable
{
    uint32_t line = 0; // 1-based line of the header row
    std::string heading; // the closest line above that starts with '#', without the '#'s; "" when none
    std::vector<std::string> header; // trimmed cells
    struct Row
    {
        uint32_t line = 0;
        std::vector<std::string> cells; // trimmed; backticks around a whole cell removed
    };
    std::vector<Row> rows;

    // Index of the header cell whose normalized name equals `name` ("Mean [ms]" -> "mean_ms"), or -1.
    int column(std::string_view normalizedName) const;
};

std::vector<PipeTable> findPipeTables(std::string_view text);

} // namespace benchlens
