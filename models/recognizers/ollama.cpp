// Ollama API responses: the final object of /api/generate or /api/chat (stream=false, or the last "done": true
// chunk of a saved NDJSON stream), also when embedded in logs or Markdown. Durations are nanoseconds. Each
// response is one sample; tokens/s and TTFT are derived the way `ollama run --verbose` does:
// eval rate = eval_count / eval_duration, prompt eval rate = prompt_eval_count / prompt_eval_duration,
// TTFT ~ load_duration + prompt_eval_duration. Variant: the model tag.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/recognizer.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>

namespace benchlens {

namespace {

constexpr double kNsToMs = 1e-6;

bool isResponse(const json::Document& doc, const json::Node& n)
{
    return n.type == json::Type::Object && doc.member(n, "model") && doc.member(n, "created_at")
        && (doc.member(n, "done") || doc.member(n, "total_duration"));
}

int ollamaConfidence(const FileInput& in)
{
    if (in.type == FileType::Csv || in.type == FileType::Other)
        return 0;
    const auto h = head(in.bytes, 1 << 20);
    return containsAll(h, {"\"model\"", "\"created_at\""}) && containsAny(h, {"\"eval_count\"", "\"total_duration\""})
        ? confidence::Certain
        : 0;
}

class ResponseWriter
{
public:
    explicit ResponseWriter(ExtractWriter& w)
        : m_w(w)
    { }

    // `pointer`/`line`: where the response object is (a JSON pointer in the file, or the line an embedded
    // object or an NDJSON record starts on).
    void write(const json::Document& doc, const json::Node& o, const std::string& pointer, uint32_t line)
    {
        const auto done = doc.member(o, "done");
        if (done && done->type == json::Type::Bool && !done->boolean) {
            ++m_streamChunks; // a streamed chunk: only the final one carries the timings
            return;
        }
        // The request's options, when the file records them (BenchLens's narrative metrics do): runs under
        // different options are different variants.
        FileExtract::Dims dims {{"model", textField(doc, o, "model").value_or("")}};
        if (const auto* options = doc.member(o, "options"); options && options->type == json::Type::Object) {
            doc.forEachChild(*options, [&](const json::Node& n) {
                if (n.type == json::Type::Number)
                    dims.emplace_back(std::string(n.key), cleanNumber(n.number));
                else if (n.type == json::Type::String)
                    dims.emplace_back(std::string(n.key), std::string(n.text));
            });
            std::sort(dims.begin(), dims.end());
        }
        const uint32_t g = m_w.group(std::move(dims));
        const bool failed = doc.member(o, "error") != nullptr;
        const uint32_t r = m_w.record(g, m_w.pointer(pointer, line), failed);
        ++m_responses;
        if (failed)
            return;
        const auto ns = [&](const char* key) { return numberField(doc, o, key); };
        const auto put = [&](const char* metric, std::optional<double> v, std::string_view key = {}) {
            if (v)
                m_w.sample(r, m_w.metric(metric), *v, key);
        };
        const auto total = ns("total_duration");
        const auto load = ns("load_duration");
        const auto promptEval = ns("prompt_eval_duration");
        const auto eval = ns("eval_duration");
        const auto evalCount = ns("eval_count");
        const auto promptCount = ns("prompt_eval_count");
        const auto ms = [](std::optional<double> v) { return v ? std::optional<double>(*v * kNsToMs) : std::nullopt; };
        put("total_duration_ms", ms(total), "total_duration");
        put("load_ms", ms(load), "load_duration");
        put("prompt_eval_ms", ms(promptEval), "prompt_eval_duration");
        put("eval_ms", ms(eval), "eval_duration");
        put("tokens_generated", evalCount, "eval_count");
        put("prompt_tokens", promptCount, "prompt_eval_count");
        // Derived values point at the response object: they come from two of its fields.
        if (evalCount && eval && *eval > 0)
            put("throughput_tok_s", *evalCount / (*eval * 1e-9));
        if (promptCount && promptEval && *promptEval > 0)
            put("prompt_throughput_tok_s", *promptCount / (*promptEval * 1e-9));
        if (load && promptEval)
            put("ttft_ms", (*load + *promptEval) * kNsToMs);
        if (!eval && total)
            m_w.diagnostic(Severity::Info, m_w.out().locatorText(m_w.pointer(pointer, line)),
                "response has no eval_duration (cloud or proxy endpoint): tokens/s not derived");
    }

    uint32_t responses() const { return m_responses; }
    uint32_t streamChunks() const { return m_streamChunks; }

private:
    ExtractWriter& m_w;
    uint32_t m_responses = 0;
    uint32_t m_streamChunks = 0;
};

std::optional<FileExtract> extractOllama(const FileInput& in)
{
    FileExtract out;
    ExtractWriter w(out);
    ResponseWriter writer(w);
    if (in.type == FileType::Json) {
        const bool lines = in.relativePath.ends_with(".jsonl") || in.relativePath.ends_with(".ndjson")
            || json::looksLikeJsonLines(in.bytes);
        auto parsed = lines ? json::parseLines(in.bytes) : json::parse(in.bytes);
        if (!parsed.ok)
            return std::nullopt;
        const auto& doc = parsed.document;
        const auto& root = doc.root();
        if (root.type == json::Type::Object && isResponse(doc, root)) {
            writer.write(doc, root, "", 0);
        } else if (root.type == json::Type::Array) {
            uint32_t i = 0;
            doc.forEachChild(root, [&](const json::Node& n) {
                if (isResponse(doc, n))
                    writer.write(doc, n, lines ? "" : fmt::format("/{}", i), lines ? doc.lineNumbers[i] : 0);
                ++i;
            });
        }
        for (const auto& e : doc.lineErrors)
            w.diagnostic(
                Severity::Warning, fmt::format("line {}", e.line), "malformed JSON line skipped: " + e.message);
        out.recognizer = lines ? "Ollama API NDJSON stream" : "Ollama API response JSON";
    } else {
        // Responses printed into a log or a Markdown page (often one line of JSON, or a ```json block).
        for (const auto& e : json::findEmbedded(in.bytes)) {
            if (isResponse(e.document, e.document.root()))
                writer.write(e.document, e.document.root(), "", e.line);
        }
        out.recognizer
            = in.type == FileType::Markdown ? "Ollama API response in Markdown" : "Ollama API response in text";
    }
    if (writer.responses() == 0)
        return std::nullopt;
    if (writer.streamChunks())
        w.diagnostic(
            Severity::Info, {}, fmt::format("{} streamed chunk(s) without timings skipped", writer.streamChunks()));
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"Ollama API response", ollamaConfidence, extractOllama},
};

} // namespace

std::span<const Recognizer> ollamaRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
