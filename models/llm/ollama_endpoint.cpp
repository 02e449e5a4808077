#include "models/llm/ollama_endpoint.h"

#include "models/util/text.h"

#include <QHostAddress>
#include <QString>

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

namespace benchlens {

std::string OllamaEndpoint::url() const
{
    const bool v6 = host.find(':') != std::string::npos;
    return fmt::format("{}://{}{}{}:{}{}", scheme, v6 ? "[" : "", host, v6 ? "]" : "", port,
        path.empty() ? std::string() : "/" + path);
}

bool OllamaEndpoint::isLoopback() const
{
    if (host == "localhost" || host.ends_with(".localhost"))
        return true;
    const QHostAddress address(QString::fromStdString(host));
    if (address.isNull())
        return false;
    return address.isLoopback() || address == QHostAddress(QHostAddress::AnyIPv4)
        || address == QHostAddress(QHostAddress::AnyIPv6);
}

Result<OllamaEndpoint> parseOllamaHost(std::string_view value)
{
    std::string_view s = trim(value);
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        s = trim(s.substr(1, s.size() - 2));
    OllamaEndpoint e;
    int defaultPort = 11434;
    std::string_view hostport = s;
    if (const auto sep = s.find("://"); sep != std::string_view::npos) {
        std::string scheme(s.substr(0, sep));
        for (auto& c : scheme)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (scheme == "http")
            defaultPort = 80;
        else if (scheme == "https")
            defaultPort = 443;
        else
            return Error {fmt::format("'{}': the scheme must be http or https", s)};
        e.scheme = scheme;
        hostport = s.substr(sep + 3);
    }
    if (const auto slash = hostport.find('/'); slash != std::string_view::npos) {
        std::string_view path = hostport.substr(slash + 1);
        while (!path.empty() && path.back() == '/')
            path.remove_suffix(1);
        e.path = std::string(path);
        hostport = hostport.substr(0, slash);
    }
    std::string_view host = hostport;
    std::string_view port;
    if (!hostport.empty() && hostport.front() == '[') {
        const auto close = hostport.find(']');
        if (close == std::string_view::npos)
            return Error {fmt::format("'{}': an IPv6 address needs its closing ']'", s)};
        host = hostport.substr(1, close - 1);
        if (close + 1 < hostport.size() && hostport[close + 1] == ':')
            port = hostport.substr(close + 2);
    } else if (const auto colon = hostport.rfind(':'); colon != std::string_view::npos && hostport.find(':') == colon) {
        host = hostport.substr(0, colon);
        port = hostport.substr(colon + 1);
    }
    e.host = host.empty() ? std::string("127.0.0.1") : std::string(host);
    e.port = defaultPort;
    if (!port.empty()) {
        int n = -1;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
        if (ec != std::errc() || end != port.data() + port.size() || n < 0 || n > 65535)
            return Error {fmt::format("'{}': the port must be a number from 0 to 65535", s)};
        e.port = n;
    }
    return e;
}

OllamaEndpoint ollamaEndpointFromEnvironment()
{
    const char* env = std::getenv("OLLAMA_HOST");
    if (!env || !*env)
        return {};
    auto parsed = parseOllamaHost(env);
    return parsed ? std::move(parsed).value() : OllamaEndpoint {};
}

} // namespace benchlens
