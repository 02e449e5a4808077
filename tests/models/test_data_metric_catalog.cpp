#include "models/data/metric_catalog.h"
#include "tests/support/metric_cases.h"

#include <gtest/gtest.h>

using namespace benchlens;

// Table-driven: a column name as found in real files -> canonical metric, statistic and unit factor.
TEST(MetricCatalog, ClassifiesRealColumnNames)
{
    const test::MetricCase cases[] = {
        {"tokens_s", "throughput_tok_s", Statistic::Sample, 1},
        {"Tokens per Second", "throughput_tok_s", Statistic::Sample, 1},
        {"ttft_s", "ttft_ms", Statistic::Sample, 1000},
        {"ttft_ms", "ttft_ms", Statistic::Sample, 1},
        {"load_s", "load_ms", Statistic::Sample, 1000},
        {"load_duration", "load_ms", Statistic::Sample, 1e-6}, // Ollama reports nanoseconds
        {"eval_duration", "eval_ms", Statistic::Sample, 1e-6},
        {"prompt_eval_s", "prompt_eval_ms", Statistic::Sample, 1000},
        {"eval_count", "tokens_generated", Statistic::Sample, 1},
        {"prompt_eval_count", "prompt_tokens", Statistic::Sample, 1},
        {"Generation Time (ms)", "latency_ms", Statistic::Sample, 1},
        {"mean_tokens_s", "throughput_tok_s", Statistic::Mean, 1},
        {"mean_ttft_s", "ttft_ms", Statistic::Mean, 1000},
        {"eval_s_mean", "eval_ms", Statistic::Mean, 1000},
        {"avg_tokens_per_second", "throughput_tok_s", Statistic::Mean, 1},
        {"overall_mean_ms", "latency_ms", Statistic::Mean, 1},
        {"p95_ms", "latency_ms", Statistic::P95, 1},
        {"ttft_p99_ms", "ttft_ms", Statistic::P99, 1},
        {"median_tokens_s", "throughput_tok_s", Statistic::Median, 1},
        {"std_time_ms", "latency_ms", Statistic::StdDev, 1},
        {"latency_p95_ms", "latency_p95_ms", Statistic::Sample, 1},
        {"success_rate", "success_rate", Statistic::Sample, 1},
    };
    test::expectMetricCases(cases);
}

TEST(MetricCatalog, DimensionsLabelsAndUnknownNames)
{
    const auto& catalog = MetricCatalog::instance();
    EXPECT_EQ(catalog.classify("num_gpu").dimension, "num_gpu");
    EXPECT_EQ(catalog.classify("n_gpu_layers").dimension, "num_gpu");
    EXPECT_EQ(catalog.classify("temp").dimension, "temperature");
    EXPECT_EQ(catalog.classify("Model").dimension, "model");
    EXPECT_EQ(catalog.classify("prompt_text").role, KeyClass::Role::Label);
    EXPECT_EQ(catalog.classify("error").role, KeyClass::Role::Failure);
    EXPECT_EQ(catalog.classify("Success").role, KeyClass::Role::Success);
    EXPECT_EQ(catalog.classify("options").role, KeyClass::Role::ConfigObject);
    // Names that only look like metrics are kept under their own name by the recognizers.
    for (const char* name : {"response_chars", "prompt_eval", "compile_time_s", "total_tests", "ttft_delta_ms"})
        EXPECT_EQ(catalog.classify(name).role, KeyClass::Role::Unknown) << name;
    EXPECT_EQ(catalog.classify("total_tokens").statistic, Statistic::Total);
}

TEST(MetricCatalog, UnitsWrittenAfterNumbers)
{
    const auto& catalog = MetricCatalog::instance();
    const CatalogIndex ttft = catalog.findMetric("ttft_ms").value();
    const CatalogIndex tput = catalog.findMetric("throughput_tok_s").value();
    EXPECT_DOUBLE_EQ(catalog.unitFactor(ttft, "s").value(), 1000);
    EXPECT_DOUBLE_EQ(catalog.unitFactor(ttft, "ms").value(), 1);
    EXPECT_FALSE(catalog.unitFactor(ttft, "tokens")); // does not fit the metric
    EXPECT_DOUBLE_EQ(catalog.unitFactor(tput, "tok/s").value(), 1);
    EXPECT_DOUBLE_EQ(catalog.unitFactor(tput, "tokens/s").value(), 1);
    EXPECT_FALSE(catalog.unitFactor(tput, "ms")); // does not fit the metric
}
