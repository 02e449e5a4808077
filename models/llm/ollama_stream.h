#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

// Ollama's final statistics of a call (the `done: true` object of /api/chat or /api/generate). Durations in ns.
struct OllamaFinalStats
{
    std::string model;
    std::string doneReason;
    int64_t totalDurationNs = 0;
    int64_t loadDurationNs = 0;
    int64_t promptEvalCount = 0;
    int64_t promptEvalDurationNs = 0;
    int64_t evalCount = 0;
    int64_t evalDurationNs = 0;
};

// One line of an NDJSON stream, decoded.
struct OllamaStreamEvent
{
    enum class Kind
    {
        Content, // a chunk of the answer (message.content of /api/chat, response of /api/generate); may be empty
        Done, // the final object, with the statistics
        Error, // {"error": "..."}: the server gave up mid-stream
        Malformed // not a JSON object
    };
    Kind kind = Kind::Content;
    std::string text; // Content: the chunk; Error: the server's message; Malformed: what was wrong
    OllamaFinalStats stats; // Done
    uint32_t line = 0; // 1-based line number in the stream
};

// Splits bytes as they arrive into NDJSON lines and decodes each; a line split across reads is kept until its end.
// Blank lines are skipped. No I/O and no Qt: the client and the tests feed it.
class OllamaStreamParser
{
public:
    std::vector<OllamaStreamEvent> feed(std::string_view bytes);
    // The last line when the stream ended without a newline after it.
    std::vector<OllamaStreamEvent> finish();

private:
    OllamaStreamEvent decode(std::string_view line);
    std::string m_pending;
    uint32_t m_line = 0;
};

// The text of {"error": "..."} in a response body, or nullopt when the body is not such an object.
std::optional<std::string> ollamaErrorText(std::string_view body);

} // namespace benchlens
