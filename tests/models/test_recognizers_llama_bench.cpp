// llama-bench recognizer: the corpus files (JSON, JSONL with log lines, Markdown tables in logs) and our own
// fixtures (quoted CSV, old Markdown "pp 512" tests, boolean/integer flash_attn, missing samples arrays).
// Expected values are read from the raw files in the test with nlohmann::json or regular expressions.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "tests/support/extract_view.h"
#include "tests/support/test_paths.h"

#include <QRegularExpression>
#include <QString>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace benchlens;
using namespace benchlens::test;

namespace {
const std::string kDir = "/corpus/public/llama-bench/";

FileExtract corpusFile(const std::string& name)
{
    return recognizeBytes("llama-bench/" + name, readFile(sharedDir() + kDir + name));
}

FileExtract fixture(const std::string& name)
{
    return recognizeBytes(name, readFile(testDataDir() + "/fixtures/llama_bench/" + name));
}

// The test name as llama-bench's Markdown prints it, from the record's token counts (written here, not shared
// with the recognizer).
std::string expectedTest(const nlohmann::json& r)
{
    const int p = r.at("n_prompt"), g = r.at("n_gen"), d = r.value("n_depth", 0);
    std::string t = p > 0 && g > 0 ? fmt::format("pp{}+tg{}", p, g)
        : p > 0                    ? fmt::format("pp{}", p)
                                   : fmt::format("tg{}", g);
    return d > 0 ? t + fmt::format(" @ d{}", d) : t;
}
} // namespace

TEST(LlamaBench, JsonArrayRepetitionsAreSamplesAndAveragesAreReported)
{
    const std::string name = "llama-bench-dashboard_7900xtx_rocm-7.12_gpt-oss-20b.json";
    const FileExtract e = corpusFile(name);
    EXPECT_EQ(e.recognizer, "llama-bench JSON");
    const auto raw = nlohmann::json::parse(readFile(sharedDir() + kDir + name));
    ASSERT_EQ(raw.size(), 84u);

    // Every samples_ts element is one throughput sample, in file order, with its own pointer.
    std::vector<double> expectedTs;
    std::vector<std::string> expectedLoc;
    for (size_t i = 0; i < raw.size(); ++i) {
        for (size_t j = 0; j < raw[i].at("samples_ts").size(); ++j) {
            expectedTs.push_back(raw[i]["samples_ts"][j]);
            expectedLoc.push_back(fmt::format("/{}/samples_ts/{}", i, j));
        }
    }
    const auto ts = samplesOf(e, "throughput_tok_s");
    ASSERT_EQ(ts.size(), expectedTs.size());
    EXPECT_EQ(ts.size(), 252u);
    for (size_t k = 0; k < ts.size(); ++k) {
        EXPECT_DOUBLE_EQ(ts[k].value, expectedTs[k]);
        EXPECT_EQ(ts[k].locator, expectedLoc[k]);
    }
    // samples_ns are wall times per repetition: ns -> ms.
    const auto wall = samplesOf(e, "wall_time_ms");
    ASSERT_EQ(wall.size(), 252u);
    EXPECT_DOUBLE_EQ(wall[0].value, double(raw[0]["samples_ns"][0]) / 1e6);

    // avg_ts is reported as the mean over the record's repetitions; the variant is model + backend + ngl + test.
    const auto means = reportedOf(e, "throughput_tok_s");
    std::map<std::string, double> meanByGroup;
    for (const auto& r : means) {
        if (r.statistic == Statistic::Mean) {
            meanByGroup[r.group] = r.value;
            EXPECT_EQ(r.n, 3u);
        }
    }
    ASSERT_EQ(meanByGroup.size(), 84u);
    for (const auto& r : raw) {
        const std::string group
            = fmt::format("backend=ROCm 7.12 model=gpt-oss-20b-mxfp4 num_gpu=99 test={}", expectedTest(r));
        ASSERT_TRUE(meanByGroup.count(group)) << group;
        EXPECT_DOUBLE_EQ(meanByGroup[group], double(r["avg_ts"]));
    }
}

TEST(LlamaBench, JsonLinesSkipLogLinesAndLocateRecordsByLine)
{
    const std::string name = "strix-halo_quick-test.jsonl";
    const FileExtract e = corpusFile(name);
    EXPECT_EQ(e.recognizer, "llama-bench JSONL");
    // Lines that start with '{' are the records; the others are backend log output.
    const std::string text = readFile(sharedDir() + kDir + name);
    std::vector<std::string> recordLines;
    std::vector<nlohmann::json> records;
    int lineNo = 0, logLines = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t end = text.find('\n', pos);
        const std::string line = text.substr(pos, end - pos);
        pos = end == std::string::npos ? text.size() : end + 1;
        ++lineNo;
        if (line.empty())
            continue;
        if (line[0] == '{') {
            recordLines.push_back(fmt::format("line {} /samples_ts/0", lineNo));
            records.push_back(nlohmann::json::parse(line));
        } else {
            ++logLines;
        }
    }
    EXPECT_EQ(logLines, 4);
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "4 log line(s)"));
    const auto ts = samplesOf(e, "throughput_tok_s");
    ASSERT_EQ(ts.size(), records.size());
    for (size_t i = 0; i < ts.size(); ++i) {
        EXPECT_DOUBLE_EQ(ts[i].value, double(records[i]["samples_ts"][0]));
        EXPECT_EQ(ts[i].locator, recordLines[i]);
        EXPECT_NE(ts[i].group.find("test=" + expectedTest(records[i])), std::string::npos) << ts[i].group;
    }
}

TEST(LlamaBench, MarkdownTablesInALogAreOneRunPerHeading)
{
    const std::string name = "rx7900xtx_vulkan_benchmark_20251211_143639.txt";
    const FileExtract e = corpusFile(name);
    EXPECT_EQ(e.recognizer, "llama-bench Markdown");
    // Every "mean ± stddev" cell of the file, read with a regular expression.
    const QString text = QString::fromStdString(readFile(sharedDir() + kDir + name));
    static const QRegularExpression cell(QStringLiteral("\\|\\s+([0-9.]+) ± ([0-9.]+) \\|"));
    std::multiset<double> expectedMeans, expectedSds;
    for (auto it = cell.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        expectedMeans.insert(m.captured(1).toDouble());
        expectedSds.insert(m.captured(2).toDouble());
    }
    ASSERT_EQ(expectedMeans.size(), 6u);
    std::multiset<double> means, sds;
    std::set<std::string> groups;
    for (const auto& r : reportedOf(e, "throughput_tok_s")) {
        (r.statistic == Statistic::Mean ? means : sds).insert(r.value);
        groups.insert(r.group);
        EXPECT_FALSE(r.n.has_value()); // the table does not say how many repetitions
    }
    EXPECT_EQ(means, expectedMeans);
    EXPECT_EQ(sds, expectedSds);
    // Three tables (GPU 0, GPU 1, both) x two tests.
    EXPECT_EQ(groups.size(), 6u);
    EXPECT_TRUE(groups.count("backend=Vulkan batch_size=512 flash_attn=1 model=llama 7B Q4_0 num_gpu=100 "
                             "section=GPU 1 ONLY (pciBus 15 - top slot, compute) test=tg128"));
}

TEST(LlamaBench, MarkdownWithContextDepthInALogFile)
{
    const FileExtract e = corpusFile("strix-halo-toolboxes_GLM-4.7-Flash-BF16__rocm-7_2_3__fa1__longctx32768.log");
    EXPECT_EQ(e.recognizer, "llama-bench Markdown");
    const auto r = reportedOf(e, "throughput_tok_s");
    ASSERT_EQ(r.size(), 4u);
    EXPECT_DOUBLE_EQ(r[0].value, 91.33);
    EXPECT_EQ(r[0].group,
        "backend=ROCm flash_attn=1 model=deepseek2 30B.A3B BF16 n_ubatch=2048 num_gpu=99 test=pp2048 @ d32768 "
        "use_mmap=0");
    EXPECT_DOUBLE_EQ(r[2].value, 16.56);
    EXPECT_EQ(r[2].locator, "line 6 col t/s");
}

TEST(LlamaBench, QuotedCsvKeepsKnobsThatDiffer)
{
    const FileExtract e = fixture("bench.csv");
    EXPECT_EQ(e.recognizer, "llama-bench CSV");
    EXPECT_TRUE(e.records.empty()); // the CSV output has no per-repetition samples
    const auto r = reportedOf(e, "throughput_tok_s");
    ASSERT_EQ(r.size(), 6u);
    // flash_attn differs between the rows, so it is part of the variant; n_threads does not.
    EXPECT_EQ(r[0].group, "backend=CUDA flash_attn=0 model=qwen2-1_5b-q4_k_m num_gpu=99 test=pp512");
    EXPECT_EQ(r[2].group, "backend=CUDA flash_attn=1 model=qwen2-1_5b-q4_k_m num_gpu=99 test=pp512");
    EXPECT_EQ(r[4].group, "backend=CUDA flash_attn=0 model=qwen2-1_5b-q4_k_m num_gpu=99 test=tg128");
    EXPECT_DOUBLE_EQ(r[0].value, 5371.84);
    EXPECT_EQ(r[1].statistic, Statistic::StdDev);
    EXPECT_DOUBLE_EQ(r[1].value, 45.51);
    // avg_ns is per repetition, in ns: 1021000000 ns = 1021 ms.
    const auto wall = reportedOf(e, "wall_time_ms");
    EXPECT_DOUBLE_EQ(wall[4].value, 1021);
}

TEST(LlamaBench, OldMarkdownSpacedTestNamesAndBadCells)
{
    const FileExtract e = fixture("old_build.md");
    EXPECT_EQ(e.recognizer, "llama-bench Markdown");
    const auto r = reportedOf(e, "throughput_tok_s");
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0].group, "backend=CUDA model=llama 7B mostly Q4_0 num_gpu=99 num_thread=8 test=pp512");
    EXPECT_EQ(r[2].group, "backend=CUDA model=llama 7B mostly Q4_0 num_gpu=99 num_thread=8 test=tg128");
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "not 'mean ± stddev': not measured"));
}

TEST(LlamaBench, BooleanFlashAttentionWindowsPathsAndMissingSamples)
{
    const FileExtract e = fixture("mixed_flags.json");
    EXPECT_EQ(e.recognizer, "llama-bench JSON");
    const auto ts = samplesOf(e, "throughput_tok_s");
    ASSERT_EQ(ts.size(), 3u); // the second record has no samples arrays (older build)
    EXPECT_EQ(ts[0].group, "backend=Metal flash_attn=1 model=phi-3-mini-q8 num_gpu=-1 test=tg64");
    const auto means = reportedOf(e, "throughput_tok_s");
    ASSERT_EQ(means.size(), 4u);
    EXPECT_EQ(means[0].n, 3u);
    EXPECT_FALSE(means[2].n.has_value());
    EXPECT_EQ(means[2].group, "backend=Metal flash_attn=0 model=phi-3-mini-q8 num_gpu=-1 test=tg64");
}

TEST(LlamaBench, SimilarJsonThatIsNotATestListIsLeftToTheGenericRecognizer)
{
    const FileExtract e = fixture("not_llama_bench.json");
    EXPECT_EQ(e.recognizer, "generic JSON");
    ASSERT_EQ(e.declinedBy.size(), 1u);
    EXPECT_EQ(e.declinedBy[0], "llama-bench JSON");
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "looks like llama-bench JSON output"));
}

TEST(LlamaBench, IngestCrossCheckAgreesWithTheFileOwnAverages)
{
    // avg_ts/stddev_ts are llama-bench's statistics of the same repetitions: no disagreement may be reported.
    auto result = ingestFolder(sharedDir() + "/corpus/public/llama-bench");
    ASSERT_TRUE(result.ok());
    const Dataset& ds = *result.value();
    for (const auto& d : ds.diagnostics)
        EXPECT_NE(d.severity, Severity::Warning) << d.file << ": " << d.message;
    size_t checked = 0;
    for (const auto& r : ds.reported)
        checked += r.computed && r.computedFromSameRun ? 1 : 0;
    EXPECT_GE(checked, 84u * 2);
}
