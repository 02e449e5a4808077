// Generic CSV: one record per row. Columns are classified once through the metric catalog; a row with a
// recognized per-sample metric is a sample, a row of aggregates (mean_tokens_s, ...) is reported as such.
#include "parsers/csv_parser.h"
#include "recognizer.h"
#include "record_builder.h"
#include "util/text.h"

#include <fmt/format.h>

#include <set>

namespace benchlens {

namespace {
// A table wider than this is not a benchmark result (a matrix dump, a binary file split at commas).
constexpr size_t kMaxColumns = 10000;
} // namespace

FileExtract extractGenericCsv(const FileInput& input)
{
    FileExtract out;
    const auto encoding = csv::detectEncoding(input.bytes);
    if (encoding != csv::Encoding::Utf8) {
        out.diagnostics.push_back({Severity::Error, {}, {},
            encoding == csv::Encoding::Utf16
                ? "file is UTF-16 text, not a UTF-8 CSV table; it was not read (re-export it as UTF-8)"
                : "file holds binary data, not CSV text; it was not read"});
        return out;
    }

    RecordBuilder builder(out);
    std::vector<uint32_t> columnKeys;
    int modelColumn = -1;
    std::set<std::string> models;
    const FileExtract::Dims noContext;
    size_t sampleRows = 0;
    size_t failedRows = 0;
    bool tooWide = false;

    const auto result = csv::parse(input.bytes, 0, [&](const csv::Row& row) {
        if (row.index == 0) {
            std::set<uint32_t> seen;
            if (row.fields.size() > kMaxColumns) {
                out.diagnostics.push_back({Severity::Error, {}, "line 1",
                    fmt::format("the header has {} columns, over the limit of {}; the file was not read",
                        row.fields.size(), kMaxColumns)});
                tooWide = true;
                return false;
            }
            for (size_t i = 0; i < row.fields.size(); ++i) {
                if (trim(row.fields[i]).empty()) {
                    out.diagnostics.push_back({Severity::Warning, {}, "line 1",
                        fmt::format("column {} has no header; its cells were not read", i + 1)});
                    columnKeys.push_back(Locator::kNone);
                    continue;
                }
                uint32_t key = builder.key(trim(row.fields[i]));
                // A second column of the same name is its own column ("tokens_s (column 5)"): read under one key,
                // its cells would be a second value of the same metric in the same row.
                if (!seen.insert(key).second) {
                    const std::string name = fmt::format("{} (column {})", trim(row.fields[i]), i + 1);
                    out.diagnostics.push_back({Severity::Warning, {}, "line 1",
                        fmt::format("column {} repeats the header '{}' of an earlier column; read as '{}'", i + 1,
                            trim(row.fields[i]), name)});
                    key = builder.key(name);
                    seen.insert(key);
                }
                columnKeys.push_back(key);
                const KeyClass& c = builder.classOf(columnKeys.back());
                if (c.role == KeyClass::Role::Dimension && c.dimension == "model" && modelColumn < 0)
                    modelColumn = static_cast<int>(i);
            }
            return true;
        }
        Locator loc;
        loc.kind = Locator::Kind::Cell;
        loc.line = row.line;
        builder.begin(loc, noContext);
        const size_t n = std::min(row.fields.size(), columnKeys.size());
        for (size_t i = 0; i < n; ++i) {
            if (columnKeys[i] != Locator::kNone)
                builder.addText(columnKeys[i], row.fields[i]);
        }
        if (modelColumn >= 0 && static_cast<size_t>(modelColumn) < row.fields.size())
            models.insert(std::string(trim(row.fields[static_cast<size_t>(modelColumn)])));
        const auto outcome = builder.finish(RecordBuilder::Kind::Auto, true);
        sampleRows += outcome.sample && !outcome.failed ? 1 : 0;
        failedRows += outcome.failed ? 1 : 0;
        return true;
    });

    for (const auto& issue : result.issues) {
        out.diagnostics.push_back(
            {Severity::Warning, {}, issue.line ? fmt::format("line {}", issue.line) : "", issue.message});
    }
    for (uint32_t k = 0; k < out.keys.size(); ++k) {
        if (const uint32_t bad = builder.unparseableCells(k)) {
            out.diagnostics.push_back({Severity::Warning, {}, fmt::format("col {}", out.keys[k]),
                fmt::format("{} cell(s) in metric column '{}' are not numbers and were skipped", bad, out.keys[k])});
        }
    }
    if (tooWide)
        return out;
    if (input.bytes.empty())
        out.diagnostics.push_back({Severity::Warning, {}, {}, "the file is empty"});
    else if (result.rows <= 1)
        out.diagnostics.push_back({Severity::Info, {}, {}, "CSV has no data rows"});
    if (models.size() == 1 && !models.begin()->empty())
        out.namedModel = *models.begin();
    return out;
}

} // namespace benchlens
