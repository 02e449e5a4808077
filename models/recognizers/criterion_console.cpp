// criterion.rs console output, as `cargo bench` prints it and as people paste it into a README, a Markdown report
// or a text log. One block per benchmark:
//
//   group/function/value    time:   [25.114 ns 25.149 ns 25.185 ns]      (a long id stands alone on the line above)
//                           thrpt:  [3.6253 GiB/s 3.6519 GiB/s 3.6716 GiB/s]
//                           change: [-1.2% +0.3% +1.9%] (p = 0.44 > 0.05)
//   Found 6 outliers among 100 measurements (6.00%)
//   slope  [8.2452 ms 9.6160 ms] R^2            [0.7343627 0.6483170]       (--verbose)
//   mean   [8.2823 ms 9.2870 ms] std. dev.      [95.783 µs 1.3789 ms]
//   median [8.2167 ms 8.8483 ms] med. abs. dev. [17.899 µs 764.07 µs]
//
// time: is the tool's point estimate with the bounds of its confidence interval: reported values (Value, CiLower,
// CiUpper) of time_per_iteration_ns, never samples. thrpt: is the same estimate as a rate (bytes or elements per
// second). The verbose intervals are kept under criterion's own estimate names (the names the estimates.json
// recognizer uses). "change:" compares with an earlier run and is not a measurement of this one. M in "among M
// measurements" is the sample count of every value of the block. The benchmark id is split as the target/criterion
// folders are (criterionBenchmarkDims); the Markdown headings above a block are its section, so the same
// benchmark under two headings (two releases, two machines) stays two variants.
#include "models/recognizers/criterion_ids.h"
#include "models/recognizers/extract_writer.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/tool_stats.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <array>
#include <span>
#include <vector>

namespace benchlens {

namespace {

std::vector<std::string_view> words(std::string_view s)
{
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        const size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t')
            ++i;
        if (i > start)
            out.push_back(s.substr(start, i - start));
    }
    return out;
}

// The "[v unit v unit ...]" interval starting at the first '[' at or after `from`: (value, unit) pairs, and the
// position after the ']'. nullopt unless it holds exactly `count` pairs of a number and a unit word.
struct Interval
{
    std::vector<std::pair<double, std::string_view>> values;
    size_t end = 0;
};
std::optional<Interval> interval(std::string_view line, size_t from, size_t count)
{
    const size_t open = line.find('[', from);
    if (open == std::string_view::npos || trim(line.substr(from, open - from)).size() > 0)
        return std::nullopt;
    const size_t close = line.find(']', open);
    if (close == std::string_view::npos)
        return std::nullopt;
    const auto w = words(line.substr(open + 1, close - open - 1));
    if (w.size() != 2 * count)
        return std::nullopt;
    Interval out;
    out.end = close + 1;
    for (size_t i = 0; i < w.size(); i += 2) {
        const auto v = parseNumber(w[i]);
        if (!v)
            return std::nullopt;
        out.values.emplace_back(*v, w[i + 1]);
    }
    return out;
}

// Nanoseconds per one of a time unit as criterion prints it ("ps", "ns", "us", "µs", "μs", "ms", "s").
std::optional<double> nsPerUnit(std::string_view unit)
{
    if (unit == "ps")
        return 1e-3;
    if (const auto ms = msPerUnit(unit))
        return *ms * 1e6;
    return std::nullopt;
}

// criterion's throughput units: bytes per second (binary prefixes; decimal ones with BytesDecimal) and elements
// per second (decimal prefixes). The canonical unit ("B/s", "elem/s") and the factor to it.
std::optional<std::pair<std::string_view, double>> rateUnitOf(std::string_view unit)
{
    static constexpr std::pair<std::string_view, double> bytes[]
        = {{"B/s", 1.0}, {"KiB/s", 1024.0}, {"MiB/s", 1024.0 * 1024}, {"GiB/s", 1024.0 * 1024 * 1024},
            {"TiB/s", 1024.0 * 1024 * 1024 * 1024}, {"KB/s", 1e3}, {"MB/s", 1e6}, {"GB/s", 1e9}, {"TB/s", 1e12}};
    static constexpr std::pair<std::string_view, double> elements[]
        = {{"elem/s", 1.0}, {"Kelem/s", 1e3}, {"Melem/s", 1e6}, {"Gelem/s", 1e9}};
    for (const auto& [u, f] : bytes) {
        if (unit == u)
            return std::pair<std::string_view, double> {"B/s", f};
    }
    for (const auto& [u, f] : elements) {
        if (unit == u)
            return std::pair<std::string_view, double> {"elem/s", f};
    }
    return std::nullopt;
}

// "name   time:   [a u b u c u]": the text before "time:" (may be empty) and the interval; nullopt otherwise.
struct TimeLine
{
    std::string_view name;
    Interval values;
};
std::optional<TimeLine> timeLine(std::string_view line)
{
    size_t pos = 0;
    while ((pos = line.find("time:", pos)) != std::string_view::npos) {
        if (pos == 0 || line[pos - 1] == ' ' || line[pos - 1] == '\t') {
            if (auto v = interval(line, pos + 5, 3))
                return TimeLine {trim(line.substr(0, pos)), std::move(*v)};
        }
        pos += 5;
    }
    return std::nullopt;
}

// A Markdown heading outside code fences: its level (1-6) and text, or level 0.
std::pair<int, std::string_view> heading(std::string_view line)
{
    const std::string_view l = trim(line);
    size_t level = 0;
    while (level < l.size() && l[level] == '#')
        ++level;
    if (level == 0 || level > 6 || level >= l.size() || (l[level] != ' ' && l[level] != '\t'))
        return {0, {}};
    std::string_view title = trim(l.substr(level));
    while (!title.empty() && title.back() == '#')
        title.remove_suffix(1); // closing sequence: "## Results ##"
    return {static_cast<int>(level), trim(title)};
}

bool isFence(std::string_view line)
{
    const std::string_view l = trim(line);
    return l.starts_with("```") || l.starts_with("~~~");
}

struct Lines
{
    std::vector<std::string_view> lines;
    explicit Lines(std::string_view bytes)
    {
        size_t start = 0;
        while (start < bytes.size()) {
            size_t end = bytes.find('\n', start);
            if (end == std::string_view::npos)
                end = bytes.size();
            std::string_view l = bytes.substr(start, end - start);
            if (!l.empty() && l.back() == '\r')
                l.remove_suffix(1);
            lines.push_back(l);
            start = end + 1;
        }
    }
};

int confidenceOf(const FileInput& in)
{
    const auto h = head(in.bytes);
    if (h.find("time:") == std::string_view::npos)
        return 0;
    size_t pos = 0;
    while ((pos = h.find("time:", pos)) != std::string_view::npos) {
        const size_t begin = h.rfind('\n', pos);
        const size_t lineStart = begin == std::string_view::npos ? 0 : begin + 1;
        const size_t end = h.find('\n', pos);
        const auto line = h.substr(lineStart, end == std::string_view::npos ? h.npos : end - lineStart);
        if (const auto t = timeLine(line); t && nsPerUnit(t->values.values.front().second))
            return confidence::Certain;
        pos += 5;
    }
    return 0;
}

// One benchmark's block, written when the next one starts: the sample count comes after the values.
struct Block
{
    uint32_t group = 0;
    uint32_t line = 0;
    struct Value
    {
        uint32_t metric;
        Statistic statistic;
        double value;
        uint32_t line;
    };
    std::vector<Value> values;
    std::optional<uint32_t> n;
};

std::optional<FileExtract> extract(const FileInput& in)
{
    const Lines text(in.bytes);
    // Level-1 headings are the document's title unless there are several.
    int titles = 0;
    {
        bool fenced = false;
        for (const auto l : text.lines) {
            if (isFence(l))
                fenced = !fenced;
            else if (!fenced && heading(l).first == 1)
                ++titles;
        }
    }
    FileExtract out;
    out.recognizer = "criterion console";
    ExtractWriter w(out);
    const uint32_t time = w.metric("time_per_iteration_ns");
    std::optional<Block> block;
    const auto flush = [&] {
        if (!block)
            return;
        for (const auto& v : block->values)
            w.reported(block->group, v.metric, v.statistic, v.value, block->n, w.line(v.line));
        block.reset();
    };
    std::array<std::string, 7> headings;
    bool fenced = false;
    std::string_view previous; // the last non-empty line that was not part of a result block
    for (size_t i = 0; i < text.lines.size(); ++i) {
        const std::string_view line = text.lines[i];
        const auto lineNo = static_cast<uint32_t>(i + 1);
        if (isFence(line)) {
            fenced = !fenced;
            previous = {};
            continue;
        }
        if (!fenced) {
            if (const auto [level, title] = heading(line); level > 0) {
                flush();
                headings[static_cast<size_t>(level)] = std::string(title);
                for (size_t l = static_cast<size_t>(level) + 1; l < headings.size(); ++l)
                    headings[l].clear();
                previous = {};
                continue;
            }
        }
        if (trim(line).empty())
            continue;
        if (auto t = timeLine(line)) {
            flush();
            std::string_view name = t->name.empty() ? previous : t->name;
            if (name.starts_with("Benchmarking "))
                name.remove_prefix(13); // the progress line when the output is not a terminal
            while (!name.empty() && (name.back() == ':' || name.back() == ' '))
                name.remove_suffix(1);
            previous = {};
            if (name.empty()) {
                w.diagnostic(Severity::Warning, fmt::format("line {}", lineNo),
                    "criterion 'time:' line without a benchmark name (none on it or on the line above); not read");
                continue;
            }
            auto dims = criterionBenchmarkDims(name);
            std::string section;
            for (size_t l = titles > 1 ? 1 : 2; l < headings.size(); ++l) {
                if (headings[l].empty())
                    continue;
                if (!section.empty())
                    section += " / ";
                section += headings[l];
            }
            if (!section.empty())
                dims.emplace_back("section", std::move(section));
            block = Block {w.group(std::move(dims)), lineNo, {}, std::nullopt};
            const auto& v = t->values.values;
            const auto factor = nsPerUnit(v[0].second);
            if (factor && nsPerUnit(v[1].second) && nsPerUnit(v[2].second)) {
                block->values.push_back({time, Statistic::CiLower, v[0].first * *factor, lineNo});
                block->values.push_back({time, Statistic::Value, v[1].first * *nsPerUnit(v[1].second), lineNo});
                block->values.push_back({time, Statistic::CiUpper, v[2].first * *nsPerUnit(v[2].second), lineNo});
            } else if (v[0].second == v[1].second && v[1].second == v[2].second) {
                // A custom criterion Measurement (its own formatter, e.g. "bfe"): not a time; kept under its unit.
                const uint32_t m = w.customMetric("measurement_" + normalizeKey(v[0].second), v[0].second);
                block->values.push_back({m, Statistic::CiLower, v[0].first, lineNo});
                block->values.push_back({m, Statistic::Value, v[1].first, lineNo});
                block->values.push_back({m, Statistic::CiUpper, v[2].first, lineNo});
                w.diagnostic(Severity::Info, fmt::format("line {}", lineNo),
                    fmt::format("criterion 'time:' in '{}' (a custom measurement, not a time): kept as "
                                "measurement_{}",
                        v[0].second, normalizeKey(v[0].second)));
            } else {
                w.diagnostic(Severity::Warning, fmt::format("line {}", lineNo),
                    fmt::format("criterion 'time:' with units '{}', '{}', '{}': not read", v[0].second, v[1].second,
                        v[2].second));
            }
            continue;
        }
        if (!block) {
            previous = trim(line);
            continue;
        }
        const std::string_view l = trim(line);
        if (l.starts_with("thrpt:")) {
            const auto t = interval(l, 6, 3);
            if (t) {
                const auto a = rateUnitOf(t->values[0].second);
                const auto b = rateUnitOf(t->values[1].second);
                const auto c = rateUnitOf(t->values[2].second);
                if (a && b && c && a->first == b->first && b->first == c->first) {
                    const uint32_t m = a->first == "B/s" ? w.customMetric("throughput_bytes_s", "B/s")
                                                         : w.customMetric("throughput_elem_s", "elem/s");
                    block->values.push_back({m, Statistic::CiLower, t->values[0].first * a->second, lineNo});
                    block->values.push_back({m, Statistic::Value, t->values[1].first * b->second, lineNo});
                    block->values.push_back({m, Statistic::CiUpper, t->values[2].first * c->second, lineNo});
                    continue;
                }
            }
            w.diagnostic(Severity::Warning, fmt::format("line {}", lineNo),
                "criterion 'thrpt:' line not understood (expected [lower estimate upper] in B/s or elem/s); not read");
            continue;
        }
        if (l.starts_with("Found ") && l.find(" outliers among ") != std::string_view::npos) {
            const auto f = words(l);
            // Found N outliers among M measurements (P%)
            if (f.size() >= 6 && f[5] == "measurements") {
                if (const auto m = parseNumber(f[4]); m && *m > 0)
                    block->n = static_cast<uint32_t>(*m);
            }
            continue;
        }
        // --verbose intervals: "mean [a b] std. dev. [c d]", "median [..] med. abs. dev. [..]", "slope [..] R^2 [..]".
        static constexpr std::pair<std::string_view, std::string_view> estimates[] = {{"slope", "slope"},
            {"mean", "mean"}, {"median", "median"}, {"std. dev.", "std_dev"}, {"med. abs. dev.", "median_abs_dev"}};
        bool verbose = false;
        size_t pos = 0;
        while (pos < l.size()) {
            const std::string_view rest = trim(l.substr(pos));
            const size_t offset = l.size() - rest.size();
            bool matched = false;
            for (const auto& [label, id] : estimates) {
                if (!rest.starts_with(label))
                    continue;
                const auto iv = interval(l, offset + label.size(), 2);
                if (!iv)
                    continue;
                const auto lo = nsPerUnit(iv->values[0].second);
                const auto hi = nsPerUnit(iv->values[1].second);
                if (lo && hi) {
                    const uint32_t m = w.customMetric(fmt::format("{}_time_per_iteration", id), "ns");
                    block->values.push_back({m, Statistic::CiLower, iv->values[0].first * *lo, lineNo});
                    block->values.push_back({m, Statistic::CiUpper, iv->values[1].first * *hi, lineNo});
                }
                pos = iv->end;
                matched = verbose = true;
                break;
            }
            if (!matched)
                break;
        }
        if (verbose || l.starts_with("change:") || l.find("(p = ") != std::string_view::npos
            || (!l.empty() && l.front() >= '0' && l.front() <= '9' && l.find("%)") != std::string_view::npos)
            || l.starts_with("Performance has") || l.starts_with("No change in performance")
            || l.starts_with("Change within noise"))
            continue;
        // Anything else ends the block (prose, the next benchmark's name on its own line).
        flush();
        previous = l;
    }
    flush();
    if (out.reported.empty())
        return std::nullopt;
    return out;
}

constexpr std::array kRecognizers = {
    Recognizer {"criterion console", confidenceOf, extract},
};

} // namespace

std::span<const Recognizer> criterionConsoleRecognizers()
{
    return kRecognizers;
}

} // namespace benchlens
