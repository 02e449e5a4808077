// optimum-benchmark recognizers: fixtures (null sections and statistics, a number written as a string, energy and
// efficiency, latency in ms as well as s, the population stdev) and the public corpus, whose expected values are
// read here from the raw JSON with nlohmann::json and from the Markdown text with Qt.
#include "tests/models/tool_recognizer_support.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

using namespace benchlens;
using namespace benchlens::test;

namespace {

FileExtract fixture(const std::string& rel)
{
    return recognizeAt(fixturePath("optimum-benchmark/" + rel), rel);
}

std::vector<double> samplesIn(const FileExtract& e, const std::string& metric, const std::string& phase)
{
    std::vector<double> out;
    for (const auto& v : e.values) {
        if (e.metrics[v.metric].name == metric && dimOf(e, e.records[v.record].group, "phase") == phase)
            out.push_back(v.value);
    }
    return out;
}

// The tool writes numpy's population standard deviation; BenchLens states the sample one.
double sampleFromPopulation(double sd, double n)
{
    return sd * std::sqrt(n / (n - 1));
}

const std::map<std::string, std::string>& latencyStats()
{
    static const std::map<std::string, std::string> m
        = {{"mean", "mean"}, {"p50", "p50"}, {"p90", "p90"}, {"p95", "p95"}, {"p99", "p99"}, {"total", "total"}};
    return m;
}

} // namespace

TEST(OptimumBenchmark, JsonFixture)
{
    const FileExtract e = fixture("awq_4bit/benchmark_report.json");
    EXPECT_EQ(e.recognizer, "optimum-benchmark JSON");
    ASSERT_EQ(e.groups.size(), 3u);
    for (uint32_t g = 0; g < e.groups.size(); ++g)
        EXPECT_EQ(dimOf(e, g, "benchmark"), "awq_4bit"); // the run folder: the file is plain benchmark_report.json
    EXPECT_EQ(samplesIn(e, "latency_ms", "forward"), (std::vector<double> {100, 200, 300}));
    EXPECT_EQ(samplesIn(e, "latency_ms", "decode"), (std::vector<double> {40, 44})); // already ms
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "mean", "phase", "forward"), 200.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "p90", "phase", "forward"), 280.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "total", "phase", "forward"), 600.0);
    EXPECT_TRUE(std::isnan(reportedValue(e, "latency_ms", "p99", "phase", "forward"))); // null
    // stdev 0.0816... s is the population value; the sample standard deviation of 100, 200, 300 ms is 100.
    EXPECT_NEAR(reportedValue(e, "latency_ms", "stddev", "phase", "forward"), 100.0, 1e-9);
    EXPECT_NEAR(reportedValue(e, "latency_ms", "stddev", "phase", "decode"), 2.0 * std::sqrt(2.0), 1e-12);
    const auto* mean = findReported(e, "latency_ms", "mean");
    ASSERT_NE(mean, nullptr);
    EXPECT_EQ(mean->n, std::optional<uint32_t>(3));
    EXPECT_EQ(e.locatorText(mean->locator), "/forward/latency/mean");
    EXPECT_DOUBLE_EQ(reportedValue(e, "samples_per_s", "value", "phase", "forward"), 5.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "throughput_tok_s", "value", "phase", "decode"), 23.8); // "23.8"
    EXPECT_DOUBLE_EQ(reportedValue(e, "energy_gpu", "value"), 0.004);
    EXPECT_EQ(unitOf(e, "energy_gpu"), "kWh");
    EXPECT_DOUBLE_EQ(reportedValue(e, "efficiency", "value"), 545.45);
    EXPECT_EQ(unitOf(e, "efficiency"), "samples/kWh");
    EXPECT_DOUBLE_EQ(reportedValue(e, "max_ram", "max", "phase", "load_model"), 2048.5);
    EXPECT_EQ(unitOf(e, "max_ram"), "MB");
    EXPECT_EQ(unitOf(e, "max_global_vram"), "<no such metric>"); // null
}

TEST(OptimumBenchmark, MarkdownFixture)
{
    const FileExtract e = fixture("awq_4bit/benchmark_report.md");
    EXPECT_EQ(e.recognizer, "optimum-benchmark Markdown");
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "mean", "phase", "forward"), 200.0);
    EXPECT_DOUBLE_EQ(
        reportedValue(e, "latency_ms", "stddev", "phase", "forward"), sampleFromPopulation(0.081650, 3) * 1000);
    EXPECT_EQ(findReported(e, "latency_ms", "mean")->n, std::optional<uint32_t>(3)); // the count row
    EXPECT_DOUBLE_EQ(reportedValue(e, "samples_per_s", "value", "phase", "forward"), 5.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "max_ram", "max", "phase", "load_model"), 2048.5);
    EXPECT_EQ(dimOf(e, 0, "benchmark"), "awq_4bit");
    for (const auto& r : e.reported)
        EXPECT_NE(r.statistic, Statistic::Cv); // stdev_ (%) is not read
}

TEST(OptimumBenchmark, JsonAndMarkdownAgreeWithoutCrossCheckWarnings)
{
    const auto ds = ingestOrFail(fixturePath("optimum-benchmark"));
    EXPECT_EQ(crossCheckWarnings(*ds), std::vector<std::string> {});
    size_t checkedFromMarkdown = 0;
    for (const auto& r : ds->reported)
        checkedFromMarkdown += ds->files[r.file].path.ends_with(".md") && r.computed.has_value();
    // forward: mean, p50, p90 and stdev are recomputed from the JSON's values (a total is not).
    EXPECT_EQ(checkedFromMarkdown, 4u);
}

TEST(OptimumBenchmark, SimilarMarkdownIsGeneric)
{
    const std::string rel = "latency_notes.md";
    const FileExtract e = recognizeAt(fixturePath("optimum-benchmark-similar/" + rel), rel);
    EXPECT_EQ(e.recognizer, "generic Markdown");
    EXPECT_EQ(e.declinedBy, std::vector<std::string> {"optimum-benchmark Markdown"});
}

TEST(OptimumBenchmarkCorpus, JsonValuesMatchTheRawFile)
{
    const std::string name = "hf-quant-bench_cuda_pytorch_llama_benchmark_report.json";
    const FileExtract e = recognizeAt(publicCorpus("optimum-benchmark/" + name), "optimum-benchmark/" + name);
    EXPECT_EQ(e.recognizer, "optimum-benchmark JSON");
    const auto raw = nlohmann::json::parse(mustRead(publicCorpus("optimum-benchmark/" + name)));
    size_t phases = 0;
    for (const auto& [phase, sections] : raw.items()) {
        ++phases;
        const auto& latency = sections["latency"];
        if (!latency.is_null()) {
            ASSERT_EQ(latency["unit"], "s");
            std::vector<double> expected;
            for (const auto& v : latency["values"])
                expected.push_back(v.get<double>() * 1000);
            const auto actual = samplesIn(e, "latency_ms", phase);
            ASSERT_EQ(actual.size(), expected.size()) << phase;
            for (size_t i = 0; i < expected.size(); ++i)
                EXPECT_DOUBLE_EQ(actual[i], expected[i]);
            for (const auto& [key, stat] : latencyStats())
                EXPECT_DOUBLE_EQ(
                    reportedValue(e, "latency_ms", stat, "phase", phase), latency[key].get<double>() * 1000)
                    << phase << " " << key;
            const double n = latency["count"].get<double>();
            if (n >= 2) {
                EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "stddev", "phase", phase),
                    sampleFromPopulation(latency["stdev"].get<double>(), n) * 1000)
                    << phase;
            }
        }
        if (const auto& t = sections["throughput"]; !t.is_null()) {
            const std::string metric = t["unit"] == "tokens/s" ? "throughput_tok_s" : "samples_per_s";
            ASSERT_TRUE(t["unit"] == "tokens/s" || t["unit"] == "samples/s");
            EXPECT_DOUBLE_EQ(reportedValue(e, metric, "value", "phase", phase), t["value"].get<double>()) << phase;
        }
        if (const auto& m = sections["memory"]; !m.is_null()) {
            ASSERT_EQ(m["unit"], "MB");
            for (const auto& [key, value] : m.items()) {
                if (key != "unit") {
                    EXPECT_DOUBLE_EQ(reportedValue(e, key, "max", "phase", phase), value.get<double>());
                }
            }
        }
    }
    EXPECT_EQ(phases, 4u);
    EXPECT_EQ(e.groups.size(), 4u);
    // Hard-coded: decode 38.821440532429996 tokens/s; prefill stdev of the 10 values with n-1 (Python
    // statistics.stdev) = 0.00044841211060172643 s.
    EXPECT_DOUBLE_EQ(reportedValue(e, "throughput_tok_s", "value", "phase", "decode"), 38.821440532429996);
    EXPECT_NEAR(reportedValue(e, "latency_ms", "stddev", "phase", "prefill"), 0.44841211060172643, 1e-12);
}

TEST(OptimumBenchmarkCorpus, MarkdownValuesMatchTheRawText)
{
    const std::string name = "hf-quant-bench_cuda_pytorch_llama_benchmark_report.md";
    const FileExtract e = recognizeAt(publicCorpus("optimum-benchmark/" + name), "optimum-benchmark/" + name);
    EXPECT_EQ(e.recognizer, "optimum-benchmark Markdown");
    const QStringList lines
        = QString::fromStdString(mustRead(publicCorpus("optimum-benchmark/" + name))).split(QLatin1Char('\n'));
    static const QRegularExpression row(QStringLiteral("^\\|\\s*(\\w+)\\s*\\|\\s*([0-9.]+)\\s*\\|\\s*(\\S+)\\s*\\|$"));
    std::string phase, section;
    size_t compared = 0;
    std::map<std::string, double> counts;
    for (const QString& l : lines) {
        if (l.startsWith(QStringLiteral("# ")))
            phase = l.mid(2).chopped(1).toStdString();
        else if (l.startsWith(QStringLiteral("## ")))
            section = l.mid(3).chopped(1).toStdString();
        const auto m = row.match(l.trimmed());
        if (!m.hasMatch())
            continue;
        const std::string key = m.captured(1).toStdString();
        const double value = m.captured(2).toDouble();
        if (section == "latency" && latencyStats().count(key)) {
            EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", latencyStats().at(key), "phase", phase), value * 1000);
            ++compared;
        } else if (section == "memory") {
            EXPECT_DOUBLE_EQ(reportedValue(e, key, "max", "phase", phase), value);
            ++compared;
        } else if (section == "throughput") {
            const std::string metric
                = m.captured(3) == QStringLiteral("tokens/s") ? "throughput_tok_s" : "samples_per_s";
            EXPECT_DOUBLE_EQ(reportedValue(e, metric, "value", "phase", phase), value);
            ++compared;
        }
    }
    // 3 memory tables of 5, 4 latency tables of 6 statistics, 2 throughputs.
    EXPECT_EQ(compared, 15u + 24u + 2u);
}

TEST(OptimumBenchmarkCorpus, ReportedValuesAgreeWithTheRawValues)
{
    const auto ds = ingestOrFail(publicCorpus("optimum-benchmark"));
    EXPECT_EQ(crossCheckWarnings(*ds), std::vector<std::string> {});
    // The Markdown's latency statistics are checked against the JSON's values[] (same benchmark and phase):
    // mean, p50, p90, p95, p99, stddev for prefill, decode and per_token (load_model has one value: no stddev).
    size_t checked = 0;
    for (const auto& r : ds->reported)
        checked += ds->files[r.file].path.ends_with(".md") && r.computed.has_value();
    EXPECT_EQ(checked, 3u * 6u + 5u);
}
