// Generic CSV: one record per row. Columns are classified once through the metric catalog; a row with a
// recognized per-sample metric is a sample, a row of aggregates (mean_tokens_s, ...) is reported as such.
// A numeric column the catalog does not know that takes a few values, each repeated, is a parameter of the variant
// (a concurrency sweep's "c" column), not a metric.
#include "models/parsers/csv_parser.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/record_builder.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace benchlens {

namespace {
// A table wider than this is not a benchmark result (a matrix dump, a binary file split at commas).
constexpr size_t kMaxColumns = 10000;

// The columns a first pass shows are parameters: unknown to the catalog (no metric, unit, parameter or label name),
// a number in every row, at least kMinRows rows, and 2 or more distinct values but at most a quarter as many as
// rows, each seen at least twice. A column constant over the file is not taken: it may as well be a measurement
// that did not vary (a count of 0 in every row), and splitting nothing it would only rename the variant.
std::vector<size_t> structuralParameters(std::string_view bytes, RecordBuilder& builder)
{
    constexpr size_t kMinRows = 4;
    std::vector<uint32_t> keys;
    std::vector<bool> candidate;
    std::vector<std::map<double, size_t>> seen;
    size_t rows = 0;
    csv::parse(bytes, 0, [&](const csv::Row& row) {
        if (row.index == 0) {
            for (const auto& field : row.fields) {
                keys.push_back(builder.key(trim(field)));
                const KeyClass& c = builder.classOf(keys.back());
                candidate.push_back(c.role == KeyClass::Role::Unknown && c.unit.empty());
            }
            seen.resize(keys.size());
            return true;
        }
        ++rows;
        for (size_t i = 0; i < keys.size(); ++i) {
            if (!candidate[i])
                continue;
            const auto v = i < row.fields.size() ? parseNumber(row.fields[i]) : std::nullopt;
            if (!v) {
                candidate[i] = false;
                continue;
            }
            if (++seen[i][*v] == 1 && seen[i].size() > 64)
                candidate[i] = false;
        }
        return true;
    });
    std::vector<size_t> out;
    if (rows < kMinRows)
        return out;
    for (size_t i = 0; i < keys.size(); ++i) {
        if (!candidate[i])
            continue;
        const auto& values = seen[i];
        const bool repeated = std::all_of(values.begin(), values.end(), [](const auto& kv) { return kv.second >= 2; });
        if (values.size() >= 2 && repeated && values.size() * 4 <= rows)
            out.push_back(i);
    }
    return out;
}
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

    RecordBuilder builder(out, input);
    const std::vector<size_t> parameterColumns = structuralParameters(input.bytes, builder);
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
            for (const size_t i : parameterColumns) {
                if (i < columnKeys.size() && columnKeys[i] != Locator::kNone)
                    builder.treatAsDimension(columnKeys[i]);
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
