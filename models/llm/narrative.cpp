#include "models/llm/narrative.h"

#include "models/report/report_document.h"
#include "models/report/summary_json.h"

#include <QEventLoop>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

namespace benchlens {

NarrativeRole inventoryAnalystPreset()
{
    return {"DataCollector-9000", "inventory analyst",
        "You are DataCollector-9000, a data-inventory analyst for benchmark folders. From the facts you are given, "
        "state the directory coverage, the file counts per type, the latest modification, the runs and variants, "
        "the failures, and the gaps in telemetry (what was not measured). Use only numbers that appear in the "
        "facts, exactly as written there, and cite fact ids like [F3]. Do not guess, do not compute new numbers. "
        "Keep it under 250 words, in plain sentences, so that a second agent can reason over it."};
}

NarrativeRole insightWriterPreset()
{
    return {"Insight writer", "technical report",
        "You are a performance engineer writing the narrative of a technical benchmark report. From the facts you "
        "are given and the inventory analyst's summary, explain what was measured, which configurations are best "
        "and by how much, which differences are significant, and what to do next. Use only numbers that appear in "
        "the facts, exactly as written there, and cite fact ids like [F3]. Never invent a number, a file count or "
        "a configuration. Write a few short paragraphs."};
}

NarrativeCheck::Status NarrativeResult::status() const
{
    if (skipped || roles.empty())
        return NarrativeCheck::Status::Rejected;
    NarrativeCheck::Status worst = NarrativeCheck::Status::Checked;
    for (const auto& r : roles)
        worst = std::max(worst, r.check.status);
    return worst;
}

std::string NarrativeResult::statusText() const
{
    if (skipped)
        return "skipped: " + skipReason;
    size_t unverified = 0;
    for (const auto& r : roles) {
        if (r.check.status == NarrativeCheck::Status::Rejected)
            return fmt::format("rejected ({}: {})", r.role.name, r.check.rejectReason);
        unverified += r.check.unverifiedCount();
    }
    return unverified ? fmt::format("{} unverified", unverified) : std::string("checked");
}

std::string narrativeUserPrompt(
    bool writer, const FactSheet& facts, const NarrativeLanguage& language, const std::string& analystChecked)
{
    std::string out = fmt::format("Write in {}. Every sentence must be in {}.\n\n", language.name, language.name);
    out += writer ? "Task: write the narrative of the technical report from the facts below and the inventory "
                    "analyst's summary.\n"
                  : "Task: write the data-inventory summary (under 250 words) from the facts below.\n";
    out += "Use only these facts. Each line is one fact: its id, its source references in brackets, where it is in "
           "the report, and the fact.\n\nFACTS\n";
    out += facts.promptText();
    if (writer) {
        out += "\nINVENTORY ANALYST'S SUMMARY (checked against the facts; unverified sentences removed)\n";
        out += analystChecked.empty() ? std::string("(none: the analyst's answer could not be used)\n")
                                      : analystChecked + "\n";
    }
    return out;
}

// ---- the runner ------------------------------------------------------------------------------------------------

NarrativeRunner::NarrativeRunner(QObject* parent)
    : QObject(parent)
{ }

NarrativeRunner::~NarrativeRunner() = default;

bool NarrativeRunner::isRunning() const
{
    return m_running;
}

void NarrativeRunner::start(const NarrativeSettings& settings, std::shared_ptr<const FactSheet> facts)
{
    Q_ASSERT(!m_running);
    m_settings = settings;
    m_facts = std::move(facts);
    m_result = NarrativeResult {};
    m_result.endpoint = settings.client.endpoint.url();
    m_result.remote = !settings.client.endpoint.isLoopback();
    m_result.model = settings.model;
    m_result.options = settings.options;
    m_result.language = settings.language;
    m_result.facts = m_facts ? m_facts->facts.size() : 0;
    m_running = true;
    if (m_result.remote && !settings.allowRemote) {
        finish(fmt::format("{} is not on this machine; sending the report's facts there needs an explicit opt-in "
                           "(--llm-allow-remote, or 'Allow a remote host' in the Narrative panel)",
            m_result.endpoint));
        return;
    }
    if (!m_facts || m_facts->facts.empty()) {
        finish("there are no computed facts to write about");
        return;
    }
    if (settings.model.empty()) {
        finish("no model was chosen");
        return;
    }
    delete m_client;
    m_client = new OllamaClient(settings.client, this);
    connect(m_client, &OllamaClient::versionFinished, this, [this](const QString& version, const QString& error) {
        if (!error.isEmpty()) {
            finish(error.toStdString());
            return;
        }
        m_result.serverVersion = version.toStdString();
        startRole(NarrativeRoleKind::Analyst);
    });
    connect(m_client, &OllamaClient::chatChunk, this, [this](const QString& text) {
        if (m_result.roles.empty())
            return;
        if (!m_result.roles.back().call.metrics.ttftMs)
            emit stageChanged(QString::fromStdString(
                fmt::format("{} ({}): writing", m_result.roles.back().role.name, m_result.roles.back().role.title)));
        emit chunk(currentRole(), text);
    });
    connect(m_client, &OllamaClient::chatFinished, this, [this] { roleFinished(); });
    emit stageChanged(QString::fromStdString("Connecting to " + m_result.endpoint));
    m_client->requestVersion();
}

NarrativeRoleKind NarrativeRunner::currentRole() const
{
    return m_result.roles.size() == 1 ? NarrativeRoleKind::Analyst : NarrativeRoleKind::Writer;
}

void NarrativeRunner::startRole(NarrativeRoleKind role)
{
    NarrativeRoleResult r;
    r.role = role == NarrativeRoleKind::Analyst ? m_settings.analyst : m_settings.writer;
    std::string analystChecked;
    if (role == NarrativeRoleKind::Writer && !m_result.roles.empty()) {
        const auto& analyst = m_result.roles.front();
        if (analyst.check.status != NarrativeCheck::Status::Rejected)
            analystChecked = verifiedText(analyst.call.content, analyst.check);
    }
    r.userPrompt
        = narrativeUserPrompt(role == NarrativeRoleKind::Writer, *m_facts, m_settings.language, analystChecked);
    OllamaChatRequest request;
    request.model = m_settings.model;
    request.system = r.role.prompt;
    request.user = r.userPrompt;
    request.options = m_settings.options;
    emit stageChanged(
        QString::fromStdString(fmt::format("{} ({}): waiting for the first token", r.role.name, r.role.title)));
    m_result.roles.push_back(std::move(r));
    m_client->startChat(request);
}

void NarrativeRunner::roleFinished()
{
    if (m_result.roles.empty() || !m_running)
        return;
    NarrativeRoleResult& r = m_result.roles.back();
    r.call = m_client->chatResult();
    if (!r.call.ok()) {
        finish(fmt::format("{} ({}): {}", r.role.name, r.role.title, r.call.error));
        return;
    }
    r.check = checkNarrative(r.call.content, *m_facts, m_settings.language);
    if (currentRole() == NarrativeRoleKind::Analyst) {
        startRole(NarrativeRoleKind::Writer);
        return;
    }
    finish({});
}

void NarrativeRunner::finish(std::string skipReason)
{
    m_result.skipped = !skipReason.empty();
    m_result.skipReason = std::move(skipReason);
    m_running = false;
    emit stageChanged(QString::fromStdString(
        m_result.skipped ? "Narrative skipped: " + m_result.skipReason : "Narrative " + m_result.statusText()));
    emit finished();
}

void NarrativeRunner::cancel()
{
    if (m_running && m_client)
        m_client->cancel();
}

NarrativeResult runNarrative(const NarrativeSettings& settings, std::shared_ptr<const FactSheet> facts,
    const std::function<void(const QString& stage)>& onStage)
{
    NarrativeRunner runner;
    QEventLoop loop;
    if (onStage)
        QObject::connect(&runner, &NarrativeRunner::stageChanged, &loop, onStage);
    QObject::connect(&runner, &NarrativeRunner::finished, &loop, &QEventLoop::quit);
    runner.start(settings, std::move(facts));
    if (runner.isRunning())
        loop.exec();
    return runner.result();
}

// ---- the report ------------------------------------------------------------------------------------------------

namespace {

// Removes Markdown emphasis and heading marks: the writers escape text, so they would show as characters.
std::string plainLine(std::string_view line)
{
    std::string s(line);
    for (size_t pos; (pos = s.find("**")) != std::string::npos;)
        s.erase(pos, 2);
    size_t start = 0;
    while (start < s.size() && (s[start] == '#' || s[start] == ' '))
        ++start;
    return s.substr(start);
}

// A role's text as report blocks: lines starting with "- " or "* " as bullets, the rest as paragraphs; each
// sentence the check marked followed by "[unverified]".
void addRoleText(ReportDocument& doc, const NarrativeRoleResult& r)
{
    const std::string& content = r.call.content;
    const NarrativeCheck& check = r.check;
    std::vector<Inlines> bullets;
    Inlines paragraph;
    const auto flushParagraph = [&] {
        if (!paragraph.empty())
            doc.paragraph(std::move(paragraph));
        paragraph.clear();
    };
    const auto flushBullets = [&] {
        if (!bullets.empty())
            doc.bullets(std::move(bullets));
        bullets.clear();
    };
    size_t lineStart = 0;
    while (lineStart <= content.size()) {
        size_t lineEnd = content.find('\n', lineStart);
        if (lineEnd == std::string::npos)
            lineEnd = content.size();
        std::string_view line(content.data() + lineStart, lineEnd - lineStart);
        const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
        const size_t indent = line.find_first_not_of(" \t");
        const bool bullet = !blank && (line.substr(indent).starts_with("- ") || line.substr(indent).starts_with("* "));
        Inlines inl;
        // The line's sentences, with their marks.
        for (const auto& s : check.sentences) {
            if (s.begin < lineStart || s.end > lineEnd)
                continue;
            std::string_view sentence(content.data() + s.begin, s.end - s.begin);
            if (!check.strayPrefix.empty() && &s == &check.sentences.front() && sentence.starts_with(check.strayPrefix))
                sentence.remove_prefix(check.strayPrefix.size());
            std::string plain = plainLine(sentence);
            if (bullet && inl.empty() && (plain.starts_with("- ") || plain.starts_with("* ")))
                plain = plain.substr(2);
            if (!inl.empty())
                inl.push_back(text(" "));
            inl.push_back(text(plain));
            if (!s.reasons.empty()) {
                inl.push_back(text(" "));
                inl.push_back(strong("[unverified]"));
            }
        }
        if (blank) {
            flushBullets();
            flushParagraph();
        } else if (bullet) {
            flushParagraph();
            if (!inl.empty())
                bullets.push_back(std::move(inl));
        } else {
            flushBullets();
            if (!inl.empty()) {
                if (!paragraph.empty())
                    paragraph.push_back(text(" "));
                paragraph.insert(paragraph.end(), inl.begin(), inl.end());
            }
        }
        lineStart = lineEnd + 1;
    }
    flushBullets();
    flushParagraph();
}

std::string callMetricsLine(const NarrativeRoleResult& r, const NarrativeResult& result, bool timings)
{
    const OllamaCallMetrics& m = r.call.metrics;
    std::string line = fmt::format(
        "Narrative call, {} ({}), model {} at {}: ", r.role.name, r.role.title, result.model, result.endpoint);
    if (!m.haveStats)
        return line + "no final statistics (" + r.call.error + ").";
    if (!timings)
        return line
            + fmt::format("{} tokens generated, {} prompt tokens; options: {}. Times were not recorded "
                          "(--no-timings).",
                m.stats.evalCount, m.stats.promptEvalCount, ollamaOptionsText(result.options));
    const auto tps = m.tokensPerSecond();
    return line
        + fmt::format("TTFT {} ms, throughput {} tok/s, total duration {:.1f} ms, load duration {:.1f} ms, prompt "
                      "eval {:.1f} ms ({} tokens), eval duration {:.1f} ms, {} tokens generated; options: {}; wall "
                      "time {:.1f} ms.",
            m.ttftMs ? fmt::format("{:.1f}", *m.ttftMs) : std::string("-"),
            tps ? fmt::format("{:.2f}", *tps) : std::string("-"), m.totalMs(), m.loadMs(), m.promptEvalMs(),
            m.stats.promptEvalCount, m.evalMs(), m.stats.evalCount, ollamaOptionsText(result.options), m.wallMs);
}

// Sections are numbered "N. Name": renumbers every level-2 heading from `from` on by one.
void shiftSectionNumbers(ReportDocument& doc, size_t from)
{
    for (size_t i = from; i < doc.blocks.size(); ++i) {
        auto& b = doc.blocks[i];
        if (b.kind != ReportBlock::Kind::Heading || b.level != 2 || b.text.empty())
            continue;
        std::string& h = b.text.front().text;
        const auto dot = h.find(". ");
        int n = 0;
        if (dot == std::string::npos || dot > 3
            || !std::all_of(h.begin(), h.begin() + std::ptrdiff_t(dot), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        n = std::stoi(h.substr(0, dot));
        h = fmt::format("{}. {}", n + 1, h.substr(dot + 2));
    }
}
} // namespace

void addNarrativeToReport(
    ReportDocument& doc, const NarrativeResult& result, bool timings, const std::string& metricsFile)
{
    // Where the Workflow Summary starts: the narrative goes before it and takes its number.
    size_t workflow = doc.blocks.size();
    int number = 0;
    for (size_t i = 0; i < doc.blocks.size(); ++i) {
        const auto& b = doc.blocks[i];
        if (b.kind == ReportBlock::Kind::Heading && b.level == 2 && !b.text.empty()
            && b.text.front().text.find("Workflow Summary") != std::string::npos) {
            workflow = i;
            number = std::atoi(b.text.front().text.c_str());
            break;
        }
    }
    ReportDocument part;
    part.heading(2, number ? fmt::format("{}. Narrative", number) : std::string("Narrative"));
    if (result.skipped) {
        part.paragraph({strong("The narrative was skipped:"), text(" " + result.skipReason + ". "),
            text("The computed sections of this report are complete without it.")});
    } else {
        part.paragraph({text(fmt::format("Written by the local model {} through Ollama {} at {} from the {} facts of "
                                         "this report it was given (no file contents), in {}; then every number, "
                                         "count and sentence was checked against those facts. ",
                            result.model, result.serverVersion, result.endpoint, result.facts, result.language.name)),
            strong("Status: " + result.statusText() + "."),
            text(" It replaces nothing: every number in the other sections is computed by BenchLens. Sentences "
                 "marked [unverified] hold a number that matches no fact, a count the inventory contradicts, or "
                 "text not in "
                + result.language.name + ".")});
    }
    if (result.remote)
        part.paragraph({strong("Remote host:"),
            text(" the facts were sent to " + result.endpoint + ", which is not this machine (explicitly allowed).")});
    if (!result.skipped) {
        std::vector<Inlines> unverified;
        for (const auto& r : result.roles) {
            part.heading(3, fmt::format("{} ({}): {}", r.role.name, r.role.title, r.check.statusText()));
            addRoleText(part, r);
            if (!r.check.strayPrefix.empty())
                unverified.push_back({text(r.role.name + ": starts with stray tokens "), code(r.check.strayPrefix),
                    text(" that are not words of " + result.language.name + ".")});
            for (const auto& s : r.check.sentences) {
                if (s.reasons.empty())
                    continue;
                std::string reasons;
                for (const auto& reason : s.reasons)
                    reasons.append(reasons.empty() ? "" : "; ").append(reason);
                unverified.push_back({text(r.role.name + ": \""
                    + std::string(r.call.content.substr(s.begin, s.end - s.begin)) + "\" (" + reasons + ")")});
            }
        }
        part.heading(3, "Unverified statements");
        if (unverified.empty())
            part.paragraph({text("None: every number matched a fact and every count the inventory.")});
        else
            part.bullets(std::move(unverified));
    }
    const size_t inserted = part.blocks.size();
    doc.blocks.insert(doc.blocks.begin() + std::ptrdiff_t(workflow), std::make_move_iterator(part.blocks.begin()),
        std::make_move_iterator(part.blocks.end()));
    if (number)
        shiftSectionNumbers(doc, workflow + inserted);

    // The Workflow Summary: after its first list (BenchLens's own times), the calls'.
    size_t at = doc.blocks.size();
    for (size_t i = workflow + inserted + 1; i < doc.blocks.size(); ++i) {
        if (doc.blocks[i].kind == ReportBlock::Kind::Bullets) {
            at = i + 1;
            break;
        }
        if (doc.blocks[i].kind == ReportBlock::Kind::Heading)
            break;
    }
    std::vector<Inlines> items;
    if (result.skipped) {
        items.push_back({text("Narrative: skipped (" + result.skipReason + ").")});
    } else {
        for (const auto& r : result.roles)
            items.push_back({text(callMetricsLine(r, result, timings))});
        for (const auto& r : result.roles)
            items.push_back({text(fmt::format("Persona prompt ({}): ", r.role.name)), text(r.role.prompt)});
        if (!metricsFile.empty())
            items.push_back({text("The calls' metrics are also in "), code(metricsFile),
                text(", which BenchLens reads as Ollama responses (a folder of them compares narrative runs).")});
    }
    ReportBlock block;
    block.kind = ReportBlock::Kind::Bullets;
    block.items = std::move(items);
    doc.blocks.insert(doc.blocks.begin() + std::ptrdiff_t(std::min(at, doc.blocks.size())), std::move(block));
}

std::string narrativeMetricsJson(const NarrativeResult& result)
{
    nlohmann::json out = nlohmann::json::array();
    const auto now
        = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
              .count();
    for (const auto& r : result.roles) {
        const OllamaCallMetrics& m = r.call.metrics;
        if (!m.haveStats)
            continue;
        nlohmann::json o;
        o["model"] = m.stats.model.empty() ? result.model : m.stats.model;
        o["created_at"] = utcTimestamp(now);
        o["done"] = true;
        o["done_reason"] = m.stats.doneReason;
        o["total_duration"] = m.stats.totalDurationNs;
        o["load_duration"] = m.stats.loadDurationNs;
        o["prompt_eval_count"] = m.stats.promptEvalCount;
        o["prompt_eval_duration"] = m.stats.promptEvalDurationNs;
        o["eval_count"] = m.stats.evalCount;
        o["eval_duration"] = m.stats.evalDurationNs;
        nlohmann::json options = nlohmann::json::object();
        for (const auto& [k, v] : result.options)
            options[k] = v;
        o["options"] = options;
        nlohmann::json b;
        b["role"] = r.role.name;
        b["role_title"] = r.role.title;
        b["endpoint"] = result.endpoint;
        b["remote"] = result.remote;
        b["language"] = result.language.code;
        if (m.ttftMs)
            b["ttft_ms"] = *m.ttftMs;
        if (const auto tps = m.tokensPerSecond())
            b["tokens_per_second"] = *tps;
        b["wall_ms"] = m.wallMs;
        b["status"] = r.check.statusText();
        b["persona_prompt"] = r.role.prompt;
        o["benchlens_narrative"] = b;
        out.push_back(std::move(o));
    }
    return out.empty() ? std::string() : out.dump(2) + "\n";
}

std::string narrativeMetricsPath(const std::string& reportPath)
{
    const auto slash = reportPath.rfind('/');
    const auto dot = reportPath.rfind('.');
    const std::string stem = dot == std::string::npos || (slash != std::string::npos && dot < slash)
        ? reportPath
        : reportPath.substr(0, dot);
    return stem + ".narrative.json";
}

} // namespace benchlens
