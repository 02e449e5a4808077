#pragma once

#include "models/util/result.h"

#include <string>
#include <string_view>

namespace benchlens {

// Where an Ollama server listens: what `--llm-url`, the Narrative panel or OLLAMA_HOST name.
struct OllamaEndpoint
{
    std::string scheme = "http";
    std::string host = "127.0.0.1";
    int port = 11434;
    std::string path; // a prefix before /api, usually empty (a reverse proxy)

    // "http://127.0.0.1:11434" (IPv6 hosts in brackets), without a trailing slash.
    std::string url() const;
    // 127.0.0.0/8, ::1, "localhost" and 0.0.0.0 (which a client reaches on this machine): facts stay here.
    bool isLoopback() const;
};

// Parses a host the way Ollama's own CLI reads OLLAMA_HOST (envconfig.Host): "host", "host:port", ":port",
// "scheme://host[:port][/path]", surrounding quotes and spaces ignored. Without a scheme: http and port 11434;
// "http://host" without a port: 80, "https://host": 443; an empty value: http://127.0.0.1:11434.
// Fails for a scheme other than http/https and for a port that is not 0..65535.
Result<OllamaEndpoint> parseOllamaHost(std::string_view value);

// OLLAMA_HOST from the environment when set (and valid), else the default endpoint.
OllamaEndpoint ollamaEndpointFromEnvironment();

} // namespace benchlens
