// `go test -bench` text output, also pasted into Markdown or appended to a log: one line per benchmark run,
// "BenchmarkName/sub=x-8  <b.N>  <v> ns/op  [<v> MB/s]  [<v> B/op  <v> allocs/op]  [<v> <custom>/op]".
// Every line is one sample of its benchmark (-count=N repeats lines). The -P suffix (GOMAXPROCS) and the
// key=value parts of sub-benchmark names are dimensions; b.N is the iteration count, never a metric. The goos:,
// goarch:, pkg: and cpu: lines (benchstat's configuration) are dimensions of the results after them. Recognized by
// content whatever the file's extension (.bench, .txt, .log, none).
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"
#include "models/util/text.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace benchlens {

namespace {

bool allDigits(std::string_view s)
{
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

struct BenchLine
{
    FileExtract::Dims dims;
    std::vector<std::pair<double, std::string_view>> values; // value, unit ("ns/op", "B/op", ...)
};

// A result line, or nullopt for anything else (goos:, PASS, ok, prose).
std::optional<BenchLine> parseLine(std::string_view line)
{
    const auto f = splitWords(line);
    if (f.size() < 4 || !f[0].starts_with("Benchmark") || !allDigits(f[1]) || f.size() % 2 != 0)
        return std::nullopt;
    BenchLine out;
    for (size_t i = 2; i + 1 < f.size(); i += 2) {
        const auto v = parseNumber(f[i]);
        if (!v)
            return std::nullopt;
        out.values.emplace_back(*v, f[i + 1]);
    }
    if (out.values.empty() || out.values.front().second != "ns/op")
        return std::nullopt;
    std::string_view name = f[0];
    if (const auto dash = name.rfind('-'); dash != std::string_view::npos && allDigits(name.substr(dash + 1))) {
        out.dims.emplace_back("gomaxprocs", std::string(name.substr(dash + 1)));
        name = name.substr(0, dash);
    }
    // Sub-benchmarks: "BenchmarkNew/text=opticks/size=100K" -> benchmark BenchmarkNew, text, size.
    std::string benchmark;
    size_t start = 0;
    while (start <= name.size()) {
        const size_t slash = name.find('/', start);
        const auto part = name.substr(start, slash == std::string_view::npos ? name.npos : slash - start);
        const auto eq = part.find('=');
        if (eq != std::string_view::npos && eq > 0) {
            out.dims.emplace_back(normalizeKey(part.substr(0, eq)), std::string(part.substr(eq + 1)));
        } else {
            if (!benchmark.empty())
                benchmark.push_back('/');
            benchmark.append(part);
        }
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    out.dims.emplace_back("benchmark", benchmark);
    return out;
}

int confidenceOf(const FileInput& in)
{
    const auto h = head(in.bytes);
    if (!containsAll(h, {"Benchmark", " ns/op"}))
        return 0;
    // The first Benchmark line decides: a cheap check of its shape, not a parse of the file.
    size_t pos = 0;
    while ((pos = h.find("Benchmark", pos)) != std::string_view::npos) {
        if (pos == 0 || h[pos - 1] == '\n') {
            const auto end = h.find('\n', pos);
            if (parseLine(h.substr(pos, end == std::string_view::npos ? h.npos : end - pos)))
                return confidence::Certain;
        }
        pos += 9;
    }
    return 0;
}

std::optional<FileExtract> extract(const FileInput& in)
{
    FileExtract out;
    out.recognizer = "go test -bench";
    ExtractWriter w(out);
    const uint32_t time = w.metric("time_per_iteration_ns");
    const auto metricFor = [&](std::string_view unit) -> uint32_t {
        if (unit == "ns/op")
            return time;
        if (unit == "MB/s")
            return w.customMetric("throughput_mb_s", "MB/s");
        if (unit == "B/op")
            return w.customMetric("bytes_per_op", "B/op");
        if (unit == "allocs/op")
            return w.customMetric("allocs_per_op", "allocs/op");
        // b.ReportMetric units ("req/s", "p50-ns"): kept under their own name.
        return w.customMetric(normalizeKey(unit), unit);
    };
    // The configuration lines `go test` prints before a package's results (benchstat's "key: value" lines) apply
    // to the results that follow them, until the next such line changes them.
    FileExtract::Dims config;
    forEachLine(in.bytes, [&](uint32_t lineNo, std::string_view line) {
        const auto t = trim(line);
        for (const std::string_view key : {"goos", "goarch", "pkg", "cpu"}) {
            if (t.size() > key.size() && t.starts_with(key) && t[key.size()] == ':') {
                const std::string value(trim(t.substr(key.size() + 1)));
                const auto it
                    = std::find_if(config.begin(), config.end(), [&](const auto& d) { return d.first == key; });
                if (it != config.end())
                    it->second = value;
                else
                    config.emplace_back(std::string(key), value);
                return;
            }
        }
        auto parsed = parseLine(line);
        if (!parsed)
            return;
        parsed->dims.insert(parsed->dims.end(), config.begin(), config.end());
        const uint32_t g = w.group(std::move(parsed->dims));
        const uint32_t rec = w.record(g, w.line(lineNo));
        for (const auto& [value, unit] : parsed->values)
            w.sample(rec, metricFor(unit), value, unit);
    });
    return unlessEmpty(std::move(out));
}

constexpr std::array kRecognizers = {
    Recognizer {"go test -bench", confidenceOf, extract},
};

} // namespace

std::span<const Recognizer> goBenchRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
