#include "models/parsers/yaml_parser.h"

#include <fmt/format.h>

#include <cstring>
#include <regex>
#include <yaml.h>

namespace benchlens::yaml {

namespace {

// Deeper than any report; keeps a hostile file from exhausting the stack.
constexpr int kMaxDepth = 512;

void appendJsonString(std::string& out, std::string_view s)
{
    out.push_back('"');
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20)
                out += fmt::format("\\u{:04x}", c);
            else
                out.push_back(ch);
        }
    }
    out.push_back('"');
}

// A plain scalar as its JSON value text.
std::string plainScalar(std::string_view s)
{
    static const std::regex integer(R"([-+]?(0|[1-9][0-9_]*))");
    static const std::regex real(R"([-+]?([0-9][0-9_]*)?\.?[0-9_]*([eE][-+]?[0-9]+)?)");
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return "null";
    for (const std::string_view t : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"}) {
        if (s == t)
            return "true";
    }
    for (const std::string_view f : {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"}) {
        if (s == f)
            return "false";
    }
    for (const std::string_view inf : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
        if (s == inf)
            return "Infinity";
    }
    for (const std::string_view inf : {"-.inf", "-.Inf", "-.INF"}) {
        if (s == inf)
            return "-Infinity";
    }
    if (s == ".nan" || s == ".NaN" || s == ".NAN")
        return "NaN";
    const std::string text(s);
    const bool isInteger = std::regex_match(text, integer);
    const auto mantissa = text.substr(0, text.find_first_of("eE"));
    const bool hasDigit = mantissa.find_first_of("0123456789") != std::string::npos;
    if (isInteger || (hasDigit && std::regex_match(text, real))) {
        // JSON spells numbers more strictly than YAML: no '+', no '_', no bare '.5' or '5.'.
        std::string n;
        for (const char c : text) {
            if (c != '_')
                n.push_back(c);
        }
        if (n.front() == '+')
            n.erase(0, 1);
        if (n.front() == '-' && n.size() > 1 && n[1] == '.')
            n.insert(1, "0");
        else if (n.front() == '.')
            n.insert(0, "0");
        if (const auto dot = n.find('.');
            dot != std::string::npos && (dot + 1 == n.size() || !std::isdigit(static_cast<unsigned char>(n[dot + 1]))))
            n.insert(dot + 1, "0");
        return n;
    }
    std::string out;
    appendJsonString(out, s);
    return out;
}

bool emit(yaml_document_t* doc, yaml_node_t* node, std::string& out, int depth, std::string& error)
{
    if (!node) {
        out += "null";
        return true;
    }
    if (depth > kMaxDepth) {
        error = fmt::format("line {}: nested deeper than {} levels", node->start_mark.line + 1, kMaxDepth);
        return false;
    }
    switch (node->type) {
    case YAML_SCALAR_NODE: {
        const std::string_view value(reinterpret_cast<const char*>(node->data.scalar.value), node->data.scalar.length);
        if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
            out += plainScalar(value);
        else
            appendJsonString(out, value);
        return true;
    }
    case YAML_SEQUENCE_NODE: {
        out.push_back('[');
        bool first = true;
        for (yaml_node_item_t* item = node->data.sequence.items.start; item < node->data.sequence.items.top; ++item) {
            if (!first)
                out.push_back(',');
            first = false;
            if (!emit(doc, yaml_document_get_node(doc, *item), out, depth + 1, error))
                return false;
        }
        out.push_back(']');
        return true;
    }
    case YAML_MAPPING_NODE: {
        out.push_back('{');
        bool first = true;
        for (yaml_node_pair_t* pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top; ++pair) {
            const yaml_node_t* key = yaml_document_get_node(doc, pair->key);
            if (!key || key->type != YAML_SCALAR_NODE) {
                error = fmt::format("line {}: a mapping key that is not a scalar has no JSON form",
                    key ? key->start_mark.line + 1 : node->start_mark.line + 1);
                return false;
            }
            if (!first)
                out.push_back(',');
            first = false;
            appendJsonString(
                out, std::string_view(reinterpret_cast<const char*>(key->data.scalar.value), key->data.scalar.length));
            out.push_back(':');
            if (!emit(doc, yaml_document_get_node(doc, pair->value), out, depth + 1, error))
                return false;
        }
        out.push_back('}');
        return true;
    }
    default:
        out += "null";
        return true;
    }
}

} // namespace

ToJsonResult toJson(std::string_view bytes)
{
    ToJsonResult result;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        result.error = "the YAML parser could not be initialized (out of memory)";
        return result;
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    yaml_document_t doc;
    if (!yaml_parser_load(&parser, &doc)) {
        result.error = fmt::format(
            "line {}: {}", parser.problem_mark.line + 1, parser.problem ? parser.problem : "malformed YAML");
        yaml_parser_delete(&parser);
        return result;
    }
    yaml_node_t* root = yaml_document_get_root_node(&doc);
    if (!root) {
        result.error = "the file holds no YAML document";
    } else {
        result.ok = emit(&doc, root, result.json, 0, result.error);
        if (!result.ok)
            result.json.clear();
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return result;
}

} // namespace benchlens::yaml
