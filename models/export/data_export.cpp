#include "models/export/data_export.h"

#include "models/data/dataset.h"
#include "models/export/sqlite_export.h"
#include "models/report/output_file.h"
#include "models/report/summary_json.h"
#include "models/stats/analysis.h"
#include "models/stats/dataset_comparison.h"
#include "models/util/text.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

namespace benchlens {

namespace {

using Type = ExportColumnType;

ExportCell text(const std::string& s)
{
    return s;
}
ExportCell textOrNull(const std::string& s)
{
    return s.empty() ? ExportCell() : ExportCell(s);
}
ExportCell integer(uint64_t v)
{
    return static_cast<int64_t>(v);
}
ExportCell real(double v)
{
    return std::isfinite(v) ? ExportCell(v) : ExportCell();
}
ExportCell realOrNull(const std::optional<double>& v)
{
    return v ? real(*v) : ExportCell();
}

const char* statusName(FileStatus s)
{
    switch (s) {
    case FileStatus::Ok:
        return "ok";
    case FileStatus::Skipped:
        return "skipped";
    case FileStatus::Error:
        return "error";
    case FileStatus::NotUnderstood:
        return "not understood";
    }
    return "ok";
}

ExportTable observations(const Dataset& ds)
{
    // Configuration keys of every variant, each a column; numeric when every value given for it is a number.
    std::map<std::string, bool> keys; // key -> all values numeric
    for (const Variant& v : ds.variants) {
        for (const auto& [key, value] : v.config) {
            const bool numeric = parseNumber(value).has_value();
            const auto [it, inserted] = keys.emplace(key, numeric);
            if (!inserted)
                it->second = it->second && numeric;
        }
    }
    static const std::set<std::string> fixed = {"id", "variant", "model", "run", "metric", "value", "unit", "record",
        "cold_start", "short_reply", "flags", "file", "locator"};
    ExportTable t;
    t.name = "observations";
    t.columns = {{"id", Type::Integer}, {"variant", Type::Text}, {"model", Type::Text}};
    std::vector<std::string> keyOrder;
    std::vector<bool> keyNumeric;
    for (const auto& [key, numeric] : keys) {
        t.columns.push_back({fixed.count(key) ? "config_" + key : key, numeric ? Type::Real : Type::Text});
        keyOrder.push_back(key);
        keyNumeric.push_back(numeric);
    }
    for (const ExportColumn& c : std::vector<ExportColumn> {{"run", Type::Text}, {"metric", Type::Text},
             {"value", Type::Real}, {"unit", Type::Text}, {"record", Type::Integer}, {"cold_start", Type::Integer},
             {"short_reply", Type::Integer}, {"flags", Type::Text}, {"file", Type::Text}, {"locator", Type::Text}})
        t.columns.push_back(c);

    // Each variant's configuration laid out in column order (null where the variant lacks the key).
    auto config = std::make_shared<std::vector<std::vector<ExportCell>>>();
    for (const Variant& v : ds.variants) {
        std::vector<ExportCell> cells(keyOrder.size());
        for (const auto& [key, value] : v.config) {
            const size_t k = size_t(std::lower_bound(keyOrder.begin(), keyOrder.end(), key) - keyOrder.begin());
            cells[k] = keyNumeric[k] ? real(*parseNumber(value)) : text(value);
        }
        config->push_back(std::move(cells));
    }
    // The flags of each observation (file, record), as flagObservations() finds them, none excluded.
    struct Flags
    {
        bool coldStart = false;
        bool shortReply = false;
        std::string reasons;
    };
    auto flags = std::make_shared<std::map<std::pair<uint32_t, uint32_t>, Flags>>();
    for (const FlaggedObservation& f : flagObservations(ds, {})) {
        Flags& fl = (*flags)[{f.file, f.record}];
        (f.kind == FlaggedObservation::Kind::ColdStart ? fl.coldStart : fl.shortReply) = true;
        fl.reasons.append(fl.reasons.empty() ? "" : "; ").append(f.reason);
    }
    t.rowCount = ds.samples.size();
    t.fillRow = [&ds, config, flags](size_t i, std::vector<ExportCell>& cells) {
        const SampleColumns& s = ds.samples;
        const Variant& v = ds.variants[s.variant[i]];
        const MetricInfo& m = ds.metrics[s.metric[i]];
        const SourceFile& f = ds.files[s.file[i]];
        size_t c = 0;
        cells[c++] = integer(i);
        cells[c++] = text(v.id);
        cells[c++] = textOrNull(v.model);
        for (const ExportCell& value : (*config)[s.variant[i]])
            cells[c++] = value;
        cells[c++] = text(ds.run(f.run).id);
        cells[c++] = text(m.id);
        cells[c++] = real(s.value[i]);
        cells[c++] = textOrNull(m.unit);
        cells[c++] = integer(s.record[i]);
        const auto it = flags->find({s.file[i], s.record[i]});
        const bool flagged = it != flags->end();
        cells[c++] = integer(flagged && it->second.coldStart ? 1 : 0);
        cells[c++] = integer(flagged && it->second.shortReply ? 1 : 0);
        cells[c++] = flagged ? text(it->second.reasons) : ExportCell();
        cells[c++] = text(f.path);
        cells[c++] = textOrNull(ds.locatorText(s.file[i], s.locator[i]));
    };
    return t;
}

ExportTable statistics(const Dataset& ds)
{
    ExportTable t;
    t.name = "statistics";
    t.columns = {{"variant", Type::Text}, {"model", Type::Text}, {"metric", Type::Text}, {"unit", Type::Text},
        {"n", Type::Integer}, {"mean", Type::Real}, {"median", Type::Real}, {"stddev", Type::Real}, {"cv", Type::Real},
        {"min", Type::Real}, {"max", Type::Real}, {"p95", Type::Real}, {"p99", Type::Real}, {"ci95_low", Type::Real},
        {"ci95_high", Type::Real}};
    // The statistics `summarize --json` prints: every sample counts (nothing set aside).
    auto analysis = std::make_shared<Analysis>(analyze(ds));
    t.rowCount = analysis->stats.size();
    t.fillRow = [&ds, analysis](size_t r, std::vector<ExportCell>& cells) {
        const MetricStats& ms = analysis->stats[r];
        const Summary& s = ms.summary;
        const Variant& v = ds.variants[ms.variant];
        cells = {text(v.id), textOrNull(v.model), text(ds.metrics[ms.metric].id),
            textOrNull(ds.metrics[ms.metric].unit), integer(s.n), real(s.mean), real(s.median),
            s.n >= 2 ? real(s.stddev) : ExportCell(), s.n >= 2 && s.mean != 0 ? real(s.cv) : ExportCell(), real(s.min),
            real(s.max), real(s.p95), real(s.p99), realOrNull(s.ciLow), realOrNull(s.ciHigh)};
    };
    return t;
}

ExportTable reported(const Dataset& ds)
{
    ExportTable t;
    t.name = "reported";
    t.columns = {{"variant", Type::Text}, {"model", Type::Text}, {"metric", Type::Text}, {"unit", Type::Text},
        {"statistic", Type::Text}, {"value", Type::Real}, {"n", Type::Integer}, {"file", Type::Text},
        {"locator", Type::Text}, {"computed", Type::Real}, {"computed_n", Type::Integer},
        {"computed_scope", Type::Text}};
    t.rowCount = ds.reported.size();
    t.fillRow = [&ds](size_t r, std::vector<ExportCell>& cells) {
        const ReportedValue& rv = ds.reported[r];
        const Variant& v = ds.variants[rv.variant];
        cells
            = {text(v.id), textOrNull(v.model), text(ds.metrics[rv.metric].id), textOrNull(ds.metrics[rv.metric].unit),
                text(std::string(statisticName(rv.statistic))), real(rv.value), rv.n ? integer(*rv.n) : ExportCell(),
                text(ds.files[rv.file].path), textOrNull(ds.locatorText(rv.file, rv.locator)), realOrNull(rv.computed),
                rv.computed && rv.computedN ? integer(*rv.computedN) : ExportCell(),
                rv.computed ? text(rv.computedFromSameRun ? "run" : "variant") : ExportCell()};
    };
    return t;
}

ExportTable files(const Dataset& ds)
{
    ExportTable t;
    t.name = "files";
    t.columns = {{"path", Type::Text}, {"type", Type::Text}, {"bytes", Type::Integer}, {"modified_utc", Type::Text},
        {"sha256", Type::Text}, {"recognizer", Type::Text}, {"status", Type::Text}, {"run", Type::Text},
        {"samples", Type::Integer}, {"failed_samples", Type::Integer}, {"reported", Type::Integer},
        {"duplicate_of", Type::Text}, {"same_samples_as", Type::Text}};
    t.rowCount = ds.files.size();
    t.fillRow = [&ds](size_t r, std::vector<ExportCell>& cells) {
        const SourceFile& f = ds.files[r];
        cells = {text(f.path), text(std::string(fileTypeName(f.type))), integer(f.bytes),
            text(utcTimestamp(f.modifiedMs)), textOrNull(f.sha256), textOrNull(f.recognizer),
            text(statusName(f.status)), text(ds.run(f.run).id), integer(f.observations), integer(f.failedObservations),
            integer(f.reported), f.duplicateOf ? text(ds.file(*f.duplicateOf).path) : ExportCell(),
            f.equivalentOf ? text(ds.file(*f.equivalentOf).path) : ExportCell()};
    };
    return t;
}

ExportTable diagnostics(const Dataset& ds)
{
    ExportTable t;
    t.name = "diagnostics";
    t.columns = {{"file", Type::Text}, {"severity", Type::Text}, {"locator", Type::Text}, {"message", Type::Text}};
    t.rowCount = ds.diagnostics.size();
    t.fillRow = [&ds](size_t r, std::vector<ExportCell>& cells) {
        const Diagnostic& d = ds.diagnostics[r];
        cells = {textOrNull(d.file), text(severityName(d.severity)), textOrNull(d.locator), text(d.message)};
    };
    return t;
}

void appendCsvCell(std::string& out, const ExportCell& cell)
{
    if (const auto* i = std::get_if<int64_t>(&cell))
        out += fmt::format("{}", *i);
    else if (const auto* d = std::get_if<double>(&cell))
        out += fmt::format("{}", *d); // shortest text that reads back as the same double
    else if (const auto* s = std::get_if<std::string>(&cell))
        out += csvField(*s);
}

nlohmann::ordered_json jsonCell(const ExportCell& cell)
{
    if (const auto* i = std::get_if<int64_t>(&cell))
        return *i;
    if (const auto* d = std::get_if<double>(&cell))
        return *d;
    if (const auto* s = std::get_if<std::string>(&cell))
        return *s;
    return nullptr;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
} // namespace

const char* exportTableName(ExportTableId table)
{
    switch (table) {
    case ExportTableId::Observations:
        return "observations";
    case ExportTableId::Statistics:
        return "statistics";
    case ExportTableId::Reported:
        return "reported";
    case ExportTableId::Files:
        return "files";
    case ExportTableId::Diagnostics:
        return "diagnostics";
    }
    return "observations";
}

std::optional<ExportTableId> exportTableFromName(std::string_view name)
{
    for (const ExportTableId t : kExportTables) {
        if (name == exportTableName(t))
            return t;
    }
    return std::nullopt;
}

ExportTable buildExportTable(const Dataset& ds, ExportTableId table)
{
    switch (table) {
    case ExportTableId::Observations:
        return observations(ds);
    case ExportTableId::Statistics:
        return statistics(ds);
    case ExportTableId::Reported:
        return reported(ds);
    case ExportTableId::Files:
        return files(ds);
    case ExportTableId::Diagnostics:
        return diagnostics(ds);
    }
    return observations(ds);
}

std::optional<ExportFormat> exportFormatOf(std::string_view path)
{
    if (endsWith(path, ".csv"))
        return ExportFormat::Csv;
    if (endsWith(path, ".jsonl") || endsWith(path, ".ndjson"))
        return ExportFormat::Jsonl;
    if (endsWith(path, ".sqlite") || endsWith(path, ".sqlite3") || endsWith(path, ".db"))
        return ExportFormat::Sqlite;
    return std::nullopt;
}

std::optional<ExportFormat> exportFormatFromName(std::string_view name)
{
    if (name == "csv")
        return ExportFormat::Csv;
    if (name == "jsonl")
        return ExportFormat::Jsonl;
    if (name == "sqlite")
        return ExportFormat::Sqlite;
    return std::nullopt;
}

std::string exportText(const ExportTable& table, ExportFormat format)
{
    std::string out;
    std::vector<ExportCell> cells(table.columns.size());
    if (format == ExportFormat::Csv) {
        for (size_t c = 0; c < table.columns.size(); ++c)
            out.append(c ? "," : "").append(csvField(table.columns[c].name));
        out += '\n';
        for (size_t r = 0; r < table.rowCount; ++r) {
            table.fillRow(r, cells);
            for (size_t c = 0; c < cells.size(); ++c) {
                if (c)
                    out += ',';
                appendCsvCell(out, cells[c]);
            }
            out += '\n';
        }
        return out;
    }
    for (size_t r = 0; r < table.rowCount; ++r) {
        table.fillRow(r, cells);
        nlohmann::ordered_json row = nlohmann::ordered_json::object();
        for (size_t c = 0; c < cells.size(); ++c)
            row[table.columns[c].name] = jsonCell(cells[c]);
        out.append(row.dump()).append("\n");
    }
    return out;
}

std::string exportSiblingPath(const std::string& path, ExportTableId table)
{
    const size_t slash = path.rfind('/');
    const size_t dot = path.rfind('.');
    const bool hasExtension = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
    const std::string stem = hasExtension ? path.substr(0, dot) : path;
    const std::string extension = hasExtension ? path.substr(dot) : std::string();
    return stem + "." + exportTableName(table) + extension;
}

Result<std::vector<std::string>> exportDataset(const Dataset& ds, const std::string& path, ExportFormat format,
    std::optional<ExportTableId> only, const std::string& inputRoot)
{
    std::vector<ExportTableId> ids;
    if (only)
        ids.push_back(*only);
    else
        ids.assign(std::begin(kExportTables), std::end(kExportTables));
    // Refused before anything is written, for the main file and every sibling.
    for (const ExportTableId id : ids) {
        const std::string target
            = format == ExportFormat::Sqlite || id == ids.front() ? path : exportSiblingPath(path, id);
        if (isInside(target, inputRoot))
            return Error {
                target + ": refusing to write inside the input folder " + inputRoot + "; choose another output path"};
    }
    std::vector<ExportTable> tables;
    for (const ExportTableId id : ids)
        tables.push_back(buildExportTable(ds, id));
    if (format == ExportFormat::Sqlite) {
        std::vector<std::string> metrics;
        for (const MetricInfo& m : ds.metrics)
            metrics.push_back(m.id);
        if (const Status written = writeSqliteExport(tables, metrics, path, inputRoot); !written)
            return Error {written.error()};
        return std::vector<std::string> {path};
    }
    std::vector<std::string> written;
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string target = i == 0 ? path : exportSiblingPath(path, ids[i]);
        if (const Status status = writeOutputFile(target, exportText(tables[i], format), inputRoot); !status)
            return Error {status.error()};
        written.push_back(target);
    }
    return written;
}

} // namespace benchlens
