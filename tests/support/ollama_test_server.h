#pragma once

#include <QObject>

#include <map>
#include <string>
#include <vector>

class QTcpServer;
class QTcpSocket;

namespace benchlens::test {

// A local stand-in for an Ollama server (QTcpServer on 127.0.0.1, a free port) that speaks its wire protocol and
// replays recorded answers: HTTP/1.1, JSON bodies, and /api/chat streams as chunked NDJSON, one recorded line per
// chunk, each after its delay. No model runs: the tests know every byte and every pause it sends.
class OllamaTestServer : public QObject
{
    Q_OBJECT
public:
    struct Step
    {
        int delayMs = 0; // before these bytes
        std::string bytes;
    };
    struct Reply
    {
        int status = 200;
        std::string contentType = "application/json; charset=utf-8";
        bool chunked = false; // Transfer-Encoding: chunked (a stream), else Content-Length
        std::vector<Step> steps;
        bool stall = false; // after the steps, send nothing more and keep the connection open
    };

    OllamaTestServer();
    ~OllamaTestServer() override;

    bool listening() const;
    std::string url() const; // "http://127.0.0.1:PORT"

    // The reply to GET/POST `path`; /api/chat replies are queued: the first request gets the first one, and so on
    // (the last one repeats).
    void setReply(const std::string& path, Reply reply);
    void queueChat(Reply reply);

    // The bodies of the /api/chat requests received, in order.
    const std::vector<std::string>& chatRequests() const { return m_chatRequests; }

    // A recorded NDJSON stream (one JSON object per line) as a chunked /api/chat reply: `firstDelayMs` before
    // the first line, `delayMs` before each of the others.
    static Reply streamReply(const std::string& ndjson, int firstDelayMs, int delayMs);
    static Reply jsonReply(int status, const std::string& body);

private:
    void onConnection();
    void onReadable(QTcpSocket* socket);
    void respond(QTcpSocket* socket, const Reply& reply);

    QTcpServer* m_server = nullptr;
    std::map<std::string, Reply> m_replies;
    std::vector<Reply> m_chat;
    size_t m_chatServed = 0;
    std::vector<std::string> m_chatRequests;
    std::map<QTcpSocket*, std::string> m_buffers;
};

} // namespace benchlens::test
