// JMH console result tables: the real kv-store-benchmark results.txt (tests/data/public/jmh/, role rule; decimal
// commas, "(param)" columns with N/A, several tables) with expected values read from the raw file by a regular
// expression here, and a fixture of our own for the modes and secondary rows (sample-mode percentiles, gc).
#include "models/ingest/ingest.h"
#include "tests/models/public_expected.h"

#include <QFile>
#include <QTemporaryDir>

#include <map>
#include <regex>

using namespace benchlens;
using namespace benchlens::test;

namespace {

double commaNumber(std::string s)
{
    std::replace(s.begin(), s.end(), ',', '.');
    return std::stod(s);
}

const FileExtract::Reported* reportedAt(const FileExtract& e, const std::string& metric, uint32_t line)
{
    for (const auto& r : e.reported) {
        if (e.metrics[r.metric].name == metric && r.locator.line == line)
            return &r;
    }
    return nullptr;
}

} // namespace

TEST(JmhConsolePublic, KvStoreResultsTable)
{
    const std::string path = "jmh/kv-store-benchmark_results.txt";
    const std::string raw = mustRead(testDataDir() + "/public/" + path);
    const FileExtract e = recognizePublic(path);
    EXPECT_EQ(e.recognizer, "JMH console table");
    EXPECT_TRUE(e.records.empty());
    // Header "(a) (b) ... Mode Cnt Score Error Units"; rows "name v... mode cnt score ± error ms/op".
    const std::regex header(R"(^Benchmark\s+(.*?)\s*Mode\s+Cnt\s+Score\s+Error\s+Units\s*$)");
    const std::regex row(R"(^(\S+)\s+(.*?)\s*(ss|thrpt|avgt|sample)\s+(\d+)\s+([\d,.]+)\s+±\s+([\d,.]+)\s+ms/op\s*$)");
    std::vector<std::string> params;
    size_t rows = 0;
    uint32_t lineNo = 0;
    std::istringstream lines(raw);
    for (std::string line; std::getline(lines, line);) {
        ++lineNo;
        std::smatch m;
        if (std::regex_match(line, m, header)) {
            params.clear();
            std::istringstream ps(m[1].str());
            for (std::string p; ps >> p;)
                params.push_back(p.substr(1, p.size() - 2));
            continue;
        }
        if (!std::regex_match(line, m, row))
            continue;
        ++rows;
        SCOPED_TRACE("line " + std::to_string(lineNo));
        const auto* mean = reportedAt(e, "time_per_iteration_ns", lineNo);
        ASSERT_NE(mean, nullptr);
        EXPECT_EQ(mean->statistic, Statistic::Mean);
        // ms/op -> ns per iteration.
        EXPECT_TRUE(close(mean->value, commaNumber(m[5].str()) * 1e6));
        ASSERT_TRUE(mean->n.has_value());
        EXPECT_EQ(*mean->n, std::stoul(m[4].str()));
        const auto* error = reportedAt(e, "score_error", lineNo);
        ASSERT_NE(error, nullptr);
        EXPECT_TRUE(close(error->value, commaNumber(m[6].str()) * 1e6));
        EXPECT_EQ(dimOf(e, mean->group, "benchmark"), m[1].str());
        EXPECT_EQ(dimOf(e, mean->group, "mode"), m[3].str());
        std::istringstream vs(m[2].str());
        for (size_t p = 0; p < params.size(); ++p) {
            std::string v;
            vs >> v;
            // N/A: the parameter does not apply to that benchmark, so it is no dimension.
            EXPECT_EQ(dimOf(e, mean->group, params[p]), v == "N/A" ? "" : v) << params[p];
        }
    }
    EXPECT_GT(rows, 20u);
    EXPECT_EQ(e.reported.size(), 2 * rows);
}

TEST(JmhConsole, ModesAndSecondaryRows)
{
    const FileExtract e = recognizeAt(fixturePath("jmh/console_modes.log"), "console_modes.log");
    EXPECT_EQ(e.recognizer, "JMH console table");
    const auto thrpt = groupsWith(e, {{"benchmark", "ParseBench.parse"}, {"mode", "thrpt"}, {"size", "1000"}});
    ASSERT_EQ(thrpt.size(), 1u);
    EXPECT_DOUBLE_EQ(groupReported(e, thrpt[0], "ops_per_s", "mean"), 184213.671);
    EXPECT_EQ(groupReportedN(e, thrpt[0], "ops_per_s", "mean"), std::optional<uint32_t>(25));
    const auto avgt = groupsWith(e, {{"benchmark", "ParseBench.latency"}, {"mode", "avgt"}});
    ASSERT_EQ(avgt.size(), 1u);
    EXPECT_DOUBLE_EQ(groupReported(e, avgt[0], "time_per_iteration_ns", "mean"), 5431.0); // 5.431 us
    const auto sample = groupsWith(e, {{"benchmark", "ParseBench.sampled"}, {"mode", "sample"}});
    ASSERT_EQ(sample.size(), 1u);
    EXPECT_DOUBLE_EQ(groupReported(e, sample[0], "time_per_iteration_ns", "mean"), 112000.0);
    EXPECT_EQ(groupReportedN(e, sample[0], "time_per_iteration_ns", "p99"), std::optional<uint32_t>(178520));
    EXPECT_DOUBLE_EQ(groupReported(e, sample[0], "time_per_iteration_ns", "min"), 98000.0);
    EXPECT_DOUBLE_EQ(groupReported(e, sample[0], "time_per_iteration_ns", "p50"), 104000.0);
    EXPECT_DOUBLE_EQ(groupReported(e, sample[0], "time_per_iteration_ns", "p99"), 201000.0);
    EXPECT_DOUBLE_EQ(groupReported(e, sample[0], "time_per_iteration_ns", "max"), 2867000.0);
    EXPECT_DOUBLE_EQ(groupReported(e, sample[0], "gc_alloc_rate", "mean"), 1203.5);
    EXPECT_EQ(unitOf(e, "gc_alloc_rate"), "MB/sec");
    const auto ss = groupsWith(e, {{"benchmark", "ParseBench.cold"}, {"mode", "ss"}});
    ASSERT_EQ(ss.size(), 1u);
    EXPECT_DOUBLE_EQ(groupReported(e, ss[0], "time_per_iteration_ns", "mean"), 41.2e6);
    // "≈ 10⁻⁴" is not a number: the row is left out and a diagnostic says so; the prose around the table is not read.
    EXPECT_TRUE(groupsWith(e, {{"benchmark", "ParseBench.tiny"}}).empty());
    EXPECT_EQ(e.groups.size(), 5u);
    bool said = false;
    for (const auto& d : e.diagnostics)
        said = said || d.message.find("without a numeric score") != std::string::npos;
    EXPECT_TRUE(said);
}

namespace {

// Ingests the fixture pair (jmh/pair: a -rf json file and the console table of the same run) with the console text
// replaced by `console` when given; returns the files by name.
std::map<std::string, SourceFile> ingestPair(const std::string& console = {})
{
    QTemporaryDir dir;
    EXPECT_TRUE(dir.isValid());
    EXPECT_TRUE(QFile::copy(QString::fromStdString(fixturePath("jmh/pair/jmh-result.json")),
        dir.filePath(QStringLiteral("jmh-result.json"))));
    QFile out(dir.filePath(QStringLiteral("console.txt")));
    EXPECT_TRUE(out.open(QIODevice::WriteOnly));
    const std::string text = console.empty() ? mustRead(fixturePath("jmh/pair/console.txt")) : console;
    out.write(text.data(), qint64(text.size()));
    out.close();
    const auto loaded = ingestFolder(dir.path().toStdString());
    EXPECT_TRUE(loaded.ok());
    std::map<std::string, SourceFile> files;
    for (const auto& f : loaded.value()->files)
        files.emplace(f.path, f);
    return files;
}

bool mentions(const SourceFile& f, Severity severity, const std::string& text)
{
    for (const auto& d : f.extract.diagnostics) {
        if (d.severity == severity && d.message.find(text) != std::string::npos)
            return true;
    }
    return false;
}

} // namespace

// The console table restates the JSON's scores (5.43127 us/op printed 5.431, 0.0224 ms/op printed 0.022): counted
// once, from the JSON.
TEST(JmhConsole, TableBesideItsJsonIsCountedOnce)
{
    const auto files = ingestPair();
    ASSERT_EQ(files.size(), 2u);
    const SourceFile& json = files.at("jmh-result.json");
    const SourceFile& table = files.at("console.txt");
    EXPECT_EQ(json.recognizer, "JMH JSON");
    EXPECT_EQ(table.recognizer, "JMH console table");
    EXPECT_EQ(json.observations, 9u); // 5 + 4 rawData iterations
    EXPECT_TRUE(table.extract.reported.empty());
    EXPECT_EQ(table.reported, 0u);
    EXPECT_TRUE(mentions(table, Severity::Info, "counted once, from jmh-result.json"));
}

// A printed score that is not the JSON's, rounded: a warning with both values, and both files kept.
TEST(JmhConsole, TableThatDisagreesWithItsJsonIsKeptWithAWarning)
{
    std::string console = mustRead(fixturePath("jmh/pair/console.txt"));
    console.replace(console.find("5.431"), 5, "5.531");
    const auto files = ingestPair(console);
    const SourceFile& table = files.at("console.txt");
    EXPECT_EQ(table.extract.reported.size(), 4u); // two scores and their errors
    EXPECT_TRUE(mentions(table, Severity::Warning, "1 of the 2 JMH score(s)"));
    EXPECT_TRUE(mentions(table, Severity::Warning, "line 2: 5531.00 here, 5431.27 in jmh-result.json"));
}
