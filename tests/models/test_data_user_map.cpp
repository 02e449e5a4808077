// The user's map (models/data/user_map.h, `--map`): the benchlens.map/1 parser and its errors, and the map applied
// by the generic readers on real chimeraforge files. Expected values are computed here from the raw files with
// nlohmann-json and plain string splitting, not through the code under test.
#include "models/data/dataset.h"
#include "models/data/user_map.h"
#include "models/ingest/ingest.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

namespace benchlens {
namespace {

UserMap mapOf(const std::string& text)
{
    auto m = parseUserMap(text, "map.json");
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error());
    return m.ok() ? m.value() : UserMap {};
}

// A folder holding copies of the named corpus files (same relative paths), read with `map`.
std::shared_ptr<const Dataset> ingestCopies(
    QTemporaryDir& dir, const std::vector<std::string>& files, const UserMap& map)
{
    for (const auto& f : files) {
        const QString target = dir.filePath(QString::fromStdString(f));
        QDir().mkpath(QFileInfo(target).path());
        EXPECT_TRUE(QFile::copy(QString::fromStdString(test::corpusDir() + "/" + f), target)) << f;
    }
    IngestOptions options;
    options.userMap = map;
    auto r = ingestFolder(dir.path().toStdString(), options);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : nullptr;
}

struct MetricValues
{
    std::vector<double> values;
    std::string unit;
};

MetricValues valuesOf(const Dataset& ds, const std::string& metric)
{
    MetricValues out;
    const auto m = ds.findMetric(metric);
    if (!m)
        return out;
    out.unit = ds.metric(*m).unit;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        if (ds.samples.metric[s] == m->value)
            out.values.push_back(ds.samples.value[s]);
    }
    return out;
}

double mean(const std::vector<double>& v)
{
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

// A CSV file's rows as cells (the corpus CSVs quote every cell and hold no comma inside quotes in these columns).
std::vector<std::vector<std::string>> csvRows(const std::string& path)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(test::readFile(path));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::vector<std::string> cells;
        std::string cell;
        bool quoted = false;
        for (const char c : line) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted) {
                cells.push_back(cell);
                cell.clear();
            } else
                cell.push_back(c);
        }
        cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

size_t columnOf(const std::vector<std::string>& header, const std::string& name)
{
    return size_t(std::find(header.begin(), header.end(), name) - header.begin());
}

TEST(UserMap, ParsesEveryActionAndRoundTrips)
{
    const UserMap map = mapOf(R"({"schema": "benchlens.map/1", "rules": [
        {"column": "memory_used_gb", "metric": "memory_mb", "unit": "GB"},
        {"column": "Decode", "action": "metric", "metric": "throughput", "unit": "tok/ms", "files": "runs/*.csv"},
        {"column": "c", "action": "parameter", "name": "Concurrency"},
        {"column": "llm", "action": "model"},
        {"column": "noise", "action": "ignore"},
        {"column": "p95 [s]", "metric": "latency_ms", "unit": "s", "statistic": "p95"}]
})");
    ASSERT_EQ(map.rules.size(), 6u);
    EXPECT_EQ(map.rules[0].metric, "memory_mb");
    EXPECT_DOUBLE_EQ(map.rules[0].factor, 1000); // 1 GB = 1000 MB (the catalog's size unit)
    EXPECT_EQ(map.rules[1].metric, "throughput_tok_s"); // "throughput" is read by the catalog's names
    EXPECT_DOUBLE_EQ(map.rules[1].factor, 1000); // 1 token per ms = 1000 per s
    EXPECT_TRUE(map.rules[1].appliesTo("runs/a.csv"));
    EXPECT_TRUE(map.rules[1].appliesTo("runs/deep/a.csv")); // '*' crosses '/'
    EXPECT_FALSE(map.rules[1].appliesTo("other/a.csv"));
    EXPECT_EQ(map.rules[2].action, UserMapRule::Action::Parameter);
    EXPECT_EQ(map.rules[2].dimension, "concurrency");
    EXPECT_EQ(map.rules[3].dimension, "model");
    EXPECT_EQ(map.rules[4].action, UserMapRule::Action::Ignore);
    EXPECT_EQ(map.rules[5].statistic, Statistic::P95);
    EXPECT_DOUBLE_EQ(map.rules[5].factor, 1000);
    EXPECT_EQ(map.find("c", "x.csv"), 2);
    EXPECT_EQ(map.find("C", "x.csv"), -1); // exact names only
    EXPECT_EQ(map.find("Decode", "x.csv"), -1); // outside its glob

    // What the window saves is read back to the same rules.
    const UserMap again = mapOf(userMapJson(map));
    ASSERT_EQ(again.rules.size(), map.rules.size());
    for (size_t i = 0; i < map.rules.size(); ++i) {
        EXPECT_EQ(again.rules[i].column, map.rules[i].column);
        EXPECT_EQ(again.rules[i].action, map.rules[i].action);
        EXPECT_EQ(again.rules[i].metric, map.rules[i].metric);
        EXPECT_EQ(again.rules[i].factor, map.rules[i].factor);
        EXPECT_EQ(again.rules[i].dimension, map.rules[i].dimension);
        EXPECT_EQ(again.rules[i].files, map.rules[i].files);
        EXPECT_EQ(again.rules[i].statistic, map.rules[i].statistic);
    }
}

// Bad maps: each names the place (line and column, or a JSON pointer) and the reason.
TEST(UserMap, BadMapsSayWhereAndWhy)
{
    const struct
    {
        const char* text;
        const char* expected;
    } cases[] = {
        {"{\"schema\": \"benchlens.map/1\",\n \"rules\": [}", "map.json: line 2 column 12: malformed JSON"},
        {R"({"rules": []})", "map.json: \"schema\" must be \"benchlens.map/1\""},
        {R"({"schema": "benchlens.map/2", "rules": []})",
            "map.json: /schema: \"schema\" must be \"benchlens.map/1\" (found \"benchlens.map/2\")"},
        {R"({"schema": "benchlens.map/1", "rules": {}})", "map.json: /rules: \"rules\" must be an array"},
        {R"({"schema": "benchlens.map/1", "rules": [], "rule": []})", "map.json: /rule: unknown member 'rule'"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "x", "metric": "tok_speed"}]})",
            "map.json: /rules/0/metric: unknown metric 'tok_speed' (one of throughput_tok_s, ttft_ms"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "x", "metric": "ttft_ms", "unit": "fortnights"}]})",
            "map.json: /rules/0/unit: unknown unit 'fortnights'"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "x", "metric": "ttft_ms", "unit": "tok/s"}]})",
            "map.json: /rules/0/unit: unit 'tok/s' does not fit metric ttft_ms (its unit is ms)"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "x"}, {"column": "y", "action": "rename"}]})",
            "map.json: /rules/0: a rule needs an \"action\""},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "y", "action": "rename"}]})",
            "map.json: /rules/0/action: unknown action 'rename' (metric, parameter, model or ignore)"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "", "action": "ignore"}]})",
            "map.json: /rules/0/column: a rule needs a non-empty \"column\""},
        {R"({"schema": "benchlens.map/1", "rules": [{"action": "ignore", "colum": "x"}]})",
            "map.json: /rules/0/colum: unknown member 'colum'"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "x", "action": "ignore", "unit": "s"}]})",
            "map.json: /rules/0/unit: 'unit' belongs to a rule with action metric, not ignore"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": 3, "action": "ignore"}]})",
            "map.json: /rules/0/column: 'column' must be a string"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "x", "metric": "ttft_ms", "statistic": "p42"}]})",
            "map.json: /rules/0/statistic: unknown statistic 'p42'"},
        {R"({"schema": "benchlens.map/1", "rules": [{"column": "x", "action": "parameter", "name": "model"}]})",
            "map.json: /rules/0/name: a parameter cannot be named 'model'"},
        {R"([1, 2])", "map.json: a map is a JSON object"},
    };
    for (const auto& c : cases) {
        const auto r = parseUserMap(c.text, "map.json");
        ASSERT_FALSE(r.ok()) << c.text;
        EXPECT_EQ(r.error().rfind(c.expected, 0), 0u) << "got: " << r.error() << "\nwanted: " << c.expected;
    }
    const auto missing = loadUserMap("/nonexistent/map.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().rfind("/nonexistent/map.json: cannot read the map:", 0), 0u) << missing.error();
}

// A "not understood" JSON file becomes a metric: memory_used_gb read as memory_mb, converted from GB.
TEST(UserMap, NotUnderstoodJsonFieldBecomesAMetricInItsUnit)
{
    const std::string file = "reports/llama3/baseline_system_metrics.json";
    // Every "memory_used_gb" member of the raw file, wherever it is.
    std::vector<double> raw;
    const auto collect = [&raw](const auto& self, const nlohmann::json& j) -> void {
        if (j.is_object()) {
            for (const auto& [k, v] : j.items()) {
                if (k == "memory_used_gb" && v.is_number())
                    raw.push_back(v.template get<double>());
                self(self, v);
            }
        } else if (j.is_array()) {
            for (const auto& v : j)
                self(self, v);
        }
    };
    collect(collect, nlohmann::json::parse(test::readFile(test::corpusDir() + "/" + file)));
    ASSERT_EQ(raw.size(), 6u); // six snapshots of the system

    QTemporaryDir plainDir;
    const auto plain = ingestCopies(plainDir, {file}, {});
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->files[0].status, FileStatus::NotUnderstood);
    EXPECT_TRUE(plain->userMap.empty());

    QTemporaryDir dir;
    const auto ds = ingestCopies(dir, {file}, mapOf(R"({"schema": "benchlens.map/1", "rules": [
            {"column": "memory_used_gb", "metric": "memory_mb", "unit": "GB"}]})"));
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->files[0].status, FileStatus::Ok);
    const MetricValues got = valuesOf(*ds, "memory_mb");
    EXPECT_EQ(got.unit, "MB");
    ASSERT_EQ(got.values.size(), raw.size());
    EXPECT_NEAR(mean(got.values), mean(raw) * 1000, 1e-9 * mean(raw) * 1000);
    ASSERT_EQ(ds->userMapUse.size(), 1u);
    EXPECT_EQ(ds->userMapUse[0].files, 1u);
    EXPECT_EQ(ds->userMapUse[0].values, raw.size());
}

// A text "key: value" line read through the map: "Duration: 1 minutes" becomes a reported wall time in ms.
TEST(UserMap, TextLineBecomesAReportedValue)
{
    const std::string file = "reports/llama3/baseline_system_report.txt";
    const std::string text = test::readFile(test::corpusDir() + "/" + file);
    const size_t at = text.find("Duration:");
    ASSERT_NE(at, std::string::npos);
    const double minutes = std::stod(text.substr(at + 9)); // " 1 minutes"
    QTemporaryDir dir;
    const auto ds = ingestCopies(dir, {file},
        mapOf(R"({"schema": "benchlens.map/1", "rules": [{"column": "Duration", "metric": "wall_time_ms"}]})"));
    ASSERT_TRUE(ds);
    const auto m = ds->findMetric("wall_time_ms");
    ASSERT_TRUE(m);
    size_t found = 0;
    for (const auto& r : ds->reported) {
        if (r.metric == m->value) {
            ++found;
            EXPECT_DOUBLE_EQ(r.value, minutes * 60'000); // the cell's own unit, minutes, converted
        }
    }
    EXPECT_EQ(found, 1u);
    EXPECT_EQ(ds->files[0].status, FileStatus::Ok);
}

// parameter -> a new dimension of the variant; ignore -> the metric is gone; model -> the model named by a column.
TEST(UserMap, ParameterIgnoreAndModelColumnOnACsv)
{
    const std::string file = "csv_data/ollama_quant_bench.csv";
    const auto rows = csvRows(test::corpusDir() + "/" + file);
    ASSERT_GT(rows.size(), 2u);
    const auto& header = rows[0];
    const size_t modelCol = columnOf(header, "model");
    const size_t tagCol = columnOf(header, "tag");
    const size_t ttftCol = columnOf(header, "ttft_s");
    ASSERT_LT(tagCol, header.size());
    std::map<std::pair<std::string, std::string>, std::vector<double>> ttftByModelTag; // seconds
    std::map<std::string, std::vector<double>> ttftByTag;
    std::set<std::string> models;
    for (size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() != header.size() || rows[r][ttftCol].empty())
            continue;
        const double ttft = std::stod(rows[r][ttftCol]);
        ttftByModelTag[{rows[r][modelCol], rows[r][tagCol]}].push_back(ttft);
        ttftByTag[rows[r][tagCol]].push_back(ttft);
        models.insert(rows[r][modelCol]);
    }

    QTemporaryDir plainDir;
    const auto plain = ingestCopies(plainDir, {file}, {});
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->variants.size(), models.size()); // without the map: one variant per model
    EXPECT_TRUE(plain->findMetric("response_chars"));

    QTemporaryDir dir;
    const auto ds = ingestCopies(dir, {file}, mapOf(R"({"schema": "benchlens.map/1", "rules": [
        {"column": "tag", "action": "parameter", "name": "quant"},
        {"column": "response_chars", "action": "ignore"},
        {"column": "no_such_column", "action": "ignore"}]})"));
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->variants.size(), ttftByModelTag.size());
    for (const auto& v : ds->variants) {
        std::string quant;
        for (const auto& [k, value] : v.config) {
            if (k == "quant")
                quant = value;
        }
        ASSERT_FALSE(quant.empty()) << v.id;
        const auto& expected = ttftByModelTag.at({v.model, quant});
        std::vector<double> got;
        const auto m = ds->findMetric("ttft_ms");
        ASSERT_TRUE(m);
        for (size_t s = 0; s < ds->samples.size(); ++s) {
            if (ds->samples.metric[s] == m->value && ds->variants[ds->samples.variant[s]].id == v.id)
                got.push_back(ds->samples.value[s]);
        }
        ASSERT_EQ(got.size(), expected.size()) << v.id;
        EXPECT_NEAR(mean(got), mean(expected) * 1000, 1e-9) << v.id;
    }
    EXPECT_FALSE(ds->findMetric("response_chars"));
    ASSERT_EQ(ds->userMapUse.size(), 3u);
    EXPECT_EQ(ds->userMapUse[0].files, 1u);
    EXPECT_EQ(ds->userMapUse[0].values, rows.size() - 1); // one tag per data row
    EXPECT_EQ(ds->userMapUse[1].values, rows.size() - 1);
    EXPECT_EQ(ds->userMapUse[2].files, 0u);
    bool warned = false;
    for (const auto& d : ds->diagnostics)
        warned = warned
            || (d.severity == Severity::Warning
                && d.message.find("rule 3 (`no_such_column` is ignored) matched no") != std::string::npos);
    EXPECT_TRUE(warned);

    // The model named by the tag column instead.
    QTemporaryDir modelDir;
    const auto byTag = ingestCopies(
        modelDir, {file}, mapOf(R"({"schema": "benchlens.map/1", "rules": [{"column": "tag", "action": "model"},
                  {"column": "model", "action": "ignore"}]})"));
    ASSERT_TRUE(byTag);
    ASSERT_EQ(byTag->variants.size(), ttftByTag.size());
    for (const auto& v : byTag->variants) {
        ASSERT_TRUE(ttftByTag.count(v.model)) << v.model;
        EXPECT_EQ(v.observations, ttftByTag.at(v.model).size()) << v.model;
    }
}

// A rule scoped to other files leaves this one as it was, and says it matched nothing.
TEST(UserMap, FileGlobScopesARule)
{
    const std::string file = "reports/llama3/baseline_system_metrics.json";
    QTemporaryDir dir;
    const auto ds = ingestCopies(dir, {file}, mapOf(R"({"schema": "benchlens.map/1", "rules": [
        {"column": "memory_used_gb", "metric": "memory_mb", "unit": "GB", "files": "csv_data/*"}]})"));
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->files[0].status, FileStatus::NotUnderstood);
    EXPECT_FALSE(ds->findMetric("memory_mb"));
    EXPECT_EQ(ds->userMapUse.at(0).files, 0u);
}

} // namespace
} // namespace benchlens
