// MLPerf Inference LoadGen `mlperf_log_summary.txt`: plain text in "=====" sections (Results Summary,
// Additional Stats, Test Parameters Used), `label : value` lines with irregular spacing around the colon.
// Every number is an aggregate LoadGen computed over the run (reported; the file states no sample count):
// the headline metric by scenario (Samples per second, Completed samples/tokens per second, a latency
// percentile for SingleStream/MultiStream), latency min/max/mean/percentiles, and for LLMs the first-token
// latency (TTFT) and time per output token (TPOT) blocks. Everything marked (ns) is nanoseconds.
// `Result is : INVALID` is a warning: the run missed MLPerf's constraints, its numbers are still read.
// Variant: the model and system are not in the file. They come from the submission path
// `<system>/<model>/<Scenario>/performance/run_1/mlperf_log_summary.txt` or from a file-name prefix
// `<system words>_<model>_<Scenario>_mlperf_log_summary.txt`; the scenario from the file's Scenario line. When
// the path names another scenario (the LLM "Interactive" category runs as Scenario : Server) it is kept as
// the `category` dimension, so the two categories stay apart.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/recognizer.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <set>
#include <span>
#include <vector>

namespace benchlens {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

bool isScenarioName(std::string_view s)
{
    const std::string l = lower(s);
    return l == "offline" || l == "server" || l == "singlestream" || l == "multistream" || l == "interactive";
}

std::vector<std::string_view> split(std::string_view s, char sep)
{
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= s.size()) {
        const auto end = s.find(sep, start);
        out.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return out;
}

// What the path says about the run: model, system, the scenario it was filed under, or only a benchmark name.
struct PathIdentity
{
    std::string model, system, scenario, benchmark;
};

PathIdentity identityFromPath(std::string_view relativePath)
{
    PathIdentity id;
    auto parts = split(relativePath, '/');
    const std::string_view file = parts.back();
    parts.pop_back();
    // Submission layout: <system>/<model>/<Scenario>/performance/run_1/ (compliance runs: TEST01/...).
    auto dirs = parts;
    while (!dirs.empty()) {
        const std::string l = lower(dirs.back());
        if (l == "performance" || l == "accuracy" || l.starts_with("run_") || l.starts_with("test0"))
            dirs.pop_back();
        else
            break;
    }
    if (!dirs.empty() && isScenarioName(dirs.back()) && dirs.size() >= 2) {
        id.scenario = std::string(dirs.back());
        id.model = std::string(dirs[dirs.size() - 2]);
        if (dirs.size() >= 3)
            id.system = std::string(dirs[dirs.size() - 3]);
        return id;
    }
    // Collected copies put the same words in the file name: "<system>_<model>_<Scenario>_mlperf_log_summary.txt".
    std::string_view prefix = file;
    const auto at = lower(file).rfind("mlperf_log_summary");
    prefix = prefix.substr(0, at == std::string::npos ? 0 : at);
    while (!prefix.empty() && (prefix.back() == '_' || prefix.back() == '-' || prefix.back() == '.'))
        prefix.remove_suffix(1);
    if (prefix.empty())
        return id;
    auto words = split(prefix, '_');
    if (words.size() > 1 && isScenarioName(words.back())) {
        id.scenario = std::string(words.back());
        words.pop_back();
    }
    if (words.size() == 1) {
        id.benchmark = std::string(words.front());
        return id;
    }
    id.model = std::string(words.back());
    words.pop_back();
    for (const auto w : words) {
        if (!id.system.empty())
            id.system += '_';
        id.system += w;
    }
    return id;
}

std::optional<Statistic> percentileStatistic(double p)
{
    static const std::array<std::pair<double, Statistic>, 11> m = {{{1, Statistic::P1}, {5, Statistic::P5},
        {10, Statistic::P10}, {25, Statistic::P25}, {50, Statistic::P50}, {75, Statistic::P75}, {90, Statistic::P90},
        {95, Statistic::P95}, {97, Statistic::P97}, {99, Statistic::P99}, {99.9, Statistic::P999}}};
    for (const auto& [q, s] : m) {
        if (std::abs(q - p) < 1e-9)
            return s;
    }
    return std::nullopt;
}

// A "(ns)" label: "Mean First Token latency", "99.90 percentile time to output token", "90th percentile
// latency" -> (catalog metric, statistic).
std::optional<std::pair<std::string, Statistic>> latencyLabel(std::string label)
{
    std::optional<Statistic> stat;
    std::string what;
    if (label.starts_with("min ") || label.starts_with("max ") || label.starts_with("mean ")) {
        stat = label[1] == 'i' ? Statistic::Min : label[1] == 'a' ? Statistic::Max : Statistic::Mean;
        what = label.substr(label.find(' ') + 1);
    } else {
        const auto space = label.find(' ');
        std::string_view number = std::string_view(label).substr(0, space);
        if (number.ends_with("th"))
            number.remove_suffix(2);
        const auto p = parseNumber(number);
        const std::string_view rest = space == std::string::npos ? "" : std::string_view(label).substr(space + 1);
        if (!p || !rest.starts_with("percentile "))
            return std::nullopt;
        stat = percentileStatistic(*p);
        what = std::string(rest.substr(11));
    }
    if (!stat)
        return std::nullopt;
    if (what == "latency")
        return std::pair(std::string("latency_ms"), *stat);
    if (what == "first token latency")
        return std::pair(std::string("ttft_ms"), *stat);
    if (what == "time to output token")
        return std::pair(std::string("tpot_ms"), *stat);
    return std::nullopt;
}

int summaryConfidence(const FileInput& in)
{
    if (in.type != FileType::Text)
        return 0;
    if (head(in.bytes, 4096).find("MLPerf Results Summary") != std::string_view::npos)
        return confidence::Certain;
    return lower(fileName(in.relativePath)).ends_with("mlperf_log_summary.txt") ? confidence::Likely : 0;
}

std::optional<FileExtract> extractSummary(const FileInput& in)
{
    struct Line
    {
        uint32_t number;
        std::string label; // lower case, spaces collapsed
        std::string value;
    };
    std::vector<Line> lines;
    std::string scenario, mode, result;
    uint32_t resultLine = 0;
    std::vector<std::string> unmet;
    uint32_t number = 0;
    for (const auto raw : split(in.bytes, '\n')) {
        ++number;
        const std::string_view text = trim(raw);
        // The parameters LoadGen was given (ttft_latency (ns): 2000000000) are settings, not results.
        if (text.starts_with("Test Parameters Used"))
            break;
        const auto colon = text.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string label;
        for (const char c : trim(text.substr(0, colon))) {
            if (c == ' ' || c == '\t') {
                if (!label.empty() && label.back() != ' ')
                    label.push_back(' ');
            } else {
                label.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
            }
        }
        const std::string value(trim(text.substr(colon + 1)));
        if (label == "scenario")
            scenario = value;
        else if (label == "mode")
            mode = value;
        else if (label == "result is") {
            result = value;
            resultLine = number;
        } else if (label.ends_with(" satisfied") && lower(value) == "no")
            unmet.push_back(std::string(trim(text.substr(0, colon))));
        lines.push_back({number, std::move(label), value});
    }
    if (scenario.empty() && result.empty())
        return std::nullopt;

    FileExtract out;
    out.recognizer = "MLPerf LoadGen summary";
    ExtractWriter w(out);
    const PathIdentity path = identityFromPath(in.relativePath);
    FileExtract::Dims dims = {{"model", path.model}, {"system", path.system}, {"scenario", scenario},
        {"benchmark", path.model.empty() ? path.benchmark : std::string()}};
    if (!path.scenario.empty() && lower(path.scenario) != lower(scenario))
        dims.emplace_back("category", path.scenario);
    const uint32_t group = w.group(std::move(dims));

    std::set<std::pair<uint32_t, Statistic>> seen; // "Completed tokens per second" is printed twice
    const auto report = [&](uint32_t metric, Statistic s, double value, const Line& l) {
        if (seen.emplace(metric, s).second)
            w.reported(group, metric, s, value, std::nullopt, w.line(l.number));
    };
    for (const auto& l : lines) {
        const auto value = parseNumber(l.value);
        if (!value)
            continue;
        if (l.label == "samples per second" || l.label == "completed samples per second")
            report(w.metric("samples_per_s"), Statistic::Value, *value, l);
        else if (l.label == "tokens per second" || l.label == "completed tokens per second")
            report(w.metric("throughput_tok_s"), Statistic::Value, *value, l);
        else if (l.label == "scheduled samples per second")
            report(w.customMetric("scheduled_samples_per_s", "samples/s"), Statistic::Value, *value, l);
        else if (l.label.ends_with(" (ns)")) {
            if (const auto m = latencyLabel(l.label.substr(0, l.label.size() - 5)))
                report(w.metric(m->first), m->second, *value * 1e-6, l);
        }
    }
    if (lower(result) == "invalid") {
        std::string why;
        for (const auto& u : unmet) {
            if (!why.empty())
                why += ", ";
            why += u;
            why += ": NO";
        }
        w.diagnostic(Severity::Warning, fmt::format("line {}", resultLine),
            fmt::format("LoadGen result is INVALID{}{}: the run did not meet MLPerf's constraints; its numbers are "
                        "read as they are",
                why.empty() ? "" : " — ", why));
    }
    if (out.reported.empty()) {
        w.diagnostic(Severity::Info, {},
            fmt::format("no performance numbers in this summary (Mode : {})", mode.empty() ? "?" : mode));
    }
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"MLPerf LoadGen summary", summaryConfidence, extractSummary},
};

} // namespace

std::span<const Recognizer> mlperfRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
