// `benchlens export` on the corpus, read back by Python's own csv, json and sqlite3 modules (read_export.py beside
// this file) and compared, value by value, with the Dataset that ingestFolder builds from the same folder. The
// expected rows are laid out here from the Dataset's fields, not through the exporter's tables.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/report/summary_json.h"
#include "models/stats/analysis.h"
#include "models/stats/dataset_comparison.h"
#include "models/stats/scope.h"
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QString>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <variant>

using namespace benchlens;
using json = nlohmann::json;

namespace {

using test::q;
using Proc = test::CliRun;

// The export of the corpus takes a while: a longer timeout than the default.
Proc run(const QString& program, const QStringList& args)
{
    return test::runProgram(program, args, 300000);
}

Proc runBenchlens(const QStringList& args)
{
    return run(q(test::binary()), args);
}

// The exported files as Python reads them.
json readBack(const char* kind, const QStringList& files)
{
    const std::string script = std::string(BENCHLENS_TESTS_SOURCE_DIR) + "/cli/read_export.py";
    const Proc r = run(QStringLiteral("/usr/bin/python3"), QStringList {q(script), QString::fromLatin1(kind)} + files);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return json::parse(r.out);
}

std::shared_ptr<const Dataset> corpus()
{
    static const auto ds = [] {
        IngestOptions options;
        options.hashAllFiles = true; // as `benchlens export` reads the folder: every file's SHA-256
        auto r = ingestFolder(test::corpusDir(), options);
        EXPECT_TRUE(r.ok());
        return std::move(r).value();
    }();
    return ds;
}

// An expected cell: null, an integer, a real or text.
using Cell = std::variant<std::monostate, int64_t, double, std::string>;
Cell textOrNull(const std::string& s)
{
    return s.empty() ? Cell() : Cell(s);
}

// One expected table: column names and rows, from the Dataset.
struct Table
{
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

std::vector<std::string> configKeys(const Dataset& ds)
{
    std::set<std::string> keys;
    for (const auto& v : ds.variants)
        for (const auto& [k, value] : v.config)
            keys.insert(k);
    return {keys.begin(), keys.end()};
}

Table expectedObservations(const Dataset& ds)
{
    Table t;
    const auto keys = configKeys(ds);
    t.columns = {"id", "variant", "model"};
    // A key is a REAL column when every value of it is a number (the corpus: num_gpu, temperature, ...).
    std::map<std::string, bool> numeric;
    for (const auto& k : keys)
        numeric[k] = true;
    for (const auto& v : ds.variants)
        for (const auto& [k, value] : v.config)
            numeric[k] = numeric[k] && !QString::fromStdString(value).isEmpty() && [&] {
                bool ok = false;
                QString::fromStdString(value).trimmed().toDouble(&ok);
                return ok;
            }();
    for (const auto& k : keys)
        t.columns.push_back(k); // no corpus key collides with a fixed column (checked below)
    for (const char* c :
        {"run", "metric", "value", "unit", "record", "cold_start", "short_reply", "flags", "file", "locator"})
        t.columns.push_back(c);
    std::map<std::pair<uint32_t, uint32_t>, std::pair<bool, bool>> flags;
    for (const auto& f : flagObservations(ds, {})) {
        auto& fl = flags[{f.file, f.record}];
        (f.kind == FlaggedObservation::Kind::ColdStart ? fl.first : fl.second) = true;
    }
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        const Variant& v = ds.variants[ds.samples.variant[i]];
        const SourceFile& f = ds.files[ds.samples.file[i]];
        std::vector<Cell> row {int64_t(i), v.id, textOrNull(v.model)};
        for (const auto& k : keys) {
            Cell c;
            for (const auto& [key, value] : v.config) {
                if (key == k)
                    c = numeric[k] ? Cell(QString::fromStdString(value).trimmed().toDouble()) : Cell(value);
            }
            row.push_back(c);
        }
        const auto fl = flags.find({ds.samples.file[i], ds.samples.record[i]});
        row.insert(row.end(),
            {ds.run(f.run).id, ds.metrics[ds.samples.metric[i]].id, ds.samples.value[i],
                textOrNull(ds.metrics[ds.samples.metric[i]].unit), int64_t(ds.samples.record[i]),
                int64_t(fl != flags.end() && fl->second.first), int64_t(fl != flags.end() && fl->second.second), Cell(),
                f.path, textOrNull(ds.locatorText(ds.samples.file[i], ds.samples.locator[i]))});
        if (fl != flags.end())
            row[row.size() - 3] = std::string("*"); // some reason text: compared as "not null"
        t.rows.push_back(std::move(row));
    }
    return t;
}

Table expectedStatistics(const Dataset& ds)
{
    Table t;
    t.columns = {"variant", "model", "metric", "unit", "n", "mean", "median", "stddev", "cv", "min", "max", "p95",
        "p99", "ci95_low", "ci95_high"};
    // The same numbers `summarize --json` prints (its "metrics" array): read from that document.
    const json doc = json::parse(summaryJson(ds, analyze(ds)));
    for (const auto& m : doc["metrics"]) {
        const auto num = [](const json& j) { return j.is_null() ? Cell() : Cell(j.get<double>()); };
        const Variant& v = ds.variant(ds.findVariant(m["variant"].get<std::string>()).value());
        t.rows.push_back({m["variant"].get<std::string>(), textOrNull(v.model), m["metric"].get<std::string>(),
            textOrNull(m["unit"].get<std::string>()), m["n"].get<int64_t>(), num(m["mean"]), num(m["median"]),
            num(m["stddev"]), num(m["cv"]), num(m["min"]), num(m["max"]), num(m["p95"]), num(m["p99"]),
            m["ci95"].is_null() ? Cell() : Cell(m["ci95"][0].get<double>()),
            m["ci95"].is_null() ? Cell() : Cell(m["ci95"][1].get<double>())});
    }
    return t;
}

Table expectedReported(const Dataset& ds)
{
    Table t;
    t.columns = {"variant", "model", "metric", "unit", "statistic", "value", "n", "file", "locator", "computed",
        "computed_n", "computed_scope"};
    for (const auto& r : ds.reported) {
        const Variant& v = ds.variants[r.variant];
        t.rows.push_back({v.id, textOrNull(v.model), ds.metrics[r.metric].id, textOrNull(ds.metrics[r.metric].unit),
            std::string(statisticName(r.statistic)), r.value, r.n ? Cell(int64_t(*r.n)) : Cell(), ds.files[r.file].path,
            textOrNull(ds.locatorText(r.file, r.locator)), r.computed ? Cell(*r.computed) : Cell(),
            r.computed && r.computedN ? Cell(int64_t(*r.computedN)) : Cell(),
            r.computed ? Cell(std::string(r.computedFromSameRun ? "run" : "variant")) : Cell()});
    }
    return t;
}

Table expectedFiles(const Dataset& ds)
{
    Table t;
    t.columns = {"path", "type", "bytes", "modified_utc", "sha256", "recognizer", "status", "run", "samples",
        "failed_samples", "reported", "duplicate_of", "same_samples_as"};
    for (const auto& f : ds.files) {
        const char* status = f.status == FileStatus::Ok ? "ok"
            : f.status == FileStatus::Skipped           ? "skipped"
            : f.status == FileStatus::NotUnderstood     ? "not understood"
                                                        : "error";
        t.rows.push_back({f.path, std::string(fileTypeName(f.type)), int64_t(f.bytes), utcTimestamp(f.modifiedMs),
            textOrNull(f.sha256), textOrNull(f.recognizer), std::string(status), ds.run(f.run).id,
            int64_t(f.observations), int64_t(f.failedObservations), int64_t(f.reported),
            f.duplicateOf ? Cell(ds.file(*f.duplicateOf).path) : Cell(),
            f.equivalentOf ? Cell(ds.file(*f.equivalentOf).path) : Cell()});
    }
    return t;
}

Table expectedDiagnostics(const Dataset& ds)
{
    Table t;
    t.columns = {"file", "severity", "locator", "message"};
    for (const auto& d : ds.diagnostics)
        t.rows.push_back({textOrNull(d.file), std::string(severityName(d.severity)), textOrNull(d.locator), d.message});
    return t;
}

std::string describe(const Cell& c)
{
    if (const auto* i = std::get_if<int64_t>(&c))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&c))
        return QString::number(*d, 'g', 17).toStdString();
    if (const auto* s = std::get_if<std::string>(&c))
        return '"' + *s + '"';
    return "null";
}

// A CSV cell is text: null is empty, numbers read back exactly (the shortest round-trip form).
bool csvEqual(const std::string& got, const Cell& want)
{
    if (std::holds_alternative<std::monostate>(want))
        return got.empty();
    if (const auto* s = std::get_if<std::string>(&want))
        return *s == "*" ? !got.empty() : got == *s;
    bool ok = false;
    const double v = QString::fromStdString(got).toDouble(&ok);
    if (const auto* i = std::get_if<int64_t>(&want))
        return ok && got.find('.') == std::string::npos && v == double(*i);
    return ok && v == std::get<double>(want);
}

// A JSON or SQLite cell keeps its type.
bool typedEqual(const json& got, const Cell& want)
{
    if (std::holds_alternative<std::monostate>(want))
        return got.is_null();
    if (const auto* s = std::get_if<std::string>(&want))
        return got.is_string() && (*s == "*" || got.get<std::string>() == *s);
    if (const auto* i = std::get_if<int64_t>(&want))
        return got.is_number_integer() && got.get<int64_t>() == *i;
    return got.is_number() && got.get<double>() == std::get<double>(want);
}

void expectCsvTable(const json& got, const Table& want, const std::string& name)
{
    ASSERT_EQ(got["columns"].get<std::vector<std::string>>(), want.columns) << name;
    ASSERT_EQ(got["rows"].size(), want.rows.size()) << name;
    int mismatches = 0;
    for (size_t r = 0; r < want.rows.size(); ++r) {
        for (size_t c = 0; c < want.columns.size(); ++c) {
            const std::string cell = got["rows"][r][c].get<std::string>();
            if (!csvEqual(cell, want.rows[r][c]) && ++mismatches <= 5) {
                ADD_FAILURE() << name << " row " << r << " column " << want.columns[c] << ": got '" << cell
                              << "', want " << describe(want.rows[r][c]);
            }
        }
    }
    EXPECT_EQ(mismatches, 0) << name;
}

void expectTypedRows(const json& rows, const Table& want, const std::string& name, bool objects)
{
    ASSERT_EQ(rows.size(), want.rows.size()) << name;
    int mismatches = 0;
    for (size_t r = 0; r < want.rows.size(); ++r) {
        if (objects) {
            std::vector<std::string> keys;
            for (auto it = rows[r].begin(); it != rows[r].end(); ++it)
                keys.push_back(it.key());
            std::vector<std::string> wantKeys = want.columns;
            std::sort(keys.begin(), keys.end());
            std::sort(wantKeys.begin(), wantKeys.end());
            ASSERT_EQ(keys, wantKeys) << name << " row " << r;
        }
        for (size_t c = 0; c < want.columns.size(); ++c) {
            const json& cell = objects ? rows[r][want.columns[c]] : rows[r][c];
            if (!typedEqual(cell, want.rows[r][c]) && ++mismatches <= 5) {
                ADD_FAILURE() << name << " row " << r << " column " << want.columns[c] << ": got " << cell.dump()
                              << ", want " << describe(want.rows[r][c]);
            }
        }
    }
    EXPECT_EQ(mismatches, 0) << name;
}

struct Expected
{
    const char* table;
    Table rows;
};

std::vector<Expected> expectedTables(const Dataset& ds)
{
    return {{"observations", expectedObservations(ds)}, {"statistics", expectedStatistics(ds)},
        {"reported", expectedReported(ds)}, {"files", expectedFiles(ds)}, {"diagnostics", expectedDiagnostics(ds)}};
}
} // namespace

TEST(CliExport, CorpusHasWhatTheExportTestsNeed)
{
    const auto ds = corpus();
    // Without these the comparisons below would check little: samples, reported values, diagnostics, flags and a
    // configuration that is not all numbers.
    EXPECT_GT(ds->samples.size(), 1000u);
    EXPECT_GT(ds->reported.size(), 10u);
    EXPECT_FALSE(ds->diagnostics.empty());
    EXPECT_FALSE(flagObservations(*ds, {}).empty());
    const std::set<std::string> fixed = {"id", "variant", "model", "run", "metric", "value", "unit", "record",
        "cold_start", "short_reply", "flags", "file", "locator"};
    for (const auto& k : configKeys(*ds))
        EXPECT_FALSE(fixed.count(k)) << k;
}

TEST(CliExport, CsvWithSiblingTablesEqualsTheDataset)
{
    QTemporaryDir tmp;
    const QString obs = tmp.filePath(QStringLiteral("obs.csv"));
    const Proc r = runBenchlens({QStringLiteral("export"), q(test::corpusDir()), QStringLiteral("-o"), obs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    QStringList files {obs};
    for (const char* t : {"statistics", "reported", "files", "diagnostics"})
        files << tmp.filePath(QStringLiteral("obs.%1.csv").arg(QString::fromLatin1(t)));
    const json got = readBack("csv", files);
    const auto want = expectedTables(*corpus());
    for (size_t i = 0; i < want.size(); ++i)
        expectCsvTable(got["tables"][files[int(i)].toStdString()], want[i].rows, want[i].table);
}

TEST(CliExport, JsonLinesEqualsTheDataset)
{
    QTemporaryDir tmp;
    const QString obs = tmp.filePath(QStringLiteral("obs.jsonl"));
    const Proc r = runBenchlens({QStringLiteral("export"), q(test::corpusDir()), QStringLiteral("-o"), obs});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    QStringList files {obs};
    for (const char* t : {"statistics", "reported", "files", "diagnostics"})
        files << tmp.filePath(QStringLiteral("obs.%1.jsonl").arg(QString::fromLatin1(t)));
    const json got = readBack("jsonl", files);
    const auto want = expectedTables(*corpus());
    for (size_t i = 0; i < want.size(); ++i)
        expectTypedRows(got["tables"][files[int(i)].toStdString()]["rows"], want[i].rows, want[i].table, true);
}

TEST(CliExport, SqliteEqualsTheDatasetWithIndicesAndAViewPerMetric)
{
    QTemporaryDir tmp;
    const QString db = tmp.filePath(QStringLiteral("obs.sqlite"));
    const Proc r = runBenchlens({QStringLiteral("export"), q(test::corpusDir()), QStringLiteral("-o"), db});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json got = readBack("sqlite", {db});
    const Dataset& ds = *corpus();
    const auto want = expectedTables(ds);
    ASSERT_EQ(got["tables"].size(), 5u);
    for (const auto& w : want) {
        const json& t = got["tables"][w.table];
        ASSERT_EQ(t["columns"].get<std::vector<std::string>>(), w.rows.columns) << w.table;
        expectTypedRows(t["rows"], w.rows, w.table, false);
    }
    // Declared types: value REAL, n INTEGER, text TEXT.
    const auto& obsTable = got["tables"]["observations"];
    const auto columns = obsTable["columns"].get<std::vector<std::string>>();
    const auto typeOf = [&](const std::string& c) {
        return obsTable["types"][size_t(std::find(columns.begin(), columns.end(), c) - columns.begin())];
    };
    EXPECT_EQ(typeOf("value"), "REAL");
    EXPECT_EQ(typeOf("record"), "INTEGER");
    EXPECT_EQ(typeOf("metric"), "TEXT");
    // A view per metric that has samples, holding exactly that metric's observations.
    std::map<std::string, int64_t> perMetric;
    for (uint32_t i = 0; i < ds.samples.size(); ++i)
        ++perMetric[ds.metrics[ds.samples.metric[i]].id];
    ASSERT_EQ(got["views"].size(), perMetric.size());
    for (const auto& [metric, n] : perMetric) {
        const json& view = got["views"]["metric_" + metric];
        ASSERT_FALSE(view.is_null()) << metric;
        EXPECT_EQ(view["rows"].get<int64_t>(), n) << metric;
        EXPECT_EQ(view["metrics"], json::array({metric}));
    }
    const auto indices = got["indices"].get<std::vector<std::string>>();
    for (const char* index : {"observations.observations_metric", "observations.observations_variant",
             "statistics.statistics_metric", "reported.reported_metric", "diagnostics.diagnostics_file"})
        EXPECT_NE(std::find(indices.begin(), indices.end(), index), indices.end()) << index;
}

TEST(CliExport, FilterExportsWhatTheSelectorSelects)
{
    const QString selector = QStringLiteral("model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv");
    const Proc r
        = runBenchlens({QStringLiteral("export"), q(test::corpusDir()), QStringLiteral("-o"), QStringLiteral("-"),
            QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--filter"), selector});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto part = restrictDataset(*corpus(), {selector.toStdString()});
    ASSERT_TRUE(part.ok()) << part.error();
    const Table want = expectedObservations(part.value());
    ASSERT_FALSE(want.rows.empty());
    json rows = json::array();
    for (size_t start = 0, end; (end = r.out.find('\n', start)) != std::string::npos; start = end + 1)
        rows.push_back(json::parse(r.out.substr(start, end - start)));
    expectTypedRows(rows, want, "filtered observations", true);
    for (const auto& row : rows)
        EXPECT_EQ(row["model"], "llama3.1:8b-instruct-q4_0");
}

TEST(CliExport, OneTableToStandardOutputAsCsv)
{
    const Proc r = runBenchlens({QStringLiteral("export"), q(test::corpusDir()), QStringLiteral("-o"),
        QStringLiteral("-"), QStringLiteral("--table"), QStringLiteral("diagnostics")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.starts_with("file,severity,locator,message\n")) << r.out.substr(0, 200);
    // One line per diagnostic plus the header, when no message holds a line break.
    const Dataset& ds = *corpus();
    size_t breaks = 0;
    for (const auto& d : ds.diagnostics)
        breaks += size_t(std::count(d.message.begin(), d.message.end(), '\n'));
    EXPECT_EQ(size_t(std::count(r.out.begin(), r.out.end(), '\n')), ds.diagnostics.size() + 1 + breaks);
}
