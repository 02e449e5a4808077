// The name grammar of the metric catalog (resources/metric_aliases.json "grammar"): quantity + unit split, the
// concept the quantity's words name, the unit conversion, and the look-alikes that must not be read as metrics.
// Every expected factor is the unit's size in the canonical unit, worked out by hand (1 s = 1000 ms,
// 1 us = 0.001 ms, 1 ns = 1e-6 ms, 1 min = 60000 ms, 1 GB = 1000 MB).
#include "models/data/metric_catalog.h"
#include "tests/support/metric_cases.h"

#include <gtest/gtest.h>

using namespace benchlens;

TEST(NameGrammar, NamesWithTheUnitInsideAreMetrics)
{
    const test::MetricCase cases[] = {
        // The examples.
        {"Decode speed (tok/sec)", "throughput_tok_s", Statistic::Sample, 1},
        {"gen_toks_per_second", "throughput_tok_s", Statistic::Sample, 1},
        {"prefill_tps", "prompt_throughput_tok_s", Statistic::Sample, 1},
        {"Eval Rate [tokens/s]", "throughput_tok_s", Statistic::Sample, 1},
        {"output tokens/s", "throughput_tok_s", Statistic::Sample, 1},
        {"e2e_latency_us", "latency_ms", Statistic::Sample, 0.001},
        {"load time (sec)", "load_ms", Statistic::Sample, 1000},
        // Token rates: the quantity's words pick prompt / generation / total.
        {"Prompt Processing (t/s)", "prompt_throughput_tok_s", Statistic::Sample, 1},
        {"pp_tps", "prompt_throughput_tok_s", Statistic::Sample, 1},
        {"input tokens/sec", "prompt_throughput_tok_s", Statistic::Sample, 1},
        {"tg_tps", "throughput_tok_s", Statistic::Sample, 1},
        {"out_tok_s", "throughput_tok_s", Statistic::Sample, 1},
        {"generation speed [tok/s]", "throughput_tok_s", Statistic::Sample, 1},
        {"Throughput (tok/s)", "throughput_tok_s", Statistic::Sample, 1},
        {"speed (ktok/s)", "throughput_tok_s", Statistic::Sample, 1000},
        {"total token throughput (tok/s)", "total_throughput_tok_s", Statistic::Sample, 1},
        // Statistic words around the quantity or after the unit.
        {"Average Eval Rate (tokens/s)", "throughput_tok_s", Statistic::Mean, 1},
        {"median decode speed (tok/s)", "throughput_tok_s", Statistic::Median, 1},
        {"decode_tok_s_p50", "throughput_tok_s", Statistic::P50, 1},
        {"p99 TTFT (ms)", "ttft_ms", Statistic::P99, 1},
        // Request rates.
        {"qps", "request_throughput_req_s", Statistic::Sample, 1},
        {"Requests/sec", "request_throughput_req_s", Statistic::Sample, 1},
        {"throughput (req/s)", "request_throughput_req_s", Statistic::Sample, 1},
        {"requests per second", "request_throughput_req_s", Statistic::Sample, 1},
        // Times: seconds, micro- and nanoseconds and minutes become milliseconds.
        {"TTFT (s)", "ttft_ms", Statistic::Sample, 1000},
        {"TTFT (\u00b5s)", "ttft_ms", Statistic::Sample, 0.001}, // micro sign: never read as seconds
        {"ttft (\u03bcs)", "ttft_ms", Statistic::Sample, 0.001}, // Greek mu
        {"time to first token (ms)", "ttft_ms", Statistic::Sample, 1},
        {"first_token_latency_sec", "ttft_ms", Statistic::Sample, 1000},
        {"Inter token delay [us]", "itl_ms", Statistic::Sample, 0.001},
        {"inter-token latency (ms)", "itl_ms", Statistic::Sample, 1},
        {"time per output token (ms)", "tpot_ms", Statistic::Sample, 1},
        {"request_latency_s", "latency_ms", Statistic::Sample, 1000},
        {"e2e (s)", "latency_ms", Statistic::Sample, 1000},
        {"End-to-end (ms)", "latency_ms", Statistic::Sample, 1},
        {"model load time (min)", "load_ms", Statistic::Sample, 60000},
        {"Prefill time (sec)", "prompt_eval_ms", Statistic::Sample, 1000},
        {"ns/op", "time_per_iteration_ns", Statistic::Sample, 1},
        {"sec/op", "time_per_iteration_ns", Statistic::Sample, 1e9},
        // Names the older rules read keep their reading ("latency_min" is the minimum latency, not minutes).
        {"latency_min", "latency_ms", Statistic::Min, 1},
        {"ttft_max_s", "ttft_ms", Statistic::Max, 1000},
        {"eval_count", "tokens_generated", Statistic::Sample, 1},
        {"output_tokens", "tokens_generated", Statistic::Sample, 1},
    };
    test::expectMetricCases(cases);
}

// A quantity no concept takes keeps its own name and its values as written (so a column readers know is neither
// renamed nor rescaled), and gets the unit: as written, its canonical form, and the factor between them.
TEST(NameGrammar, UnknownQuantitiesWithAUnitKeepTheirNameAndGetTheUnit)
{
    struct Case
    {
        const char* name;
        const char* unit;
        const char* canonical;
        double toCanonical;
    };
    const Case cases[] = {
        {"compile_time_s", "s", "ms", 1000},
        {"ttft_delta_ms", "ms", "ms", 1}, // a difference of two TTFTs is no TTFT
        {"queue_time_ms", "ms", "ms", 1},
        {"foo_bar_ns", "ns", "ms", 1e-6},
        {"user_time_sec", "s", "ms", 1000},
        {"setup (\u00b5s)", "us", "ms", 0.001},
        {"GPU util (%)", "%", "%", 1},
        {"speedup (tok/s)", "tok/s", "tok/s", 1}, // "speedup" blocks the throughput reading
        {"gc pause (min)", "min", "ms", 60000},
        // Sizes name no concept (a memory_mb reading would rename columns the corpus reads as vram_gb).
        {"peak_memory_gb", "GB", "MB", 1000},
        {"VRAM (MB)", "MB", "MB", 1},
    };
    const auto& catalog = MetricCatalog::instance();
    for (const auto& c : cases) {
        const KeyClass k = catalog.classify(c.name);
        EXPECT_EQ(k.role, KeyClass::Role::Unknown) << c.name;
        EXPECT_EQ(k.unit, c.unit) << c.name;
        EXPECT_EQ(k.canonicalUnit, c.canonical) << c.name;
        EXPECT_DOUBLE_EQ(k.toCanonical, c.toCanonical) << c.name;
        EXPECT_DOUBLE_EQ(k.factor, 1) << c.name; // values stay as written
    }
}

// Look-alikes: names with a number in every row that are not measurements. Decisions:
// - run_id, seed, port, pid: identify a run or a process; a seed is a repetition, not a setting -> label.
// - timestamp_s, start_time_s, epoch_ms: a point in time, not a duration -> label.
// - model_size_gb, num_params: describe the model, which the model dimension already names -> label.
// - gpu_count, max_tokens, concurrency, batch size, ... : settings the user chose -> parameter (dimension).
// - timeout_s, "time limit (s)": a time limit is a setting; it keeps its unit in the parameter's name.
TEST(NameGrammar, LookAlikesAreNotMetrics)
{
    struct Case
    {
        const char* name;
        KeyClass::Role role;
        const char* dimension; // for Role::Dimension
    };
    using R = KeyClass::Role;
    const Case cases[] = {
        {"run_id", R::Label, ""},
        {"seed", R::Label, ""},
        {"random_seed", R::Label, ""},
        {"port", R::Label, ""},
        {"pid", R::Label, ""},
        {"timestamp", R::Label, ""},
        {"timestamp_s", R::Label, ""},
        {"start_time_s", R::Label, ""},
        {"epoch_ms", R::Label, ""},
        {"ended_at (s)", R::Label, ""},
        {"model_size_gb", R::Label, ""},
        {"num_params", R::Label, ""},
        {"gpu_count", R::Dimension, "num_gpus"},
        {"tensor_parallel_size", R::Dimension, "num_gpus"},
        {"max_tokens", R::Dimension, "max_new_tokens"},
        {"max_new_tokens", R::Dimension, "max_new_tokens"},
        {"concurrency", R::Dimension, "concurrency"},
        {"max_concurrency", R::Dimension, "concurrency"},
        {"num_prompts", R::Dimension, "num_requests"},
        {"Number of requests", R::Dimension, "num_requests"},
        {"batch size", R::Dimension, "batch_size"},
        {"input_len", R::Dimension, "input_len"},
        {"output_length", R::Dimension, "output_len"},
        {"context_length", R::Dimension, "num_ctx"},
        {"n_threads", R::Dimension, "num_thread"},
        {"request_rate", R::Dimension, "request_rate"},
        {"time_limit", R::Dimension, "time_limit"},
        {"timeout_s", R::Dimension, "timeout_s"},
        {"time limit (s)", R::Dimension, "time_limit_s"},
        // Unknown names without a unit stay unknown (kept as found, never a catalog metric).
        {"prompt_eval", R::Unknown, ""},
        {"response_chars", R::Unknown, ""},
        {"total_tests", R::Unknown, ""},
        {"speedup", R::Unknown, ""},
        {"iterations", R::Unknown, ""},
        {"status_code", R::Unknown, ""},
        {"tokens_per_request", R::Unknown, ""},
        {"pp512", R::Unknown, ""},
    };
    const auto& catalog = MetricCatalog::instance();
    for (const auto& c : cases) {
        const KeyClass k = catalog.classify(c.name);
        EXPECT_EQ(k.role, c.role) << c.name;
        EXPECT_EQ(k.dimension, c.dimension) << c.name;
        EXPECT_TRUE(k.unit.empty()) << c.name;
    }
}

TEST(NameGrammar, ResolvesUnitsAsWritten)
{
    struct Case
    {
        const char* written;
        const char* unit;
        double factor;
    };
    const Case cases[] = {
        {"s", "ms", 1000},
        {"sec", "ms", 1000},
        {"seconds", "ms", 1000},
        {"ms", "ms", 1},
        {"us", "ms", 0.001},
        {"\u00b5s", "ms", 0.001},
        {"\u03bcs", "ms", 0.001},
        {"ns", "ms", 1e-6},
        {"min", "ms", 60000},
        {"h", "ms", 3.6e6},
        {"ns/op", "ns", 1},
        {"tok/s", "tok/s", 1},
        {"tokens/sec", "tok/s", 1},
        {"t/s", "tok/s", 1},
        {"TPS", "tok/s", 1},
        {"ktok/s", "tok/s", 1000},
        {"req/s", "req/s", 1},
        {"requests/min", "req/s", 1.0 / 60},
        {"rps", "req/s", 1},
        {"ops/s", "ops/s", 1},
        {"it/s", "ops/s", 1},
        {"%", "%", 1},
        {"GB", "MB", 1000},
        {"k", "", 1000},
        {"M", "", 1e6},
    };
    const auto& catalog = MetricCatalog::instance();
    for (const auto& c : cases) {
        const auto u = catalog.resolveUnit(c.written);
        ASSERT_TRUE(u.has_value()) << c.written;
        EXPECT_EQ(u->unit, c.unit) << c.written;
        EXPECT_DOUBLE_EQ(u->factor, c.factor) << c.written;
    }
    // Not units: words, and SI prefixes on time units ("Ms" is not mega-seconds, "m" alone is not minutes).
    for (const char* text : {"", "tokens", "foo", "m", "kms", "x"})
        EXPECT_FALSE(catalog.resolveUnit(text).has_value()) << text;
}

// The unit a cell writes converts into the metric's own unit; a unit of another kind does not fit.
TEST(NameGrammar, CellUnitsConvertIntoTheMetricsUnit)
{
    const auto& catalog = MetricCatalog::instance();
    const CatalogIndex latency = catalog.findMetric("latency_ms").value();
    const CatalogIndex requests = catalog.findMetric("request_throughput_req_s").value();
    const CatalogIndex tput = catalog.findMetric("throughput_tok_s").value();
    EXPECT_DOUBLE_EQ(catalog.unitFactor(latency, "\u00b5s").value(), 0.001);
    EXPECT_DOUBLE_EQ(catalog.unitFactor(latency, "min").value(), 60000);
    EXPECT_DOUBLE_EQ(catalog.unitFactor(requests, "req/s").value(), 1);
    EXPECT_DOUBLE_EQ(catalog.unitFactor(tput, "tok/sec").value(), 1);
    EXPECT_DOUBLE_EQ(catalog.unitFactor(tput, "ktok/s").value(), 1000);
    EXPECT_FALSE(catalog.unitFactor(tput, "req/s")); // does not fit the metric
    EXPECT_FALSE(catalog.unitFactor(requests, "tok/s")); // does not fit the metric
    EXPECT_FALSE(catalog.unitFactor(latency, "tok/s")); // does not fit the metric
}
