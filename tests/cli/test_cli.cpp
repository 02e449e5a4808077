// End-to-end tests of the benchlens binary: exit codes, stderr format, the summary JSON contract, and the golden
// Markdown report of the bundled sample folder.
#include "tests/support/read_only_folder.h"
#include "tests/support/test_paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <grp.h>
#include <gtest/gtest.h>
#include <map>
#include <numeric>
#include <set>
#include <unistd.h>

using namespace benchlens;

namespace {
struct CliRun
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

CliRun runBenchlens(const QStringList& args)
{
    QProcess p;
    p.start(QString::fromStdString(test::binary()), args);
    EXPECT_TRUE(p.waitForFinished(120000));
    return {p.exitCode(), p.readAllStandardOutput().toStdString(), p.readAllStandardError().toStdString()};
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// The q4_0 and q8_0 runs of the corpus' csv_data/ollama_quant_bench.csv: the selectors several tests compare or
// filter with.
QString quantBenchQ4()
{
    return QStringLiteral("model=llama3.1:8b-instruct-q4_0,run=csv_data/ollama_quant_bench.csv");
}
QString quantBenchQ8()
{
    return QStringLiteral("model=llama3.1:8b-instruct-q8_0,run=csv_data/ollama_quant_bench.csv");
}

// The Workflow Summary holds measured times and the report names the folder it read: mask both.
std::string normalizeReport(std::string md, const std::string& root)
{
    for (size_t pos; (pos = md.find(root)) != std::string::npos;)
        md.replace(pos, root.size(), "<ROOT>");
    QString text = QString::fromStdString(md);
    text.replace(QRegularExpression(QStringLiteral("in [0-9]+\\.[0-9] ms")), QStringLiteral("in <TIME> ms"));
    text.replace(QRegularExpression(QStringLiteral("Latest modification: [0-9TZ:-]+")),
        QStringLiteral("Latest modification: <MTIME>"));
    return text.toStdString();
}
} // namespace

TEST(Cli, UsageErrorsExitWith1)
{
    EXPECT_EQ(runBenchlens({}).exitCode, 1);
    EXPECT_EQ(runBenchlens({QStringLiteral("frobnicate")}).exitCode, 1);
    EXPECT_EQ(runBenchlens({QStringLiteral("summarize")}).exitCode, 1);
    EXPECT_EQ(runBenchlens({QStringLiteral("summarize"), q(test::sampleDir()), QStringLiteral("--bogus")}).exitCode, 1);
    EXPECT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir())}).exitCode, 1); // no -o
    EXPECT_EQ(runBenchlens({QStringLiteral("--help")}).exitCode, 0);
}

TEST(Cli, MissingFolderExitsWith2)
{
    const CliRun r = runBenchlens({QStringLiteral("summarize"), QStringLiteral("/nonexistent/benchlens")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("/nonexistent/benchlens"), std::string::npos);
}

TEST(Cli, RefusesToWriteInsideTheInputFolderAndReportsUnwritableTargets)
{
    QTemporaryDir dir;
    const QString input = dir.path() + QStringLiteral("/in");
    QDir().mkpath(input);
    QFile f(input + QStringLiteral("/runs.csv"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("model,tokens_s\nm,1\n");
    f.close();
    const CliRun inside
        = runBenchlens({QStringLiteral("report"), input, QStringLiteral("-o"), input + QStringLiteral("/r.md")});
    EXPECT_EQ(inside.exitCode, 3);
    EXPECT_FALSE(QFile::exists(input + QStringLiteral("/r.md")));
    EXPECT_EQ(QDir(input).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 1);
    const CliRun unwritable = runBenchlens(
        {QStringLiteral("report"), input, QStringLiteral("-o"), dir.path() + QStringLiteral("/no/such/dir/r.md")});
    EXPECT_EQ(unwritable.exitCode, 3);
    EXPECT_NE(unwritable.err.find("cannot write"), std::string::npos);
}

TEST(Cli, DiagnosticsGoToStderrAsSeverityFileMessage)
{
    QTemporaryDir dir;
    QFile f(dir.path() + QStringLiteral("/broken.json"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\"results\": [");
    f.close();
    const CliRun r = runBenchlens({QStringLiteral("summarize"), dir.path()});
    EXPECT_EQ(r.exitCode, 0); // diagnostics do not fail the run
    EXPECT_EQ(r.err.rfind("error: broken.json (line 1 col ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("malformed JSON"), std::string::npos);
}

TEST(Cli, SummarizeJsonContractOnTheCorpus)
{
    const CliRun r = runBenchlens({QStringLiteral("summarize"), q(test::corpusDir()), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["schema"], "benchlens.summary/1");
    const auto& inv = doc["inventory"];
    EXPECT_EQ(inv["files"], 109);
    EXPECT_EQ(inv["by_type"], nlohmann::json::parse(R"({"csv":29,"json":44,"md":31,"txt":3,"other":2})"));
    EXPECT_EQ(inv["duplicates"].size(), 5u);
    EXPECT_EQ(inv["entries"].size(), 109u);
    for (const char* key : {"variants", "metrics", "reported", "diagnostics"})
        EXPECT_TRUE(doc[key].is_array()) << key;
    // gemma3:1b-it-qat baseline: the tokens_s column of gemma3_1b-it-qat_baseline.csv, averaged by hand:
    // (181.96533720183703 + 182.6378183544046 + 184.2363135373321 + 182.66757650517033 + 182.8489434688796) / 5
    const double expected
        = (181.96533720183703 + 182.6378183544046 + 184.2363135373321 + 182.66757650517033 + 182.8489434688796) / 5;
    bool found = false;
    for (const auto& m : doc["metrics"]) {
        if (m["variant"] == "gemma3:1b-it-qat" && m["metric"] == "throughput_tok_s") {
            found = true;
            EXPECT_EQ(m["n"], 5);
            const double mean = m["mean"];
            EXPECT_NEAR(mean, expected, 1e-9);
            EXPECT_EQ(m["unit"], "tok/s");
            EXPECT_EQ(m["sources"].size(), 5u);
            EXPECT_EQ(m["sources"][0]["file"], "reports/gemma3/gemma3_1b-it-qat_baseline.csv");
            EXPECT_EQ(m["sources"][0]["locator"], "line 2 col tokens_s");
            EXPECT_EQ(m["ci95"].size(), 2u);
        }
    }
    EXPECT_TRUE(found);
    // Every entry of the inventory names its recognizer and status.
    for (const auto& e : inv["entries"]) {
        EXPECT_TRUE(e.contains("recognizer"));
        EXPECT_TRUE(e["status"] == "ok" || e["status"] == "skipped" || e["status"] == "error"
            || e["status"] == "not understood");
    }
}

TEST(Cli, SummarizeWritesAtomicallyToAFile)
{
    QTemporaryDir dir;
    const QString out = dir.path() + QStringLiteral("/summary.json");
    const CliRun r = runBenchlens(
        {QStringLiteral("summarize"), q(test::sampleDir()), QStringLiteral("--json"), QStringLiteral("-o"), out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.empty());
    const auto doc = nlohmann::json::parse(test::readFile(out.toStdString()));
    EXPECT_EQ(doc["schema"], "benchlens.summary/1");
    // Only the summary itself: no temporary file left behind.
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

TEST(Cli, GoldenMarkdownReportOfTheSample)
{
    QTemporaryDir dir;
    const QString out = dir.path() + QStringLiteral("/report.md");
    const QStringList args = {QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), out,
        QStringLiteral("--date"), QStringLiteral("2026-01-10")};
    const CliRun r = runBenchlens(args);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string root = std::filesystem::canonical(test::sampleDir()).string();
    const std::string first = test::readFile(out.toStdString());
    const std::string actual = normalizeReport(first, root);
    const std::string goldenPath = test::testDataDir() + "/golden/sample_report.md";
    const std::string expected = test::readFile(goldenPath);
    EXPECT_TRUE(actual == expected || test::updateGolden(goldenPath, actual))
        << test::goldenDiff("sample_report.md", goldenPath, actual);

    // Same input and date: identical output apart from the measured times.
    ASSERT_EQ(runBenchlens(args).exitCode, 0);
    EXPECT_EQ(normalizeReport(test::readFile(out.toStdString()), root), actual);
}

TEST(Cli, EveryPublicCorpusFileIsClaimedByItsRecognizer)
{
    // The right recognizer for every real tool output in ../shared/corpus/public (see FORMATS.md there). The
    // ollama-benchmark CSV is a third-party script's own table (seconds, renamed fields): the generic CSV
    // recognizer reads it correctly, so it stays generic.
    const std::map<std::string, std::string> expected = {
        {"FORMATS.md", "generic Markdown"},
        {"SOURCES.md", "generic Markdown"},
        {"genai-perf-aiperf/aiperf_run1_profile_export_aiperf.csv", "AIPerf CSV"},
        {"genai-perf-aiperf/aiperf_run1_profile_export_aiperf.json", "AIPerf JSON"},
        {"genai-perf-aiperf/k8s-dev_profile_export_genai_perf.json", "GenAI-Perf JSON"},
        {"llmperf/llmperf-leaderboard_individual_groq_70b.json", "llmperf individual JSON"},
        {"llmperf/llmperf-leaderboard_summary_groq_70b.json", "llmperf summary JSON"},
        {"mlperf-inference/MlPerfLogExample_mlperf_log_summary.txt", "MLPerf LoadGen summary"},
        {"mlperf-inference/mlperf-v5.1_AMD_8xMI300X_llama2-70b-99_Server_mlperf_log_summary.txt",
            "MLPerf LoadGen summary"},
        {"mlperf-inference/mlperf-v5.1_Cisco_C885_H200x8_llama3.1-8b_Offline_mlperf_log_summary.txt",
            "MLPerf LoadGen summary"},
        {"optimum-benchmark/hf-quant-bench_cuda_pytorch_llama_benchmark_report.json", "optimum-benchmark JSON"},
        {"optimum-benchmark/hf-quant-bench_cuda_pytorch_llama_benchmark_report.md", "optimum-benchmark Markdown"},
        {"pytest-benchmark/github-action-benchmark_pytest_output.json", "pytest-benchmark JSON"},
        {"pytest-benchmark/pytest-benchmark_0001_b87b9aae_20150814_190343_uncommitted-changes.json",
            "pytest-benchmark JSON"},
        {"google-benchmark/github-action-benchmark_googlecpp_output.json", "Google Benchmark JSON"},
        {"google-benchmark/google-benchmark-viewer_offset_list.json", "Google Benchmark JSON"},
        {"hyperfine/1brc_hyperfine.json", "hyperfine JSON"},
        {"hyperfine/aoc2024_day1_hyperfine.md", "hyperfine Markdown"},
        {"hyperfine/bencher_hyperfine_two.json", "hyperfine JSON"},
        {"hyperfine/lunacy_hyperfine-nbody.md", "hyperfine Markdown"},
        {"hyperfine/tinymole_hyperfine.csv", "hyperfine CSV"},
        {"llama-bench/llama-bench-dashboard_7900xtx_rocm-7.12_gpt-oss-20b.json", "llama-bench JSON"},
        {"llama-bench/rx7900xtx_vulkan_benchmark_20251211_143639.txt", "llama-bench Markdown"},
        {"llama-bench/strix-halo-toolboxes_GLM-4.7-Flash-BF16__rocm-7_2_3__fa1__longctx32768.log",
            "llama-bench Markdown"},
        {"llama-bench/strix-halo_llama32-1b.default-hip.jsonl", "llama-bench JSONL"},
        {"llama-bench/strix-halo_quick-test.jsonl", "llama-bench JSONL"},
        {"ollama/ollama-bash-lib_generate.json_deepseek-r1-1.5b.txt", "Ollama API response in text"},
        {"ollama/ollama-bash-lib_ollama_generate_json_local.md", "Ollama API response in Markdown"},
        {"ollama/ollama-benchmark_load_results_np20_mlm3_kvq8.csv", "generic CSV"},
        {"sglang-bench-serving/SGLang-dLoRA_dlora_results_console.md", "serving benchmark console output"},
        {"sglang-bench-serving/h200-benchmarks_llama_3_3_70b_offline_output.jsonl", "SGLang bench_serving JSONL"},
        {"sglang-bench-serving/h200-benchmarks_llama_3_3_70b_online_output.jsonl", "SGLang bench_serving JSONL"},
        {"vllm-bench-serving/llm-k8s_llama-3.3-70b_tp8_pp1_benchmark_results.json", "vLLM nightly summary JSON"},
        {"vllm-bench-serving/llm-k8s_llama-3.3-70b_tp8_pp1_benchmark_results.md", "vLLM nightly summary Markdown"},
        {"vllm-bench-serving/llm-k8s_llama-3.3-70b_tp8_pp1_sharegpt_qps_04.json", "vLLM bench serve JSON"},
        {"vllm-bench-serving/vllm-benchmarking_sweep_max_num_seqs4_conc2_run0.json", "vLLM bench serve JSON"},
        {"vllm-bench-serving/vllm-benchmarking_sweep_max_num_seqs4_conc2_summary.json", "vLLM bench serve JSON"},
    };
    const std::string root = test::sharedDir() + "/corpus/public";
    const CliRun r = runBenchlens({QStringLiteral("summarize"), q(root), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    const auto& entries = doc.at("inventory").at("entries");
    // Every file on disk has an entry (walked here with std::filesystem, not with the scanner).
    size_t onDisk = 0;
    for (const auto& f : std::filesystem::recursive_directory_iterator(root))
        onDisk += f.is_regular_file() ? 1 : 0;
    ASSERT_EQ(entries.size(), onDisk);
    std::set<std::string> seen;
    for (const auto& e : entries) {
        const std::string file = e.at("file");
        seen.insert(file);
        EXPECT_EQ(e.at("status"), "ok") << file;
        const auto it = expected.find(file);
        if (it == expected.end()) {
            ADD_FAILURE() << "no expected recognizer for " << file << " (claimed by " << e.at("recognizer") << ")";
            continue;
        }
        EXPECT_EQ(e.at("recognizer"), it->second) << file;
        // A tool's file yields data: samples or reported values (the two Markdown notes do not).
        if (it->second.rfind("generic Markdown", 0) != 0) {
            EXPECT_GT(e.at("samples").get<int>() + e.at("reported").get<int>(), 0) << file;
        }
        for (const char* field : {"type", "samples", "reported", "status"})
            EXPECT_TRUE(e.contains(field)) << file << " " << field;
    }
    for (const auto& [file, recognizer] : expected)
        EXPECT_TRUE(seen.count(file)) << file;
}

TEST(Cli, CompareJsonContractOnTheCorpus)
{
    const QString base = quantBenchQ4();
    const QString cand = quantBenchQ8();
    const CliRun r = runBenchlens({QStringLiteral("compare"), q(test::corpusDir()), QStringLiteral("--baseline"), base,
        QStringLiteral("--candidate"), cand, QStringLiteral("--metric"), QStringLiteral("throughput_tok_s"),
        QStringLiteral("--metric"), QStringLiteral("ttft_ms"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc.at("schema"), "benchlens.compare/1");
    EXPECT_EQ(doc.at("baseline").at("variants").size(), 1u);
    const auto& metrics = doc.at("candidates").at(0).at("metrics");
    ASSERT_EQ(metrics.size(), 2u);
    const auto& t = metrics.at(0);
    EXPECT_EQ(t.at("metric"), "throughput_tok_s");
    EXPECT_EQ(t.at("unit"), "tok/s");
    EXPECT_EQ(t.at("baseline").at("n"), 5);
    EXPECT_EQ(t.at("candidate").at("n"), 5);
    EXPECT_NEAR(t.at("baseline").at("mean").get<double>(), 76.59, 0.005);
    EXPECT_NEAR(t.at("candidate").at("mean").get<double>(), 46.57, 0.005);
    EXPECT_NEAR(t.at("diff").get<double>(),
        t.at("candidate").at("mean").get<double>() - t.at("baseline").at("mean").get<double>(), 1e-9);
    EXPECT_EQ(t.at("test"), "mann-whitney");
    EXPECT_LT(t.at("p_value").get<double>(), 0.05);
    EXPECT_EQ(t.at("verdict"), "worse");
    ASSERT_EQ(t.at("ci95").size(), 2u);
    EXPECT_LT(t.at("ci95").at(1).get<double>(), 0); // the whole interval below zero
    for (const char* field : {"diff_pct", "welch_p_value", "ci_method", "reason"})
        EXPECT_TRUE(t.contains(field)) << field;
    EXPECT_EQ(doc.at("candidates").at(0).at("differing_config").size(), 2u);

    // The same selection on both sides: no significant difference, and a warning that they overlap.
    const CliRun same = runBenchlens({QStringLiteral("compare"), q(test::corpusDir()), QStringLiteral("--baseline"),
        base, QStringLiteral("--candidate"), base, QStringLiteral("--metric"), QStringLiteral("throughput_tok_s"),
        QStringLiteral("--json")});
    const auto sameDoc = nlohmann::json::parse(same.out);
    EXPECT_EQ(sameDoc.at("candidates").at(0).at("metrics").at(0).at("verdict"), "no significant difference");
    EXPECT_FALSE(sameDoc.at("warnings").empty());

    // Unknown selectors are usage errors.
    const CliRun bad = runBenchlens({QStringLiteral("compare"), q(test::corpusDir()), QStringLiteral("--baseline"),
        QStringLiteral("model=nobody")});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("no samples match"), std::string::npos);
}

TEST(Cli, SweepJsonContractOnTheCorpus)
{
    const CliRun r = runBenchlens({QStringLiteral("sweep"), q(test::corpusDir()), QStringLiteral("--model"),
        QStringLiteral("gemma3:1b-it-qat"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["schema"], "benchlens.sweep/1");
    EXPECT_EQ(doc["model"], "gemma3:1b-it-qat");
    EXPECT_EQ(doc["parameters"], nlohmann::json::parse(R"(["num_ctx","num_gpu","temperature"])"));
    for (const char* key : {"rankings", "pareto", "effects"})
        ASSERT_TRUE(doc[key].is_array()) << key;
    // reports/gemma3/gemma3_1b-it-qat_param_tuning.csv read with python3's csv module: the largest tokens_s is
    // 187.1752905464622 (g60_c1024_t0.4); the lowest ttft_s 0.0742094 (g999_c1024_t0.4).
    bool sawThroughput = false;
    for (const auto& ranking : doc["rankings"]) {
        for (const char* key : {"metric", "unit", "direction", "rows"})
            EXPECT_TRUE(ranking.contains(key)) << key;
        if (ranking["metric"] == "throughput_tok_s") {
            sawThroughput = true;
            EXPECT_EQ(ranking["direction"], "higher");
            EXPECT_EQ(ranking["unit"], "tok/s");
            EXPECT_EQ(ranking["rows"].size(), 37u); // 36 sweep configurations + the baseline run
            const auto& best = ranking["rows"][0];
            EXPECT_EQ(best["config"], nlohmann::json::parse(R"({"num_ctx":1024,"num_gpu":60,"temperature":0.4})"));
            EXPECT_EQ(best["n"], 1);
            EXPECT_NEAR(best["mean"].get<double>(), 187.1752905464622, 1e-9);
            EXPECT_NEAR(best["median"].get<double>(), 187.1752905464622, 1e-9);
            EXPECT_TRUE(best["stddev"].is_null()); // one run
        }
        if (ranking["metric"] == "ttft_ms") {
            EXPECT_EQ(ranking["direction"], "lower");
            EXPECT_NEAR(ranking["rows"][0]["mean"].get<double>(), 74.2094, 1e-9);
        }
    }
    EXPECT_TRUE(sawThroughput);
    // The Pareto front (python3 over both CSVs): seven configurations; the first has the highest throughput.
    size_t front = 0;
    for (const auto& p : doc["pareto"]) {
        for (const char* key : {"config", "throughput", "ttft", "dominated_by"})
            EXPECT_TRUE(p.contains(key)) << key;
        if (p["dominated_by"].is_null())
            ++front;
        else
            EXPECT_FALSE(p["dominated_by"].empty());
    }
    EXPECT_EQ(front, 7u);
    EXPECT_EQ(doc["pareto"][0]["config"], nlohmann::json::parse(R"({"num_ctx":1024,"num_gpu":60,"temperature":0.4})"));
    EXPECT_TRUE(doc["pareto"][0]["dominated_by"].is_null());
    // num_gpu on throughput: level means over the 9 runs each and eta^2, by python3 from the CSV.
    bool sawGpu = false;
    for (const auto& e : doc["effects"]) {
        if (e["metric"] != "throughput_tok_s" || e["parameter"] != "num_gpu")
            continue;
        sawGpu = true;
        ASSERT_EQ(e["levels"].size(), 4u);
        EXPECT_EQ(e["levels"][2]["value"], 80);
        EXPECT_EQ(e["levels"][2]["n"], 9);
        EXPECT_NEAR(e["levels"][2]["mean"].get<double>(), 184.6883623590768, 1e-9);
        EXPECT_NEAR(e["eta_squared"].get<double>(), 0.12109409755638136, 1e-9);
    }
    EXPECT_TRUE(sawGpu);
}

TEST(Cli, SweepUnknownModelOrMetricIsAUsageError)
{
    const CliRun unknown = runBenchlens(
        {QStringLiteral("sweep"), q(test::corpusDir()), QStringLiteral("--model"), QStringLiteral("no-such-model")});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("unknown model 'no-such-model'; models: "), std::string::npos) << unknown.err;
    EXPECT_NE(unknown.err.find("gemma3:1b-it-qat"), std::string::npos) << unknown.err;
    const CliRun metric = runBenchlens({QStringLiteral("sweep"), q(test::corpusDir()), QStringLiteral("--model"),
        QStringLiteral("gemma3:1b-it-qat"), QStringLiteral("--metric"), QStringLiteral("no_metric")});
    EXPECT_EQ(metric.exitCode, 1);
    EXPECT_NE(metric.err.find("has no samples of metric 'no_metric'"), std::string::npos) << metric.err;
    EXPECT_EQ(runBenchlens({QStringLiteral("sweep"), q(test::corpusDir())}).exitCode, 1); // no --model
    EXPECT_EQ(runBenchlens({QStringLiteral("sweep"), QStringLiteral("/no/such/folder"), QStringLiteral("--model"),
                               QStringLiteral("m")})
                  .exitCode,
        2);
}

TEST(Cli, SweepTextGoesToAFile)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString out = tmp.filePath(QStringLiteral("sweep.txt"));
    const CliRun r = runBenchlens(
        {QStringLiteral("sweep"), q(test::corpusDir()), QStringLiteral("--model"), QStringLiteral("gemma3:1b-it-qat"),
            QStringLiteral("--metric"), QStringLiteral("throughput_tok_s"), QStringLiteral("-o"), out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.empty());
    const std::string text = test::readFile(out.toStdString());
    EXPECT_EQ(
        text.rfind("Sweep of gemma3:1b-it-qat: 37 configurations; parameters: num_ctx num_gpu temperature\n", 0), 0u)
        << text;
    EXPECT_NE(text.find("\nthroughput_tok_s (tok/s; higher is better)\n"), std::string::npos);
    EXPECT_EQ(text.find("\nttft_ms ("), std::string::npos); // --metric keeps one ranking
    EXPECT_NE(text.find("front     num_ctx=1024 num_gpu=60 temperature=0.4"), std::string::npos);
    EXPECT_NE(text.find("throughput_tok_s   num_gpu        eta^2  0.1211"), std::string::npos) << text;
}

TEST(Cli, HtmlReportNoTimingsDeterminismAndVerify)
{
    QTemporaryDir out;
    QTemporaryDir out2; // the same file name in another folder: the figure links name the report
    const QString md1 = out.filePath(QStringLiteral("a.md")), md2 = out2.filePath(QStringLiteral("a.md"));
    const QString html1 = out.filePath(QStringLiteral("a.html")), html2 = out.filePath(QStringLiteral("b.html"));
    for (const QString& target : {md1, md2, html1, html2}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), target,
            QStringLiteral("--date"), QStringLiteral("2026-01-10"), QStringLiteral("--no-timings")});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    // Same folder, date and --no-timings: byte-identical.
    EXPECT_EQ(test::readFile(md1.toStdString()), test::readFile(md2.toStdString()));
    for (const char* figure : {"/a_files/figure-1.svg", "/a_files/figure-2.svg", "/a_files/figure-3.svg"}) {
        const std::string svg = test::readFile(out.path().toStdString() + figure);
        EXPECT_EQ(svg.rfind("<svg ", 0), 0u) << figure;
        EXPECT_EQ(svg, test::readFile(out2.path().toStdString() + figure)) << figure;
    }
    const std::string html = test::readFile(html1.toStdString());
    EXPECT_EQ(html, test::readFile(html2.toStdString()));
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    for (const char* heading : {"1. Executive Summary", "2. Data Ingestion Summary", "3. Performance Analysis",
             "4. Key Findings and Recommendations", "5. Appendix: Sources", "6. Workflow Summary"})
        EXPECT_NE(html.find(heading), std::string::npos) << heading;

    // The reports list every file of the sample with its SHA-256 (a PDF in its XMP metadata); verify recomputes them.
    const QString pdf = out.filePath(QStringLiteral("a.pdf"));
    ASSERT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), pdf}).exitCode, 0);
    for (const QString& report : {md1, html1, pdf}) {
        const CliRun ok = runBenchlens({QStringLiteral("verify"), report, q(test::sampleDir())});
        EXPECT_EQ(ok.exitCode, 0) << ok.out << ok.err;
        EXPECT_NE(ok.out.find("every SHA-256 equal"), std::string::npos);
    }
    // A copy of the sample with one file changed, one removed and one added.
    QTemporaryDir copy;
    std::filesystem::copy(test::sampleDir(), copy.path().toStdString(), std::filesystem::copy_options::recursive);
    {
        QFile notes(copy.filePath(QStringLiteral("notes.txt")));
        ASSERT_TRUE(notes.open(QIODevice::Append));
        notes.write("edited\n");
    }
    ASSERT_TRUE(QFile::remove(copy.filePath(QStringLiteral("reports/benchmark_summary.md"))));
    {
        QFile added(copy.filePath(QStringLiteral("late.csv")));
        ASSERT_TRUE(added.open(QIODevice::WriteOnly));
        added.write("model,tokens_s\nm,1\n");
    }
    const CliRun changedPdf = runBenchlens({QStringLiteral("verify"), pdf, copy.path()});
    EXPECT_EQ(changedPdf.exitCode, 4);
    const CliRun changed = runBenchlens({QStringLiteral("verify"), md1, copy.path()});
    EXPECT_EQ(changed.exitCode, 4);
    EXPECT_NE(changed.out.find("changed: notes.txt"), std::string::npos) << changed.out;
    EXPECT_NE(changed.out.find("missing: reports/benchmark_summary.md"), std::string::npos);
    EXPECT_NE(changed.out.find("added:   late.csv"), std::string::npos);
    // Not a report.
    EXPECT_EQ(
        runBenchlens({QStringLiteral("verify"), q(test::sampleDir() + "/notes.txt"), q(test::sampleDir())}).exitCode,
        2);
}

TEST(Cli, ReportNeverOverwritesAFileThatIsNotAReportWithoutForce)
{
    QTemporaryDir out;
    const QString notes = out.filePath(QStringLiteral("notes.md"));
    {
        QFile f(notes);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("my own notes\n");
    }
    const QStringList base = {QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), notes};
    const CliRun refused = runBenchlens(base);
    EXPECT_EQ(refused.exitCode, 3);
    EXPECT_NE(refused.err.find("not a BenchLens report"), std::string::npos);
    EXPECT_EQ(test::readFile(notes.toStdString()), "my own notes\n");
    // A previous report is replaced without asking; --force replaces anything.
    EXPECT_EQ(runBenchlens(base + QStringList {QStringLiteral("--force")}).exitCode, 0);
    EXPECT_EQ(runBenchlens(base).exitCode, 0);
    EXPECT_EQ(test::readFile(notes.toStdString()).rfind("# BenchLens Technical Report", 0), 0u);
}

namespace {
// Runs a poppler tool (packaging/install-deps.sh installs poppler-utils); a missing tool fails the test.
std::string poppler(const QString& tool, const QStringList& args)
{
    QProcess p;
    p.start(tool, args);
    EXPECT_TRUE(p.waitForFinished(60000)) << tool.toStdString() << " is missing: run packaging/install-deps.sh";
    EXPECT_EQ(p.exitCode(), 0) << tool.toStdString();
    return p.readAllStandardOutput().toStdString();
}

size_t occurrences(const std::string& s, const std::string& needle)
{
    size_t n = 0;
    for (size_t pos = s.find(needle); pos != std::string::npos; pos = s.find(needle, pos + 1))
        ++n;
    return n;
}
} // namespace

TEST(Cli, PdfReportHasPagesTextFiguresAndMetadata)
{
    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    const QString md = out.filePath(QStringLiteral("report.md"));
    for (const QString& target : {pdf, md}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), target,
            QStringLiteral("--date"), QStringLiteral("2026-01-10"), QStringLiteral("--no-timings")});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    const std::string bytes = test::readFile(pdf.toStdString());
    EXPECT_EQ(bytes.rfind("%PDF-", 0), 0u);
    // Figures are embedded images (rasterized at 300 dpi): throughput bars, TTFT boxes, the sweep.
    EXPECT_EQ(occurrences(bytes, "/Subtype /Image"), 3u);

    const std::string info = poppler(QStringLiteral("pdfinfo"), {pdf});
    EXPECT_NE(info.find("Title:           BenchLens Technical Report: sample"), std::string::npos) << info;
    EXPECT_NE(info.find("Creator:         BenchLens "), std::string::npos) << info;
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
    const QRegularExpressionMatch pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(q(info));
    ASSERT_TRUE(pages.hasMatch());
    const int pageCount = pages.captured(1).toInt();
    EXPECT_GE(pageCount, 8);
    EXPECT_LE(pageCount, 30);
    EXPECT_EQ(occurrences(bytes, "/Type /Page\n"), static_cast<size_t>(pageCount));
    const std::string images = poppler(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    EXPECT_EQ(occurrences(images, "  300   300 "), 3u) << images; // x-ppi, y-ppi

    const std::string text
        = poppler(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    for (const char* heading : {"1. Executive Summary", "2. Data Ingestion Summary", "3. Performance Analysis",
             "4. Key Findings and Recommendations", "5. Appendix: Sources", "6. Workflow Summary",
             "Figure 1:", "Figure 2:", "Figure 3:"})
        EXPECT_NE(text.find(heading), std::string::npos) << heading;
    const std::string lastPage = "Page " + std::to_string(pageCount) + " of " + std::to_string(pageCount);
    EXPECT_NE(text.find(lastPage), std::string::npos);
    // The numbers of the Markdown report's throughput table are in the PDF too.
    const std::string markdown = test::readFile(md.toStdString());
    const size_t table = markdown.find("### throughput\\_tok\\_s");
    ASSERT_NE(table, std::string::npos);
    const size_t end = markdown.find("\n\n!", table);
    const QString rows = q(markdown.substr(table, end - table));
    size_t checked = 0;
    for (const auto& m : QRegularExpression(QStringLiteral("\\| ([0-9]+\\.[0-9]+) ")).globalMatch(rows)) {
        EXPECT_NE(text.find(m.captured(1).toStdString()), std::string::npos) << m.captured(1).toStdString();
        ++checked;
    }
    EXPECT_GT(checked, 100u);

    // Letter.
    const QString letter = out.filePath(QStringLiteral("letter.pdf"));
    ASSERT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), letter,
                               QStringLiteral("--page-size"), QStringLiteral("letter")})
                  .exitCode,
        0);
    EXPECT_NE(poppler(QStringLiteral("pdfinfo"), {letter}).find("612 x 792 pts (letter)"), std::string::npos);
    EXPECT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), letter,
                               QStringLiteral("--page-size"), QStringLiteral("a5")})
                  .exitCode,
        1);
}

TEST(Cli, FailedReportExportsLeaveNoFiles)
{
    QTemporaryDir out;
    // A target whose folder is missing (a read-only one: ReportIntoAReadOnlyFolderFailsCleanly).
    const QString missing = out.filePath(QStringLiteral("missing/sub"));
    for (const char* name : {"r.pdf", "r.md", "r.html"}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"),
            missing + QLatin1Char('/') + QLatin1String(name)});
        EXPECT_EQ(r.exitCode, 3) << name << r.err;
        EXPECT_NE(r.err.find(name), std::string::npos) << "the message names the file: " << r.err;
    }
    EXPECT_FALSE(QFileInfo::exists(out.filePath(QStringLiteral("missing"))));
    // Markdown replaces an older _files folder only once everything is written.
    const QString md = out.filePath(QStringLiteral("r.md"));
    ASSERT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), md}).exitCode, 0);
    EXPECT_TRUE(QFileInfo::exists(out.filePath(QStringLiteral("r_files/figure-3.svg"))));
    // Each figure also as a PNG (viewers that do not show SVG), a real image.
    EXPECT_EQ(
        test::readFile(out.filePath(QStringLiteral("r_files/figure-3.png")).toStdString()).rfind("\x89PNG", 0), 0u);
    EXPECT_FALSE(QFileInfo::exists(out.filePath(QStringLiteral(".r_files.new"))));
    EXPECT_FALSE(QFileInfo::exists(out.filePath(QStringLiteral(".r_files.old"))));
}

TEST(Cli, ReportWithABaselineHasTheComparisonSectionAndItsForestPlot)
{
    QTemporaryDir out;
    const QString html = out.filePath(QStringLiteral("cmp.html"));
    const CliRun r = runBenchlens(
        {QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), html, QStringLiteral("--baseline"),
            quantBenchQ4(), QStringLiteral("--candidate"), quantBenchQ8(), QStringLiteral("--no-timings")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string text = test::readFile(html.toStdString());
    EXPECT_NE(text.find("<h2>4. Comparison</h2>"), std::string::npos);
    EXPECT_NE(text.find("<h2>7. Workflow Summary</h2>"), std::string::npos);
    EXPECT_NE(text.find("Difference from the baseline"), std::string::npos);
    EXPECT_NE(text.find("-39.2% (worse)"), std::string::npos) << "the forest plot's throughput row";
    // The headline verdict in the Executive Summary.
    EXPECT_NE(text.find("throughput_tok_s worse (-39.19%, p = 0.00794)"), std::string::npos);
    // A selector that matches nothing is a usage error and writes nothing.
    const QString bad = out.filePath(QStringLiteral("bad.html"));
    EXPECT_EQ(runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), bad,
                               QStringLiteral("--baseline"), QStringLiteral("model=nobody")})
                  .exitCode,
        1);
    EXPECT_FALSE(QFileInfo::exists(bad));
}

TEST(Cli, InjectionInACsvCellIsEscapedInEveryReportFormat)
{
    QTemporaryDir in, out;
    {
        QFile csv(in.filePath(QStringLiteral("runs.csv")));
        ASSERT_TRUE(csv.open(QIODevice::WriteOnly));
        csv.write("model,tokens_s\n"
                  "\"evil|<script>alert(1)</script>![x](http://e.example/x.png)\",10\n"
                  "\"evil|<script>alert(1)</script>![x](http://e.example/x.png)\",11\n");
    }
    for (const char* name : {"r.md", "r.html", "r.pdf"}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), in.path(), QStringLiteral("-o"),
            out.filePath(QLatin1String(name)), QStringLiteral("--no-timings")});
        ASSERT_EQ(r.exitCode, 0) << name << r.err;
    }
    const std::string md = test::readFile(out.filePath(QStringLiteral("r.md")).toStdString());
    // Outside code spans the text is escaped; inside a code span (an odd number of backticks before it on its
    // line) GitHub shows it as literal text, never as markup or an image.
    for (const std::string needle : {"<script>", "![x](http"}) {
        for (size_t pos = md.find(needle); pos != std::string::npos; pos = md.find(needle, pos + 1)) {
            const size_t lineStart = md.rfind('\n', pos) + 1;
            const auto ticks
                = std::count(md.begin() + std::ptrdiff_t(lineStart), md.begin() + std::ptrdiff_t(pos), '`');
            EXPECT_EQ(ticks % 2, 1) << "unescaped " << needle << " at: " << md.substr(lineStart, pos - lineStart + 20);
        }
    }
    EXPECT_NE(md.find("evil\\|&lt;script&gt;alert(1)&lt;/script&gt;\\!\\[x\\]"), std::string::npos);
    const std::string html = test::readFile(out.filePath(QStringLiteral("r.html")).toStdString());
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    // In the PDF the cell is plain text, shown as written.
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {out.filePath(QStringLiteral("r.pdf")), QStringLiteral("-")});
    ASSERT_TRUE(p.waitForFinished(60000));
    const std::string pdfText = p.readAllStandardOutput().toStdString();
    EXPECT_NE(pdfText.find("<script>alert(1)</script>"), std::string::npos) << pdfText.substr(0, 2000);
}

namespace {
// The rows of a report table under "### <heading>" in Markdown: each row's cells, trimmed.
std::vector<std::vector<std::string>> markdownTable(const std::string& md, const std::string& heading)
{
    std::vector<std::vector<std::string>> rows;
    const size_t at = md.find("\n### " + heading + "\n");
    if (at == std::string::npos)
        return rows;
    size_t pos = md.find("\n|", at + 1);
    if (pos == std::string::npos)
        return rows;
    bool header = true;
    while (pos != std::string::npos && pos + 1 < md.size() && md[pos + 1] == '|') {
        const size_t end = md.find('\n', pos + 1);
        const std::string line = md.substr(pos + 1, end - pos - 1);
        pos = end;
        if (header || line.rfind("| ---", 0) == 0) {
            header = line.rfind("| ---", 0) != 0;
            continue;
        }
        std::vector<std::string> cells;
        for (const QString& cell : QString::fromStdString(line).split(QLatin1Char('|')).mid(1))
            cells.push_back(cell.trimmed().toStdString());
        cells.pop_back(); // after the closing '|'
        rows.push_back(cells);
    }
    return rows;
}

// The data rows of a CSV whose cells are all quoted (the corpus' ollama_quant_bench.csv), read with Qt.
std::vector<std::map<QString, QString>> quotedCsvRows(const QString& path)
{
    std::vector<std::map<QString, QString>> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return rows;
    const auto cells = [](const QString& line) {
        QStringList out = line.trimmed().split(QStringLiteral("\",\""));
        if (!out.isEmpty()) {
            out.front().remove(0, 1);
            out.back().chop(1);
        }
        return out;
    };
    const QStringList header = cells(QString::fromUtf8(f.readLine()));
    while (!f.atEnd()) {
        const QStringList values = cells(QString::fromUtf8(f.readLine()));
        std::map<QString, QString> row;
        for (qsizetype i = 0; i < header.size() && i < values.size(); ++i)
            row[header[i]] = values[i];
        rows.push_back(row);
    }
    return rows;
}
} // namespace

TEST(Cli, FilteredReportCoversOnlyItsPartAndSaysSo)
{
    // The q8_0 rows of csv_data/ollama_quant_bench.csv, read here with Qt: their tokens_s mean is the table's mean.
    const QString csv = q(test::corpusDir()) + QStringLiteral("/csv_data/ollama_quant_bench.csv");
    std::vector<double> q8;
    size_t rows = 0;
    for (const auto& row : quotedCsvRows(csv)) {
        ++rows;
        if (row.at(QStringLiteral("tag")) == QStringLiteral("q8_0") && row.at(QStringLiteral("error")).isEmpty())
            q8.push_back(row.at(QStringLiteral("tokens_s")).toDouble());
    }
    ASSERT_EQ(rows, 15u);
    ASSERT_EQ(q8.size(), 5u);
    const double mean = std::accumulate(q8.begin(), q8.end(), 0.0) / double(q8.size());

    QTemporaryDir out;
    const QString md = out.filePath(QStringLiteral("q8.md"));
    const QString selector = quantBenchQ8();
    const CliRun r = runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), md,
        QStringLiteral("--filter"), selector, QStringLiteral("--no-timings")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string text = test::readFile(md.toStdString());
    const auto table = markdownTable(text, "throughput\\_tok\\_s (tok/s)");
    ASSERT_EQ(table.size(), 1u) << text.substr(0, 3000);
    EXPECT_EQ(table[0][0], "`llama3.1:8b-instruct-q8_0 quantization=q8_0`");
    EXPECT_EQ(table[0][1], "5");
    EXPECT_EQ(table[0][2], QString::number(mean, 'f', 2).toStdString());
    // The scope: the selector and how much of the folder it is (the folder's successful observations from
    // `summarize --json` of the whole folder).
    const auto whole = nlohmann::json::parse(
        runBenchlens({QStringLiteral("summarize"), q(test::corpusDir()), QStringLiteral("--json")}).out);
    uint64_t folderObservations = 0;
    for (const auto& v : whole["variants"])
        folderObservations += v["samples"].get<uint64_t>();
    EXPECT_NE(text.find("**Scope:** the part of the folder selected by `" + selector.toStdString() + "`: 1 of "
                  + std::to_string(whole["variants"].size()) + " variants, 5 of " + std::to_string(folderObservations)
                  + " successful observations"),
        std::string::npos)
        << text.substr(0, 1500);
    // Nothing of another variant in the Executive Summary, the Performance Analysis and the findings (the Data
    // Ingestion Summary describes the whole folder).
    const size_t summary = text.find("## 1. Executive Summary"), ingestion = text.find("## 2. Data Ingestion");
    const size_t analysis = text.find("## 3. Performance Analysis"), appendix = text.find("Appendix: Sources");
    ASSERT_LT(summary, ingestion);
    ASSERT_LT(analysis, appendix);
    for (const std::string& part :
        {text.substr(summary, ingestion - summary), text.substr(analysis, appendix - analysis)}) {
        EXPECT_EQ(part.find("instruct-q4"), std::string::npos); // q4_0 is q4\_0 in bold text
        EXPECT_EQ(part.find("gemma3"), std::string::npos);
        EXPECT_NE(part.find("instruct-q8"), std::string::npos);
    }

    // summarize --json --filter: the scope, and only the part's variants. Several --filter: any of them.
    const CliRun s = runBenchlens({QStringLiteral("summarize"), q(test::corpusDir()), QStringLiteral("--json"),
        QStringLiteral("--filter"), selector, QStringLiteral("--filter"), quantBenchQ4()});
    ASSERT_EQ(s.exitCode, 0) << s.err;
    const auto doc = nlohmann::json::parse(s.out);
    EXPECT_EQ(doc["scope"]["selectors"].size(), 2u);
    EXPECT_EQ(doc["scope"]["folder_variants"], whole["variants"].size());
    std::set<std::string> variants;
    for (const auto& v : doc["variants"])
        variants.insert(v["id"].get<std::string>());
    EXPECT_EQ(variants,
        (std::set<std::string> {
            "llama3.1:8b-instruct-q4_0 quantization=q4_0", "llama3.1:8b-instruct-q8_0 quantization=q8_0"}));

    // A selector that selects nothing, or is malformed, is a usage error and writes nothing.
    const QString bad = out.filePath(QStringLiteral("bad.md"));
    const CliRun none = runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), bad,
        QStringLiteral("--filter"), QStringLiteral("model=nobody")});
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_NE(none.err.find("--filter: 'model=nobody' selects nothing in the folder"), std::string::npos) << none.err;
    EXPECT_EQ(runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), bad,
                               QStringLiteral("--filter"), QStringLiteral("file=\"unterminated")})
                  .exitCode,
        1);
    EXPECT_FALSE(QFileInfo::exists(bad));
}

TEST(Cli, EveryNumberInTheReportBodyHasASourceThatResolvesToAFileOfTheFolder)
{
    QTemporaryDir out;
    const QString md = out.filePath(QStringLiteral("corpus.md"));
    const CliRun r = runBenchlens(
        {QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), md, QStringLiteral("--baseline"),
            quantBenchQ4(), QStringLiteral("--candidate"), quantBenchQ8(), QStringLiteral("--no-timings")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QString text = QString::fromStdString(test::readFile(md.toStdString()));
    const qsizetype appendix = text.indexOf(QStringLiteral("## 6. Appendix: Sources"));
    ASSERT_GT(appendix, 0);
    const qsizetype workflow = text.indexOf(QStringLiteral("## 7. Workflow Summary"));
    ASSERT_GT(workflow, appendix);

    // The Appendix: each label's anchor and the file it names.
    static const QRegularExpression entry(
        QStringLiteral("<a id=\"(S\\d+)\"></a>\\*\\*\\\\\\[S\\d+\\\\\\]\\*\\* `([^`]+)`"));
    std::map<QString, QString> files;
    for (auto it = entry.globalMatch(text.mid(appendix, workflow - appendix)); it.hasNext();) {
        const auto m = it.next();
        files[m.captured(1)] = m.captured(2);
    }
    ASSERT_GT(files.size(), 30u);
    for (const auto& [label, path] : files)
        EXPECT_TRUE(QFileInfo(q(test::corpusDir()) + QLatin1Char('/') + path).isFile()) << path.toStdString();

    // The body, from the Executive Summary to the Appendix: every bullet and table row with a measured number (one
    // with a decimal point) cites a source, and every citation resolves to an Appendix entry. Figure captions are
    // followed by their sources (or say their values are the table above's).
    static const QRegularExpression decimal(QStringLiteral("\\d\\.\\d"));
    static const QRegularExpression codeOrBold(QStringLiteral("`[^`]*`|\\*\\*.*?\\*\\*"));
    static const QRegularExpression ref(QStringLiteral("\\[\\\\\\[(S\\d+)\\\\\\]\\]\\(#(S\\d+)\\)"));
    const QStringList lines = text.mid(0, appendix).split(QLatin1Char('\n'));
    bool inBody = false;
    size_t checked = 0, cited = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines[i];
        inBody = inBody || line.startsWith(QStringLiteral("## 1. Executive Summary"));
        if (!inBody)
            continue;
        for (auto it = ref.globalMatch(line); it.hasNext();) {
            const auto m = it.next();
            EXPECT_EQ(m.captured(1), m.captured(2));
            EXPECT_TRUE(files.count(m.captured(1))) << m.captured(1).toStdString() << " does not resolve";
            ++cited;
        }
        if (line.startsWith(QStringLiteral("*Figure ")) && !line.contains(QStringLiteral("the table above"))) {
            ASSERT_LT(i + 2, lines.size());
            EXPECT_TRUE(
                lines[i + 2].startsWith(QStringLiteral("Sources of Figure")) && ref.match(lines[i + 2]).hasMatch())
                << line.toStdString();
        }
        const bool tableRow = line.startsWith(QStringLiteral("| "));
        const bool isHeader = tableRow && !lines[i - 1].startsWith(QLatin1Char('|')); // a table's first row
        const bool itemOrRow = line.startsWith(QStringLiteral("- ")) || (tableRow && !isHeader);
        // Names in code spans and bold (llama3.1:8b, the 3.1) are not numbers.
        QString numbers = line;
        numbers.remove(codeOrBold);
        if (!itemOrRow || !decimal.match(numbers).hasMatch())
            continue;
        ++checked;
        EXPECT_TRUE(ref.match(line).hasMatch()) << "no source: " << line.toStdString();
    }
    EXPECT_GT(checked, 200u);
    EXPECT_GT(cited, checked);
}

TEST(Cli, ReportIntoAReadOnlyFolderFailsCleanly)
{
    // A folder the user cannot write into. Root writes anywhere, so as root the benchlens process runs as nobody;
    // it gets its own copy of the binary and the input in a folder everyone can read.
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString readOnly = test::makeReadOnlyFolder(tmp);
    ASSERT_FALSE(readOnly.isEmpty());
    const auto everyone = test::everyoneReads();
    const QString binary = tmp.filePath(QStringLiteral("benchlens"));
    ASSERT_TRUE(QFile::copy(q(test::binary()), binary));
    ASSERT_TRUE(QFile::setPermissions(binary, everyone));
    const QString input = tmp.filePath(QStringLiteral("in"));
    ASSERT_TRUE(QDir().mkpath(input));
    {
        QFile csv(input + QStringLiteral("/runs.csv"));
        ASSERT_TRUE(csv.open(QIODevice::WriteOnly));
        csv.write("model,tokens_s,ttft_s\nm1,100,0.1\nm1,110,0.2\nm1,105,0.15\n");
        ASSERT_TRUE(
            csv.setPermissions(everyone & ~(QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther)));
    }
    ASSERT_TRUE(QFile::setPermissions(input, everyone));

    for (const char* name : {"r.md", "r.html", "r.pdf"}) {
        const QString target = readOnly + QLatin1Char('/') + QLatin1String(name);
        QProcess p;
        if (geteuid() == 0) {
            p.setChildProcessModifier([] {
                // nobody:nogroup, as in Debian's base-passwd.
                if (setgroups(0, nullptr) != 0 || setgid(test::kNobody) != 0 || setuid(test::kNobody) != 0)
                    _exit(99);
            });
        }
        p.start(binary, {QStringLiteral("report"), input, QStringLiteral("-o"), target});
        ASSERT_TRUE(p.waitForFinished(120000));
        const std::string err = p.readAllStandardError().toStdString();
        EXPECT_EQ(p.exitCode(), 3) << name << ": " << err;
        // A clear message naming the file and the reason.
        EXPECT_NE(err.find(target.toStdString()), std::string::npos) << err;
        EXPECT_NE(err.find("ermission denied"), std::string::npos) << err;
    }
    EXPECT_TRUE(QDir(readOnly).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
    ASSERT_TRUE(QFile::setPermissions(readOnly, everyone));
}

TEST(Cli, CorpusPdfHasTheMarkdownsHeadingsNumbersAndChecksumsAndNoHeadingEndsAPage)
{
    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    const QString md = out.filePath(QStringLiteral("report.md"));
    for (const QString& target : {pdf, md}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), target,
            QStringLiteral("--no-timings")});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    const QString markdown = q(test::readFile(md.toStdString()));
    const QString text = q(poppler(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}));
    // Headings of the Markdown, unescaped; and the numbers of every Performance Analysis table row.
    QStringList headings;
    for (const QString& line : markdown.split(QLatin1Char('\n'))) {
        if (line.startsWith(QStringLiteral("## ")) || line.startsWith(QStringLiteral("### ")))
            headings << line.section(QLatin1Char(' '), 1).remove(QLatin1Char('\\')).trimmed();
    }
    ASSERT_GT(headings.size(), 15);
    for (const QString& h : headings)
        EXPECT_TRUE(text.contains(h)) << h.toStdString();
    const QString analysis
        = markdown.section(QStringLiteral("## 3. Performance Analysis"), 1).section(QStringLiteral("## 4. "), 0, 0);
    size_t numbers = 0;
    for (const auto& m : QRegularExpression(QStringLiteral("\\| (-?[0-9]+\\.[0-9]+) ")).globalMatch(analysis)) {
        EXPECT_TRUE(text.contains(m.captured(1))) << m.captured(1).toStdString();
        ++numbers;
    }
    EXPECT_GT(numbers, 1000u);
    // No page ends with a heading: its last line above the footer is text, a table row or a caption.
    const QStringList pages = text.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
    ASSERT_GT(pages.size(), 40);
    for (qsizetype p = 0; p < pages.size(); ++p) {
        QStringList lines;
        for (const QString& line : pages[p].split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(QStringLiteral("BenchLens ")))
                lines << line.trimmed();
        }
        if (!lines.isEmpty()) {
            EXPECT_FALSE(headings.contains(lines.back()))
                << "page " << p + 1 << " ends with " << lines.back().toStdString();
        }
    }
    // Every input file's SHA-256, computed here with QCryptographicHash, is in the PDF whole (a long checksum may
    // wrap inside its cell, never run past the page); pdftotext's reading order joins a wrapped one.
    const QString raw = q(poppler(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")})).remove(QLatin1Char('\n'));
    size_t hashed = 0;
    QDirIterator files(q(test::corpusDir()), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const QByteArray hex = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
        EXPECT_TRUE(raw.contains(QStringLiteral("sha256:") + QLatin1String(hex))) << f.fileName().toStdString();
        ++hashed;
    }
    EXPECT_EQ(hashed, 109u);
}
