// llama.cpp `llama-bench`: JSON (-o json), JSON Lines (-o jsonl, often with backend log lines between records),
// CSV (-o csv, every value quoted) and the default Markdown table (also inside logs and console captures).
// One record is one test (pp512, tg128, pp512 @ d4096) repeated -r times: samples_ts / samples_ns are the
// repetitions (samples), avg_ts / stddev_ts what llama-bench computed from them (reported).
// Variant: model + backend + n_gpu_layers + test, plus every other knob that differs between the file's records.
#include "models/parsers/csv_parser.h"
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/json_fields.h"
#include "models/recognizers/pipe_tables.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>
#include <span>

namespace benchlens {

namespace {

// Configuration knobs of a test record, by llama-bench's JSON/CSV name.
constexpr std::array kKnobs = {"n_batch", "n_ubatch", "n_threads", "type_k", "type_v", "flash_attn", "split_mode",
    "n_cpu_moe", "main_gpu", "no_kv_offload", "tensor_split", "use_mmap", "embeddings", "cpu_mask", "cpu_strict",
    "poll", "devices", "no_op_offload", "tensor_buft_overrides", "use_direct_io"};

// Markdown column names -> JSON names (llama-bench prints short names for non-default parameters).
const std::map<std::string, std::string, std::less<>>& markdownColumns()
{
    static const std::map<std::string, std::string, std::less<>> m
        = {{"ngl", "n_gpu_layers"}, {"threads", "n_threads"}, {"fa", "flash_attn"}, {"mmap", "use_mmap"},
            {"sm", "split_mode"}, {"mg", "main_gpu"}, {"nkvo", "no_kv_offload"}, {"ts", "tensor_split"},
            {"embd", "embeddings"}, {"dev", "devices"}, {"ot", "tensor_buft_overrides"}, {"n_batch", "n_batch"},
            {"n_ubatch", "n_ubatch"}, {"type_k", "type_k"}, {"type_v", "type_v"}, {"n_cpu_moe", "n_cpu_moe"},
            {"cpu_mask", "cpu_mask"}, {"cpu_strict", "cpu_strict"}, {"poll", "poll"}, {"backend", "backend"}};
    return m;
}

// The dimension a knob becomes: the catalog's canonical name where it has one (n_gpu_layers -> num_gpu).
std::string dimensionName(std::string_view knob)
{
    const KeyClass c = MetricCatalog::instance().classify(knob);
    return c.role == KeyClass::Role::Dimension ? c.dimension : std::string(knob);
}

// Booleans and llama-bench's integer flags (-1 auto, 0, 1) spelled one way: true -> 1, false -> 0.
std::string knobValue(std::string value)
{
    if (value == "true")
        return "1";
    if (value == "false")
        return "0";
    return value;
}

std::string testName(double nPrompt, double nGen, double nDepth)
{
    std::string name;
    if (nPrompt > 0)
        name = fmt::format("pp{}", nPrompt);
    if (nGen > 0)
        name += fmt::format("{}tg{}", name.empty() ? "" : "+", nGen);
    if (nDepth > 0)
        name += fmt::format(" @ d{}", nDepth);
    return name;
}

// "/models/gguf/Llama-3.2-1B-Instruct-Q4_K_M.gguf" -> "Llama-3.2-1B-Instruct-Q4_K_M"
std::string modelFromFilename(std::string_view path)
{
    std::string_view name = fileName(path);
    const auto backslash = name.rfind('\\');
    if (backslash != std::string_view::npos)
        name = name.substr(backslash + 1);
    if (name.ends_with(".gguf"))
        name.remove_suffix(5);
    return std::string(name);
}

// One test record, whatever the output mode it came from.
struct TestRecord
{
    std::map<std::string, std::string> fields; // scalar fields as text
    std::vector<double> samplesTs, samplesNs;
    Locator locator; // of the record
    std::string samplesPointer; // JSON pointer prefix of the record ("" for JSON Lines, "/3" for an array)
};

void writeRecords(ExtractWriter& w, std::vector<TestRecord>& tests)
{
    // Knobs that differ between the file's records are part of the variant.
    std::set<std::string> varying;
    for (const char* knob : kKnobs) {
        std::set<std::string> values;
        for (const auto& t : tests) {
            const auto it = t.fields.find(knob);
            values.insert(it == t.fields.end() ? std::string() : knobValue(it->second));
        }
        if (values.size() > 1)
            varying.insert(knob);
    }
    const uint32_t ts = w.metric("throughput_tok_s");
    const uint32_t wall = w.metric("wall_time_ms");
    for (auto& t : tests) {
        const auto field = [&](const char* k) {
            const auto it = t.fields.find(k);
            return it == t.fields.end() ? std::string() : it->second;
        };
        const auto number = [&](const char* k) { return parseNumber(field(k)).value_or(0); };
        std::string model
            = field("model_filename").empty() ? field("model_type") : modelFromFilename(field("model_filename"));
        FileExtract::Dims dims = {{"model", model}, {"backend", field("backends")}, {"num_gpu", field("n_gpu_layers")},
            {"test", testName(number("n_prompt"), number("n_gen"), number("n_depth"))}};
        for (const auto& knob : varying)
            dims.emplace_back(dimensionName(knob), knobValue(field(knob.c_str())));
        const uint32_t g = w.group(std::move(dims));
        const auto n = static_cast<uint32_t>(t.samplesTs.size());
        for (size_t i = 0; i < t.samplesTs.size(); ++i) {
            const uint32_t r = w.record(g, t.locator);
            w.sampleAt(r, ts, t.samplesTs[i], fmt::format("{}/samples_ts/{}", t.samplesPointer, i));
            if (i < t.samplesNs.size())
                w.sampleAt(r, wall, t.samplesNs[i] * 1e-6, fmt::format("{}/samples_ns/{}", t.samplesPointer, i));
        }
        const std::optional<uint32_t> stated = n ? std::optional<uint32_t>(n) : std::nullopt;
        const auto report = [&](const char* key, uint32_t metric, Statistic s, double factor) {
            if (const auto v = parseNumber(field(key))) {
                Locator loc = t.locator;
                loc.key = w.key(key);
                w.reported(g, metric, s, *v * factor, stated, loc);
            }
        };
        report("avg_ts", ts, Statistic::Mean, 1);
        report("stddev_ts", ts, Statistic::StdDev, 1);
        report("avg_ns", wall, Statistic::Mean, 1e-6);
        report("stddev_ns", wall, Statistic::StdDev, 1e-6);
    }
}

bool isTestObject(const json::Document& doc, const json::Node& n)
{
    return n.type == json::Type::Object && doc.member(n, "avg_ts")
        && (doc.member(n, "n_prompt") || doc.member(n, "n_gen"))
        && (doc.member(n, "model_type") || doc.member(n, "model_filename"));
}

TestRecord fromJson(const json::Document& doc, const json::Node& n)
{
    TestRecord t;
    doc.forEachChild(n, [&](const json::Node& m) {
        if (m.type == json::Type::Array) {
            auto& into = m.key == "samples_ts" ? t.samplesTs : t.samplesNs;
            if (m.key != "samples_ts" && m.key != "samples_ns")
                return;
            doc.forEachChild(m, [&](const json::Node& e) {
                if (e.type == json::Type::Number)
                    into.push_back(e.number);
            });
        } else if (m.type == json::Type::Number) {
            t.fields.emplace(std::string(m.key), fmt::format("{}", m.number)); // exact: statistics are read back
        } else if (auto text = textField(doc, n, m.key)) {
            t.fields.emplace(std::string(m.key), std::move(*text));
        }
    });
    return t;
}

int jsonConfidence(const FileInput& in)
{
    return sniff(in, FileType::Json, {"\"avg_ts\"", "\"n_prompt\"", "\"n_gen\""});
}

std::optional<FileExtract> extractJson(const FileInput& in)
{
    const auto first = in.bytes.find_first_not_of(" \t\r\n");
    const bool lines = in.relativePath.ends_with(".jsonl") || in.relativePath.ends_with(".ndjson")
        || json::looksLikeJsonLines(in.bytes) || (first != std::string_view::npos && in.bytes[first] != '[');
    auto parsed = lines ? json::parseLines(in.bytes) : json::parse(in.bytes);
    if (!parsed.ok)
        return std::nullopt;
    const auto& doc = parsed.document;
    const json::Node& root = doc.root();
    if (root.type != json::Type::Array)
        return std::nullopt;
    FileExtract out;
    out.recognizer = lines ? "llama-bench JSONL" : "llama-bench JSON";
    ExtractWriter w(out);
    std::vector<TestRecord> tests;
    uint32_t index = 0;
    doc.forEachChild(root, [&](const json::Node& n) {
        const uint32_t i = index++;
        if (!isTestObject(doc, n))
            return;
        TestRecord t = fromJson(doc, n);
        if (lines) {
            t.locator = w.pointer("", doc.lineNumbers[i]);
        } else {
            t.samplesPointer = fmt::format("/{}", i);
            t.locator = w.pointer(t.samplesPointer);
        }
        tests.push_back(std::move(t));
    });
    if (tests.empty())
        return std::nullopt;
    uint32_t logLines = 0;
    for (const auto& e : doc.lineErrors) {
        if (e.looksLikeJson)
            w.diagnostic(
                Severity::Warning, fmt::format("line {}", e.line), "malformed JSON line skipped: " + e.message);
        else
            ++logLines;
    }
    if (logLines)
        w.diagnostic(Severity::Info, {}, fmt::format("{} log line(s) between the JSON records skipped", logLines));
    writeRecords(w, tests);
    return out;
}

int csvConfidence(const FileInput& in)
{
    if (in.type != FileType::Csv)
        return 0;
    const auto h = in.bytes.substr(0, in.bytes.find('\n'));
    return containsAll(h, {"avg_ts", "n_prompt", "n_gen", "model_type"}) ? confidence::Certain : 0;
}

std::optional<FileExtract> extractCsv(const FileInput& in)
{
    FileExtract out;
    ExtractWriter w(out);
    std::vector<std::string> header;
    std::vector<TestRecord> tests;
    csv::parse(in.bytes, ',', [&](const csv::Row& row) {
        if (row.index == 0) {
            for (const auto f : row.fields)
                header.emplace_back(trim(f));
            return true;
        }
        TestRecord t;
        for (size_t i = 0; i < std::min(header.size(), row.fields.size()); ++i)
            t.fields.emplace(header[i], std::string(trim(row.fields[i])));
        t.locator = w.cell(row.line);
        tests.push_back(std::move(t));
        return true;
    });
    if (tests.empty())
        return std::nullopt;
    writeRecords(w, tests);
    return out;
}

int markdownConfidence(const FileInput& in)
{
    if (in.type != FileType::Markdown && in.type != FileType::Text)
        return 0;
    // The header row of llama-bench's table: "| model | size | params | backend | ... | test | t/s |".
    const auto h = head(in.bytes, 1 << 20);
    for (size_t pos = h.find("| model"); pos != std::string_view::npos; pos = h.find("| model", pos + 1)) {
        const auto end = h.find('\n', pos);
        std::string line
            = normalizeKey(h.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        line = "_" + line + "_";
        if (containsAll(line, {"_model_", "_params_", "_backend_", "_test_", "_t_s_"}))
            return confidence::Certain;
    }
    return 0;
}

std::optional<FileExtract> extractMarkdown(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "llama-bench Markdown";
    ExtractWriter w(out);
    std::vector<PipeTable> tables;
    for (auto& t : findPipeTables(in.bytes)) {
        if (t.column("model") >= 0 && t.column("test") >= 0 && t.column("t_s") >= 0)
            tables.push_back(std::move(t));
    }
    if (tables.empty())
        return std::nullopt;
    const uint32_t ts = w.metric("throughput_tok_s");
    std::set<std::string> headings;
    for (const auto& t : tables)
        headings.insert(t.heading);
    // Several tables under different headings (one per device or run) stay apart through a "section" dimension.
    const bool sections = tables.size() > 1 && headings.size() == tables.size();
    for (const auto& t : tables) {
        const int model = t.column("model");
        const int test = t.column("test");
        const int rate = t.column("t_s");
        for (const auto& row : t.rows) {
            if (row.cells.size() != t.header.size())
                continue;
            FileExtract::Dims dims = {{"model", row.cells[size_t(model)]}};
            for (size_t c = 0; c < t.header.size(); ++c) {
                const auto it = markdownColumns().find(normalizeKey(t.header[c]));
                if (it != markdownColumns().end())
                    dims.emplace_back(dimensionName(it->second), knobValue(row.cells[c]));
            }
            // Very old builds wrote "pp 512".
            std::string testCell = row.cells[size_t(test)];
            if (testCell.size() > 3 && testCell[2] == ' ' && (testCell.starts_with("pp") || testCell.starts_with("tg")))
                testCell.erase(2, 1);
            dims.emplace_back("test", testCell);
            if (sections)
                dims.emplace_back("section", t.heading);
            const uint32_t g = w.group(std::move(dims));
            // "3229.07 ± 53.81": mean ± standard deviation over the repetitions (their number is not printed).
            const std::string& cell = row.cells[size_t(rate)];
            const auto pm = cell.find("±");
            const auto mean = parseNumber(trim(std::string_view(cell).substr(0, pm)));
            if (!mean) {
                w.diagnostic(
                    Severity::Warning, fmt::format("line {}", row.line), "t/s cell is not 'mean ± stddev': " + cell);
                continue;
            }
            w.reported(g, ts, Statistic::Mean, *mean, std::nullopt, w.cell(row.line, t.header[size_t(rate)]));
            if (pm != std::string::npos) {
                if (const auto sd = parseNumber(trim(std::string_view(cell).substr(pm + std::string_view("±").size()))))
                    w.reported(g, ts, Statistic::StdDev, *sd, std::nullopt, w.cell(row.line, t.header[size_t(rate)]));
            }
        }
    }
    if (out.reported.empty())
        return std::nullopt;
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"llama-bench JSON", jsonConfidence, extractJson},
    Recognizer {"llama-bench CSV", csvConfidence, extractCsv},
    Recognizer {"llama-bench Markdown", markdownConfidence, extractMarkdown},
};

} // namespace

std::span<const Recognizer> llamaBenchRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
