// The narrative's parts one by one: OLLAMA_HOST parsing, the NDJSON stream, the Ollama client against the replaying
// test server, numbers in text, and the check against facts. Expected values are worked out by hand in comments.
#include "models/llm/narrative.h"
#include "models/llm/narrative_check.h"
#include "models/llm/narrative_facts.h"
#include "models/llm/ollama_client.h"
#include "models/llm/ollama_endpoint.h"
#include "models/llm/ollama_stream.h"
#include "tests/support/ollama_test_server.h"
#include "tests/support/test_paths.h"

#include <QEventLoop>
#include <QTcpServer>
#include <QTimer>

#include <gtest/gtest.h>

using namespace benchlens;
using test::OllamaTestServer;

namespace {
FactSheet sheetOf(const std::vector<std::string>& texts)
{
    FactSheet sheet;
    for (size_t i = 0; i < texts.size(); ++i) {
        Fact f;
        f.id = std::to_string(i + 1);
        f.id.insert(f.id.begin(), 'F'); // not "F" + ...: GCC 12's -Wrestrict false positive
        f.text = texts[i];
        f.numbers = findNumbers(f.text);
        sheet.facts.push_back(std::move(f));
    }
    sheet.inventory.files = 11;
    sheet.inventory.byType[0] = 5;
    sheet.inventory.byType[1] = 4;
    sheet.inventory.variants = 23;
    sheet.inventory.failedObservations = 16;
    sheet.inventory.failingVariants = 4;
    sheet.inventory.directories = 8;
    sheet.inventory.runs = 9;
    return sheet;
}

std::vector<std::string> reasonsOf(const NarrativeCheck& c)
{
    std::vector<std::string> out;
    for (const auto& s : c.sentences)
        out.insert(out.end(), s.reasons.begin(), s.reasons.end());
    return out;
}

std::string streamFile(const std::string& name)
{
    return test::readFile(test::testDataDir() + "/ollama_streams/" + name);
}

OllamaClientSettings settingsFor(const OllamaTestServer& server, int idleMs = 10000)
{
    OllamaClientSettings s;
    s.endpoint = parseOllamaHost(server.url()).value();
    s.idleTimeoutMs = idleMs;
    return s;
}

OllamaChatRequest request()
{
    return {"gemma3", "You are a test.", "Say something.", {{"num_ctx", 2048}}};
}
} // namespace

TEST(LlmOllamaHost, ParsesLikeOllamasCli)
{
    struct Case
    {
        const char* in;
        const char* url;
    };
    // Ollama's envconfig.Host: no scheme -> http and 11434; http:// -> 80; https:// -> 443; quotes and spaces trimmed.
    for (const Case& c : std::vector<Case> {{"", "http://127.0.0.1:11434"}, {"myhost", "http://myhost:11434"},
             {"myhost:8080", "http://myhost:8080"}, {":11435", "http://127.0.0.1:11435"},
             {"http://myhost", "http://myhost:80"}, {"https://myhost", "https://myhost:443"},
             {"https://myhost:1234/ollama/", "https://myhost:1234/ollama"}, {" \"0.0.0.0\" ", "http://0.0.0.0:11434"},
             {"[::1]:9999", "http://[::1]:9999"}, {"::1", "http://[::1]:11434"}}) {
        const auto e = parseOllamaHost(c.in);
        ASSERT_TRUE(e) << c.in;
        EXPECT_EQ(e.value().url(), c.url) << c.in;
    }
    EXPECT_FALSE(parseOllamaHost("ftp://host"));
    EXPECT_FALSE(parseOllamaHost("host:99999"));
    EXPECT_FALSE(parseOllamaHost("host:abc"));
}

TEST(LlmOllamaHost, OnlyThisMachineIsLoopback)
{
    for (const char* local : {"127.0.0.1", "127.1.2.3", "localhost", "::1", "0.0.0.0"})
        EXPECT_TRUE(parseOllamaHost(local).value().isLoopback()) << local;
    for (const char* remote : {"192.168.1.10", "10.0.0.1", "gpu-box.lan", "example.com", "::ffff:8.8.8.8"})
        EXPECT_FALSE(parseOllamaHost(remote).value().isLoopback()) << remote;
}

TEST(LlmOllamaStream, LinesSplitAcrossReadsAndEveryKindOfLine)
{
    OllamaStreamParser p;
    auto events = p.feed(R"({"model":"m","created_at":"t","message":{"role":"assistant","content":"Hel)");
    EXPECT_TRUE(events.empty()); // the line is not complete yet
    events = p.feed("lo\"},\"done\":false}\n\n{\"error\":\"boom\"}\nnot json\n");
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].kind, OllamaStreamEvent::Kind::Content);
    EXPECT_EQ(events[0].text, "Hello");
    EXPECT_EQ(events[1].kind, OllamaStreamEvent::Kind::Error);
    EXPECT_EQ(events[1].text, "boom");
    EXPECT_EQ(events[1].line, 3u); // the blank line 2 counts
    EXPECT_EQ(events[2].kind, OllamaStreamEvent::Kind::Malformed);
    // /api/generate's "response" and the final statistics, without a trailing newline.
    events = p.feed(R"({"model":"m","created_at":"t","response":"","done":true,"done_reason":"stop",)"
                    R"("total_duration":1203194400,"load_duration":985779500,"prompt_eval_count":50,)"
                    R"("prompt_eval_duration":117790400,"eval_count":11,"eval_duration":97787200})");
    EXPECT_TRUE(events.empty());
    events = p.finish();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, OllamaStreamEvent::Kind::Done);
    EXPECT_EQ(events[0].stats.totalDurationNs, 1203194400);
    EXPECT_EQ(events[0].stats.evalCount, 11);
    EXPECT_EQ(events[0].stats.doneReason, "stop");
    OllamaCallMetrics m;
    m.haveStats = true;
    m.stats = events[0].stats;
    // 11 tokens / 0.0977872 s = 112.4892 tok/s (the corpus' granite3.3:2b answer).
    EXPECT_NEAR(*m.tokensPerSecond(), 112.4892, 0.0001);
    EXPECT_DOUBLE_EQ(m.loadMs(), 985.7795);
}

TEST(LlmOllamaClient, StreamsVersionAndModelsFromTheTestServer)
{
    OllamaTestServer server;
    const auto version = fetchOllamaVersion(settingsFor(server));
    ASSERT_TRUE(version) << version.error();
    EXPECT_EQ(version.value(), "0.12.3");
    const auto models = fetchOllamaModels(settingsFor(server));
    ASSERT_TRUE(models);
    EXPECT_EQ(models.value(), (std::vector<std::string> {"gemma3:latest", "gemma3:270m"}));

    const std::string recorded = streamFile("analyst_normal.ndjson");
    server.queueChat(OllamaTestServer::streamReply(recorded, 50, 1));
    std::string streamed;
    const auto r = runOllamaChat(settingsFor(server), request(), [&](const std::string& t) { streamed += t; });
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(streamed, r.content);
    EXPECT_TRUE(r.content.starts_with("The folder holds 11 files"));
    EXPECT_TRUE(r.metrics.haveStats);
    EXPECT_EQ(r.metrics.stats.evalCount, 96);
    ASSERT_TRUE(r.metrics.ttftMs);
    EXPECT_GE(*r.metrics.ttftMs, 50);
    EXPECT_GE(r.metrics.wallMs, *r.metrics.ttftMs);
    EXPECT_NE(server.chatRequests().at(0).find(R"("options":{"num_ctx":2048})"), std::string::npos);
}

TEST(LlmOllamaClient, EveryFailureHasItsSentence)
{
    OllamaTestServer server;
    server.queueChat(
        OllamaTestServer::jsonReply(404, R"({"error":"model \"gemma3\" not found, try pulling it first"})"));
    auto r = runOllamaChat(settingsFor(server), request());
    EXPECT_EQ(r.outcome, OllamaChatResult::Outcome::Failed);
    EXPECT_TRUE(r.modelNotFound);
    EXPECT_NE(r.error.find("HTTP 404: model \"gemma3\" not found, try pulling it first"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("ollama pull gemma3"), std::string::npos);

    OllamaTestServer server500;
    server500.queueChat(OllamaTestServer::jsonReply(500, R"({"error":"llama runner process has terminated"})"));
    r = runOllamaChat(settingsFor(server500), request());
    EXPECT_NE(r.error.find("/api/chat answered HTTP 500: llama runner process has terminated"), std::string::npos)
        << r.error;

    OllamaTestServer stalling;
    auto stall = OllamaTestServer::streamReply(streamFile("stall.ndjson"), 0, 0);
    stall.stall = true;
    stalling.queueChat(stall);
    r = runOllamaChat(settingsFor(stalling, 300), request());
    EXPECT_EQ(r.outcome, OllamaChatResult::Outcome::TimedOut);
    EXPECT_EQ(r.content, "The folder holds"); // what came before the stall is kept
    EXPECT_NE(r.error.find("sent nothing for 0 s (timeout)"), std::string::npos) << r.error;

    OllamaTestServer noDone;
    noDone.queueChat(OllamaTestServer::streamReply(streamFile("no_done.ndjson"), 0, 0));
    r = runOllamaChat(settingsFor(noDone), request());
    EXPECT_NE(r.error.find("ended without its final \"done\": true"), std::string::npos) << r.error;

    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    OllamaClientSettings refused;
    refused.endpoint.port = closed.serverPort();
    closed.close();
    const auto version = fetchOllamaVersion(refused);
    ASSERT_FALSE(version);
    EXPECT_NE(version.error().find("no Ollama server is running at http://127.0.0.1:"), std::string::npos);
}

TEST(LlmOllamaClient, CancelStopsAStreamWithoutBlocking)
{
    OllamaTestServer server;
    auto stall = OllamaTestServer::streamReply(streamFile("stall.ndjson"), 0, 0);
    stall.stall = true;
    server.queueChat(stall);
    OllamaClient client(settingsFor(server, 60000));
    QEventLoop loop;
    QObject::connect(&client, &OllamaClient::chatChunk, &client, [&] { client.cancel(); });
    QObject::connect(&client, &OllamaClient::chatFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    client.startChat(request());
    loop.exec();
    EXPECT_EQ(client.chatResult().outcome, OllamaChatResult::Outcome::Cancelled);
    EXPECT_FALSE(client.isBusy());
}

TEST(LlmNarrativeNumbers, FindsQuantitiesNotNames)
{
    const std::string t = "1. llama3.1:8b-q4_0 p95 [S12] gemma3:270m reached 182.87 ms, 0.548 s and 12.5% of 1,234 "
                          "tokens at 41.4 tok/s on 2026-01-05T10:15:00Z with num_gpu=80 and 3e-05.";
    std::vector<std::string> got;
    for (const auto& n : findNumbers(t))
        got.push_back(QString::number(n.value, 'g', 6).toStdString() + " " + n.unit);
    const std::vector<std::string> expected
        = {"182.87 ms", "0.548 s", "12.5 %", "1234 ", "41.4 tok/s", "80 ", "3e-05 "};
    EXPECT_EQ(got, expected);
    EXPECT_EQ(findDates(t).size(), 1u);
}

TEST(LlmNarrativeCheck, RoundingUnitChangesAndPercentagesMatch)
{
    const FactSheet sheet = sheetOf({"ttft_ms (ms): mean 548.21 ms; median 182.87 ms", "CV 0.125", "p 0.031"});
    // 0.548 s = 548 ms (548.21 rounds to it at the s's three decimals: tolerance 0.5 ms); 182.9 is 182.87 rounded;
    // 12.5% is the fraction 0.125; 183 ms rounds 182.87; 0.03 rounds 0.031.
    const auto check = checkNarrative(
        "The mean TTFT is 0.548 s and the median 182.9 ms. The CV is 12.5%, about 183 ms, with p = 0.03.", sheet, {});
    EXPECT_EQ(check.status, NarrativeCheck::Status::Checked) << check.statusText();
    for (const auto& n : check.numbers)
        EXPECT_FALSE(n.factId.empty()) << n.text;
    // 549 ms is not 548.21 at any rounding; 0.55 s is (±5 ms).
    const auto off = checkNarrative("It took 549 ms, or 0.55 s.", sheet, {});
    EXPECT_EQ(reasonsOf(off), std::vector<std::string> {"549 ms matches no fact"});
}

TEST(LlmNarrativeCheck, APlantedNumberAndWrongCountsAreUnverified)
{
    const FactSheet sheet
        = sheetOf({"11 files (5 csv, 4 json) in 8 folders; 23 variants; 16 failed in 4 variants", "mean 119.43 tok/s"});
    const std::string text = "The folder has 12 files and 23 variants. Throughput is 119.43 tok/s. "
                             "There were 16 failures in 4 variants, across 5 csv files. Latency was 412.5 ms.";
    const auto check = checkNarrative(text, sheet, {});
    // 12 files: the inventory has 11 (12 is no fact either, but the count claim is what is reported).
    EXPECT_EQ(reasonsOf(check),
        (std::vector<std::string> {"12: the inventory has 11 files, 0 with numbers", "412.5 ms matches no fact"}));
    EXPECT_EQ(check.status, NarrativeCheck::Status::Unverified);
    EXPECT_EQ(check.statusText(), "2 unverified");
    EXPECT_EQ(verifiedText(text, check),
        "Throughput is 119.43 tok/s. There were 16 failures in 4 variants, across 5 csv files.");
    // A count claim that is right but glued to a type: "4 json files".
    EXPECT_EQ(checkNarrative("It holds 4 json files.", sheet, {}).status, NarrativeCheck::Status::Checked);
    EXPECT_EQ(reasonsOf(checkNarrative("It holds 5 json files.", sheet, {})),
        std::vector<std::string> {"5: the inventory has 4 of that type"});
}

TEST(LlmNarrativeCheck, LanguageSwitchStrayTokensAndRejection)
{
    const FactSheet sheet = sheetOf({"mean 119.43 tok/s"});
    const auto mixed = checkNarrative("僵死 The best mean throughput is 119.43 tok/s, which is the highest of all. "
                                      "It is the variant with the most layers on the GPU and the largest context. "
                                      "El rendimiento de la mejor variante es de 119.43 tok/s y es el más alto.",
        sheet, {});
    EXPECT_EQ(mixed.strayPrefix, "僵死");
    EXPECT_EQ(mixed.foreignSentences, 1u);
    EXPECT_EQ(reasonsOf(mixed), std::vector<std::string> {"not in English (es)"});
    EXPECT_EQ(mixed.statusText(), "2 unverified");

    const auto glued = checkNarrative("诠The mean is 119.43 tok/s.", sheet, {});
    EXPECT_EQ(glued.strayPrefix, "诠");
    const auto token = checkNarrative("<|im_start|> The mean is 119.43 tok/s.", sheet, {});
    EXPECT_EQ(token.strayPrefix, "<|im_start|>");

    const auto russian = checkNarrative("Средняя пропускная способность составляет 119.43 tok/s.", sheet, {});
    EXPECT_EQ(russian.status, NarrativeCheck::Status::Rejected);
    EXPECT_EQ(russian.statusText(), "rejected: not in English");
    // Asked for Russian, the same text is fine.
    EXPECT_EQ(checkNarrative("Средняя пропускная способность составляет 119.43 tok/s.", sheet, *narrativeLanguage("ru"))
                  .status,
        NarrativeCheck::Status::Checked);
    const auto chinese = checkNarrative("平均吞吐量为 119.43 tok/s。", sheet, {});
    EXPECT_EQ(chinese.status, NarrativeCheck::Status::Rejected);
    EXPECT_EQ(checkNarrative("", sheet, {}).status, NarrativeCheck::Status::Rejected);
}

TEST(LlmNarrative, TheRunnerSkipsARemoteHostWithoutOptIn)
{
    NarrativeSettings settings;
    settings.client.endpoint = parseOllamaHost("gpu-box.lan:11434").value();
    auto facts = std::make_shared<const FactSheet>(sheetOf({"mean 119.43 tok/s"}));
    const auto result = runNarrative(settings, facts);
    EXPECT_TRUE(result.skipped);
    EXPECT_TRUE(result.remote);
    EXPECT_NE(result.skipReason.find("http://gpu-box.lan:11434 is not on this machine"), std::string::npos);
    EXPECT_EQ(narrativeMetricsPath("out/report.md"), "out/report.narrative.json");
    EXPECT_EQ(narrativeMetricsPath("out.d/report"), "out.d/report.narrative.json");
}
