// The outputs of the Chimeraforge benchmark agents (the LLM "agent" BenchLens replaces): an agent ingests a
// folder, asks an Ollama model for an analysis and a report (two LLM calls per run), and times every call.
//
// metrics.json, four layouts that all hold "agent sections" (objects with agent_type + aggregate_metrics):
//   Rust agent:            {"baseline": S, "chimera": S, "delta": {...}}, S with llm_calls[] (older builds:
//                          individual_runs[]), configuration{num_gpu, ...}, aggregate_metrics, runs, model
//   Python agent:          [{"run_number", "baseline_results": {"metrics": S}, "chimera_results": {...}}], S with
//                          aggregate_metrics only (total_requests, averages, p95s)
//   Rust multi-agent run:  {"collector": {"config", "result": S}, "insight": {...}, "summary": {...}}, S with
//                          individual_runs[] and llm_calls[] holding the same calls
//   Python multi-agent run: {"collector": S, "insight": S, "summary": {...}}, S with aggregates only
// Every LLM call is a sample (throughput, TTFT, tokens, durations); aggregate_metrics are what the agent computed
// from them (reported, n = the number of calls). A call that generated no tokens failed: it is a failed record,
// not a zero sample (the agents average such calls in as 0 tok/s).
// Variant: model + agent ("baseline", "chimera", or the multi-agent label) + the Ollama options the agent passed
// (the `configuration` object; absent options are Ollama's defaults and are not dimensions).
//
// summary.json of the multi-agent runs (TR110): one entry per run with each agent's mean throughput and TTFT over
// its calls in that run, the concurrent wall time and speedup; "aggregate" averages them over the runs (reported).
// The per-run agent means are a coarser quantity than per-call samples, so they are kept under their own metric
// names (agent_run_throughput_tok_s, agent_run_ttft_ms) instead of being pooled with calls.
//
// Markdown reports: "# <Agent> Agent Report" (Rust agent: "## Aggregate Metrics" table of mean ± stddev and sums,
// a per-call table whose row count is the n of the means), and reports that start with the agent's header
// "# Technical Report: <label> Analysis" + **Agent Type:** / **Model:** / **Configuration:** (the LLM-written
// report; the multi-agent build appends a "## Metrics" bullet list of the agent's aggregates). The LLM-written
// text's numbers are model output, not measurements: they are not extracted.
//
// The agent writes one run into one folder: <out>/data/metrics.json + <out>/reports/*.md (multi-agent: run_N/
// with metrics.json and the reports side by side). Those files are marked as one run, so a report's means are
// checked against the samples of its own run and not against other sweep points with the same configuration.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/pipe_tables.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <span>

namespace benchlens {

namespace {

constexpr std::array kKnobs = {"num_gpu", "num_ctx", "temperature", "top_p", "top_k", "repeat_penalty"};

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

// The agent as one dimension value, whatever build wrote it: "Baseline", "baseline" and "Baseline (Standard
// Ollama Configuration)" -> "baseline"; "Chimera", "chimera_optimized", "Chimera-Optimized (...)" -> "chimera";
// multi-agent labels stay ("Baseline Collector" -> "baseline collector").
std::string agentName(std::string_view raw)
{
    std::string s = lower(trim(raw.substr(0, raw.find('('))));
    for (auto& c : s)
        c = c == '_' || c == '-' ? ' ' : c;
    if (s.ends_with(" agent report"))
        s.resize(s.size() - 13);
    if (s == "chimera optimized")
        s = "chimera";
    return std::string(trim(s));
}

// The run folder of an agent output: <out>/data/metrics.json and <out>/reports/x.md -> <out>; else the parent.
std::string runFolderOf(std::string_view path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos)
        return ".";
    std::string_view parent = path.substr(0, slash);
    const std::string_view parentName = fileName(parent);
    if (parentName == "data" || parentName == "reports") {
        const auto up = parent.rfind('/');
        parent = up == std::string_view::npos ? std::string_view(".") : parent.substr(0, up);
    }
    return std::string(parent);
}

// "num_gpu=60, num_ctx=1024, temp=0.6, top_p=default, top_k=default, repeat_penalty=default" (the agents'
// description of their Ollama options; "Ollama defaults" when none): options set explicitly, "default" ones
// left out as the JSON leaves them out.
void knobsFromDescription(std::string_view text, FileExtract::Dims& dims)
{
    size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(',', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view item = trim(text.substr(start, end - start));
        start = end + 1;
        const auto eq = item.find('=');
        if (eq == std::string_view::npos)
            continue;
        std::string key = normalizeKey(item.substr(0, eq));
        const std::string_view value = trim(item.substr(eq + 1));
        if (key == "temp")
            key = "temperature";
        if (value.empty() || value == "default" || std::find(kKnobs.begin(), kKnobs.end(), key) == kKnobs.end())
            continue;
        dims.emplace_back(key, std::string(value));
    }
}

void knobsFromJson(const json::Document& doc, const json::Node* options, FileExtract::Dims& dims)
{
    if (!options || options->type != json::Type::Object)
        return;
    for (const char* knob : kKnobs) {
        if (auto v = textField(doc, *options, knob))
            dims.emplace_back(knob, std::move(*v));
    }
}

std::string childPointer(const std::string& parent, std::string_view token)
{
    std::string p = parent;
    appendPointerToken(p, token);
    return p;
}

// ---- metrics.json ----

struct CallField
{
    const char* member;
    const char* metric;
};
constexpr std::array kCallFields = {CallField {"throughput_tokens_per_sec", "throughput_tok_s"},
    CallField {"ttft_ms", "ttft_ms"}, CallField {"tokens_generated", "tokens_generated"},
    CallField {"total_duration_ms", "total_duration_ms"}, CallField {"prompt_eval_duration_ms", "prompt_eval_ms"},
    CallField {"eval_duration_ms", "eval_ms"}, CallField {"load_duration_ms", "load_ms"}};

// The variant of an agent section: model + agent + the options it passed.
FileExtract::Dims sectionDims(const json::Document& doc, const json::Node& section)
{
    const std::string agent = agentName(textField(doc, section, "agent_type").value_or(""));
    FileExtract::Dims dims = {{"model", textField(doc, section, "model").value_or("")}, {"agent", agent}};
    knobsFromJson(doc, doc.member(section, "configuration"), dims);
    return dims;
}

// One agent section: its calls become records, its aggregate_metrics reported values. Returns the model named.
std::string writeAgentSection(
    ExtractWriter& w, const json::Document& doc, const json::Node& section, const std::string& path)
{
    const std::string model = textField(doc, section, "model").value_or("");
    const std::string agent = agentName(textField(doc, section, "agent_type").value_or(""));
    const uint32_t g = w.group(sectionDims(doc, section));

    // The calls: llm_calls[] ({stage, prompt, response, metrics{...}}) or, in older and multi-agent builds,
    // individual_runs[] (the metrics objects themselves). Multi-agent results hold both with the same calls:
    // llm_calls is read, individual_runs only when there is no llm_calls.
    const json::Node* calls = doc.member(section, "llm_calls");
    const char* callsKey = "llm_calls";
    if (!calls || calls->type != json::Type::Array || calls->childCount == 0) {
        calls = doc.member(section, "individual_runs");
        callsKey = "individual_runs";
    }
    const bool perCall = calls && calls->type == json::Type::Array && calls->childCount > 0;
    uint32_t total = 0, failed = 0;
    if (perCall) {
        const std::string callsPointer = childPointer(path, callsKey);
        uint32_t index = 0;
        doc.forEachChild(*calls, [&](const json::Node& call) {
            const std::string callPointer = fmt::format("{}/{}", callsPointer, index++);
            const json::Node* m = callsKey == std::string_view("llm_calls") ? doc.member(call, "metrics") : &call;
            if (!m || m->type != json::Type::Object)
                return;
            const std::string metricsPointer = m == &call ? callPointer : callPointer + "/metrics";
            ++total;
            // A call without generated tokens failed (Ollama returned nothing or an error); its timings are
            // those of the failure.
            const bool isFailed = numberField(doc, *m, "tokens_generated").value_or(0) <= 0
                || numberField(doc, *m, "throughput_tokens_per_sec").value_or(0) <= 0
                || doc.member(call, "error") != nullptr;
            failed += isFailed ? 1 : 0;
            const uint32_t r = w.record(g, w.pointer(callPointer), isFailed);
            if (isFailed)
                return;
            for (const auto& f : kCallFields) {
                if (const auto v = numberField(doc, *m, f.member))
                    w.sampleAt(r, w.metric(f.metric), *v, childPointer(metricsPointer, f.member));
            }
        });
    }

    const json::Node* agg = doc.member(section, "aggregate_metrics");
    if (!agg || agg->type != json::Type::Object)
        return model;
    const std::string aggPointer = childPointer(path, "aggregate_metrics");
    std::optional<uint32_t> n;
    if (perCall)
        n = total;
    else if (const auto requests = numberField(doc, *agg, "total_requests"); requests && *requests > 0)
        n = static_cast<uint32_t>(*requests);
    const bool allFailed
        = perCall ? failed == total : numberField(doc, *agg, "total_tokens_generated").value_or(1) <= 0;
    if (failed > 0 || allFailed) {
        const std::string who = agent.empty() ? std::string("the agent") : fmt::format("the {} agent", agent);
        w.diagnostic(Severity::Warning, aggPointer,
            allFailed ? fmt::format("every LLM call of {} failed (no tokens generated); its throughput averages are "
                                    "not measurements and are left out",
                who)
                      : fmt::format("{} of {} LLM calls of {} failed (no tokens generated): they are failures here, "
                                    "while the file's averages count them as 0 tok/s",
                          failed, total, who));
    }
    // The Rust agent with llm_calls sums the durations over the calls; the build with individual_runs averages
    // them (its report says "Average Total Duration"); the Python agent sums them (total_*).
    const bool durationsAreMeans
        = perCall && callsKey == std::string_view("individual_runs") && doc.member(section, "llm_calls") == nullptr;
    const Statistic durations = durationsAreMeans ? Statistic::Mean : Statistic::Total;
    struct AggField
    {
        const char* member;
        const char* metric;
        Statistic statistic;
        bool throughput;
    };
    const std::array fields = {AggField {"average_tokens_per_second", "throughput_tok_s", Statistic::Mean, true},
        AggField {"stddev_throughput", "throughput_tok_s", Statistic::StdDev, true},
        AggField {"p95_tokens_per_second", "throughput_tok_s", Statistic::P95, true},
        AggField {"average_ttft_ms", "ttft_ms", Statistic::Mean, false},
        AggField {"stddev_ttft", "ttft_ms", Statistic::StdDev, false},
        AggField {"p95_ttft_ms", "ttft_ms", Statistic::P95, false},
        AggField {"total_tokens_generated", "tokens_generated", Statistic::Total, false},
        AggField {"total_duration_ms", "total_duration_ms", durations, false},
        AggField {"prompt_eval_duration_ms", "prompt_eval_ms", durations, false},
        AggField {"eval_duration_ms", "eval_ms", durations, false},
        AggField {"load_duration_ms", "load_ms", durations, false}};
    for (const auto& f : fields) {
        if (allFailed && f.throughput)
            continue;
        if (const auto v = numberField(doc, *agg, f.member))
            w.reported(g, w.metric(f.metric), f.statistic, *v, n, w.pointer(aggPointer, 0, f.member));
    }
    return model;
}

bool isAgentSection(const json::Document& doc, const json::Node& n)
{
    if (n.type != json::Type::Object)
        return false;
    const json::Node* type = doc.member(n, "agent_type");
    const json::Node* agg = doc.member(n, "aggregate_metrics");
    return type && type->type == json::Type::String && agg && agg->type == json::Type::Object;
}

// Agent sections anywhere in the first levels of the document, in file order, with their JSON pointers.
void findAgentSections(const json::Document& doc, const json::Node& n, const std::string& path, int depth,
    std::vector<std::pair<const json::Node*, std::string>>& out)
{
    if (isAgentSection(doc, n)) {
        out.emplace_back(&n, path);
        return;
    }
    if (depth == 0 || (n.type != json::Type::Object && n.type != json::Type::Array))
        return;
    uint32_t index = 0;
    doc.forEachChild(n, [&](const json::Node& c) {
        const std::string child
            = n.type == json::Type::Array ? fmt::format("{}/{}", path, index) : childPointer(path, c.key);
        ++index;
        findAgentSections(doc, c, child, depth - 1, out);
    });
}

// The Rust agent's "delta" section: its own verdict on chimera vs baseline, from its aggregate means (which
// count failed calls as 0 tok/s). Kept as stated deltas so that a comparison can recompute and check them.
void readStatedDeltas(ExtractWriter& w, const json::Document& doc)
{
    const json::Node& root = doc.root();
    const json::Node* delta = doc.member(root, "delta");
    const json::Node* baseline = doc.member(root, "baseline");
    const json::Node* chimera = doc.member(root, "chimera");
    if (!delta || delta->type != json::Type::Object || !baseline || !chimera || !isAgentSection(doc, *baseline)
        || !isAgentSection(doc, *chimera))
        return;
    const uint32_t b = w.group(sectionDims(doc, *baseline));
    const uint32_t c = w.group(sectionDims(doc, *chimera));
    if (const auto pct = numberField(doc, *delta, "throughput_improvement_percent")) {
        w.out().statedDeltas.push_back(
            {b, c, w.metric("throughput_tok_s"), *pct, w.pointer("/delta", 0, "throughput_improvement_percent")});
    }
    // A TTFT "reduction" is a decrease: the candidate's change is its negative.
    if (const auto pct = numberField(doc, *delta, "ttft_reduction_percent"))
        w.out().statedDeltas.push_back(
            {b, c, w.metric("ttft_ms"), -*pct, w.pointer("/delta", 0, "ttft_reduction_percent")});
}

int metricsJsonConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"agent_type\"", "\"aggregate_metrics\""}, {}, 1 << 18);
}

std::optional<FileExtract> extractMetricsJson(const FileInput& in)
{
    const auto parsed = json::parse(in.bytes);
    if (!parsed.ok)
        return std::nullopt;
    const auto& doc = parsed.document;
    std::vector<std::pair<const json::Node*, std::string>> sections;
    findAgentSections(doc, doc.root(), "", 4, sections);
    if (sections.empty())
        return std::nullopt;
    FileExtract out;
    ExtractWriter w(out);
    std::set<std::string> models;
    for (const auto& [node, path] : sections)
        models.insert(writeAgentSection(w, doc, *node, path));
    if (models.size() == 1)
        out.namedModel = *models.begin();
    out.runFolder = runFolderOf(in.relativePath);
    readStatedDeltas(w, doc);
    return out;
}

// ---- multi-agent summary.json ----

int summaryConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"runs\"", "\"concurrency_speedup\"", "\"scenario\""},
        {"\"baseline_throughput\"", "\"collector_throughput\""}, 1 << 18);
}

std::optional<FileExtract> extractSummary(const FileInput& in)
{
    const auto parsed = parseJsonObject(in.bytes);
    if (!parsed)
        return std::nullopt;
    const auto& doc = parsed->document;
    const json::Node& root = doc.root();
    const json::Node* runs = doc.member(root, "runs");
    if (!runs || runs->type != json::Type::Array || runs->childCount == 0)
        return std::nullopt;
    FileExtract out;
    ExtractWriter w(out);
    const std::string scenario = textField(doc, root, "scenario").value_or("");

    // The two agents. Rust: agent_a / agent_b {label, model, options}. Python: only the overrides; agent A
    // (the collector) runs on Ollama defaults in baseline_vs_chimera, on the overrides otherwise; agent B on
    // the second agent's overrides when given, else on the overrides.
    FileExtract::Dims dimsA = {{"scenario", scenario}}, dimsB = {{"scenario", scenario}};
    const json::Node* agentA = doc.member(root, "agent_a");
    const json::Node* agentB = doc.member(root, "agent_b");
    const bool rust = agentA && agentB;
    if (rust) {
        for (auto [node, dims] : {std::pair(agentA, &dimsA), std::pair(agentB, &dimsB)}) {
            dims->emplace_back("model", textField(doc, *node, "model").value_or(""));
            dims->emplace_back("agent", agentName(textField(doc, *node, "label").value_or("")));
            knobsFromJson(doc, doc.member(*node, "options"), *dims);
        }
    } else {
        const json::Node* overrides = doc.member(root, "chimera_overrides");
        const json::Node* second = doc.member(root, "chimera_overrides_agent2");
        const bool baselineA = scenario == "baseline_vs_chimera";
        dimsA.emplace_back("agent", baselineA ? "baseline" : "chimera agent a");
        dimsB.emplace_back("agent", baselineA ? "chimera" : "chimera agent b");
        if (!baselineA)
            knobsFromJson(doc, overrides, dimsA);
        knobsFromJson(doc, second && second->childCount > 0 ? second : overrides, dimsB);
    }
    // The pair's concurrency figures: the scenario, the model and agent B's options (agent A runs on the
    // defaults or on the same options, except in chimera_hetero).
    FileExtract::Dims dimsPair;
    for (const auto& [k, v] : dimsB) {
        if (k != "agent")
            dimsPair.emplace_back(k, v);
    }
    dimsPair.emplace_back("agent", "both (concurrent)");
    const uint32_t gA = w.group(std::move(dimsA));
    const uint32_t gB = w.group(std::move(dimsB));
    const uint32_t gPair = w.group(std::move(dimsPair));
    const uint32_t runThroughput = w.customMetric("agent_run_throughput_tok_s", "tok/s");
    const uint32_t runTtft = w.customMetric("agent_run_ttft_ms", "ms");
    const uint32_t wall = w.metric("wall_time_ms");
    const uint32_t speedup = w.customMetric("concurrency_speedup", "x");
    const uint32_t efficiency = w.customMetric("efficiency_percent", "%");
    const char* throughputA = rust ? "collector_throughput" : "baseline_throughput";
    const char* throughputB = rust ? "insight_throughput" : "chimera_throughput";
    const char* ttftA = rust ? "collector_ttft_ms" : "baseline_ttft_ms";
    const char* ttftB = rust ? "insight_ttft_ms" : "chimera_ttft_ms";
    const char* wallKey = rust ? "concurrent_wall_time_s" : "concurrent_wall_time";

    uint32_t index = 0;
    doc.forEachChild(*runs, [&](const json::Node& run) {
        const std::string p = fmt::format("/runs/{}", index++);
        if (run.type != json::Type::Object)
            return;
        for (auto [g, tpKey, ttKey] : {std::tuple(gA, throughputA, ttftA), std::tuple(gB, throughputB, ttftB)}) {
            const auto tp = numberField(doc, run, tpKey);
            if (!tp)
                continue;
            const bool isFailed = *tp <= 0;
            const uint32_t r = w.record(g, w.pointer(p), isFailed);
            if (isFailed)
                continue;
            w.sampleAt(r, runThroughput, *tp, childPointer(p, tpKey));
            if (const auto tt = numberField(doc, run, ttKey))
                w.sampleAt(r, runTtft, *tt, childPointer(p, ttKey));
        }
        const uint32_t r = w.record(gPair, w.pointer(p));
        if (const auto v = numberField(doc, run, wallKey))
            w.sampleAt(r, wall, *v * 1000, childPointer(p, wallKey));
        if (const auto v = numberField(doc, run, "concurrency_speedup"))
            w.sampleAt(r, speedup, *v, childPointer(p, "concurrency_speedup"));
        if (const auto v = numberField(doc, run, "efficiency_percent"))
            w.sampleAt(r, efficiency, *v, childPointer(p, "efficiency_percent"));
    });

    // "aggregate": means over the runs (the deltas are differences of those means and are not repeated).
    if (const json::Node* agg = doc.member(root, "aggregate"); agg && agg->type == json::Type::Object) {
        const std::optional<uint32_t> n = runs->childCount;
        const auto report = [&](const char* key, uint32_t g, uint32_t metric, double factor) {
            if (const auto v = numberField(doc, *agg, key))
                w.reported(g, metric, Statistic::Mean, *v * factor, n, w.pointer("/aggregate", 0, key));
        };
        report("baseline_throughput", gA, runThroughput, 1);
        report("chimera_throughput", gB, runThroughput, 1);
        report("average_concurrency_speedup", gPair, speedup, 1);
        report("average_wall_time", gPair, wall, 1000);
        report("average_efficiency", gPair, efficiency, 1);
    }
    out.runFolder = runFolderOf(in.relativePath);
    return out;
}

// ---- Markdown reports ----

struct ReportHeader
{
    std::string model, agent, configuration;
    std::optional<uint32_t> runs;
};

// "**Model:** gemma3:latest  " -> "gemma3:latest" for the first line that starts with `label`.
std::optional<std::string> headerField(std::string_view text, std::string_view label, size_t limit)
{
    size_t pos = 0;
    while (pos < std::min(text.size(), limit)) {
        const auto end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, end - pos);
        if (line.starts_with(label))
            return std::string(trim(line.substr(label.size())));
        pos = end + 1;
    }
    return std::nullopt;
}

std::string_view firstLine(std::string_view text)
{
    return trim(text.substr(0, text.find('\n')));
}

bool isAgentReport(std::string_view h)
{
    const std::string_view first = firstLine(h);
    return first.starts_with("# ") && first.ends_with(" Agent Report")
        && containsAll(h, {"**Runs:**", "## Aggregate Metrics", "| Average Throughput |"});
}

// The agent's header "# Technical Report: <label> Analysis" within the first lines (the multi-agent report puts
// "# <label>" above it), followed by **Agent Type:** and **Configuration:** lines.
bool hasTechnicalHeader(std::string_view h)
{
    const auto pos = h.find("# Technical Report: ");
    return pos != std::string_view::npos && pos < 200 && (pos == 0 || h[pos - 1] == '\n')
        && containsAll(h.substr(0, 2000), {"\n**Agent Type:**", "\n**Configuration:**"});
}

int markdownConfidence(const FileInput& in)
{
    if (in.type != FileType::Markdown)
        return 0;
    const auto h = head(in.bytes, 8192);
    return isAgentReport(h) || hasTechnicalHeader(h) ? confidence::Certain : 0;
}

// "115.98 ± 1.16 tok/s" -> (115.98, 1.16); "6623" -> (6623, none).
std::pair<std::optional<double>, std::optional<double>> meanPlusMinus(std::string_view cell)
{
    const auto pm = cell.find("±");
    const auto mean = parseLeadingNumber(trim(cell.substr(0, pm)));
    std::optional<double> sd;
    if (pm != std::string_view::npos) {
        if (const auto v = parseLeadingNumber(trim(cell.substr(pm + std::string_view("±").size()))))
            sd = v->value;
    }
    return {mean ? std::optional(mean->value) : std::nullopt, sd};
}

std::optional<FileExtract> extractMarkdown(const FileInput& in)
{
    const std::string_view text = in.bytes;
    const bool agentReport = isAgentReport(head(text, 8192));
    FileExtract out;
    ExtractWriter w(out);
    out.runFolder = runFolderOf(in.relativePath);
    const std::string model = headerField(text, "**Model:**", 4096).value_or("");
    out.namedModel = model;
    FileExtract::Dims dims = {{"model", model}};

    if (agentReport) {
        dims.emplace_back("agent", agentName(firstLine(text).substr(2)));
        // "## Configuration\n\nnum_gpu=60, ..." (the first text line of the section).
        const auto conf = text.find("\n## Configuration\n");
        if (conf != std::string_view::npos) {
            size_t pos = conf + 18;
            while (pos < text.size()) {
                const auto end = std::min(text.find('\n', pos), text.size());
                const std::string_view line = trim(text.substr(pos, end - pos));
                pos = end + 1;
                if (line.empty())
                    continue;
                if (!line.starts_with("#"))
                    knobsFromDescription(line, dims);
                break;
            }
        }
        const uint32_t g = w.group(std::move(dims));
        const auto tables = findPipeTables(text);
        // The n of the means: the per-call table ("LLM Call Metrics", older builds "Individual Run Results"),
        // the last table with a throughput and a tokens column (the LLM-written report above may have tables).
        std::optional<uint32_t> n;
        uint32_t failed = 0;
        for (const auto& t : tables) {
            const int tokens = t.column("tokens");
            if (t.column("throughput_tok_s") < 0 || tokens < 0 || t.column("run") < 0)
                continue;
            n = 0;
            failed = 0;
            for (const auto& row : t.rows) {
                if (row.cells.size() != t.header.size())
                    continue;
                ++*n;
                if (parseNumber(row.cells[size_t(tokens)]).value_or(0) <= 0)
                    ++failed;
            }
        }
        const PipeTable* aggregate = nullptr;
        for (const auto& t : tables) {
            if (trim(t.heading) == "Aggregate Metrics" && t.column("metric") >= 0 && t.column("value") >= 0) {
                aggregate = &t;
                break;
            }
        }
        if (!aggregate)
            return std::nullopt;
        const int valueColumn = aggregate->column("value");
        std::optional<double> totalTokens;
        for (const auto& row : aggregate->rows) {
            if (row.cells.size() == aggregate->header.size() && normalizeKey(row.cells[0]) == "total_tokens_generated")
                totalTokens = parseNumber(row.cells[size_t(valueColumn)]);
        }
        const bool allFailed = (n && *n > 0 && failed == *n) || (totalTokens && *totalTokens <= 0);
        if (failed > 0 || allFailed) {
            w.diagnostic(Severity::Warning, fmt::format("line {}", aggregate->line),
                allFailed ? std::string("every LLM call failed (no tokens generated); the report's throughput "
                                        "average is not a measurement and is left out")
                          : fmt::format("{} of {} LLM calls failed (no tokens generated); the report's averages "
                                        "count them as 0 tok/s",
                              failed, *n));
        }
        for (const auto& row : aggregate->rows) {
            if (row.cells.size() != aggregate->header.size())
                continue;
            const std::string name = normalizeKey(row.cells[0]);
            // Named, not a structured binding: clang before 16 cannot capture bindings in the lambda below.
            const auto parsed = meanPlusMinus(row.cells[size_t(valueColumn)]);
            const std::optional<double>& value = parsed.first;
            const std::optional<double>& sd = parsed.second;
            if (!value)
                continue;
            const Locator loc = w.cell(row.line, aggregate->header[size_t(valueColumn)]);
            const auto with = [&](const char* metric, Statistic s) {
                w.reported(g, w.metric(metric), s, *value, n, loc);
                if (sd)
                    w.reported(g, w.metric(metric), Statistic::StdDev, *sd, n, loc);
            };
            if (name == "average_throughput") {
                if (!allFailed)
                    with("throughput_tok_s", Statistic::Mean);
            } else if (name == "average_ttft") {
                with("ttft_ms", Statistic::Mean);
            } else if (name == "total_tokens_generated") {
                with("tokens_generated", Statistic::Total);
            } else if (name == "total_llm_call_duration") {
                with("total_duration_ms", Statistic::Total);
            } else if (name == "prompt_eval_duration_sum") {
                with("prompt_eval_ms", Statistic::Total);
            } else if (name == "eval_duration_sum") {
                with("eval_ms", Statistic::Total);
            } else if (name == "load_duration_sum") {
                with("load_ms", Statistic::Total);
            } else if (name == "average_total_duration") {
                with("total_duration_ms", Statistic::Mean);
            } else if (name == "average_prompt_eval_duration") {
                with("prompt_eval_ms", Statistic::Mean);
            } else if (name == "average_eval_duration") {
                with("eval_ms", Statistic::Mean);
            } else if (name == "average_load_duration") {
                with("load_ms", Statistic::Mean);
            }
        }
        return out;
    }

    // The agent's technical-report header.
    dims.emplace_back("agent", agentName(headerField(text, "**Agent Type:**", 4096).value_or("")));
    knobsFromDescription(headerField(text, "**Configuration:**", 4096).value_or(""), dims);
    // The multi-agent build appends "## Metrics" with the agent's aggregates over its calls (the last such
    // section: the LLM-written text above could have one of its own).
    const auto metrics = text.rfind("\n## Metrics\n");
    if (metrics == std::string_view::npos) {
        w.diagnostic(Severity::Info, {},
            "the agent's LLM-written report: its numbers are model output, not measurements, and are not read "
            "(the measurements are in the run's metrics.json)");
        return out;
    }
    const uint32_t g = w.group(std::move(dims));
    uint32_t lineNo = 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + metrics + 1, '\n'));
    size_t pos = metrics + 12;
    while (pos < text.size()) {
        ++lineNo;
        const auto end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        if (line.starts_with("#"))
            break;
        if (!line.starts_with("- "))
            continue;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string name = normalizeKey(line.substr(2, colon - 2));
        const auto value = parseLeadingNumber(trim(line.substr(colon + 1)));
        if (!value)
            continue;
        const Locator loc = w.line(lineNo);
        const auto report = [&](const char* metric, Statistic s) {
            w.reported(g, w.metric(metric), s, value->value, std::nullopt, loc);
        };
        if (name == "throughput")
            report("throughput_tok_s", Statistic::Mean);
        else if (name == "ttft")
            report("ttft_ms", Statistic::Mean);
        else if (name == "total_duration")
            report("total_duration_ms", Statistic::Total);
        else if (name == "tokens_generated")
            report("tokens_generated", Statistic::Total);
        else if (name == "prompt_eval")
            report("prompt_eval_ms", Statistic::Total);
        else if (name == "eval_duration")
            report("eval_ms", Statistic::Total);
        else if (name == "load_duration")
            report("load_ms", Statistic::Total);
    }
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"agent metrics.json", metricsJsonConfidence, extractMetricsJson},
    Recognizer {"agent multi-agent summary.json", summaryConfidence, extractSummary},
    Recognizer {"agent Markdown report", markdownConfidence, extractMarkdown},
};

} // namespace

std::span<const Recognizer> agentOutputRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
