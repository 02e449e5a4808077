// Generic Markdown and plain-text reports. Every number in a human-written report is a reported value, never a
// sample: pipe tables (a row per variant, or "Metric | Value" pairs) and lines such as "- Throughput: 41.42 tok/s"
// or "**TTFT:** 300.65 ms". "Configuration: num_gpu=80, num_ctx=512, temp=0.8" and "Model: X" lines set the
// variant of the numbers that follow them in the same section.
// Repeated blocks of "key: value" lines (five `ollama run --verbose` statistics blocks in one log, an "eval rate:"
// line per prompt) are per-run records, not statements: where a section and variant hold the same run of keys two or
// more times, each block is one observation (samples), so mean, median and spread are computed from them. Lines that
// name a statistic ("Average of eval rate: 19.17 tokens/s") stay reported values.
#include "models/parsers/markdown_parser.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/record_builder.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace benchlens {

namespace {
class ReportReader
{
public:
    ReportReader(FileExtract& out, const FileInput& input)
        : m_out(out)
        , m_builder(out, input)
        , m_catalog(MetricCatalog::instance())
    {
        m_out.report = true;
    }

    void section(const std::string& title)
    {
        if (title != m_section) {
            flushLines();
            m_section = title;
            m_context.clear();
        }
    }

    // One line of prose. Returns true when it held a metric value.
    bool line(std::string_view text, uint32_t lineNo)
    {
        text = trim(text);
        while (!text.empty() && (text.front() == '-' || text.front() == '*' || text.front() == '+'))
            text = trim(text.substr(1));
        // "model_name = llama3:8b": a parameter set with '=' before any ':'.
        if (const auto eq = text.find('='); eq != std::string_view::npos && eq > 0 && eq < text.find(':')) {
            int rule = -1;
            const KeyClass c = m_builder.classify(trim(text.substr(0, eq)), &rule);
            const std::string_view v = trim(text.substr(eq + 1));
            if (c.role == KeyClass::Role::Dimension && !v.empty()) {
                setContext(c.dimension, v.substr(0, v.find_first_of(" \t(,")));
                m_builder.countMapped(rule);
            }
            if (c.role == KeyClass::Role::Dimension)
                return false;
        }
        const auto colon = text.find(':');
        if (colon == std::string_view::npos || colon == 0 || colon > 60)
            return false;
        const std::string_view label = trim(text.substr(0, colon));
        const std::string_view rest = trim(text.substr(colon + 1));
        const std::string labelKey = normalizeKey(label);
        if (labelKey.ends_with("configuration") || labelKey == "config") {
            readConfiguration(rest);
            return false;
        }
        int rule = -1;
        const KeyClass c = m_builder.classify(label, &rule);
        if (c.role == KeyClass::Role::Dimension) {
            // "Model: gemma3:latest" - the first word is the value.
            const std::string_view value = rest.substr(0, rest.find_first_of(" \t(,"));
            if (!value.empty()) {
                setContext(c.dimension, value);
                m_builder.countMapped(rule);
            }
            return false;
        }
        return value(label, rest, lineNo, Locator::Kind::Line);
    }

    // A value cell of a table or a line: resolves the unit written after the number.
    bool value(std::string_view label, std::string_view text, uint32_t lineNo, Locator::Kind kind)
    {
        const uint32_t key = m_builder.key(label);
        const KeyClass& c = m_builder.classOf(key);
        if (c.role != KeyClass::Role::Metric || !c.metric) {
            if (c.role == KeyClass::Role::Unknown && parseNumberWithUnit(text))
                m_builder.noteUnplaced(key);
            else if (c.role == KeyClass::Role::Label && !trim(text).empty())
                m_builder.countMappedKey(key); // a name the user's map ignores
            return false;
        }
        // In prose a duration without a unit cannot be converted honestly.
        const auto canonical = canonicalValue(c, text, true);
        if (!canonical)
            return false;
        Locator loc;
        loc.kind = kind;
        loc.line = lineNo;
        const size_t before = m_out.reported.size();
        m_builder.begin(loc, m_context);
        m_builder.addResolved(key, c.metric, c.statistic, *canonical);
        m_builder.finish(RecordBuilder::Kind::Reported, false);
        if (kind == Locator::Kind::Line && m_out.reported.size() == before + 1)
            m_lines.push_back({key, c.metric, c.statistic, *canonical, loc, m_context, before});
        return true;
    }

    // The "key: value" lines read since the last section change were written as reported values; repeated blocks
    // among them become observations instead.
    void flushLines()
    {
        std::vector<bool> done(m_lines.size(), false);
        std::vector<size_t> asSample; // indices into m_out.reported of the lines that became observations
        for (size_t i = 0; i < m_lines.size(); ++i) {
            if (done[i])
                continue;
            // The lines of one variant, in file order; a statistic ("Average of ...") is never a run's value.
            std::vector<size_t> runLines;
            for (size_t j = i; j < m_lines.size(); ++j) {
                if (!done[j] && m_lines[j].context == m_lines[i].context && m_lines[j].statistic == Statistic::Sample) {
                    runLines.push_back(j);
                    done[j] = true;
                }
            }
            // Blocks: a new one starts where a key of the current block comes again.
            std::vector<std::vector<size_t>> blocks;
            std::vector<uint32_t> keysInBlock;
            for (const size_t j : runLines) {
                if (blocks.empty()
                    || std::find(keysInBlock.begin(), keysInBlock.end(), m_lines[j].key) != keysInBlock.end()) {
                    blocks.emplace_back();
                    keysInBlock.clear();
                }
                blocks.back().push_back(j);
                keysInBlock.push_back(m_lines[j].key);
            }
            // Repeated blocks open with the same key each time (the first line of a stats block).
            const bool repeated = blocks.size() >= 2 && std::all_of(blocks.begin(), blocks.end(), [&](const auto& b) {
                return m_lines[b.front()].key == m_lines[blocks.front().front()].key;
            });
            if (!repeated)
                continue;
            for (const auto& b : blocks) {
                m_builder.begin(m_lines[b.front()].locator, m_lines[b.front()].context);
                for (const size_t j : b) {
                    m_builder.addResolved(m_lines[j].key, m_lines[j].metric, m_lines[j].statistic, m_lines[j].value);
                    asSample.push_back(m_lines[j].reportedIndex);
                }
                m_builder.finish(RecordBuilder::Kind::Auto, false);
            }
        }
        m_lines.clear();
        if (asSample.empty())
            return;
        std::sort(asSample.begin(), asSample.end());
        size_t kept = 0;
        for (size_t r = 0; r < m_out.reported.size(); ++r) {
            if (!std::binary_search(asSample.begin(), asSample.end(), r))
                m_out.reported[kept++] = std::move(m_out.reported[r]);
        }
        m_out.reported.resize(kept);
    }

    void table(const markdown::Table& t)
    {
        section(t.section);
        if (t.header.size() == 2 && isKeyValueHeader(t.header)) {
            for (size_t r = 0; r < t.rows.size(); ++r) {
                if (t.rows[r].size() < 2)
                    continue;
                int rule = -1;
                const KeyClass c = m_builder.classify(t.rows[r][0], &rule);
                if (c.role == KeyClass::Role::Dimension) {
                    const std::string_view v = trim(t.rows[r][1]);
                    setContext(c.dimension, v.substr(0, v.find_first_of(" \t(,")));
                    m_builder.countMapped(rule);
                    continue;
                }
                value(t.rows[r][0], t.rows[r][1], t.rowLines[r], Locator::Kind::Cell);
            }
            return;
        }
        // A console table's second header row of units ("| | ms | tok/s |") names the unit of each column.
        size_t firstRow = 0;
        std::vector<std::string> header = t.header;
        if (!t.rows.empty() && isUnitRow(t.rows[0])) {
            firstRow = 1;
            for (size_t i = 0; i < std::min(header.size(), t.rows[0].size()); ++i) {
                std::string_view u = trim(t.rows[0][i]);
                if (u.size() >= 2 && (u.front() == '(' || u.front() == '['))
                    u = u.substr(1, u.size() - 2);
                if (!u.empty())
                    header[i] = fmt::format("{} ({})", trim(header[i]), u);
            }
        }
        std::vector<uint32_t> keys;
        for (const auto& h : header)
            keys.push_back(m_builder.key(trim(h)));
        for (size_t r = firstRow; r < t.rows.size(); ++r) {
            Locator loc;
            loc.kind = Locator::Kind::Cell;
            loc.line = t.rowLines[r];
            m_builder.begin(loc, m_context);
            const auto& row = t.rows[r];
            for (size_t i = 0; i < std::min(row.size(), keys.size()); ++i) {
                const KeyClass& c = m_builder.classOf(keys[i]);
                if (c.role == KeyClass::Role::Metric && c.metric) {
                    // A table column's header may carry the unit for bare numbers, so none is required here.
                    if (const auto canonical = canonicalValue(c, row[i], false))
                        m_builder.addResolved(keys[i], c.metric, c.statistic, *canonical);
                } else if (c.role == KeyClass::Role::Dimension) {
                    m_builder.addText(keys[i], row[i]);
                } else if (c.role == KeyClass::Role::Unknown && parseNumberWithUnit(row[i])) {
                    m_builder.noteUnplaced(keys[i]);
                } else if (c.role == KeyClass::Role::Label && !trim(row[i]).empty()) {
                    m_builder.countMappedKey(keys[i]); // a column the user's map ignores (else nothing)
                }
            }
            m_builder.finish(RecordBuilder::Kind::Reported, false);
        }
    }

private:
    struct LineValue
    {
        uint32_t key;
        std::optional<CatalogIndex> metric;
        Statistic statistic;
        double value;
        Locator locator;
        FileExtract::Dims context;
        size_t reportedIndex; // where it was written in m_out.reported
    };

    // The number at the start of `text` in the metric's canonical unit, using the unit written after it
    // ("41.42 tok/s", "0.3 s") unless the key's name carried one. Nothing when the written unit does not fit the
    // metric ("TTFT: 3 tokens"), or, with `requireTimeUnit`, when a duration has no unit at all. `c` is a catalog
    // metric's class (c.metric set).
    std::optional<double> canonicalValue(const KeyClass& c, std::string_view text, bool requireTimeUnit) const
    {
        const CatalogIndex metric = *c.metric;
        // A whole value first ("1m23.52s" is one Go duration), else the number that starts the text.
        auto number = parseNumberWithUnit(text);
        if (!number)
            number = parseLeadingNumber(text);
        if (!number)
            return std::nullopt;
        // A time unit in the cell wins over the header's ("TTFT (ms)" over "1.2 s").
        if (c.unitFromName && !number->unit.empty() && m_catalog.metric(metric).isTime) {
            if (const auto f = m_catalog.unitFactor(metric, number->unit))
                return number->value * *f;
        }
        if (c.unitFromName)
            return number->value * c.factor;
        if (number->unit.empty()) {
            if (requireTimeUnit && m_catalog.metric(metric).isTime)
                return std::nullopt;
            return number->value * c.factor;
        }
        const auto unitFactor = m_catalog.unitFactor(metric, number->unit);
        if (!unitFactor)
            return std::nullopt;
        return number->value * *unitFactor;
    }

    // Every non-empty cell a unit ("ms", "(tok/s)", "[%]"), and at least one.
    bool isUnitRow(const std::vector<std::string>& row) const
    {
        bool any = false;
        for (const auto& cell : row) {
            std::string_view u = trim(cell);
            if (u.size() >= 2 && (u.front() == '(' || u.front() == '['))
                u = u.substr(1, u.size() - 2);
            if (u.empty())
                continue;
            const auto resolved = m_catalog.resolveUnit(u);
            if (!resolved || resolved->unit.empty())
                return false;
            any = true;
        }
        return any;
    }

    static bool isKeyValueHeader(const std::vector<std::string>& header)
    {
        const std::string first = normalizeKey(header[0]);
        const std::string second = normalizeKey(header[1]);
        return (first == "metric" || first == "parameter" || first == "setting" || first == "name"
                   || first == "property")
            && (second == "value" || second == "result" || second.empty());
    }

    void setContext(const std::string& name, std::string_view raw)
    {
        std::string v = cleanDimensionValue(raw);
        for (auto& [k, existing] : m_context) {
            if (k == name) {
                existing = v;
                return;
            }
        }
        m_context.emplace_back(name, v);
    }

    // "num_gpu=80, num_ctx=512, temp=0.8" (backticks and bold allowed).
    void readConfiguration(std::string_view text)
    {
        std::string cleaned;
        for (const char c : text) {
            if (c != '`' && c != '*')
                cleaned.push_back(c);
        }
        std::string_view rest = cleaned;
        while (!rest.empty()) {
            const auto comma = rest.find_first_of(",;");
            std::string_view item = trim(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            const auto eq = item.find('=');
            if (eq == std::string_view::npos)
                continue;
            const std::string_view k = trim(item.substr(0, eq));
            std::string_view v = trim(item.substr(eq + 1));
            v = v.substr(0, v.find_first_of(" \t)"));
            int rule = -1;
            const KeyClass c = m_builder.classify(k, &rule);
            if (c.role == KeyClass::Role::Label && rule >= 0) {
                m_builder.countMapped(rule); // a setting the user's map ignores
                continue;
            }
            setContext(c.role == KeyClass::Role::Dimension ? c.dimension : normalizeKey(k), v);
            m_builder.countMapped(rule);
        }
    }

    FileExtract& m_out;
    RecordBuilder m_builder;
    const MetricCatalog& m_catalog;
    FileExtract::Dims m_context;
    std::string m_section;
    std::vector<LineValue> m_lines;
};
} // namespace

FileExtract extractGenericMarkdown(const FileInput& input)
{
    FileExtract out;
    const std::string cleaned = cleanConsoleText(input.bytes);
    const auto doc = markdown::parse(cleaned);
    ReportReader reader(out, input);
    // Tables and lines interleave in document order so that a Configuration line applies to what follows it.
    size_t t = 0;
    for (const auto& l : doc.lines) {
        while (t < doc.tables.size() && doc.tables[t].line < l.line)
            reader.table(doc.tables[t++]);
        reader.section(l.heading ? l.text : l.section);
        if (!l.heading)
            reader.line(l.text, l.line);
    }
    while (t < doc.tables.size())
        reader.table(doc.tables[t++]);
    reader.flushLines();
    return out;
}

FileExtract extractGenericText(const FileInput& input)
{
    FileExtract out;
    if (input.bytes.find('\0') != std::string_view::npos) {
        out.diagnostics.push_back({Severity::Error, {}, {}, "file holds binary data, not text; it was not read"});
        return out;
    }
    ReportReader reader(out, input);
    // ANSI colours, spinners and box-drawn console tables cleaned first; pipe tables (console ones included) are
    // read as tables, every other line as a possible "key: value" line.
    const std::string cleaned = cleanConsoleText(input.bytes);
    const std::string_view text = cleaned;
    std::vector<markdown::Table> tables;
    if (text.find("|-") != std::string_view::npos || text.find("| -") != std::string_view::npos
        || text.find("|:-") != std::string_view::npos)
        tables = markdown::parse(text).tables;
    size_t t = 0;
    uint32_t lineNo = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        ++lineNo;
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        const auto lastLine = [](const markdown::Table& table) {
            return table.rowLines.empty() ? table.line + 1 : table.rowLines.back();
        };
        while (t < tables.size() && lineNo > lastLine(tables[t]))
            ++t;
        if (t < tables.size() && lineNo >= tables[t].line) {
            if (lineNo == tables[t].line)
                reader.table(tables[t]);
            continue;
        }
        // Underlined or '=' framed titles start a new section.
        if (line.find("===") != std::string_view::npos || line.find("---") != std::string_view::npos)
            reader.section(fmt::format("line {}", lineNo));
        else
            reader.line(line, lineNo);
    }
    reader.flushLines();
    return out;
}

} // namespace benchlens
