#include "models/stats/selector.h"

#include "models/data/dataset.h"
#include "models/util/glob.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>

namespace benchlens {

std::string configValue(const Variant& v, std::string_view key)
{
    if (key == "model")
        return v.model;
    for (const auto& [k, val] : v.config) {
        if (k == key)
            return val;
    }
    return {};
}

namespace {
// "a=1, b=\"x,y\"" -> {{"a", "1"}, {"b", "x,y"}}: terms split at commas outside double quotes; a quoted value
// holds commas, and "" inside it is one quote. A term without '=' gives an empty key. nullopt: unterminated quote.
std::optional<std::vector<std::pair<std::string, std::string>>> splitTerms(std::string_view text)
{
    std::vector<std::pair<std::string, std::string>> terms;
    size_t i = 0;
    while (i <= text.size()) {
        std::string key, value;
        bool inValue = false;
        for (; i < text.size() && text[i] != ','; ++i) {
            const char c = text[i];
            if (!inValue && c == '=') {
                inValue = true;
                continue;
            }
            if (inValue && c == '"' && trim(value).empty()) {
                value.clear();
                for (++i;; ++i) {
                    if (i >= text.size())
                        return std::nullopt;
                    if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                        value.push_back('"');
                        ++i;
                    } else if (text[i] == '"') {
                        break;
                    } else {
                        value.push_back(text[i]);
                    }
                }
                continue;
            }
            (inValue ? value : key).push_back(c);
        }
        ++i; // the comma
        if (!inValue && trim(key).empty())
            continue; // an empty term: "a=1," or "a=1,,b=2"
        if (!inValue)
            key.clear(); // not a key=value term
        terms.emplace_back(std::string(trim(key)), value);
    }
    return terms;
}
} // namespace

std::string selectorTerm(std::string_view key, std::string_view value)
{
    std::string term(key);
    term.push_back('=');
    if (value.find_first_of(",\"") == std::string_view::npos && trim(value) == value) {
        term.append(value);
        return term;
    }
    term.push_back('"');
    for (const char c : value) {
        if (c == '"')
            term.push_back('"');
        term.push_back(c);
    }
    term.push_back('"');
    return term;
}

bool Selector::matches(const Dataset& ds, uint32_t variant, uint32_t fileIndex) const
{
    if (!variants[variant])
        return false;
    if (!files.empty() && !std::binary_search(files.begin(), files.end(), fileIndex))
        return false;
    return runs.empty() || std::binary_search(runs.begin(), runs.end(), ds.files[fileIndex].run.value);
}

namespace {
// The ids a run=/file= value names: the exact one, else the glob's matches, else those below the value as a folder.
std::vector<uint32_t> namedBy(std::string_view value, size_t count, const std::function<std::string_view(size_t)>& id)
{
    std::vector<uint32_t> out;
    for (size_t i = 0; i < count; ++i) {
        if (id(i) == value)
            return {static_cast<uint32_t>(i)};
    }
    const bool glob = value.find_first_of("*?[") != std::string_view::npos;
    std::string folder(value);
    if (!folder.empty() && folder.back() != '/')
        folder.push_back('/');
    for (size_t i = 0; i < count; ++i) {
        if (glob ? globMatch(value, id(i)) : id(i).starts_with(folder))
            out.push_back(static_cast<uint32_t>(i));
    }
    return out;
}
} // namespace

Result<Selector> parseSelector(const Dataset& ds, std::string_view text)
{
    Selector s;
    s.text = std::string(trim(text));
    s.variants.assign(ds.variants.size(), 0);
    if (s.text.empty())
        return Error {"an empty selector selects nothing: give a variant id, a run id or key=value terms"};
    if (const auto v = ds.findVariant(s.text)) {
        s.variants[v->value] = 1;
        return s;
    }
    if (const auto r = ds.findRun(s.text)) {
        s.variants.assign(ds.variants.size(), 1);
        s.runs = {r->value};
        s.runId = true;
        return s;
    }
    s.variants.assign(ds.variants.size(), 1);
    const auto terms = splitTerms(s.text);
    if (!terms)
        return Error {fmt::format("'{}' has an unterminated quote", s.text)};
    for (const auto& [key, rawValue] : *terms) {
        if (key.empty())
            return Error {fmt::format("'{}' is neither a variant id, a run id, nor key=value terms", s.text)};
        const std::string value = cleanDimensionValue(rawValue);
        if (key == "variant") {
            for (size_t v = 0; v < ds.variants.size(); ++v)
                s.variants[v] = s.variants[v] && ds.variants[v].id == value;
        } else if (key == "run") {
            s.runs = namedBy(value, ds.runs.size(), [&](size_t r) { return std::string_view(ds.runs[r].id); });
            if (s.runs.empty())
                return Error {fmt::format("'{}': the folder has no run '{}'", s.text, value)};
        } else if (key == "file") {
            s.files = namedBy(value, ds.files.size(), [&](size_t f) { return std::string_view(ds.files[f].path); });
            if (s.files.empty())
                return Error {fmt::format("'{}': the folder has no file '{}'", s.text, value)};
        } else if (key == "metric") {
            s.metric = ds.findMetric(value);
            if (!s.metric)
                return Error {fmt::format("'{}': no file measures a metric '{}'", s.text, value)};
        } else {
            for (size_t v = 0; v < ds.variants.size(); ++v)
                s.variants[v] = s.variants[v] && configValue(ds.variants[v], key) == value;
        }
    }
    return s;
}

} // namespace benchlens
