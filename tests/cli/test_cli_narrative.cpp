// `benchlens report --narrative` end to end: the binary against a local test server that replays recorded Ollama
// streams (tests/data/ollama_streams, written by make_streams.py there). Expected metrics are computed here from
// the replayed stream's final object, never read back from BenchLens.
#include "tests/support/ollama_test_server.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace benchlens;
using test::OllamaTestServer;

namespace {
struct ServedRun
{
    int exitCode = -1;
    std::string err;
    double wallMs = 0; // the whole process, measured here
};

// Runs the binary while this thread's event loop keeps serving the test server (waitForFinished would block it).
ServedRun runServed(const QStringList& args)
{
    QProcess p;
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    QElapsedTimer watch;
    watch.start();
    p.start(QString::fromStdString(test::binary()), args);
    loop.exec();
    ServedRun r;
    r.wallMs = double(watch.nsecsElapsed()) / 1e6;
    EXPECT_EQ(p.state(), QProcess::NotRunning);
    r.exitCode = p.exitCode();
    r.err = p.readAllStandardError().toStdString();
    return r;
}

std::string streamFile(const std::string& name)
{
    return test::readFile(test::testDataDir() + "/ollama_streams/" + name);
}

std::string read(const QString& path)
{
    return test::readFile(path.toStdString());
}

// The report text with Markdown's escapes removed, so that names read as written.
std::string unescaped(std::string md)
{
    std::string out;
    for (size_t i = 0; i < md.size(); ++i) {
        if (md[i] == '\\' && i + 1 < md.size() && std::string("_*`[]()#|<>-.!:").find(md[i + 1]) != std::string::npos)
            continue;
        out.push_back(md[i]);
    }
    return out;
}

// What the Workflow Summary must say of one call, from the recorded final object: Ollama's durations in ns -> ms
// with one decimal, eval rate = eval_count / eval_duration (as `ollama run --verbose`), two decimals.
struct ExpectedCall
{
    std::string total, load, promptEval, eval, tokensPerSecond;
    long long promptTokens = 0, evalCount = 0;
};
ExpectedCall expectedFrom(const std::string& ndjson)
{
    ExpectedCall e;
    size_t start = 0;
    while (start < ndjson.size()) {
        const size_t end = ndjson.find('\n', start);
        const auto line = nlohmann::json::parse(ndjson.substr(start, end - start), nullptr, false);
        start = end == std::string::npos ? ndjson.size() : end + 1;
        if (line.is_discarded() || !line.value("done", false))
            continue;
        const auto ms
            = [&](const char* key) { return QString::number(line[key].get<double>() / 1e6, 'f', 1).toStdString(); };
        e.total = ms("total_duration");
        e.load = ms("load_duration");
        e.promptEval = ms("prompt_eval_duration");
        e.eval = ms("eval_duration");
        e.promptTokens = line["prompt_eval_count"].get<long long>();
        e.evalCount = line["eval_count"].get<long long>();
        e.tokensPerSecond
            = QString::number(double(e.evalCount) / (line["eval_duration"].get<double>() / 1e9), 'f', 2).toStdString();
    }
    return e;
}

QStringList narrativeArgs(const QString& out, const OllamaTestServer& server)
{
    return {QStringLiteral("report"), QString::fromStdString(test::sampleDir()), QStringLiteral("-o"), out,
        QStringLiteral("--narrative"), QStringLiteral("--llm-url"), QString::fromStdString(server.url()),
        QStringLiteral("--llm-model"), QStringLiteral("gemma3"), QStringLiteral("--llm-option"),
        QStringLiteral("num_ctx=4096"), QStringLiteral("--llm-option"), QStringLiteral("temperature=0.2"),
        QStringLiteral("--llm-timeout"), QStringLiteral("30")};
}

constexpr int kFirstTokenDelayMs = 300; // the server waits this long before the first content line
constexpr int kLineDelayMs = 2;

// The call metrics line of one role in the Workflow Summary, checked against the recorded stream; returns the TTFT.
double expectCallLine(const std::string& text, const std::string& role, const ExpectedCall& e, double wallMs)
{
    const QRegularExpression re(QString::fromStdString("Narrative call, " + role
        + R"( \([^)]*\), model [^ ]+ at [^ ]+: TTFT ([0-9.]+) ms, throughput ([0-9.]+) tok/s, total duration ([0-9.]+) ms, load duration ([0-9.]+) ms, prompt eval ([0-9.]+) ms \(([0-9]+) tokens\), eval duration ([0-9.]+) ms, ([0-9]+) tokens generated; options: ([^;]+);)"));
    const auto m = re.match(QString::fromStdString(text));
    EXPECT_TRUE(m.hasMatch()) << role;
    if (!m.hasMatch())
        return -1;
    EXPECT_EQ(m.captured(2).toStdString(), e.tokensPerSecond);
    EXPECT_EQ(m.captured(3).toStdString(), e.total);
    EXPECT_EQ(m.captured(4).toStdString(), e.load);
    EXPECT_EQ(m.captured(5).toStdString(), e.promptEval);
    EXPECT_EQ(m.captured(6).toLongLong(), e.promptTokens);
    EXPECT_EQ(m.captured(7).toStdString(), e.eval);
    EXPECT_EQ(m.captured(8).toLongLong(), e.evalCount);
    EXPECT_EQ(m.captured(9).toStdString(), "num_ctx=4096, temperature=0.2");
    // TTFT is measured on the stream: the first content line came after the server's delay, within the process.
    const double ttft = m.captured(1).toDouble();
    EXPECT_GE(ttft, kFirstTokenDelayMs);
    EXPECT_LE(ttft, wallMs);
    return ttft;
}
} // namespace

TEST(CliNarrative, MarkdownHtmlAndPdfReportsWithTheCheckedNarrativeAndTheCallMetrics)
{
    const std::string analyst = streamFile("analyst_normal.ndjson");
    const std::string writer = streamFile("writer_normal.ndjson");
    const ExpectedCall ea = expectedFrom(analyst);
    const ExpectedCall ew = expectedFrom(writer);
    for (const char* ext : {"md", "html", "pdf"}) {
        SCOPED_TRACE(ext);
        OllamaTestServer server;
        ASSERT_TRUE(server.listening());
        server.queueChat(OllamaTestServer::streamReply(analyst, kFirstTokenDelayMs, kLineDelayMs));
        server.queueChat(OllamaTestServer::streamReply(writer, kFirstTokenDelayMs, kLineDelayMs));
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("report.") + QLatin1String(ext));
        const ServedRun r = runServed(narrativeArgs(out, server));
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_EQ(r.err.find("narrative was skipped"), std::string::npos) << r.err;

        std::string text;
        if (std::string(ext) == "pdf") {
            QProcess p;
            p.start(QStringLiteral("pdftotext"), {out, QStringLiteral("-")});
            ASSERT_TRUE(p.waitForFinished(60000));
            text = p.readAllStandardOutput().toStdString();
        } else {
            text = read(out);
        }
        if (std::string(ext) == "md")
            text = unescaped(text);
        // One line per paragraph: pdftotext breaks lines where the page does.
        text = QString::fromStdString(text).simplified().toStdString();
        EXPECT_NE(text.find("Narrative"), std::string::npos);
        EXPECT_NE(text.find("Status: checked."), std::string::npos);
        EXPECT_NE(text.find("The folder holds 11 files"), std::string::npos);
        EXPECT_NE(text.find("The best mean throughput is 119.43 tok/s"), std::string::npos);
        EXPECT_NE(text.find("None: every number matched a fact"), std::string::npos);
        // "[unverified]" only in the sentence that explains the mark.
        EXPECT_EQ(QString::fromStdString(text).count(QStringLiteral("[unverified]")), 1) << text;
        const double ttftA = expectCallLine(text, "DataCollector-9000", ea, r.wallMs);
        const double ttftW = expectCallLine(text, "Insight writer", ew, r.wallMs);
        EXPECT_LE(ttftA + ttftW, r.wallMs);
        EXPECT_NE(text.find("Persona prompt (DataCollector-9000): You are DataCollector-9000"), std::string::npos);
        // BenchLens's own times stay beside the call's.
        EXPECT_NE(text.find("Ingest: 11 files"), std::string::npos);

        // The metrics JSON beside the report, not in the analysed folder.
        const QString metrics = dir.filePath(QStringLiteral("report.narrative.json"));
        ASSERT_TRUE(QFile::exists(metrics));
        const auto j = nlohmann::json::parse(read(metrics));
        ASSERT_EQ(j.size(), 2u);
        EXPECT_EQ(j[0]["total_duration"].get<long long>(), 2861543917); // analyst_normal.ndjson's final object
        EXPECT_EQ(j[1]["eval_count"].get<long long>(), 143); // writer_normal.ndjson's
        EXPECT_EQ(j[0]["options"]["num_ctx"].get<double>(), 4096);
        EXPECT_EQ(j[0]["benchlens_narrative"]["role"], "DataCollector-9000");
        EXPECT_GE(j[0]["benchlens_narrative"]["ttft_ms"].get<double>(), kFirstTokenDelayMs);

        // What was sent: a stream, the options, the persona prompt, the facts, the language; the writer gets the
        // analyst's checked answer.
        ASSERT_EQ(server.chatRequests().size(), 2u);
        const auto first = nlohmann::json::parse(server.chatRequests()[0]);
        EXPECT_EQ(first["stream"], true);
        EXPECT_EQ(first["model"], "gemma3");
        EXPECT_TRUE(first["options"]["num_ctx"].is_number_integer());
        EXPECT_EQ(first["options"]["num_ctx"].get<int>(), 4096);
        EXPECT_DOUBLE_EQ(first["options"]["temperature"].get<double>(), 0.2);
        EXPECT_NE(first["messages"][0]["content"].get<std::string>().find("DataCollector-9000"), std::string::npos);
        const std::string user = first["messages"][1]["content"].get<std::string>();
        EXPECT_NE(user.find("Write in English."), std::string::npos);
        EXPECT_NE(user.find("F1 [Data Ingestion Summary] Inventory: 11 files (5 csv, 4 json, 1 md, 1 txt, 0 other)"),
            std::string::npos)
            << user.substr(0, 800);
        const auto second = nlohmann::json::parse(server.chatRequests()[1]);
        EXPECT_NE(
            second["messages"][1]["content"].get<std::string>().find("The folder holds 11 files"), std::string::npos);
    }
}

TEST(CliNarrative, MetricsFilesOfTwoRunsAreReadBackAsOllamaResponsesPerOptions)
{
    QTemporaryDir dir;
    const QString runs = dir.filePath(QStringLiteral("runs"));
    QDir().mkpath(runs);
    for (const char* temperature : {"0.2", "0.8"}) {
        OllamaTestServer server;
        server.queueChat(OllamaTestServer::streamReply(streamFile("analyst_normal.ndjson"), 0, 0));
        server.queueChat(OllamaTestServer::streamReply(streamFile("writer_normal.ndjson"), 0, 0));
        QStringList args
            = narrativeArgs(runs + QStringLiteral("/t") + QLatin1String(temperature) + QStringLiteral(".md"), server);
        args[args.indexOf(QStringLiteral("temperature=0.2"))]
            = QStringLiteral("temperature=") + QLatin1String(temperature);
        ASSERT_EQ(runServed(args).exitCode, 0);
    }
    // Only the metrics files in a folder of their own.
    const QString folder = dir.filePath(QStringLiteral("metrics"));
    QDir().mkpath(folder);
    for (const char* t : {"0.2", "0.8"})
        ASSERT_TRUE(QFile::copy(runs + QStringLiteral("/t") + QLatin1String(t) + QStringLiteral(".narrative.json"),
            folder + QStringLiteral("/t") + QLatin1String(t) + QStringLiteral(".json")));
    QProcess p;
    p.start(QString::fromStdString(test::binary()), {QStringLiteral("summarize"), folder, QStringLiteral("--json")});
    ASSERT_TRUE(p.waitForFinished(60000));
    const auto j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    for (const auto& e : j["inventory"]["entries"])
        EXPECT_EQ(e["recognizer"], "Ollama API response JSON") << e["file"];
    // One variant per options: gemma3 num_ctx=4096 temperature=0.2 and =0.8, each with both roles' calls.
    ASSERT_EQ(j["variants"].size(), 2u);
    EXPECT_EQ(j["variants"][0]["config"]["temperature"].dump(), "0.2");
    EXPECT_EQ(j["variants"][1]["config"]["temperature"].dump(), "0.8");
    bool found = false;
    for (const auto& m : j["metrics"]) {
        if (m["metric"] != "total_duration_ms")
            continue;
        found = true;
        EXPECT_EQ(m["n"], 2);
        // (2861543917 + 5432109876) / 2 ns, from the two recorded final objects, in ms.
        EXPECT_NEAR(m["mean"].get<double>(), (2861543917.0 + 5432109876.0) / 2 / 1e6, 1e-6);
    }
    EXPECT_TRUE(found);
}

TEST(CliNarrative, APlantedNumberIsListedAsUnverified)
{
    OllamaTestServer server;
    server.queueChat(OllamaTestServer::streamReply(streamFile("analyst_normal.ndjson"), 0, kLineDelayMs));
    server.queueChat(OllamaTestServer::streamReply(streamFile("writer_planted.ndjson"), 0, kLineDelayMs));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("r.md"));
    const ServedRun r = runServed(narrativeArgs(out, server));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string md = unescaped(read(out));
    EXPECT_NE(md.find("Status: 1 unverified."), std::string::npos);
    EXPECT_NE(md.find("The median TTFT of the slowest variant is 412.5 ms. **[unverified]**"), std::string::npos);
    const auto list = md.find("### Unverified statements");
    ASSERT_NE(list, std::string::npos);
    EXPECT_NE(md.find("Insight writer: \"The median TTFT of the slowest variant is 412.5 ms.\" (412.5 ms matches no "
                      "fact)",
                  list),
        std::string::npos);
    EXPECT_NE(r.err.find("note: narrative 1 unverified"), std::string::npos) << r.err;
    // The computed sections are all there, unchanged in number.
    EXPECT_NE(md.find("## 3. Performance Analysis"), std::string::npos);
    EXPECT_NE(md.find("## 5. Narrative"), std::string::npos);
    EXPECT_NE(md.find("## 6. Workflow Summary"), std::string::npos);
}

TEST(CliNarrative, ALanguageSwitchAndStrayLeadingTokensAreFlagged)
{
    OllamaTestServer server;
    server.queueChat(OllamaTestServer::streamReply(streamFile("analyst_stray_tokens.ndjson"), 0, kLineDelayMs));
    server.queueChat(OllamaTestServer::streamReply(streamFile("writer_language_switch.ndjson"), 0, kLineDelayMs));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("r.html"));
    const ServedRun r = runServed(narrativeArgs(out, server));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string html = read(out);
    EXPECT_NE(html.find("starts with stray tokens <code>僵死</code> that are not words of English"), std::string::npos);
    EXPECT_NE(html.find("El rendimiento de la configuración más lenta es de 71.03 tok/s y la latencia es mayor. "
                        "<strong>[unverified]</strong>"),
        std::string::npos);
    EXPECT_NE(html.find("(not in English (es))"), std::string::npos);
    EXPECT_NE(html.find("(not in English (another script))"), std::string::npos);
    // The analyst's stray prefix, its one unverified item, and the writer's two foreign sentences.
    EXPECT_NE(html.find("Status: 3 unverified."), std::string::npos);
    // The writer got the analyst's text without the stray tokens.
    ASSERT_EQ(server.chatRequests().size(), 2u);
    const std::string user = nlohmann::json::parse(server.chatRequests()[1])["messages"][1]["content"];
    EXPECT_NE(user.find("SUMMARY (checked against the facts; unverified sentences removed)\nThe folder holds 11 files"),
        std::string::npos);
}

TEST(CliNarrative, WithoutAUsableServerTheReportIsWrittenWithANote)
{
    // A port nobody listens on: bound, then closed.
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const QString closedUrl = QStringLiteral("http://127.0.0.1:") + QString::number(closed.serverPort());
    closed.close();

    struct Case
    {
        const char* name;
        OllamaTestServer::Reply reply;
        const char* timeout;
        std::string reason;
    };
    OllamaTestServer::Reply stall = OllamaTestServer::streamReply(streamFile("stall.ndjson"), 0, 0);
    stall.stall = true;
    const std::vector<Case> cases = {
        {"model not pulled",
            OllamaTestServer::jsonReply(404, R"({"error":"model \"gemma3\" not found, try pulling it first"})"), "30",
            "the model 'gemma3' is not pulled on the Ollama server at"},
        {"server error mid-stream", OllamaTestServer::streamReply(streamFile("error_mid_stream.ndjson"), 0, 0), "30",
            "the Ollama server stopped mid-answer (stream line 16): an error was encountered while running the model: "
            "unexpected EOF"},
        {"malformed line", OllamaTestServer::streamReply(streamFile("malformed_line.ndjson"), 0, 0), "30",
            "the Ollama stream has a malformed line 53 (not a JSON object)"},
        {"no done", OllamaTestServer::streamReply(streamFile("no_done.ndjson"), 0, 0), "30",
            "the Ollama stream ended without its final \"done\": true object"},
        {"stall", stall, "1", "sent nothing for 1 s (timeout)"},
        {"no server", {}, "30", "no Ollama server is running at " + closedUrl.toStdString() + " (connection refused)"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        OllamaTestServer server;
        server.queueChat(c.reply);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("r.md"));
        QStringList args = narrativeArgs(out, server);
        args[args.indexOf(QStringLiteral("--llm-timeout")) + 1] = QLatin1String(c.timeout);
        if (std::string(c.name) == "no server")
            args[args.indexOf(QStringLiteral("--llm-url")) + 1] = closedUrl;
        const ServedRun r = runServed(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_NE(r.err.find("note: the narrative was skipped: "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.reason), std::string::npos) << r.err;
        const std::string md = unescaped(read(out));
        EXPECT_NE(md.find("**The narrative was skipped:** "), std::string::npos);
        EXPECT_NE(md.find(c.reason), std::string::npos);
        EXPECT_NE(md.find("## 3. Performance Analysis"), std::string::npos);
        EXPECT_NE(md.find("- Narrative: skipped ("), std::string::npos);
        EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("r.narrative.json"))));
    }
}

TEST(CliNarrative, ARemoteHostNeedsTheOptIn)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("r.md"));
    // 192.0.2.1 is TEST-NET-1: never reached, since nothing is sent without --llm-allow-remote.
    const ServedRun r
        = runServed({QStringLiteral("report"), QString::fromStdString(test::sampleDir()), QStringLiteral("-o"), out,
            QStringLiteral("--narrative"), QStringLiteral("--llm-url"), QStringLiteral("192.0.2.1")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("http://192.0.2.1:11434 is not on this machine"), std::string::npos) << r.err;
    EXPECT_NE(unescaped(read(out)).find("needs an explicit opt-in (--llm-allow-remote"), std::string::npos);
}
