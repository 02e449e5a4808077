#include "models/llm/ollama_stream.h"

#include <nlohmann/json.hpp>

namespace benchlens {

namespace {
int64_t integer(const nlohmann::json& o, const char* key)
{
    const auto it = o.find(key);
    if (it == o.end() || !it->is_number())
        return 0;
    return it->is_number_integer() ? it->get<int64_t>() : static_cast<int64_t>(it->get<double>());
}
} // namespace

std::vector<OllamaStreamEvent> OllamaStreamParser::feed(std::string_view bytes)
{
    std::vector<OllamaStreamEvent> events;
    m_pending.append(bytes);
    size_t start = 0;
    for (size_t nl; (nl = m_pending.find('\n', start)) != std::string::npos; start = nl + 1) {
        ++m_line;
        std::string_view line(m_pending.data() + start, nl - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue;
        events.push_back(decode(line));
    }
    m_pending.erase(0, start);
    return events;
}

std::vector<OllamaStreamEvent> OllamaStreamParser::finish()
{
    if (m_pending.find_first_not_of(" \t\r\n") == std::string::npos)
        return {};
    std::vector<OllamaStreamEvent> events = feed("\n");
    return events;
}

OllamaStreamEvent OllamaStreamParser::decode(std::string_view line)
{
    OllamaStreamEvent e;
    e.line = m_line;
    const auto o = nlohmann::json::parse(line, nullptr, false);
    if (o.is_discarded() || !o.is_object()) {
        e.kind = OllamaStreamEvent::Kind::Malformed;
        e.text = std::string(line.substr(0, 80));
        return e;
    }
    if (const auto err = o.find("error"); err != o.end()) {
        e.kind = OllamaStreamEvent::Kind::Error;
        e.text = err->is_string() ? err->get<std::string>() : err->dump();
        return e;
    }
    if (const auto msg = o.find("message"); msg != o.end() && msg->is_object()) {
        if (const auto c = msg->find("content"); c != msg->end() && c->is_string())
            e.text = c->get<std::string>();
    } else if (const auto r = o.find("response"); r != o.end() && r->is_string()) {
        e.text = r->get<std::string>();
    }
    const auto done = o.find("done");
    if (done != o.end() && done->is_boolean() && done->get<bool>()) {
        e.kind = OllamaStreamEvent::Kind::Done;
        OllamaFinalStats& s = e.stats;
        if (const auto m = o.find("model"); m != o.end() && m->is_string())
            s.model = m->get<std::string>();
        if (const auto r = o.find("done_reason"); r != o.end() && r->is_string())
            s.doneReason = r->get<std::string>();
        s.totalDurationNs = integer(o, "total_duration");
        s.loadDurationNs = integer(o, "load_duration");
        s.promptEvalCount = integer(o, "prompt_eval_count");
        s.promptEvalDurationNs = integer(o, "prompt_eval_duration");
        s.evalCount = integer(o, "eval_count");
        s.evalDurationNs = integer(o, "eval_duration");
    }
    return e;
}

std::optional<std::string> ollamaErrorText(std::string_view body)
{
    const auto o = nlohmann::json::parse(body, nullptr, false);
    if (o.is_discarded() || !o.is_object())
        return std::nullopt;
    const auto err = o.find("error");
    if (err == o.end())
        return std::nullopt;
    return err->is_string() ? err->get<std::string>() : err->dump();
}

} // namespace benchlens
