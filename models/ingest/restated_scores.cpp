#include "models/ingest/restated_scores.h"

#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace benchlens {

namespace {

std::string parentOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// "org.example.ParseBench.parse" and the console's "o.e.ParseBench.parse" or "ParseBench.parse": "ParseBench.parse".
std::string classAndMethod(const std::string& benchmark)
{
    const auto last = benchmark.rfind('.');
    if (last == std::string::npos || last == 0)
        return benchmark;
    const auto before = benchmark.rfind('.', last - 1);
    return before == std::string::npos ? benchmark : benchmark.substr(before + 1);
}

// What identifies a JMH result across the two formats: metric, Class.method, mode and the parameters (threads is
// in the JSON only).
std::string resultKey(const FileExtract& e, const FileExtract::Reported& r)
{
    std::string key = e.metrics[r.metric].name;
    for (const auto& [name, value] : e.groups[r.group]) {
        if (name == "threads")
            continue;
        key += '\x1f' + name + '=' + (name == "benchmark" ? classAndMethod(value) : value);
    }
    return key;
}

bool isScore(const FileExtract& e, const FileExtract::Reported& r)
{
    const std::string& m = e.metrics[r.metric].name;
    return r.statistic == Statistic::Mean && (m == "time_per_iteration_ns" || m == "ops_per_s");
}

// The console prints a score with three decimals in its own unit (ms/op, ops/s, ...); the value read is that times
// the unit's power of 1000. The largest such power under which the value still has at most three decimals is the
// printed unit, and half its last decimal is the rounding.
double printedRounding(double console)
{
    double unit = 1;
    for (double f = 1e9; f >= 1e-9; f /= 1000) {
        const double printed = std::fabs(console) / f * 1000;
        if (printed >= 1 && std::fabs(printed - std::round(printed)) <= 1e-6 * std::max(1.0, printed)) {
            unit = f;
            break;
        }
    }
    return 0.0005 * unit * (1 + 1e-9);
}

} // namespace

void reconcileRestatedJmhScores(std::vector<SourceFile>& files)
{
    for (auto& table : files) {
        if (table.recognizer != "JMH console table" || table.duplicateOf)
            continue;
        const std::string folder = parentOf(table.path);
        std::map<std::string, std::pair<double, const SourceFile*>> jsonScores;
        for (const auto& f : files) {
            if (f.recognizer != "JMH JSON" || f.duplicateOf || parentOf(f.path) != folder)
                continue;
            for (const auto& r : f.extract.reported) {
                if (isScore(f.extract, r))
                    jsonScores.emplace(resultKey(f.extract, r), std::pair(r.value, &f));
            }
        }
        if (jsonScores.empty())
            continue;
        FileExtract& e = table.extract;
        size_t rows = 0, restated = 0;
        const SourceFile* source = nullptr;
        std::vector<std::string> disagreements;
        for (const auto& r : e.reported) {
            if (!isScore(e, r))
                continue;
            ++rows;
            const auto it = jsonScores.find(resultKey(e, r));
            if (it == jsonScores.end())
                continue;
            ++restated;
            source = it->second.second;
            if (std::fabs(it->second.first - r.value) > printedRounding(r.value)) {
                disagreements.push_back(fmt::format("line {}: {} here, {} in {}", r.locator.line, formatValue(r.value),
                    formatValue(it->second.first), it->second.second->path));
            }
        }
        if (!disagreements.empty()) {
            std::string list;
            for (size_t i = 0; i < std::min<size_t>(disagreements.size(), 5); ++i)
                list += (i ? "; " : "") + disagreements[i];
            e.diagnostics.push_back({Severity::Warning, {}, {},
                fmt::format("{} of the {} JMH score(s) this table restates from the JSON result beside it disagree "
                            "({}{}); both are kept",
                    disagreements.size(), restated, list, disagreements.size() > 5 ? "; ..." : "")});
        } else if (restated == rows && rows > 0) {
            e.reported.clear();
            e.diagnostics.push_back({Severity::Info, {}, {},
                fmt::format("the {} JMH score(s) of this console table restate {} (same benchmarks, modes and "
                            "parameters, equal to the printed precision): counted once, from {}",
                    rows, source->path, source->path)});
        }
    }
}

} // namespace benchlens
