#include "models/llm/narrative_facts.h"

#include "models/data/dataset.h"
#include "models/report/report_document.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace benchlens {

namespace {
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char lower(char c)
{
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

// A unit word as written -> its normalized name; "" when the word is not a unit.
std::string unitName(std::string_view word)
{
    if (word == "B")
        return "B"; // a lower-case "b" is a model size: "8b"
    std::string w;
    for (const char c : word)
        w.push_back(lower(c));
    static const std::map<std::string, std::string, std::less<>> units = {{"ns", "ns"}, {"us", "us"},
        {"\xC2\xB5s", "us"}, {"ms", "ms"}, {"s", "s"}, {"sec", "s"}, {"secs", "s"}, {"second", "s"}, {"seconds", "s"},
        {"min", "min"}, {"mins", "min"}, {"minute", "min"}, {"minutes", "min"}, {"h", "h"}, {"hours", "h"},
        {"hour", "h"}, {"%", "%"}, {"percent", "%"}, {"tok/s", "tok/s"}, {"tokens/s", "tok/s"}, {"token/s", "tok/s"},
        {"t/s", "tok/s"}, {"tokens/sec", "tok/s"}, {"tps", "tok/s"}, {"x", "x"}, {"bytes", "B"}, {"kb", "KB"},
        {"mb", "MB"}, {"gb", "GB"}, {"kib", "KiB"}, {"mib", "MiB"}, {"gib", "GiB"}};
    const auto it = units.find(w);
    return it == units.end() ? std::string() : it->second;
}

// The run of unit characters at `at`: letters, '/', '%', and 'µ'.
size_t unitWordEnd(std::string_view t, size_t at)
{
    size_t i = at;
    while (i < t.size()) {
        if (isAsciiLetter(t[i]) || t[i] == '/' || t[i] == '%') {
            ++i;
        } else if (t[i] == '\xC2' && i + 1 < t.size() && t[i + 1] == '\xB5') {
            i += 2;
        } else {
            break;
        }
    }
    return i;
}

std::string plainText(const Inlines& inlines, std::vector<std::string>* refs)
{
    std::string out;
    for (const auto& in : inlines) {
        switch (in.kind) {
        case Inline::Kind::SourceRef:
            if (refs)
                refs->push_back(in.text);
            break;
        case Inline::Kind::Anchor:
            break;
        default:
            out += in.text;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// "ttft_ms (ms)" -> "ms"
std::string headingUnit(const std::string& heading)
{
    const auto open = heading.rfind('(');
    const auto close = heading.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        return {};
    return heading.substr(open + 1, close - open - 1);
}

bool isStatisticColumn(const std::string& header)
{
    static const std::set<std::string> columns
        = {"mean", "median", "p95", "p99", "stddev", "min", "max", "Baseline mean", "Candidate mean", "95% CI of mean"};
    return columns.count(header) > 0;
}
} // namespace

std::vector<std::pair<size_t, size_t>> findDates(std::string_view t)
{
    std::vector<std::pair<size_t, size_t>> dates;
    for (size_t i = 0; i + 10 <= t.size(); ++i) {
        if (i > 0 && isDigit(t[i - 1]))
            continue;
        const bool shape = isDigit(t[i]) && isDigit(t[i + 1]) && isDigit(t[i + 2]) && isDigit(t[i + 3])
            && t[i + 4] == '-' && isDigit(t[i + 5]) && isDigit(t[i + 6]) && t[i + 7] == '-' && isDigit(t[i + 8])
            && isDigit(t[i + 9]);
        if (!shape)
            continue;
        size_t end = i + 10;
        if (end + 1 < t.size() && (t[end] == 'T' || t[end] == ' ') && isDigit(t[end + 1])) {
            size_t j = end + 1;
            while (j < t.size() && (isDigit(t[j]) || t[j] == ':' || t[j] == '.'))
                ++j;
            if (j < t.size() && t[j] == 'Z')
                ++j;
            end = j;
        }
        while (end > i && (t[end - 1] == '.' || t[end - 1] == ':'))
            --end;
        dates.emplace_back(i, end);
        i = end;
    }
    return dates;
}

std::vector<TextNumber> findNumbers(std::string_view t)
{
    std::vector<TextNumber> out;
    const auto dates = findDates(t);
    size_t nextDate = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        while (nextDate < dates.size() && dates[nextDate].second <= i)
            ++nextDate;
        if (nextDate < dates.size() && i >= dates[nextDate].first) {
            i = dates[nextDate].second - 1;
            continue;
        }
        if (!isDigit(t[i]))
            continue;
        // Digits glued to a name on the left: "llama3", "q4_0", "p95", "S12", "v1.2".
        const char prev = i ? t[i - 1] : ' ';
        if (isAsciiLetter(prev) || prev == '_' || prev == '.' || prev == '/') {
            while (i + 1 < t.size() && (isDigit(t[i + 1]) || t[i + 1] == '.' || t[i + 1] == '_'))
                ++i;
            continue;
        }
        const size_t begin = i;
        size_t j = i;
        std::string digits;
        while (j < t.size()) {
            if (isDigit(t[j])) {
                digits.push_back(t[j++]);
            } else if (t[j] == ',' && !digits.empty() && j + 3 < t.size() && isDigit(t[j + 1]) && isDigit(t[j + 2])
                && isDigit(t[j + 3]) && (j + 4 >= t.size() || !isDigit(t[j + 4]))) {
                ++j; // a thousands separator: "1,234"
            } else {
                break;
            }
        }
        int decimals = 0;
        if (j + 1 < t.size() && t[j] == '.' && isDigit(t[j + 1])) {
            digits.push_back('.');
            ++j;
            while (j < t.size() && isDigit(t[j])) {
                digits.push_back(t[j++]);
                ++decimals;
            }
        }
        int exponent = 0;
        if (j + 1 < t.size() && (t[j] == 'e' || t[j] == 'E')
            && (isDigit(t[j + 1]) || ((t[j + 1] == '-' || t[j + 1] == '+') && j + 2 < t.size() && isDigit(t[j + 2])))) {
            size_t k = j + 1;
            const bool negative = t[k] == '-';
            if (t[k] == '-' || t[k] == '+')
                ++k;
            int e = 0;
            while (k < t.size() && isDigit(t[k]))
                e = e * 10 + (t[k++] - '0');
            exponent = negative ? -e : e;
            j = k;
        }
        // Glued to a name on the right: "8b", "270m", "4_0", "1.5b", "3rd", "x86".
        std::string unit;
        size_t end = j;
        if (j < t.size() && (t[j] == '_' || t[j] == ':' || (t[j] == '.' && j + 1 < t.size() && isDigit(t[j + 1])))) {
            i = j;
            continue;
        }
        if (j < t.size() && (isAsciiLetter(t[j]) || t[j] == '%' || t[j] == '\xC2')) {
            const size_t w = unitWordEnd(t, j);
            unit = unitName(t.substr(j, w - j));
            if (unit.empty() && t[j] != '%') {
                i = w;
                continue;
            }
            end = w;
        } else if (j + 1 < t.size() && t[j] == ' ') {
            const size_t w = unitWordEnd(t, j + 1);
            if (w > j + 1) {
                unit = unitName(t.substr(j + 1, w - j - 1));
                if (!unit.empty())
                    end = w;
            }
        }
        // A list marker at the start of a line: "1. ", "2) ".
        size_t lineStart = begin;
        while (lineStart > 0 && t[lineStart - 1] != '\n')
            --lineStart;
        bool marker = unit.empty() && j < t.size() && (t[j] == '.' || t[j] == ')')
            && (j + 1 >= t.size() || t[j + 1] == ' ') && decimals == 0;
        for (size_t k = lineStart; marker && k < begin; ++k)
            marker = t[k] == ' ' || t[k] == '#' || t[k] == '\t';
        i = end - 1;
        if (marker)
            continue;
        double value = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
        const double scale = std::pow(10.0, exponent);
        TextNumber n;
        n.value = value * scale;
        n.unit = unit;
        n.halfStep = 0.5 * std::pow(10.0, -decimals) * scale;
        n.begin = begin;
        n.end = end;
        out.push_back(std::move(n));
    }
    return out;
}

std::string FactSheet::promptText() const
{
    std::string out;
    for (const auto& f : facts) {
        std::string refs;
        for (const auto& s : f.sources)
            refs.append(refs.empty() ? "" : ",").append(s);
        out += fmt::format("{} [{}] {}: {}\n", f.id, refs, f.section, f.text);
    }
    if (leftOut)
        out += fmt::format("({} more facts are in the report but were left out here.)\n", leftOut);
    return out;
}

FactSheet buildFactSheet(const Dataset& ds, const ReportDocument& report, size_t maxFacts)
{
    FactSheet sheet;
    InventoryCounts& inv = sheet.inventory;
    inv.files = ds.inventory.files;
    for (int t = 0; t < 5; ++t)
        inv.byType[t] = ds.inventory.byType[t];
    for (const auto& f : ds.files)
        inv.sources += (f.observations || f.failedObservations || f.reported || f.equivalentOf) ? 1 : 0;
    inv.directories = ds.inventory.directories.size();
    inv.runs = ds.runs.size();
    inv.variants = ds.variants.size();
    std::map<std::string, uint64_t> perModel;
    std::set<std::string> names;
    for (const auto& v : ds.variants) {
        inv.failedObservations += v.failedObservations;
        inv.failingVariants += v.failedObservations ? 1 : 0;
        if (v.failedObservations)
            inv.failedPerVariant.push_back(v.failedObservations);
        if (!v.model.empty()) {
            ++perModel[v.model];
            names.insert(v.model);
        }
    }
    for (const auto& [model, n] : perModel)
        inv.variantsPerModel.push_back(n);
    for (const auto& f : ds.files)
        names.insert(f.path);
    sheet.names.assign(names.begin(), names.end());

    std::vector<Fact> facts;
    const auto add = [&](const std::string& section, std::string text, std::vector<std::string> refs) {
        if (text.empty())
            return;
        Fact f;
        f.section = section;
        f.text = std::move(text);
        f.sources = refs.empty() ? std::vector<std::string> {section.substr(0, section.find(" / "))} : std::move(refs);
        facts.push_back(std::move(f));
    };
    add("Inventory",
        fmt::format("{} files ({} csv, {} json, {} md, {} txt, {} other) in {} folders; {} source files with "
                    "numbers; {} runs; {} variants; {} failed observations in {} variants",
            inv.files, inv.byType[0], inv.byType[1], inv.byType[2], inv.byType[3], inv.byType[4], inv.directories,
            inv.sources, inv.runs, inv.variants, inv.failedObservations, inv.failingVariants),
        {"Data Ingestion Summary"});
    add("Method",
        "statistics of successful samples; standard deviation with n-1; percentiles p50, p95, p99; 95% confidence "
        "interval of the mean (Student's t); comparisons need p < 0.05",
        {"Performance Analysis"});

    std::string section, sub;
    bool skip = false;
    for (const auto& b : report.blocks) {
        if (b.kind == ReportBlock::Kind::Heading) {
            std::string h = plainText(b.text, nullptr);
            if (b.level <= 2) {
                // "3. Performance Analysis" -> "Performance Analysis"
                const auto dot = h.find(". ");
                if (dot != std::string::npos && dot < 4)
                    h = h.substr(dot + 2);
                section = h;
                sub.clear();
                skip = section.starts_with("Appendix") || section.starts_with("Workflow");
            } else {
                sub = h;
            }
            continue;
        }
        if (skip || section.empty())
            continue;
        const std::string where = sub.empty() ? section : section + " / " + sub;
        switch (b.kind) {
        case ReportBlock::Kind::Paragraph: {
            if (section == "Performance Analysis" && sub.empty())
                break; // the method paragraph: given once above
            std::vector<std::string> refs;
            add(where, plainText(b.text, &refs), std::move(refs));
            break;
        }
        case ReportBlock::Kind::Bullets:
            for (const auto& item : b.items) {
                std::vector<std::string> refs;
                add(where, plainText(item, &refs), std::move(refs));
            }
            break;
        case ReportBlock::Kind::Table: {
            const auto& t = b.table;
            const std::string unit = headingUnit(sub);
            for (const auto& row : t.rows) {
                std::vector<std::string> refs;
                std::string text;
                for (size_t c = 0; c < row.size(); ++c) {
                    std::string cell = plainText(row[c], &refs);
                    if (cell.empty() || (c < t.header.size() && t.header[c] == "sources"))
                        continue;
                    const std::string header = c < t.header.size() ? t.header[c] : std::string();
                    if (!unit.empty() && isStatisticColumn(header) && cell != "-" && !cell.ends_with(unit))
                        cell += " " + unit;
                    text.append(text.empty() ? "" : "; ").append(c == 0 ? cell : header + " " + cell);
                }
                add(where, std::move(text), std::move(refs));
            }
            break;
        }
        case ReportBlock::Kind::Figure:
            if (b.figure.caption.find("sweep") != std::string::npos)
                add(where, b.figure.caption, {});
            break;
        case ReportBlock::Kind::Heading:
        case ReportBlock::Kind::Contents:
            break;
        }
    }
    if (facts.size() > maxFacts) {
        sheet.leftOut = facts.size() - maxFacts;
        facts.resize(maxFacts);
    }
    for (size_t i = 0; i < facts.size(); ++i) {
        facts[i].id = fmt::format("F{}", i + 1);
        facts[i].numbers = findNumbers(facts[i].text);
    }
    sheet.facts = std::move(facts);
    return sheet;
}

} // namespace benchlens
