#pragma once

#include "models/util/result.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace benchlens {

struct Dataset;

// The normalized data of a Dataset as five plain tables, for `benchlens export` and File > Export Data…:
// every observation and metric with its variant, configuration, flags and source; the per-variant statistics
// (the numbers `summarize --json` prints); the aggregates files report; the files; the diagnostics. Written as
// CSV, JSON Lines or SQLite (Qt SQL's SQLite driver). The README documents every column.

enum class ExportTableId
{
    Observations,
    Statistics,
    Reported,
    Files,
    Diagnostics
};
inline constexpr ExportTableId kExportTables[] = {ExportTableId::Observations, ExportTableId::Statistics,
    ExportTableId::Reported, ExportTableId::Files, ExportTableId::Diagnostics};

const char* exportTableName(ExportTableId table); // "observations", "statistics", ...
std::optional<ExportTableId> exportTableFromName(std::string_view name);

enum class ExportColumnType
{
    Text,
    Integer,
    Real
};

struct ExportColumn
{
    std::string name;
    ExportColumnType type = ExportColumnType::Text;
};

// A cell: null, an integer, a real or text.
using ExportCell = std::variant<std::monostate, int64_t, double, std::string>;

// One table: its columns, and its rows produced on demand (row r into `cells`, one cell per column), so that a
// large folder is never held twice in memory. Valid while the Dataset it was built from lives.
struct ExportTable
{
    std::string name;
    std::vector<ExportColumn> columns;
    size_t rowCount = 0;
    std::function<void(size_t row, std::vector<ExportCell>& cells)> fillRow;
};

// Observations: one row per sample of Dataset::samples, in their order. Configuration keys become columns of their
// own (after `model`, sorted by key; a key that collides with a fixed column is named `config_<key>`), REAL when
// every variant's value is a number, else TEXT. `cold_start` and `short_reply` are 0/1 from flagObservations().
ExportTable buildExportTable(const Dataset& dataset, ExportTableId table);

enum class ExportFormat
{
    Csv,
    Jsonl,
    Sqlite
};
// By extension: .csv, .jsonl (or .ndjson), .sqlite (or .db, .sqlite3); nullopt for any other.
std::optional<ExportFormat> exportFormatOf(std::string_view path);
std::optional<ExportFormat> exportFormatFromName(std::string_view name); // "csv", "jsonl", "sqlite"

// The table as CSV (RFC 4180, a header row, null as an empty field, reals in their shortest round-trip form) or as
// JSON Lines (one object per row, null as JSON null).
std::string exportText(const ExportTable& table, ExportFormat format);

// Where a table goes beside the main file of a CSV or JSON Lines export: "out/obs.csv" -> "out/obs.statistics.csv";
// the observations (or the one table asked for) go to the main path itself.
std::string exportSiblingPath(const std::string& path, ExportTableId table);

// Writes the export of `dataset` to `path` and returns the files written. CSV/JSON Lines: the main file holds
// `only` (observations when unset) and, without `only`, the other tables go to sibling files. SQLite: one database
// with all five tables (or `only`), indices, and a view `metric_<id>` per metric. Every file is written to a
// temporary file beside it and renamed into place; nothing is ever written inside `inputRoot`.
Result<std::vector<std::string>> exportDataset(const Dataset& dataset, const std::string& path, ExportFormat format,
    std::optional<ExportTableId> only, const std::string& inputRoot);

} // namespace benchlens
