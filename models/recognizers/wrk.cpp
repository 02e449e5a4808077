// wrk / wrk2 console output, also pasted into Markdown (several runs under headings or code blocks). Each
// "Running 30s test @ URL" block is one run: one record with the run's Requests/sec, its mean latency, its
// --latency percentiles (wrk's "50% 1.20ms" or wrk2's HdrHistogram "50.000% 1.08ms") and the request count.
// wrk2's "Thread calibration" lines and its "Detailed Percentile spectrum" are not results. Threads,
// connections, the duration and wrk2's -R rate are dimensions of the variant.
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"
#include "models/util/text.h"

#include <array>
#include <span>
#include <vector>

namespace benchlens {

namespace {

// "1.07ms", "372.06us", "1.20s", "2.00m" -> ms.
std::optional<double> wrkDurationMs(std::string_view s)
{
    static constexpr std::pair<std::string_view, double> units[]
        = {{"us", 1e-3}, {"ms", 1.0}, {"s", 1000.0}, {"m", 60000.0}, {"h", 3600000.0}};
    for (const auto& [unit, factor] : units) {
        if (s.ends_with(unit)) {
            if (auto v = parseNumber(s.substr(0, s.size() - unit.size())))
                return *v * factor;
        }
    }
    return std::nullopt;
}

std::optional<std::pair<std::string, Statistic>> percentileMetric(double p)
{
    if (p == 50)
        return std::pair<std::string, Statistic> {"latency_p50_ms", Statistic::Value};
    if (p == 95)
        return std::pair<std::string, Statistic> {"latency_p95_ms", Statistic::Value};
    if (p == 99)
        return std::pair<std::string, Statistic> {"latency_p99_ms", Statistic::Value};
    return std::nullopt;
}

int confidenceOf(const FileInput& in)
{
    if (in.type == FileType::Json || in.type == FileType::Csv)
        return 0;
    const auto h = head(in.bytes);
    return containsAll(h, {"Running ", " test @ ", "Thread Stats", "Requests/sec:"}) ? confidence::Certain : 0;
}

struct Run
{
    FileExtract::Dims dims;
    uint32_t line = 0;
    std::vector<std::pair<std::string, double>> values; // metric name -> value
};

std::optional<FileExtract> extract(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "wrk console";
    ExtractWriter w(out);
    std::vector<Run> runs;
    std::string rate; // wrk2 -R from a command line seen before the run
    bool inSpectrum = false;
    forEachLine(in.bytes, [&](uint32_t lineNo, std::string_view line) {
        const auto t = trim(line);
        const auto ws = splitWords(t);
        if (ws.empty())
            return;
        if (t.starts_with("Running ") && t.find(" test @ ") != std::string_view::npos) {
            Run r;
            r.line = lineNo;
            if (ws.size() >= 2)
                r.dims.emplace_back("duration", std::string(ws[1]));
            if (!rate.empty())
                r.dims.emplace_back("rate", rate);
            runs.push_back(std::move(r));
            inSpectrum = false;
            return;
        }
        // A command line ("wrk -t10 -c200 -d30s -R2000 ..." or its flags alone): wrk2's -R target rate.
        if (t.starts_with("wrk ") || (t.size() > 1 && t[0] == '-' && t[1] >= 'a' && t[1] <= 'z')
            || t.starts_with("-R")) {
            rate.clear();
            for (size_t i = 0; i < ws.size(); ++i) {
                if (ws[i].starts_with("-R") && ws[i].size() > 2)
                    rate = std::string(ws[i].substr(2));
                else if ((ws[i] == "-R" || ws[i] == "--rate") && i + 1 < ws.size())
                    rate = std::string(ws[i + 1]);
                else if (ws[i].starts_with("--rate="))
                    rate = std::string(ws[i].substr(7));
            }
            return;
        }
        if (runs.empty())
            return;
        Run& r = runs.back();
        if (t.starts_with("Detailed Percentile spectrum")) {
            inSpectrum = true;
            return;
        }
        if (inSpectrum) {
            if (t.starts_with("----"))
                inSpectrum = false;
            return;
        }
        // "10 threads and 200 connections"
        if (ws.size() == 5 && ws[1] == "threads" && ws[2] == "and" && ws[4] == "connections") {
            r.dims.emplace_back("threads", std::string(ws[0]));
            r.dims.emplace_back("connections", std::string(ws[3]));
        } else if (ws[0] == "Latency" && ws.size() >= 4) {
            if (auto v = wrkDurationMs(ws[1]))
                r.values.emplace_back("latency_ms", *v);
            if (auto v = wrkDurationMs(ws[2]))
                r.values.emplace_back("latency_stdev_ms", *v);
            if (auto v = wrkDurationMs(ws[3]))
                r.values.emplace_back("latency_max_ms", *v);
        } else if (ws.size() == 2 && ws[0].ends_with("%")) {
            // "50%    1.20ms" / "99.900%    3.15ms"
            const auto p = parseNumber(ws[0].substr(0, ws[0].size() - 1));
            const auto v = wrkDurationMs(ws[1]);
            if (p && v) {
                if (auto m = percentileMetric(*p))
                    r.values.emplace_back(m->first, *v);
                else
                    r.values.emplace_back("latency_p" + normalizeKey(cleanNumber(*p)) + "_ms", *v);
            }
        } else if (ws.size() >= 4 && ws[1] == "requests" && ws[2] == "in") {
            if (auto n = parseNumber(ws[0]))
                r.values.emplace_back("requests", *n);
        } else if (ws[0] == "Requests/sec:" && ws.size() >= 2) {
            if (auto v = parseNumber(ws[1]))
                r.values.emplace_back("request_throughput_req_s", *v);
        } else if (t.starts_with("Non-2xx or 3xx responses:") && ws.size() >= 5) {
            if (auto v = parseNumber(ws[4]))
                r.values.emplace_back("non_2xx_3xx_responses", *v);
        }
    });
    for (auto& r : runs) {
        if (r.values.empty())
            continue;
        const uint32_t g = w.group(std::move(r.dims));
        const uint32_t rec = w.record(g, w.line(r.line));
        for (const auto& [name, value] : r.values) {
            uint32_t metric = 0;
            if (name == "latency_ms" || name == "request_throughput_req_s" || name == "latency_p50_ms"
                || name == "latency_p95_ms" || name == "latency_p99_ms")
                metric = w.metric(name);
            else if (name == "requests" || name == "non_2xx_3xx_responses")
                metric = w.customMetric(name, "requests");
            else
                metric = w.customMetric(name, "ms");
            w.sample(rec, metric, value);
        }
    }
    if (out.records.empty())
        return std::nullopt;
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"wrk console", confidenceOf, extract},
};

} // namespace

std::span<const Recognizer> wrkRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
