// MLPerf LoadGen summary recognizer: fixtures (an INVALID Interactive-category run filed under a submission path,
// a SingleStream summary, a text file that only mentions MLPerf) and the public corpus, whose expected values are
// read here from the raw text with QRegularExpression and converted from ns to ms in the test.
#include "tests/models/tool_recognizer_support.h"

#include <QRegularExpression>
#include <QString>

#include <map>

using namespace benchlens;
using namespace benchlens::test;

namespace {

FileExtract fixture(const std::string& rel)
{
    return recognizeAt(fixturePath("mlperf/" + rel), rel);
}

size_t countReported(const FileExtract& e, const std::string& metric)
{
    size_t n = 0;
    for (const auto& r : e.reported)
        n += e.metrics[r.metric].name == metric;
    return n;
}

// (metric, statistic) expected for a "(ns)" label, written out from LoadGen's summary format.
std::optional<std::pair<std::string, std::string>> expectedFor(QString label)
{
    label = label.simplified();
    static const QRegularExpression minMaxMean(QStringLiteral("^(Min|Max|Mean) (.+) \\(ns\\)$"));
    static const QRegularExpression percentile(QStringLiteral("^([0-9.]+) percentile (.+) \\(ns\\)$"));
    const std::map<QString, std::string> what = {{QStringLiteral("latency"), "latency_ms"},
        {QStringLiteral("first token latency"), "ttft_ms"}, {QStringLiteral("time to output token"), "tpot_ms"}};
    const std::map<QString, std::string> percentiles
        = {{QStringLiteral("50.00"), "p50"}, {QStringLiteral("90.00"), "p90"}, {QStringLiteral("95.00"), "p95"},
            {QStringLiteral("97.00"), "p97"}, {QStringLiteral("99.00"), "p99"}, {QStringLiteral("99.90"), "p99.9"}};
    if (const auto m = minMaxMean.match(label); m.hasMatch()) {
        const auto it = what.find(m.captured(2).toLower());
        if (it != what.end())
            return std::pair(it->second, m.captured(1).toLower().toStdString());
    }
    if (const auto m = percentile.match(label); m.hasMatch()) {
        const auto it = what.find(m.captured(2).toLower());
        if (it != what.end() && percentiles.count(m.captured(1)))
            return std::pair(it->second, percentiles.at(m.captured(1)));
    }
    return std::nullopt;
}

// Compares every "(ns)" result and headline rate of the summary (before "Test Parameters Used") with the extract.
size_t compareWithText(const FileExtract& e, const std::string& text)
{
    QString results = QString::fromStdString(text);
    results.truncate(results.indexOf(QStringLiteral("Test Parameters Used")));
    static const QRegularExpression line(
        QStringLiteral("^\\s*(.+?)\\s*:\\s*([0-9.]+)\\s*$"), QRegularExpression::MultilineOption);
    const std::map<QString, std::string> rates = {{QStringLiteral("Samples per second"), "samples_per_s"},
        {QStringLiteral("Completed samples per second"), "samples_per_s"},
        {QStringLiteral("Tokens per second"), "throughput_tok_s"},
        {QStringLiteral("Completed tokens per second"), "throughput_tok_s"}};
    size_t compared = 0;
    for (auto it = line.globalMatch(results); it.hasNext();) {
        const auto m = it.next();
        const double value = m.captured(2).toDouble();
        if (const auto r = rates.find(m.captured(1)); r != rates.end()) {
            EXPECT_DOUBLE_EQ(reportedValue(e, r->second, "value"), value) << m.captured(0).toStdString();
            ++compared;
        } else if (const auto x = expectedFor(m.captured(1))) {
            EXPECT_DOUBLE_EQ(reportedValue(e, x->first, x->second), value / 1e6) << m.captured(0).toStdString();
            ++compared;
        }
    }
    return compared;
}

} // namespace

TEST(Mlperf, InvalidInteractiveRunUnderASubmissionPath)
{
    const FileExtract e = fixture("closed/Acme/results/sysA/llama2-70b-99/Interactive/performance/run_1/"
                                  "mlperf_log_summary.txt");
    EXPECT_EQ(e.recognizer, "MLPerf LoadGen summary");
    ASSERT_EQ(e.groups.size(), 1u);
    EXPECT_EQ(dimOf(e, 0, "model"), "llama2-70b-99");
    EXPECT_EQ(dimOf(e, 0, "system"), "sysA");
    EXPECT_EQ(dimOf(e, 0, "scenario"), "Server"); // as the file says
    EXPECT_EQ(dimOf(e, 0, "category"), "Interactive"); // as the path says
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "INVALID"));
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "Performance constraints satisfied: NO"));
    EXPECT_TRUE(hasDiagnostic(e, Severity::Warning, "Early stopping satisfied: NO"));
    // The numbers are still read.
    EXPECT_DOUBLE_EQ(reportedValue(e, "samples_per_s", "value"), 12.5);
    EXPECT_DOUBLE_EQ(reportedValue(e, "throughput_tok_s", "value"), 3000.25);
    EXPECT_EQ(countReported(e, "throughput_tok_s"), 1u); // printed twice in the file
    EXPECT_DOUBLE_EQ(reportedValue(e, "scheduled_samples_per_s", "value"), 13.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "min"), 1.5);
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "mean"), 2500.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "p99.9"), 9000.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "mean"), 450.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "p99"), 1250.0);
    EXPECT_DOUBLE_EQ(reportedValue(e, "tpot_ms", "p97"), 42.5);
    // ttft_latency (ns): 2000000000 under Test Parameters Used is a setting, not a result.
    EXPECT_EQ(countReported(e, "ttft_ms"), 2u);
    const auto* mean = findReported(e, "latency_ms", "mean");
    ASSERT_NE(mean, nullptr);
    EXPECT_EQ(e.locatorText(mean->locator), "line 20");
    EXPECT_FALSE(mean->n.has_value());
}

TEST(Mlperf, SingleStreamHeadlinePercentile)
{
    const FileExtract e = fixture("resnet50_SingleStream_mlperf_log_summary.txt");
    EXPECT_EQ(e.recognizer, "MLPerf LoadGen summary");
    EXPECT_EQ(dimOf(e, 0, "scenario"), "SingleStream");
    EXPECT_EQ(dimOf(e, 0, "benchmark"), "resnet50"); // one word left: not taken for a model
    EXPECT_EQ(dimOf(e, 0, "category"), "");
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "p90"), 8.236614);
    EXPECT_DOUBLE_EQ(reportedValue(e, "latency_ms", "max"), 20.46859);
    for (const auto& d : e.diagnostics)
        EXPECT_NE(d.severity, Severity::Warning) << d.message;
}

TEST(Mlperf, TextThatOnlyMentionsMlperfIsGenericText)
{
    const FileExtract e = fixture("notes_mlperf_log_summary.txt");
    EXPECT_EQ(e.recognizer, "generic text");
    EXPECT_EQ(e.declinedBy, std::vector<std::string> {"MLPerf LoadGen summary"});
}

TEST(MlperfCorpus, EveryResultMatchesTheRawText)
{
    struct Expected
    {
        std::string file, model, system, scenario, benchmark;
        size_t values; // results in the text, counted by hand
    };
    const std::vector<Expected> files = {
        {"MlPerfLogExample_mlperf_log_summary.txt", "", "", "Offline", "MlPerfLogExample", 1 + 9},
        {"mlperf-v5.1_AMD_8xMI300X_llama2-70b-99_Server_mlperf_log_summary.txt", "llama2-70b-99",
            "mlperf-v5.1_AMD_8xMI300X", "Server", "", 3 + 9 + 9 + 9},
        {"mlperf-v5.1_Cisco_C885_H200x8_llama3.1-8b_Offline_mlperf_log_summary.txt", "llama3.1-8b",
            "mlperf-v5.1_Cisco_C885_H200x8", "Offline", "", 2 + 9},
    };
    for (const auto& f : files) {
        const std::string path = publicCorpus("mlperf-inference/" + f.file);
        const FileExtract e = recognizeAt(path, "mlperf-inference/" + f.file);
        EXPECT_EQ(e.recognizer, "MLPerf LoadGen summary") << f.file;
        ASSERT_EQ(e.groups.size(), 1u);
        EXPECT_EQ(dimOf(e, 0, "model"), f.model);
        EXPECT_EQ(dimOf(e, 0, "system"), f.system);
        EXPECT_EQ(dimOf(e, 0, "scenario"), f.scenario);
        EXPECT_EQ(dimOf(e, 0, "benchmark"), f.benchmark);
        EXPECT_EQ(compareWithText(e, mustRead(path)), f.values) << f.file;
        EXPECT_FALSE(hasDiagnostic(e, Severity::Warning, "INVALID")) << f.file; // all three are VALID
    }
}

TEST(MlperfCorpus, HardCodedNumbers)
{
    // 1914647645 ns -> 1914.647645 ms; 144594078 ns -> 144.594078 ms (by hand from the text).
    const std::string amd = "mlperf-v5.1_AMD_8xMI300X_llama2-70b-99_Server_mlperf_log_summary.txt";
    const FileExtract e = recognizeAt(publicCorpus("mlperf-inference/" + amd), amd);
    EXPECT_DOUBLE_EQ(reportedValue(e, "ttft_ms", "p99"), 1914.647645);
    EXPECT_DOUBLE_EQ(reportedValue(e, "tpot_ms", "mean"), 144.594078);
    EXPECT_DOUBLE_EQ(reportedValue(e, "samples_per_s", "value"), 81.68);
    EXPECT_DOUBLE_EQ(reportedValue(e, "scheduled_samples_per_s", "value"), 83.90);
    const std::string cisco = "mlperf-v5.1_Cisco_C885_H200x8_llama3.1-8b_Offline_mlperf_log_summary.txt";
    const FileExtract c = recognizeAt(publicCorpus("mlperf-inference/" + cisco), cisco);
    EXPECT_DOUBLE_EQ(reportedValue(c, "throughput_tok_s", "value"), 58304.3);
    EXPECT_DOUBLE_EQ(reportedValue(c, "latency_ms", "max"), 1027173.153198);
}
