#pragma once

#include "models/llm/narrative_check.h"
#include "models/llm/ollama_client.h"

#include <QObject>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace benchlens {

struct ReportDocument;

// Which of the two roles a step or a streamed chunk belongs to: the analyst runs first, then the writer.
enum class NarrativeRoleKind
{
    Analyst,
    Writer
};

// One role of the earlier agent: a persona prompt (the system message) and what it is asked to write.
struct NarrativeRole
{
    std::string name; // "DataCollector-9000"
    std::string title; // "inventory analyst"
    std::string prompt; // the persona prompt, editable
};
// The inventory analyst: coverage, file counts per type, latest modification, gaps in telemetry, under 250 words.
NarrativeRole inventoryAnalystPreset();
// The insight writer: the technical narrative, from the facts and the analyst's checked summary.
NarrativeRole insightWriterPreset();

struct NarrativeSettings
{
    OllamaClientSettings client;
    std::string model = "gemma3";
    OllamaOptions options; // unset keys: Ollama's defaults
    NarrativeLanguage language;
    NarrativeRole analyst = inventoryAnalystPreset();
    NarrativeRole writer = insightWriterPreset();
    bool allowRemote = false; // facts may go to an endpoint that is not this machine
};

struct NarrativeRoleResult
{
    NarrativeRole role;
    std::string userPrompt; // the facts and the task, as sent
    OllamaChatResult call;
    NarrativeCheck check;
};

// The outcome of a narrative run: both roles' answers and checks and the calls' metrics, or why it was skipped.
struct NarrativeResult
{
    bool skipped = true;
    std::string skipReason; // a sentence: no server, model not pulled, remote host not allowed, cancelled...
    std::string endpoint; // url
    bool remote = false; // the endpoint is not loopback (and was allowed)
    std::string model;
    std::string serverVersion;
    OllamaOptions options;
    NarrativeLanguage language;
    size_t facts = 0;
    std::vector<NarrativeRoleResult> roles; // the roles that ran, in order (also a failed one)

    // The worst of the roles' checks (Rejected when skipped).
    NarrativeCheck::Status status() const;
    std::string statusText() const;
};

// The user message for a role: the language, the task, the facts, and for the writer the analyst's checked text.
std::string narrativeUserPrompt(
    bool writer, const FactSheet& facts, const NarrativeLanguage& language, const std::string& analystChecked);

// Runs the two roles one after the other on an Ollama server, asynchronously (for the window): /api/version, then
// the analyst's /api/chat, its check, then the writer's with the analyst's verified sentences. One run at a time.
class NarrativeRunner : public QObject
{
    Q_OBJECT
public:
    explicit NarrativeRunner(QObject* parent = nullptr);
    ~NarrativeRunner() override;

    void start(const NarrativeSettings& settings, std::shared_ptr<const FactSheet> facts);
    void cancel();
    bool isRunning() const;
    const NarrativeResult& result() const { return m_result; }

signals:
    void stageChanged(const QString& stage); // "DataCollector-9000 (inventory analyst): waiting for the first token"
    void chunk(benchlens::NarrativeRoleKind role, const QString& text); // streamed text of a role
    void finished();

private:
    void startRole(NarrativeRoleKind role);
    void roleFinished();
    NarrativeRoleKind currentRole() const; // the role of m_result.roles.back(); roles must not be empty
    void finish(std::string skipReason);

    NarrativeSettings m_settings;
    std::shared_ptr<const FactSheet> m_facts;
    OllamaClient* m_client = nullptr;
    NarrativeResult m_result;
    bool m_running = false;
};

// The same, synchronously, for the command line (its own event loop; a QCoreApplication must exist).
NarrativeResult runNarrative(const NarrativeSettings& settings, std::shared_ptr<const FactSheet> facts,
    const std::function<void(const QString& stage)>& onStage = {});

// Adds the narrative to a built report without changing any computed section: a "Narrative" section before the
// Workflow Summary (which is renumbered) with both roles' text, unverified sentences marked, and the "Unverified
// statements" list; and in the Workflow Summary each call's metrics, options and persona prompt (or why the
// narrative was skipped). `metricsFile`: the metrics JSON written beside the report ("" if none). `timings` false
// leaves out the measured times (as --no-timings does for BenchLens's own).
void addNarrativeToReport(
    ReportDocument& doc, const NarrativeResult& result, bool timings, const std::string& metricsFile = {});

// The calls' metrics as a JSON array of Ollama final-response objects (model, created_at, done, total_duration,
// load_duration, prompt_eval_count, prompt_eval_duration, eval_count, eval_duration in ns, plus "options" and a
// "benchlens_narrative" object with the role, TTFT, tokens/s, status and persona prompt), which BenchLens's Ollama
// recognizer reads back: a folder of them compares narrative runs. "" when no call finished.
std::string narrativeMetricsJson(const NarrativeResult& result);
// "out/report.md" -> "out/report.narrative.json"
std::string narrativeMetricsPath(const std::string& reportPath);

} // namespace benchlens
