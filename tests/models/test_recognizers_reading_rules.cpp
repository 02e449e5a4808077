// The reading rules end to end through the generic recognizers: units inside cells, a column's unit from its cells,
// parameters told from metrics by name and by structure, console text, and "not understood" files. The inputs
// are written here so each expected number can be read off the text (the conversions are noted beside them).
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/recognizers/recognizer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <gtest/gtest.h>
#include <map>

using namespace benchlens;

namespace {
FileExtract extract(const std::string& name, const std::string& bytes)
{
    return recognizeFile({name, bytes, fileTypeFromPath(name)});
}

// metric name -> its sample values in file order.
std::map<std::string, std::vector<double>> samples(const FileExtract& e)
{
    std::map<std::string, std::vector<double>> out;
    for (const auto& v : e.values)
        out[e.metrics[v.metric].name].push_back(v.value);
    return out;
}

std::string unitOf(const FileExtract& e, const std::string& metric)
{
    for (const auto& m : e.metrics) {
        if (m.name == metric)
            return m.unit;
    }
    return "<none>";
}

std::string dimOf(const FileExtract::Dims& dims, const std::string& name)
{
    for (const auto& [k, v] : dims) {
        if (k == name)
            return v;
    }
    return "<none>";
}

void expectValues(const std::vector<double>& actual, const std::vector<double>& expected, const char* what)
{
    ASSERT_EQ(actual.size(), expected.size()) << what;
    for (size_t i = 0; i < expected.size(); ++i)
        EXPECT_NEAR(actual[i], expected[i], 1e-9 * std::max(1.0, std::abs(expected[i]))) << what << " #" << i;
}
} // namespace

// Regression for issue 13 class 2: rows whose cells carry units were skipped, and counted as failed samples.
TEST(ReadingRules, UnitsInCellsAreSamplesInCanonicalUnits)
{
    const std::string csv = "model,latency,Decode speed,compile_time_s,queue\n"
                            "m1,1.2 s,41.5 tok/s,0.5,3 ms\n"
                            "m1,900 ms,40 tok/s,0.7,4 ms\n"
                            "m1,\"1,100 ms\",39 tok/s,0.6,2.5 ms\n"
                            "m1,14.65 us,38 tok/s,0.4,1 s\n";
    const FileExtract e = extract("runs.csv", csv);
    ASSERT_EQ(e.records.size(), 4u);
    for (const auto& r : e.records)
        EXPECT_FALSE(r.failed);
    const auto s = samples(e);
    // 1.2 s = 1200 ms; "1,100 ms" = 1100 ms; 14.65 us = 0.01465 ms.
    expectValues(s.at("latency_ms"), {1200, 900, 1100, 0.01465}, "latency_ms");
    // "Decode speed" has no unit in its header: its cells' tok/s make it the generation throughput.
    expectValues(s.at("throughput_tok_s"), {41.5, 40, 39, 38}, "throughput_tok_s");
    // An unknown quantity with a unit in its name keeps its name and values, and gets the unit.
    expectValues(s.at("compile_time_s"), {0.5, 0.7, 0.6, 0.4}, "compile_time_s");
    EXPECT_EQ(unitOf(e, "compile_time_s"), "s");
    // An unknown header whose cells carry a time unit: kept as "queue", in ms (1 s = 1000 ms).
    expectValues(s.at("queue"), {3, 4, 2.5, 1000}, "queue");
    EXPECT_EQ(unitOf(e, "queue"), "ms");
    EXPECT_TRUE(std::none_of(e.diagnostics.begin(), e.diagnostics.end(),
        [](const Diagnostic& d) { return d.message.find("not numbers") != std::string::npos; }));
}

// A unit in a cell that does not fit the column's metric is not read as that metric.
TEST(ReadingRules, AUnitOfAnotherKindIsNotConverted)
{
    const std::string csv = "ttft\n120 ms\n3 tokens\n0.2 s\n";
    const FileExtract e = extract("ttft.csv", csv);
    // 120 ms, 0.2 s = 200 ms; "3 tokens" is skipped and reported as a bad cell.
    expectValues(samples(e).at("ttft_ms"), {120, 200}, "ttft_ms");
    EXPECT_TRUE(std::any_of(e.diagnostics.begin(), e.diagnostics.end(),
        [](const Diagnostic& d) { return d.message.find("1 cell(s) in metric column 'ttft'") != std::string::npos; }));
}

// Regression for issue 13 class 5: a concurrency sweep collapsed into one variant, its concurrency averaged.
TEST(ReadingRules, ParametersByNameAndByStructureSplitVariants)
{
    // concurrency: a parameter by name. c: unknown, 2 values each repeated 4 times over 8 rows -> a parameter.
    // rows: unknown, one value throughout -> still a metric (a constant count is no sweep). seed: a label.
    const std::string csv = "concurrency,c,rows,seed,max_tokens,out_tok_s\n"
                            "1,10,500,1,256,50\n"
                            "1,10,500,2,256,52\n"
                            "1,10,500,3,256,51\n"
                            "1,10,500,4,256,49\n"
                            "4,20,500,5,256,180\n"
                            "4,20,500,6,256,176\n"
                            "4,20,500,7,256,184\n"
                            "4,20,500,8,256,180\n";
    const FileExtract e = extract("sweep.csv", csv);
    ASSERT_EQ(e.groups.size(), 2u);
    EXPECT_EQ(dimOf(e.groups[0], "concurrency"), "1");
    EXPECT_EQ(dimOf(e.groups[0], "c"), "10");
    EXPECT_EQ(dimOf(e.groups[0], "rows"), "<none>");
    EXPECT_EQ(dimOf(e.groups[0], "max_new_tokens"), "256");
    EXPECT_EQ(dimOf(e.groups[1], "concurrency"), "4");
    EXPECT_EQ(dimOf(e.groups[1], "c"), "20");
    EXPECT_EQ(dimOf(e.groups[0], "seed"), "<none>");
    const auto s = samples(e);
    expectValues(s.at("throughput_tok_s"), {50, 52, 51, 49, 180, 176, 184, 180}, "throughput_tok_s");
    expectValues(s.at("rows"), {500, 500, 500, 500, 500, 500, 500, 500}, "rows");
    for (const char* notMetric : {"concurrency", "c", "seed", "max_tokens", "max_new_tokens"})
        EXPECT_EQ(s.count(notMetric), 0u) << notMetric;
}

// An unknown column that varies freely stays a (custom) metric, never a parameter.
TEST(ReadingRules, AVaryingUnknownColumnIsNoParameter)
{
    const std::string csv = "tokens_s,score\n10,0.5\n11,0.7\n12,0.5\n13,0.9\n";
    const FileExtract e = extract("scores.csv", csv);
    ASSERT_EQ(e.groups.size(), 1u);
    EXPECT_EQ(dimOf(e.groups[0], "score"), "<none>");
    expectValues(samples(e).at("score"), {0.5, 0.7, 0.5, 0.9}, "score");
}

// Regression for issue 13 class 6: ANSI codes and spinners hid "key: value" lines; a box-drawn console table with
// a unit row under its header was not read; "model_name = X" did not name the model.
TEST(ReadingRules, ConsoleTextIsCleanedBeforeReading)
{
    const std::string log
        = "model_name =    llama3:8b\n"
          "\x1b[?25l\x1b[1G\xe2\xa0\x99 \x1b[K\x1b[?25h\x1b[1G\x1b[K"
          "load duration:        1.603060284s\n"
          "eval duration:        1m23.5s\n"
          "\x1b[1meval rate:\x1b[0m            9.95 tokens/s\n"
          "\n"
          "\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\xac\xe2\x94\x80\xe2\x94\x80"
          "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x90\n"
          "\xe2\x94\x82 TTFT \xe2\x94\x82 ITL  \xe2\x94\x82\n"
          "\xe2\x94\x82 s    \xe2\x94\x82 ms   \xe2\x94\x82\n"
          "\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\xbc\xe2\x94\x80\xe2\x94\x80"
          "\xe2\x94\x80\xe2\x94\x80\xe2\x94\xa4\n"
          "\xe2\x94\x82 0.25 \xe2\x94\x82 12.5 \xe2\x94\x82\n"
          "\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\xb4\xe2\x94\x80\xe2\x94\x80"
          "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x98\n";
    const FileExtract e = extract("run.log", log);
    std::map<std::string, double> reported;
    for (const auto& r : e.reported) {
        reported[e.metrics[r.metric].name] = r.value;
        EXPECT_EQ(dimOf(e.groups[r.group], "model"), "llama3:8b") << e.metrics[r.metric].name;
    }
    EXPECT_DOUBLE_EQ(reported.at("load_ms"), 1603.060284); // 1.603060284 s
    EXPECT_DOUBLE_EQ(reported.at("eval_ms"), 83500); // 1 min 23.5 s = 83.5 s
    EXPECT_DOUBLE_EQ(reported.at("throughput_tok_s"), 9.95);
    // The table: its header row names TTFT and ITL, its unit row s and ms; 0.25 s = 250 ms.
    EXPECT_DOUBLE_EQ(reported.at("ttft_ms"), 250);
    EXPECT_DOUBLE_EQ(reported.at("itl_ms"), 12.5);
}

// "key: value" lines are read in Markdown as in logs, with the grammar's names.
TEST(ReadingRules, KeyValueLinesInMarkdown)
{
    const std::string md = "# Results\n\nModel: qwen2.5:7b\n\n- Decode speed (tok/sec): 31.2\n"
                           "- prefill_tps: 410\n- e2e_latency_us: 2,500,000\n";
    const FileExtract e = extract("notes.md", md);
    std::map<std::string, double> reported;
    for (const auto& r : e.reported)
        reported[e.metrics[r.metric].name] = r.value;
    EXPECT_DOUBLE_EQ(reported.at("throughput_tok_s"), 31.2);
    EXPECT_DOUBLE_EQ(reported.at("prompt_throughput_tok_s"), 410);
    EXPECT_DOUBLE_EQ(reported.at("latency_ms"), 2500); // 2,500,000 us = 2500 ms
}

// Issue 13 "never silent": a file with numbers and nothing read from it is "not understood", with a diagnostic.
TEST(ReadingRules, FilesWithNumbersButNothingReadAreNotUnderstood)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const auto write = [&](const char* name, const std::string& text) {
        QFile f(QDir(dir.path()).filePath(QString::fromUtf8(name)));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text.data(), static_cast<qint64>(text.size()));
    };
    write("odd.csv", "foo_rate,bar,label\n1.5,2,x\n3.5,4,y\n");
    write("odd.json", "{\"alpha\": 1, \"beta\": {\"gamma\": 2.5}}");
    write("good.csv", "tokens_s\n10\n");
    write("notes.md", "# Notes\n\nNothing measured here.\n");
    const auto result = ingestFolder(dir.path().toStdString());
    ASSERT_TRUE(result.ok()) << result.error();
    const Dataset& ds = *result.value();
    std::map<std::string, const SourceFile*> files;
    for (const auto& f : ds.files)
        files[f.path] = &f;
    ASSERT_EQ(files.size(), 4u);
    EXPECT_EQ(files.at("odd.csv")->status, FileStatus::NotUnderstood);
    EXPECT_EQ(files.at("odd.json")->status, FileStatus::NotUnderstood);
    EXPECT_EQ(files.at("good.csv")->status, FileStatus::Ok);
    EXPECT_EQ(files.at("notes.md")->status, FileStatus::Ok); // no numbers: nothing to understand
    const auto message = [&](const char* path) {
        for (const auto& d : files.at(path)->extract.diagnostics) {
            if (d.message.find("none recognized") != std::string::npos)
                return d.message;
        }
        return std::string("<none>");
    };
    // 2 numeric columns (foo_rate, bar) x 2 rows = 4 values; "label" holds text.
    EXPECT_EQ(message("odd.csv"),
        "2 numeric fields (4 values), none recognized: `foo_rate`, `bar`; nothing was read from this file");
    EXPECT_EQ(message("odd.json"),
        "2 numeric fields (2 values), none recognized: `alpha`, `gamma`; nothing was read from this file");
}
