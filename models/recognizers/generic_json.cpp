// Generic JSON / JSON Lines: walks the tree carrying the dimensions of enclosing objects ("model", "options").
// Objects in arrays that hold a recognized per-sample metric are samples (results[], individual_runs[],
// run_results[]); objects of aggregates (mean_*, overall_*, p95_ms, latency_percentiles) are reported values.
#include "models/parsers/json_parser.h"
#include "models/recognizers/recognizer.h"
#include "models/recognizers/record_builder.h"
#include "models/util/text.h"

#include <fmt/format.h>

namespace benchlens {

namespace {
class JsonWalker
{
public:
    JsonWalker(FileExtract& out, const json::Document& doc, const FileInput& input)
        : m_out(out)
        , m_doc(doc)
        , m_builder(out, input)
        , m_catalog(MetricCatalog::instance())
    { }

    void walkRoot()
    {
        const json::Node& root = m_doc.root();
        if (root.type == json::Type::Object) {
            if (const auto* model = m_doc.member(root, "model")) {
                if (model->type == json::Type::String)
                    m_out.namedModel = std::string(trim(model->text));
                else if (const auto* name = m_doc.member(*model, "name"); name && name->type == json::Type::String)
                    m_out.namedModel = std::string(trim(name->text));
            }
        }
        std::string pointer;
        walk(root, pointer, {}, false, false, std::nullopt, 1);
    }

private:
    // True when the element holds a recognized per-sample metric as a direct member.
    bool holdsSampleMetric(const json::Node& object)
    {
        bool found = false;
        m_doc.forEachChild(object, [&](const json::Node& m) {
            if (found || m.type != json::Type::Number)
                return;
            const KeyClass& c = m_builder.classOf(m_builder.key(m.key));
            found = c.role == KeyClass::Role::Metric && c.metric && c.statistic == Statistic::Sample;
        });
        return found;
    }

    // Scalars of a configuration object ("options": {...}) or of an object-valued "model" become dimensions.
    void collectDims(const json::Node& object, bool isModel)
    {
        m_doc.forEachChild(object, [&](const json::Node& m) {
            std::string value;
            if (m.type == json::Type::Number)
                value = cleanNumber(m.number);
            else if (m.type == json::Type::String)
                value = std::string(m.text);
            else if (m.type == json::Type::Bool)
                value = m.boolean ? "true" : "false";
            else
                return;
            const uint32_t key = m_builder.key(m.key);
            const KeyClass& c = m_builder.classOf(key);
            m_builder.countMappedKey(key);
            if (isModel && normalizeKey(m.key) == "name")
                m_builder.addDimension("model", value);
            else if (c.role == KeyClass::Role::Dimension)
                m_builder.addDimension(c.dimension, value);
            else if (c.role != KeyClass::Role::Label)
                m_builder.addDimension(normalizeKey(m.key), value);
        });
    }

    void walk(const json::Node& node, std::string& pointer, const FileExtract::Dims& context, bool inArray,
        bool keepFailures, std::optional<CatalogIndex> impliedMetric, double impliedFactor)
    {
        if (node.type == json::Type::Object) {
            walkObject(node, pointer, context, inArray, keepFailures, impliedMetric, impliedFactor);
        } else if (node.type == json::Type::Array) {
            walkArray(node, pointer, context);
        }
    }

    void walkObject(const json::Node& node, std::string& pointer, const FileExtract::Dims& context, bool inArray,
        bool keepFailures, std::optional<CatalogIndex> impliedMetric, double impliedFactor)
    {
        Locator loc;
        loc.kind = Locator::Kind::Pointer;
        loc.pointer = static_cast<uint32_t>(m_out.pointers.size());
        m_out.pointers.push_back(pointer);
        m_builder.begin(loc, context);
        m_builder.setImpliedMetric(impliedMetric, impliedFactor);
        for (uint32_t c = node.firstChild; c != json::Node::kNone; c = m_doc.node(c).nextSibling) {
            const json::Node& m = m_doc.node(c);
            const uint32_t key = m_builder.key(m.key);
            const KeyClass& kc = m_builder.classOf(key);
            switch (m.type) {
            case json::Type::Number:
                m_builder.addNumber(key, m.number);
                break;
            case json::Type::String:
                m_builder.addText(key, m.text);
                break;
            case json::Type::Bool:
                m_builder.addBool(key, m.boolean);
                break;
            case json::Type::Object:
                if (kc.role == KeyClass::Role::ConfigObject)
                    collectDims(m, false);
                else if (kc.role == KeyClass::Role::Dimension && kc.dimension == "model")
                    collectDims(m, true);
                break;
            default:
                break;
            }
        }
        const auto outcome = m_builder.finish(RecordBuilder::Kind::Auto, inArray && keepFailures);
        (void)outcome;
        const FileExtract::Dims dims = m_builder.currentDims();

        for (uint32_t c = node.firstChild; c != json::Node::kNone; c = m_doc.node(c).nextSibling) {
            const json::Node& m = m_doc.node(c);
            if (m.type != json::Type::Object && m.type != json::Type::Array)
                continue;
            const KeyClass& kc = m_builder.classOf(m_builder.key(m.key));
            if (kc.role == KeyClass::Role::ConfigObject
                || (kc.role == KeyClass::Role::Dimension && kc.dimension == "model"))
                continue;
            const size_t mark = pointer.size();
            appendPointerToken(pointer, m.key);
            // "latency_percentiles": {"p50": ...} - the parent key names the metric of bare statistics.
            std::optional<CatalogIndex> implied;
            double factor = 1;
            const KeyClass parent = m_catalog.classify(stripGroupingWord(m.key));
            if (parent.role == KeyClass::Role::Metric && parent.metric) {
                implied = parent.metric;
                factor = parent.unitFromName ? parent.factor : 1;
            }
            if (m.type == json::Type::Array && kc.role == KeyClass::Role::Metric && kc.metric
                && kc.statistic == Statistic::Sample)
                walkNumberArray(m, pointer, dims, kc);
            else
                walk(m, pointer, dims, false, false, implied, factor);
            pointer.resize(mark);
        }
    }

    static std::string stripGroupingWord(std::string_view key)
    {
        std::string k = normalizeKey(key);
        for (const std::string_view suffix : {"_percentiles", "_statistics", "_stats", "_metrics"}) {
            if (k.size() > suffix.size() && k.compare(k.size() - suffix.size(), suffix.size(), suffix) == 0)
                return k.substr(0, k.size() - suffix.size());
        }
        return k;
    }

    void walkArray(const json::Node& node, std::string& pointer, const FileExtract::Dims& context)
    {
        // Error entries count as failures only in an array that also holds successful samples (or where
        // the entries themselves carry metric fields), so that unrelated arrays of flags are not failures.
        bool anySample = false;
        m_doc.forEachChild(node, [&](const json::Node& e) {
            if (!anySample && e.type == json::Type::Object)
                anySample = holdsSampleMetric(e);
        });
        uint32_t index = 0;
        for (uint32_t c = node.firstChild; c != json::Node::kNone; c = m_doc.node(c).nextSibling, ++index) {
            const json::Node& e = m_doc.node(c);
            if (e.type != json::Type::Object && e.type != json::Type::Array)
                continue;
            const size_t mark = pointer.size();
            pointer += fmt::format("/{}", index);
            walk(e, pointer, context, true, anySample, std::nullopt, 1);
            pointer.resize(mark);
        }
    }

    // "ttft_s": [0.12, 0.10, ...]: every element is one sample.
    void walkNumberArray(
        const json::Node& node, std::string& pointer, const FileExtract::Dims& context, const KeyClass& kc)
    {
        const uint32_t key = m_builder.key(node.key);
        uint32_t index = 0;
        for (uint32_t c = node.firstChild; c != json::Node::kNone; c = m_doc.node(c).nextSibling, ++index) {
            const json::Node& e = m_doc.node(c);
            if (e.type != json::Type::Number)
                continue;
            Locator loc;
            loc.kind = Locator::Kind::Pointer;
            loc.pointer = static_cast<uint32_t>(m_out.pointers.size());
            m_out.pointers.push_back(fmt::format("{}/{}", pointer, index));
            m_builder.begin(loc, context);
            m_builder.addResolved(key, kc.metric, Statistic::Sample, e.number * kc.factor);
            m_builder.finish(RecordBuilder::Kind::Auto, false);
        }
    }

    FileExtract& m_out;
    const json::Document& m_doc;
    RecordBuilder m_builder;
    const MetricCatalog& m_catalog;
};
} // namespace

FileExtract extractGenericJson(const FileInput& input)
{
    FileExtract out;
    if (trim(input.bytes).empty()) {
        out.diagnostics.push_back({Severity::Warning, {}, {}, "the file is empty"});
        return out;
    }
    const bool lines = input.relativePath.ends_with(".jsonl") || input.relativePath.ends_with(".ndjson")
        || json::looksLikeJsonLines(input.bytes);
    auto parsed = lines ? json::parseLines(input.bytes) : json::parse(input.bytes);
    if (!parsed.ok) {
        const auto& e = parsed.error;
        out.diagnostics.push_back({Severity::Error, {}, e.line ? fmt::format("line {} col {}", e.line, e.column) : "",
            "malformed JSON: " + e.message});
        return out;
    }
    for (const auto& e : parsed.document.lineErrors) {
        out.diagnostics.push_back(
            {Severity::Warning, {}, fmt::format("line {}", e.line), "malformed JSON line skipped: " + e.message});
    }
    if (lines)
        out.recognizer = "generic JSON Lines";
    JsonWalker walker(out, parsed.document, input);
    walker.walkRoot();
    return out;
}

} // namespace benchlens
