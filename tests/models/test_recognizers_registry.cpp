// The recognizer registry on real tool outputs: which recognizer claims every file of ../shared/corpus/public, read
// in process through the ingest and the summary document that `benchlens summarize --json` prints.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/report/summary_json.h"
#include "models/stats/analysis.h"
#include "tests/support/test_paths.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>

using namespace benchlens;

TEST(RecognizerRegistry, EveryPublicCorpusFileIsClaimedByItsRecognizer)
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
    // In process: the folder read as `benchlens summarize --json` reads it, and the same document.
    const auto dataset = ingestFolder(root);
    ASSERT_TRUE(dataset) << dataset.error();
    const auto doc = nlohmann::json::parse(summaryJson(*dataset.value(), analyze(*dataset.value())));
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
