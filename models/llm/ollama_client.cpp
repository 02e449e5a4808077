#include "models/llm/ollama_client.h"

#include "models/util/text.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace benchlens {

namespace {
bool isIntegerOption(std::string_view key)
{
    return key == "num_gpu" || key == "num_ctx" || key == "top_k" || key == "seed" || key == "num_predict";
}
} // namespace

const std::vector<std::string>& ollamaOptionKeys()
{
    static const std::vector<std::string> keys
        = {"num_ctx", "num_gpu", "num_predict", "repeat_penalty", "seed", "temperature", "top_k", "top_p"};
    return keys;
}

Result<std::pair<std::string, double>> parseOllamaOption(std::string_view keyValue)
{
    const auto eq = keyValue.find('=');
    if (eq == std::string_view::npos)
        return Error {fmt::format("'{}': an option is key=value, e.g. temperature=0.2", keyValue)};
    const std::string key(trim(keyValue.substr(0, eq)));
    const auto& keys = ollamaOptionKeys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        std::string list;
        for (const auto& k : keys)
            list.append(list.empty() ? "" : ", ").append(k);
        return Error {fmt::format("'{}': unknown option (known: {})", key, list)};
    }
    const auto value = parseNumber(keyValue.substr(eq + 1));
    if (!value || (isIntegerOption(key) && std::floor(*value) != *value))
        return Error {
            fmt::format("'{}': {} takes {}", keyValue, key, isIntegerOption(key) ? "an integer" : "a number")};
    return std::pair<std::string, double> {key, *value};
}

void setOllamaOption(OllamaOptions& options, const std::string& key, double value)
{
    const auto it = std::lower_bound(
        options.begin(), options.end(), key, [](const auto& o, const std::string& k) { return o.first < k; });
    if (it != options.end() && it->first == key)
        it->second = value;
    else
        options.insert(it, {key, value});
}

std::string ollamaOptionsText(const OllamaOptions& options)
{
    if (options.empty())
        return "defaults";
    std::string out;
    for (const auto& [k, v] : options)
        out.append(out.empty() ? "" : ", ").append(k).append("=").append(cleanNumber(v));
    return out;
}

std::optional<double> OllamaCallMetrics::tokensPerSecond() const
{
    if (!haveStats || stats.evalDurationNs <= 0)
        return std::nullopt;
    return double(stats.evalCount) / (double(stats.evalDurationNs) * 1e-9);
}

OllamaClient::OllamaClient(OllamaClientSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_network(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this))
{
    // A loopback server is reached directly, whatever http_proxy says (facts must not leave the machine).
    if (m_settings.endpoint.isLoopback())
        m_network->setProxy(QNetworkProxy::NoProxy);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_reply)
            return;
        m_timedOut = true;
        m_reply->abort();
    });
}

OllamaClient::~OllamaClient()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

bool OllamaClient::isBusy() const
{
    return m_reply != nullptr;
}

void OllamaClient::start(Kind kind, const std::string& path, const QByteArray* body)
{
    Q_ASSERT(!m_reply);
    m_kind = kind;
    m_timedOut = false;
    m_cancelled = false;
    m_watch = Stopwatch();
    QNetworkRequest request(QUrl(QString::fromStdString(m_settings.endpoint.url() + path)));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    m_reply = body ? m_network->post(request, *body) : m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &OllamaClient::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &OllamaClient::onFinished);
    m_timer->start(kind == Kind::Chat ? m_settings.idleTimeoutMs : m_settings.connectTimeoutMs);
}

void OllamaClient::requestVersion()
{
    start(Kind::Version, "/api/version", nullptr);
}

void OllamaClient::requestModels()
{
    start(Kind::Models, "/api/tags", nullptr);
}

void OllamaClient::startChat(const OllamaChatRequest& r)
{
    nlohmann::json body;
    body["model"] = r.model;
    body["stream"] = true;
    body["messages"] = nlohmann::json::array();
    if (!r.system.empty())
        body["messages"].push_back({{"role", "system"}, {"content", r.system}});
    body["messages"].push_back({{"role", "user"}, {"content", r.user}});
    nlohmann::json options = nlohmann::json::object();
    for (const auto& [k, v] : r.options) {
        if (isIntegerOption(k))
            options[k] = static_cast<int64_t>(v);
        else
            options[k] = v;
    }
    if (!options.empty())
        body["options"] = options;
    m_chat = OllamaChatResult {};
    m_chatEnded = false;
    m_model = r.model;
    m_parser = std::make_unique<OllamaStreamParser>();
    const std::string text = body.dump();
    const QByteArray bytes(text.data(), qsizetype(text.size()));
    start(Kind::Chat, "/api/chat", &bytes);
}

void OllamaClient::cancel()
{
    if (!m_reply)
        return;
    m_cancelled = true;
    m_reply->abort();
}

void OllamaClient::onReadyRead()
{
    if (m_kind != Kind::Chat || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300)
        return; // an error body, read whole in onFinished
    m_timer->start(m_settings.idleTimeoutMs); // idle: restarted on every read
    const QByteArray bytes = m_reply->readAll();
    handleEvents(m_parser->feed(std::string_view(bytes.constData(), size_t(bytes.size()))));
}

void OllamaClient::handleEvents(const std::vector<OllamaStreamEvent>& events)
{
    for (const auto& e : events) {
        if (m_chatEnded)
            return;
        switch (e.kind) {
        case OllamaStreamEvent::Kind::Content:
            if (!e.text.empty()) {
                if (!m_chat.metrics.ttftMs)
                    m_chat.metrics.ttftMs = m_watch.elapsedMs();
                m_chat.content += e.text;
                emit chatChunk(QString::fromStdString(e.text));
            }
            break;
        case OllamaStreamEvent::Kind::Done:
            if (!e.text.empty()) {
                if (!m_chat.metrics.ttftMs)
                    m_chat.metrics.ttftMs = m_watch.elapsedMs();
                m_chat.content += e.text;
                emit chatChunk(QString::fromStdString(e.text));
            }
            m_chat.metrics.haveStats = true;
            m_chat.metrics.stats = e.stats;
            break;
        case OllamaStreamEvent::Kind::Error:
            failChat(OllamaChatResult::Outcome::Failed,
                fmt::format("the Ollama server stopped mid-answer (stream line {}): {}", e.line, e.text));
            return;
        case OllamaStreamEvent::Kind::Malformed:
            failChat(OllamaChatResult::Outcome::Failed,
                fmt::format("the Ollama stream has a malformed line {} (not a JSON object): {}", e.line, e.text));
            return;
        }
    }
}

void OllamaClient::failChat(OllamaChatResult::Outcome outcome, std::string error)
{
    if (m_chatEnded)
        return;
    m_chat.outcome = outcome;
    m_chat.error = std::move(error);
    m_chat.metrics.wallMs = m_watch.elapsedMs();
    m_chatEnded = true;
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        m_timer->stop();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    emit chatFinished();
}

std::string OllamaClient::transportError() const
{
    const std::string url = m_settings.endpoint.url();
    if (m_timedOut) {
        const int ms = m_kind == Kind::Chat ? m_settings.idleTimeoutMs : m_settings.connectTimeoutMs;
        return m_kind == Kind::Chat
            ? fmt::format("the Ollama server at {} sent nothing for {:.0f} s (timeout)", url, ms / 1000.0)
            : fmt::format("no answer from an Ollama server at {} within {:.0f} s (timeout)", url, ms / 1000.0);
    }
    switch (m_reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return fmt::format("no Ollama server is running at {} (connection refused); start one with `ollama serve` "
                           "or point --llm-url / OLLAMA_HOST at one",
            url);
    case QNetworkReply::HostNotFoundError:
        return fmt::format("the host of {} was not found", url);
    case QNetworkReply::RemoteHostClosedError:
        return fmt::format("the Ollama server at {} closed the connection", url);
    default:
        return fmt::format(
            "the Ollama server at {} could not be reached: {}", url, m_reply->errorString().toStdString());
    }
}

void OllamaClient::onFinished()
{
    if (!m_reply)
        return;
    QNetworkReply* reply = m_reply;
    m_timer->stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray rest = reply->isOpen() ? reply->readAll() : QByteArray();
    const std::string body(rest.constData(), size_t(rest.size()));
    const Kind kind = m_kind;
    std::string error;
    if (m_cancelled) {
        error = "cancelled";
    } else if (status >= 400) {
        const auto text = ollamaErrorText(body);
        const std::string path = kind == Kind::Chat ? "/api/chat" : kind == Kind::Models ? "/api/tags" : "/api/version";
        if (kind == Kind::Chat && status == 404) {
            m_chat.modelNotFound = true;
            error = fmt::format("the model '{}' is not pulled on the Ollama server at {} (HTTP 404: {}); run `ollama "
                                "pull {}` there",
                m_model, m_settings.endpoint.url(), text.value_or("not found"), m_model);
        } else {
            error = fmt::format("{}{} answered HTTP {}: {}", m_settings.endpoint.url(), path, status,
                text.value_or(std::string(body.substr(0, 200))));
        }
    } else if (reply->error() != QNetworkReply::NoError || status == 0) {
        error = transportError();
    } else if (status >= 300) {
        error = fmt::format("{} answered HTTP {} (a redirect; point --llm-url at the server itself)",
            m_settings.endpoint.url(), status);
    }
    m_reply = nullptr;
    reply->deleteLater();

    if (kind == Kind::Version) {
        std::string version;
        if (error.empty()) {
            const auto o = nlohmann::json::parse(body, nullptr, false);
            if (o.is_object() && o.contains("version") && o["version"].is_string())
                version = o["version"].get<std::string>();
            else
                error = fmt::format(
                    "{}/api/version did not answer like Ollama (no \"version\")", m_settings.endpoint.url());
        }
        emit versionFinished(QString::fromStdString(version), QString::fromStdString(error));
        return;
    }
    if (kind == Kind::Models) {
        QStringList models;
        if (error.empty()) {
            const auto o = nlohmann::json::parse(body, nullptr, false);
            if (o.is_object() && o.contains("models") && o["models"].is_array()) {
                for (const auto& m : o["models"]) {
                    if (m.is_object() && m.contains("name") && m["name"].is_string())
                        models.push_back(QString::fromStdString(m["name"].get<std::string>()));
                }
            } else {
                error
                    = fmt::format("{}/api/tags did not answer like Ollama (no \"models\")", m_settings.endpoint.url());
            }
        }
        emit modelsFinished(models, QString::fromStdString(error));
        return;
    }
    // Chat.
    if (m_chatEnded)
        return;
    if (m_cancelled) {
        failChat(OllamaChatResult::Outcome::Cancelled, "the narrative was cancelled");
        return;
    }
    if (!error.empty()) {
        failChat(m_timedOut ? OllamaChatResult::Outcome::TimedOut : OllamaChatResult::Outcome::Failed, error);
        return;
    }
    handleEvents(m_parser->feed(body));
    if (!m_chatEnded)
        handleEvents(m_parser->finish());
    if (m_chatEnded)
        return;
    if (!m_chat.metrics.haveStats) {
        failChat(OllamaChatResult::Outcome::Failed,
            "the Ollama stream ended without its final \"done\": true object (the answer may be cut off)");
        return;
    }
    m_chat.outcome = OllamaChatResult::Outcome::Done;
    m_chat.metrics.wallMs = m_watch.elapsedMs();
    m_chatEnded = true;
    emit chatFinished();
}

Result<std::string> fetchOllamaVersion(const OllamaClientSettings& settings)
{
    OllamaClient client(settings);
    QEventLoop loop;
    QString version, error;
    QObject::connect(&client, &OllamaClient::versionFinished, &loop, [&](const QString& v, const QString& e) {
        version = v;
        error = e;
        loop.quit();
    });
    client.requestVersion();
    loop.exec();
    if (!error.isEmpty())
        return Error {error.toStdString()};
    return version.toStdString();
}

Result<std::vector<std::string>> fetchOllamaModels(const OllamaClientSettings& settings)
{
    OllamaClient client(settings);
    QEventLoop loop;
    QStringList models;
    QString error;
    QObject::connect(&client, &OllamaClient::modelsFinished, &loop, [&](const QStringList& m, const QString& e) {
        models = m;
        error = e;
        loop.quit();
    });
    client.requestModels();
    loop.exec();
    if (!error.isEmpty())
        return Error {error.toStdString()};
    std::vector<std::string> out;
    for (const auto& m : models)
        out.push_back(m.toStdString());
    return out;
}

OllamaChatResult runOllamaChat(const OllamaClientSettings& settings, const OllamaChatRequest& request,
    const std::function<void(const std::string&)>& onChunk)
{
    OllamaClient client(settings);
    QEventLoop loop;
    if (onChunk)
        QObject::connect(&client, &OllamaClient::chatChunk, &loop, [&](const QString& t) { onChunk(t.toStdString()); });
    QObject::connect(&client, &OllamaClient::chatFinished, &loop, &QEventLoop::quit);
    client.startChat(request);
    loop.exec();
    return client.chatResult();
}

} // namespace benchlens
