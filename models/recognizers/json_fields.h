#pragma once

#include "models/parsers/json_parser.h"
#include "models/util/text.h"

#include <optional>
#include <string>
#include <string_view>

namespace benchlens {

// Small accessors for the tool recognizers: a member as a number (numbers written as strings, "550", are
// accepted, as llmperf and llama-bench CSV write them) or as text (numbers and booleans spelled out).

inline std::optional<double> numberField(const json::Document& doc, const json::Node& object, std::string_view key)
{
    const json::Node* m = doc.member(object, key);
    if (!m)
        return std::nullopt;
    if (m->type == json::Type::Number)
        return m->number;
    if (m->type == json::Type::String)
        return parseNumber(m->text);
    return std::nullopt;
}

inline std::optional<std::string> textField(const json::Document& doc, const json::Node& object, std::string_view key)
{
    const json::Node* m = doc.member(object, key);
    if (!m)
        return std::nullopt;
    switch (m->type) {
    case json::Type::String:
        return std::string(m->text);
    case json::Type::Number:
        return cleanNumber(m->number);
    case json::Type::Bool:
        return std::string(m->boolean ? "true" : "false");
    default:
        return std::nullopt;
    }
}

} // namespace benchlens
