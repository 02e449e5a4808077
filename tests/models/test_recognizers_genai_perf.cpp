// GenAI-Perf / AIPerf recognizers: fixtures written for the pitfalls (null and NaN statistics, units in sec, ns
// and us, a unit that does not fit, a decimal-comma cell, the CSV's blank-line table break) and the public corpus,
// whose expected values are read here from the raw files with nlohmann::json and Qt, not from BenchLens.
#include "tests/models/tool_recognizer_support.h"

#include <QFile>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <map>

using namespace benchlens;
using namespace benchlens::test;

namespace {

// The file's statistic names -> BenchLens's, as GenAI-Perf documents them.
const std::map<std::string, std::string>& statNames()
{
    static const std::map<std::string, std::string> m = {{"avg", "mean"}, {"min", "min"}, {"max", "max"},
        {"std", "stddev"}, {"p1", "p1"}, {"p5", "p5"}, {"p10", "p10"}, {"p25", "p25"}, {"p50", "p50"}, {"p75", "p75"},
        {"p90", "p90"}, {"p95", "p95"}, {"p99", "p99"}};
    return m;
}

FileExtract fixture(const std::string& rel)
{
    return recognizeAt(fixturePath("genai-perf/" + rel), rel);
}

FileExtract corpusFile(const std::string& name)
{
    return recognizeAt(publicCorpus("genai-perf-aiperf/" + name), "genai-perf-aiperf/" + name);
}

} // namespace

TEST(GenaiPerf, FlatJsonFixture)
{
    const FileExtract e = fixture("profile_export_genai_perf.json");
    EXPECT_EQ(e.recognizer, "GenAI-Perf JSON");
    ASSERT_EQ(e.groups.size(), 1u);
    EXPECT_EQ(dimOf(e, 0, "model"), "llama-3-8b,llama-3-8b-lora");
    EXPECT_EQ(dimOf(e, 0, "backend"), "vllm"); // service_kind triton: the backend is real
    EXPECT_EQ(dimOf(e, 0, "endpoint"), "v2/models/llama/generate");
    EXPECT_EQ(dimOf(e, 0, "request_rate"), "2.5");
    EXPECT_EQ(dimOf(e, 0, "concurrency"), ""); // null
    EXPECT_EQ(e.namedModel, "llama-3-8b,llama-3-8b-lora");

    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "p99"), 2000.0);
    const auto* p99 = findReported(e, "latency_ms", "p99");
    ASSERT_NE(p99, nullptr);
    EXPECT_EQ(p99->n, std::optional<uint32_t>(40)); // request_count
    EXPECT_EQ(e.locatorText(p99->locator), "/request_latency/p99");
    EXPECT_EQ(findReported(e, "latency_ms", "p1"), nullptr); // null statistic
    EXPECT_EQ(findReported(e, "ttft_ms", "stddev"), nullptr); // null statistic
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "p90"), 300.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "itl_ms", "p95"), 12.0); // 12000000 ns
    // Throughputs with only avg are run-level values, without a sample count.
    const auto* rps = findReported(e, "request_throughput_req_s", "value");
    ASSERT_NE(rps, nullptr);
    EXPECT_DOUBLE_EQ(rps->value, 2.5);
    EXPECT_FALSE(rps->n.has_value());
    EXPECT_DOUBLE_EQ(reportedValue(e, "throughput_tok_s", "value"), 512.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "output_token_throughput_per_user", "p50"), 38.0);
    EXPECT_EQ(unitOf(e, "output_token_throughput_per_user"), "tok/s");
    EXPECT_DOUBLE_EQ(reportedValue(e, "wall_time_ms", "value"), 16000.0); // 16 sec
    EXPECT_DOUBLE_EQ(reportedValue(e, "tokens_generated", "max"), 200.0);
    EXPECT_EQ(unitOf(e, "request_count"), "requests");
}

TEST(GenaiPerf, AiperfRecordsFixture)
{
    const FileExtract e = fixture("profile_export_aiperf.json");
    EXPECT_EQ(e.recognizer, "AIPerf JSON");
    EXPECT_EQ(dimOf(e, 0, "model"), "qwen3-0.6b");
    EXPECT_EQ(dimOf(e, 0, "endpoint"), "completions");
    EXPECT_EQ(dimOf(e, 0, "concurrency"), "4");
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "mean"), 210.5);
    EXPECT_EQ(findReported(e, "ttft_ms", "mean")->n, std::optional<uint32_t>(20)); // count
    EXPECT_EQ(findReported(e, "ttft_ms", "stddev"), nullptr); // NaN
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "mean"), 1500.0); // 1.5 sec
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "p99"), 1980.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "time_to_second_token", "p50"), 11.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "goodput", "value"), 3.0);
    EXPECT_EQ(unitOf(e, "goodput"), "req/s");
    // "tokens" is no unit for an inter-token latency: not read, and said so.
    EXPECT_EQ(unitOf(e, "itl_ms"), "<no such metric>");
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "unit 'tokens' is not a time unit"));
    // 20 completed, 5 failed.
    EXPECT_DOUBLE_EQ(reportedValue(e, "success_rate", "value"), 0.8);
    EXPECT_EQ(findReported(e, "success_rate", "value")->n, std::optional<uint32_t>(25));
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "5 request(s) failed with HTTPError (code 500)"));
    for (const auto& m : e.metrics)
        EXPECT_EQ(m.name.find("timestamp"), std::string::npos) << m.name;
}

TEST(GenaiPerf, CsvFixtureWithTwoTablesAndConcurrencyFolder)
{
    const FileExtract e = fixture("llama-openai-chat-concurrency8/profile_export_genai_perf.csv");
    EXPECT_EQ(e.recognizer, "GenAI-Perf CSV");
    EXPECT_EQ(dimOf(e, 0, "concurrency"), "8");
    EXPECT_EQ(findReported(e, "ttft_ms", "mean"), nullptr); // "1,5"
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "'1,5' is not a number"));
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "p99"), 19.9);
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "mean"), 1250.0); // 1.25 sec
    EXPECT_DOUBLE_EQ(reportedValue(e, "itl_ms", "p50"), 0.79); // 790 us
    EXPECT_DOUBLE_EQ(reportedValue(e, "request_throughput_req_s", "value"), 3.2);
    EXPECT_DOUBLE_EQ(reportedValue(e, "throughput_tok_s", "value"), 410.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "request_count", "value"), 32.0);
    const auto* p50 = findReported(e, "ttft_ms", "p50");
    ASSERT_NE(p50, nullptr);
    EXPECT_EQ(e.locatorText(p50->locator), "line 2 col p50");
}

TEST(GenaiPerf, SimilarJsonIsLeftToTheGenericRecognizer)
{
    const FileExtract e = fixture("similar_input_config.json");
    EXPECT_EQ(e.recognizer, "generic JSON");
    ASSERT_EQ(e.declinedBy, std::vector<std::string> {"GenAI-Perf JSON"});
    EXPECT_TRUE(hasDiagnostic(e, Severity::Info, "looks like GenAI-Perf JSON output"));
}

TEST(GenaiPerfCorpus, FlatJsonValuesMatchTheRawFile)
{
    const std::string name = "k8s-dev_profile_export_genai_perf.json";
    const FileExtract e = corpusFile(name);
    EXPECT_EQ(e.recognizer, "GenAI-Perf JSON");
    const auto raw = nlohmann::json::parse(mustRead(publicCorpus("genai-perf-aiperf/" + name)));
    EXPECT_EQ(dimOf(e, 0, "model"), raw["input_config"]["model"][0].get<std::string>());
    EXPECT_EQ(dimOf(e, 0, "concurrency"), "1");
    // service_kind openai: GenAI-Perf ignores `backend`, so it is no dimension.
    EXPECT_EQ(dimOf(e, 0, "backend"), "");
    const auto requests = static_cast<uint32_t>(raw["request_count"]["avg"].get<double>());
    const std::map<std::string, std::string> metrics
        = {{"request_latency", "latency_ms"}, {"time_to_first_token", "ttft_ms"}, {"inter_token_latency", "itl_ms"},
            {"time_to_second_token", "time_to_second_token"}};
    size_t compared = 0;
    for (const auto& [key, id] : metrics) {
        ASSERT_EQ(raw[key]["unit"], "ms");
        for (const auto& [stat, value] : raw[key].items()) {
            if (!statNames().count(stat))
                continue;
            const auto* r = findReported(e, id, statNames().at(stat));
            ASSERT_NE(r, nullptr) << key << " " << stat;
            EXPECT_DOUBLE_EQ(r->value, value.get<double>()) << key << " " << stat;
            EXPECT_EQ(r->n, std::optional<uint32_t>(requests));
            ++compared;
        }
    }
    EXPECT_EQ(compared, 4u * 10u); // avg, p25, p50, p75, p90, p95, p99, min, max, std
    EXPECT_DOUBLE_EQ(
        reportedValue(e, "request_throughput_req_s", "value"), raw["request_throughput"]["avg"].get<double>());
    EXPECT_DOUBLE_EQ(
        reportedValue(e, "throughput_tok_s", "value"), raw["output_token_throughput"]["avg"].get<double>());
    // Hard-coded from the file: TTFT p99 4323.045905799997 ms, 66 requests.
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "p99"), 4323.045905799997);
    EXPECT_EQ(requests, 66u);
}

TEST(GenaiPerfCorpus, AiperfJsonValuesMatchTheRawFile)
{
    const std::string name = "aiperf_run1_profile_export_aiperf.json";
    const FileExtract e = corpusFile(name);
    EXPECT_EQ(e.recognizer, "AIPerf JSON");
    const auto raw = nlohmann::json::parse(mustRead(publicCorpus("genai-perf-aiperf/" + name)));
    const auto& records = raw["records"];
    EXPECT_EQ(dimOf(e, 0, "model"), raw["input_config"]["endpoint"]["model_names"][0].get<std::string>());
    EXPECT_EQ(dimOf(e, 0, "concurrency"), "100");
    const std::map<std::string, std::string> metrics
        = {{"ttft", "ttft_ms"}, {"request_latency", "latency_ms"}, {"inter_token_latency", "itl_ms"}};
    for (const auto& [tag, id] : metrics) {
        ASSERT_EQ(records[tag]["unit"], "ms");
        for (const auto& [stat, value] : records[tag].items()) {
            if (!statNames().count(stat) || value.is_null())
                continue;
            const auto* r = findReported(e, id, statNames().at(stat));
            ASSERT_NE(r, nullptr) << tag << " " << stat;
            EXPECT_DOUBLE_EQ(r->value, value.get<double>()) << tag << " " << stat;
            EXPECT_EQ(r->n, std::optional<uint32_t>(records[tag]["count"].get<uint32_t>()));
        }
    }
    ASSERT_EQ(records["benchmark_duration"]["unit"], "sec");
    EXPECT_DOUBLE_EQ(
        reportedValue(e, "wall_time_ms", "value"), records["benchmark_duration"]["avg"].get<double>() * 1000);
    const double ok = records["request_count"]["avg"].get<double>();
    const double failed = records["error_request_count"]["avg"].get<double>();
    EXPECT_DOUBLE_EQ(reportedValue(e, "success_rate", "value"), ok / (ok + failed));
    // Hard-coded: 89 completed and 11 cancelled requests -> 0.89.
    EXPECT_DOUBLE_EQ(reportedValue(e, "success_rate", "value"), 0.89);
}

TEST(GenaiPerfCorpus, AiperfCsvValuesMatchTheRawText)
{
    const std::string name = "aiperf_run1_profile_export_aiperf.csv";
    const FileExtract e = corpusFile(name);
    EXPECT_EQ(e.recognizer, "AIPerf CSV");
    // The file has CRLF line ends.
    const QString text
        = QString::fromStdString(mustRead(publicCorpus("genai-perf-aiperf/" + name))).remove(QLatin1Char('\r'));
    const QStringList blocks = text.split(QStringLiteral("\n\n"));
    ASSERT_EQ(blocks.size(), 2);
    const QStringList stats = blocks[0].split(QLatin1Char('\n'));
    const QStringList header = stats[0].split(QLatin1Char(','));
    const std::map<QString, std::string> metrics = {{QStringLiteral("Time to First Token (ms)"), "ttft_ms"},
        {QStringLiteral("Request Latency (ms)"), "latency_ms"}, {QStringLiteral("Inter Token Latency (ms)"), "itl_ms"}};
    size_t compared = 0;
    for (const QString& line : stats) {
        const QStringList cells = line.split(QLatin1Char(','));
        const auto it = metrics.find(cells[0]);
        if (it == metrics.end())
            continue;
        for (qsizetype c = 1; c < cells.size(); ++c) {
            const std::string stat = statNames().at(header[c].toStdString());
            EXPECT_DOUBLE_EQ(reportedValue(e, it->second, stat), cells[c].toDouble()) << line.toStdString();
            ++compared;
        }
    }
    EXPECT_EQ(compared, 3u * 12u);
    const QRegularExpression value(QStringLiteral("^(.+),([0-9.]+)$"), QRegularExpression::MultilineOption);
    std::map<QString, double> values;
    for (auto it = value.globalMatch(blocks[1]); it.hasNext();) {
        const auto m = it.next();
        values[m.captured(1)] = m.captured(2).toDouble();
    }
    EXPECT_DOUBLE_EQ(reportedValue(e, "request_throughput_req_s", "value"),
        values.at(QStringLiteral("Request Throughput (requests/sec)")));
    EXPECT_DOUBLE_EQ(
        reportedValue(e, "wall_time_ms", "value"), values.at(QStringLiteral("Benchmark Duration (sec)")) * 1000);
    // Hard-coded from the text: TTFT p99 3833.39 ms; 2320.72 output tokens/s.
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "p99"), 3833.39);
    EXPECT_DOUBLE_EQ(reportedValue(e, "throughput_tok_s", "value"), 2320.72);
}

TEST(GenaiPerfCorpus, CsvTakesItsModelFromTheSiblingJson)
{
    const auto ds = ingestOrFail(publicCorpus("genai-perf-aiperf"));
    ASSERT_EQ(ds->files.size(), 3u);
    std::map<std::string, std::string> recognizers;
    for (const auto& f : ds->files)
        recognizers[f.path] = f.recognizer;
    const std::map<std::string, std::string> expected = {{"aiperf_run1_profile_export_aiperf.csv", "AIPerf CSV"},
        {"aiperf_run1_profile_export_aiperf.json", "AIPerf JSON"},
        {"k8s-dev_profile_export_genai_perf.json", "GenAI-Perf JSON"}};
    EXPECT_EQ(recognizers, expected);
    for (const auto& r : ds->reported) {
        if (ds->files[r.file].path == "aiperf_run1_profile_export_aiperf.csv") {
            EXPECT_EQ(ds->variants[r.variant].model, "openai/gpt-oss-20b");
        }
    }
}
