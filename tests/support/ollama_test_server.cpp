#include "tests/support/ollama_test_server.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

namespace benchlens::test {

namespace {
const char* reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

QByteArray bytesOf(const std::string& s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

std::string hex(size_t n)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%zx", n);
    return buf;
}
} // namespace

OllamaTestServer::OllamaTestServer()
    : m_server(new QTcpServer(this))
{
    m_server->listen(QHostAddress::LocalHost, 0);
    connect(m_server, &QTcpServer::newConnection, this, &OllamaTestServer::onConnection);
    setReply("/api/version", jsonReply(200, R"({"version":"0.12.3"})"));
    setReply("/api/tags",
        jsonReply(200,
            R"({"models":[{"name":"gemma3:latest","model":"gemma3:latest","size":3338801804},)"
            R"({"name":"gemma3:270m","model":"gemma3:270m","size":291554930}]})"));
}

OllamaTestServer::~OllamaTestServer() = default;

bool OllamaTestServer::listening() const
{
    return m_server->isListening();
}

std::string OllamaTestServer::url() const
{
    return "http://127.0.0.1:" + std::to_string(m_server->serverPort());
}

void OllamaTestServer::setReply(const std::string& path, Reply reply)
{
    m_replies[path] = std::move(reply);
}

void OllamaTestServer::queueChat(Reply reply)
{
    m_chat.push_back(std::move(reply));
}

OllamaTestServer::Reply OllamaTestServer::streamReply(const std::string& ndjson, int firstDelayMs, int delayMs)
{
    Reply r;
    r.contentType = "application/x-ndjson";
    r.chunked = true;
    size_t start = 0;
    while (start < ndjson.size()) {
        size_t end = ndjson.find('\n', start);
        end = end == std::string::npos ? ndjson.size() : end + 1;
        r.steps.push_back({r.steps.empty() ? firstDelayMs : delayMs, ndjson.substr(start, end - start)});
        start = end;
    }
    return r;
}

OllamaTestServer::Reply OllamaTestServer::jsonReply(int status, const std::string& body)
{
    Reply r;
    r.status = status;
    r.steps.push_back({0, body});
    return r;
}

void OllamaTestServer::onConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.erase(socket);
            socket->deleteLater();
        });
    }
}

void OllamaTestServer::onReadable(QTcpSocket* socket)
{
    const QByteArray data = socket->readAll();
    std::string& buffer = m_buffers[socket];
    buffer.append(data.constData(), size_t(data.size()));
    const auto headerEnd = buffer.find("\r\n\r\n");
    if (headerEnd == std::string::npos)
        return;
    size_t length = 0;
    const auto cl = buffer.find("Content-Length:");
    const auto cl2 = cl == std::string::npos ? buffer.find("content-length:") : cl;
    if (cl2 != std::string::npos && cl2 < headerEnd)
        length = std::stoul(buffer.substr(cl2 + 15, buffer.find("\r\n", cl2) - cl2 - 15));
    if (buffer.size() < headerEnd + 4 + length)
        return;
    const std::string requestLine = buffer.substr(0, buffer.find("\r\n"));
    const std::string body = buffer.substr(headerEnd + 4, length);
    buffer.erase(0, headerEnd + 4 + length);
    const auto sp1 = requestLine.find(' ');
    const auto sp2 = requestLine.find(' ', sp1 + 1);
    const std::string path = requestLine.substr(sp1 + 1, sp2 - sp1 - 1);
    if (path == "/api/chat") {
        m_chatRequests.push_back(body);
        if (m_chat.empty()) {
            respond(socket, jsonReply(404, R"({"error":"no chat reply recorded"})"));
            return;
        }
        const Reply& reply = m_chat[std::min(m_chatServed, m_chat.size() - 1)];
        ++m_chatServed;
        respond(socket, reply);
        return;
    }
    const auto it = m_replies.find(path);
    respond(socket, it != m_replies.end() ? it->second : jsonReply(404, "404 page not found"));
}

void OllamaTestServer::respond(QTcpSocket* socket, const Reply& reply)
{
    std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " + reasonPhrase(reply.status) + "\r\n";
    head += "Content-Type: " + reply.contentType + "\r\n";
    if (reply.chunked) {
        head += "Transfer-Encoding: chunked\r\n\r\n";
    } else {
        size_t length = 0;
        for (const auto& s : reply.steps)
            length += s.bytes.size();
        head += "Content-Length: " + std::to_string(length) + "\r\n\r\n";
    }
    socket->write(bytesOf(head));
    // Each step after its delay, one after the other; then the end of the chunked body, unless the reply stalls.
    auto steps = std::make_shared<std::vector<Step>>(reply.steps);
    // `next` holds no reference to itself: only the pending timer's lambda keeps it alive, so when the socket goes
    // away (a client that cancels) Qt drops the timer and everything is freed, with no cycle left behind.
    auto next = std::make_shared<std::function<void(size_t)>>();
    const QPointer<QTcpSocket> guarded(socket);
    const bool chunked = reply.chunked;
    const bool stall = reply.stall;
    *next = [guarded, steps, self = std::weak_ptr(next), chunked, stall](size_t i) {
        if (!guarded)
            return;
        if (i == steps->size()) {
            if (chunked && !stall)
                guarded->write("0\r\n\r\n");
            guarded->flush();
            return;
        }
        const std::string& bytes = (*steps)[i].bytes;
        if (chunked)
            guarded->write(bytesOf(hex(bytes.size()) + "\r\n" + bytes + "\r\n"));
        else
            guarded->write(bytesOf(bytes));
        guarded->flush();
        const int delay = i + 1 < steps->size() ? (*steps)[i + 1].delayMs : 0;
        if (auto strong = self.lock())
            QTimer::singleShot(delay, guarded, [strong, i] { (*strong)(i + 1); });
    };
    const int first = steps->empty() ? 0 : steps->front().delayMs;
    QTimer::singleShot(first, socket, [next] { (*next)(0); });
}

} // namespace benchlens::test
