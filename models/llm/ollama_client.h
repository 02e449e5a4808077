#pragma once

#include "models/llm/ollama_endpoint.h"
#include "models/llm/ollama_stream.h"
#include "models/util/result.h"
#include "models/util/stopwatch.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace benchlens {

// Options of a call that BenchLens passes on to Ollama ("default" where unset). Integer keys are sent as integers.
using OllamaOptions = std::vector<std::pair<std::string, double>>; // sorted by key, unique
// The keys accepted: num_gpu, num_ctx, temperature, top_p, top_k, repeat_penalty, seed, num_predict.
const std::vector<std::string>& ollamaOptionKeys();
// "temperature=0.2" -> {temperature, 0.2}; an unknown key or a value that is not a number fails with the reason.
Result<std::pair<std::string, double>> parseOllamaOption(std::string_view keyValue);
// Sets (or replaces) one option, keeping the list sorted.
void setOllamaOption(OllamaOptions& options, const std::string& key, double value);
// "num_ctx=4096, temperature=0.2" (empty: "defaults").
std::string ollamaOptionsText(const OllamaOptions& options);

struct OllamaClientSettings
{
    OllamaEndpoint endpoint;
    int connectTimeoutMs = 5000; // /api/version and /api/tags: the whole answer
    int idleTimeoutMs = 120000; // /api/chat: the longest wait for the next bytes (a model load comes first)
};

struct OllamaChatRequest
{
    std::string model;
    std::string system; // the role's persona prompt
    std::string user; // the facts and the task
    OllamaOptions options;
};

// What a call took, as the earlier agent reported it: TTFT measured on the stream, the rest from Ollama's own
// final statistics (ns converted to ms).
struct OllamaCallMetrics
{
    std::optional<double> ttftMs; // request sent -> first non-empty content chunk, wall time
    double wallMs = 0; // request sent -> stream finished
    bool haveStats = false; // the stream ended with done: true
    OllamaFinalStats stats;

    double totalMs() const { return double(stats.totalDurationNs) * 1e-6; }
    double loadMs() const { return double(stats.loadDurationNs) * 1e-6; }
    double promptEvalMs() const { return double(stats.promptEvalDurationNs) * 1e-6; }
    double evalMs() const { return double(stats.evalDurationNs) * 1e-6; }
    // eval_count / eval_duration, as `ollama run --verbose` prints "eval rate"; nullopt without eval_duration.
    std::optional<double> tokensPerSecond() const;
};

struct OllamaChatResult
{
    enum class Outcome
    {
        Done,
        Failed,
        Cancelled,
        TimedOut
    };
    Outcome outcome = Outcome::Failed;
    std::string error; // a sentence for the user when not Done
    bool modelNotFound = false; // HTTP 404 from /api/chat: the model is not pulled
    std::string content; // what arrived, also when the call failed part-way
    OllamaCallMetrics metrics;
    bool ok() const { return outcome == Outcome::Done; }
};

// An Ollama client over Qt Network (no SDK), asynchronous: one request at a time, answered by a signal. Lives in
// the thread that made it (the GUI thread in the window); never blocks. The free functions below wrap it in a
// local event loop for the command line.
class OllamaClient : public QObject
{
    Q_OBJECT
public:
    explicit OllamaClient(OllamaClientSettings settings, QObject* parent = nullptr);
    ~OllamaClient() override;

    const OllamaClientSettings& settings() const { return m_settings; }
    bool isBusy() const;

    void requestVersion(); // -> versionFinished
    void requestModels(); // -> modelsFinished
    void startChat(const OllamaChatRequest& request); // -> chatChunk..., chatFinished
    // Aborts the request in flight; its finished signal follows with Outcome::Cancelled (or an error text).
    void cancel();

    const OllamaChatResult& chatResult() const { return m_chat; }

signals:
    void versionFinished(const QString& version, const QString& error);
    void modelsFinished(const QStringList& models, const QString& error);
    void chatChunk(const QString& text);
    void chatFinished();

private:
    enum class Kind
    {
        None,
        Version,
        Models,
        Chat
    };
    void start(Kind kind, const std::string& path, const QByteArray* body);
    void onReadyRead();
    void onFinished();
    void handleEvents(const std::vector<OllamaStreamEvent>& events);
    void failChat(OllamaChatResult::Outcome outcome, std::string error);
    std::string transportError() const;

    OllamaClientSettings m_settings;
    QNetworkAccessManager* m_network = nullptr;
    QNetworkReply* m_reply = nullptr;
    QTimer* m_timer = nullptr;
    Kind m_kind = Kind::None;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_chatEnded = false; // chatFinished was emitted for the current chat
    std::string m_model;
    std::unique_ptr<OllamaStreamParser> m_parser;
    Stopwatch m_watch; // restarted when a request starts
    OllamaChatResult m_chat;
};

// Synchronous wrappers for the command line (a QCoreApplication must exist; each runs its own event loop).
Result<std::string> fetchOllamaVersion(const OllamaClientSettings& settings);
Result<std::vector<std::string>> fetchOllamaModels(const OllamaClientSettings& settings);
OllamaChatResult runOllamaChat(const OllamaClientSettings& settings, const OllamaChatRequest& request,
    const std::function<void(const std::string&)>& onChunk = {});

} // namespace benchlens
