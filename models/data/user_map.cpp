#include "models/data/user_map.h"

#include "models/data/extract.h"
#include "models/util/glob.h"
#include "models/util/text.h"

#include <QFile>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace benchlens {

namespace {

using nlohmann::json;

std::string_view kActionNames[] = {"metric", "parameter", "model", "ignore"};

// A rule's mistake: where (a JSON pointer) and why.
struct RuleError
{
    std::string pointer;
    std::string reason;
};

std::string knownMetricIds()
{
    std::string ids;
    for (const auto& m : MetricCatalog::instance().metrics())
        ids += (ids.empty() ? "" : ", ") + m.id;
    return ids;
}

// The catalog metric a map names: its id, or a name the catalog reads as one metric ("throughput", "TTFT").
std::optional<CatalogIndex> resolveMetric(const std::string& name)
{
    const MetricCatalog& catalog = MetricCatalog::instance();
    if (const auto id = catalog.findMetric(name))
        return id;
    const KeyClass c = catalog.classify(name);
    return c.role == KeyClass::Role::Metric ? c.metric : std::nullopt;
}

// The factor from `unit` to the canonical unit of catalog metric `metric`; an error reason when the unit is unknown
// or measures something else.
Result<double> unitToCanonical(CatalogIndex metric, const std::string& unit)
{
    const MetricCatalog& catalog = MetricCatalog::instance();
    const MetricDef& def = catalog.metric(metric);
    if (unit.empty() || unit == def.unit)
        return 1.0;
    const auto resolved = catalog.resolveUnit(unit);
    if (!resolved) {
        if (normalizeKey(unit) == normalizeKey(def.unit))
            return 1.0; // "Tokens" for a count in tokens
        return Error {fmt::format("unknown unit '{}' (units are written as in the files: s, ms, us, ns, min, tok/s, "
                                  "tok/ms, req/s, req/min, ops/s, samples/s, %, MB, GB, ...)",
            unit)};
    }
    if (resolved->unit == def.unit)
        return resolved->factor;
    if (def.unit == "ns" && resolved->dimension == "time")
        return resolved->factor * 1e6; // a time per iteration given in s/ms/us
    if (def.kind == MetricKind::Ratio && resolved->unit == "%")
        return 0.01;
    return Error {fmt::format("unit '{}' does not fit metric {} (its unit is {})", unit, def.id, def.unit)};
}

Result<Statistic> resolveStatistic(const std::string& name)
{
    for (int i = 0; i <= static_cast<int>(Statistic::P999); ++i) {
        const auto s = static_cast<Statistic>(i);
        if (statisticName(s) == name)
            return s;
    }
    return Error {fmt::format("unknown statistic '{}' (sample, mean, median, stddev, min, max, p50, p90, p95, p99, "
                              "...)",
        name)};
}

std::optional<RuleError> parseRule(const json& j, const std::string& pointer, UserMapRule& rule)
{
    if (!j.is_object())
        return RuleError {pointer,
            "a rule is an object such as {\"column\": \"gen_rate\", \"metric\": "
            "\"throughput_tok_s\", \"unit\": \"tok/s\"}"};
    const auto stringMember = [&](const char* name, std::string& target) -> std::optional<RuleError> {
        const auto it = j.find(name);
        if (it == j.end())
            return std::nullopt;
        if (!it->is_string())
            return RuleError {pointer + "/" + name, fmt::format("'{}' must be a string", name)};
        target = it->get<std::string>();
        return std::nullopt;
    };
    static const std::vector<std::string> known = {"column", "files", "action", "metric", "unit", "statistic", "name"};
    for (const auto& [key, value] : j.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string token;
            appendPointerToken(token, key);
            return RuleError {pointer + token,
                fmt::format(
                    "unknown member '{}' (a rule has column, files, action, metric, unit, statistic, name)", key)};
        }
    }
    std::string action;
    std::string metric;
    std::string statistic;
    for (const auto& [name, target] :
        {std::pair<const char*, std::string*> {"column", &rule.column}, {"files", &rule.files}, {"action", &action},
            {"metric", &metric}, {"unit", &rule.unit}, {"statistic", &statistic}, {"name", &rule.dimension}}) {
        if (auto e = stringMember(name, *target))
            return e;
    }
    if (trim(rule.column).empty())
        return RuleError {pointer + (j.contains("column") ? "/column" : ""),
            "a rule needs a non-empty \"column\": the exact name of the column or field it is about"};
    if (action.empty() && j.contains("metric"))
        action = "metric";
    if (action.empty())
        return RuleError {pointer, "a rule needs an \"action\": metric, parameter, model or ignore"};
    const auto* found = std::find(std::begin(kActionNames), std::end(kActionNames), action);
    if (found == std::end(kActionNames))
        return RuleError {
            pointer + "/action", fmt::format("unknown action '{}' (metric, parameter, model or ignore)", action)};
    rule.action = static_cast<UserMapRule::Action>(found - std::begin(kActionNames));
    const auto onlyFor = [&](const char* member, UserMapRule::Action a) -> std::optional<RuleError> {
        if (j.contains(member) && rule.action != a)
            return RuleError {pointer + "/" + member,
                fmt::format("'{}' belongs to a rule with action {}, not {}", member, actionName(a), action)};
        return std::nullopt;
    };
    for (const char* member : {"unit", "statistic", "metric"}) {
        if (auto e = onlyFor(member, UserMapRule::Action::Metric))
            return e;
    }
    if (auto e = onlyFor("name", UserMapRule::Action::Parameter))
        return e;

    switch (rule.action) {
    case UserMapRule::Action::Metric: {
        if (metric.empty())
            return RuleError {pointer + (j.contains("metric") ? "/metric" : ""),
                "a metric rule needs \"metric\": one of " + knownMetricIds()};
        rule.catalogMetric = resolveMetric(metric);
        if (!rule.catalogMetric)
            return RuleError {
                pointer + "/metric", fmt::format("unknown metric '{}' (one of {})", metric, knownMetricIds())};
        rule.metric = MetricCatalog::instance().metric(*rule.catalogMetric).id;
        auto factor = unitToCanonical(*rule.catalogMetric, rule.unit);
        if (!factor)
            return RuleError {pointer + "/unit", factor.error()};
        rule.factor = factor.value();
        if (!statistic.empty()) {
            auto s = resolveStatistic(statistic);
            if (!s)
                return RuleError {pointer + "/statistic", s.error()};
            rule.statistic = s.value();
        }
        break;
    }
    case UserMapRule::Action::Parameter:
        rule.dimension = normalizeKey(rule.dimension.empty() ? rule.column : rule.dimension);
        if (rule.dimension.empty())
            return RuleError {pointer + "/name", "the parameter's name has no letters or digits"};
        if (rule.dimension == "model")
            return RuleError {pointer + "/name", "a parameter cannot be named 'model': use the action model"};
        break;
    case UserMapRule::Action::Model:
        rule.dimension = "model";
        break;
    case UserMapRule::Action::Ignore:
        break;
    }
    return std::nullopt;
}

std::string lineAndColumn(std::string_view bytes, size_t byte)
{
    size_t line = 1;
    size_t column = 1;
    for (size_t i = 0; i < byte && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return fmt::format("line {} column {}", line, column);
}

} // namespace

std::string_view actionName(UserMapRule::Action a)
{
    return kActionNames[static_cast<size_t>(a)];
}

bool UserMapRule::appliesTo(std::string_view relativePath) const
{
    if (files.empty())
        return true;
    return globMatch(files, relativePath);
}

KeyClass UserMapRule::keyClass() const
{
    KeyClass c;
    switch (action) {
    case Action::Metric:
        c.role = KeyClass::Role::Metric;
        c.metric = catalogMetric;
        c.statistic = statistic;
        c.factor = factor;
        c.unitFromName = !unit.empty();
        break;
    case Action::Parameter:
    case Action::Model:
        c.role = KeyClass::Role::Dimension;
        c.dimension = dimension;
        break;
    case Action::Ignore:
        c.role = KeyClass::Role::Label; // read as nothing
        break;
    }
    return c;
}

std::string UserMapRule::describe() const
{
    std::string out = fmt::format("`{}`", column);
    switch (action) {
    case Action::Metric:
        out += " is " + metric;
        if (statistic != Statistic::Sample)
            out += fmt::format(" ({} values)", statisticName(statistic));
        if (!unit.empty())
            out += fmt::format(
                ", read in {} (x {:g} to {})", unit, factor, MetricCatalog::instance().metric(*catalogMetric).unit);
        break;
    case Action::Parameter:
        out += " is a parameter" + (dimension == normalizeKey(column) ? std::string() : " named `" + dimension + "`");
        break;
    case Action::Model:
        out += " names the model";
        break;
    case Action::Ignore:
        out += " is ignored";
        break;
    }
    if (!files.empty())
        out += fmt::format(" in files matching `{}`", files);
    return out;
}

int UserMap::find(std::string_view column, std::string_view relativePath) const
{
    for (size_t i = 0; i < rules.size(); ++i) {
        if (rules[i].column == column && rules[i].appliesTo(relativePath))
            return static_cast<int>(i);
    }
    return -1;
}

Result<UserMap> parseUserMap(std::string_view bytes, const std::string& sourceName)
{
    const auto fail = [&](const std::string& where, const std::string& reason) {
        return Error {fmt::format("{}: {}{}{}", sourceName, where, where.empty() ? "" : ": ", reason)};
    };
    json doc;
    try {
        doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error& e) {
        // nlohmann's message repeats the position; the byte offset names the place.
        std::string what = e.what();
        if (const auto colon = what.rfind(": "); colon != std::string::npos)
            what = what.substr(colon + 2);
        return fail(lineAndColumn(bytes, e.byte > 0 ? e.byte - 1 : 0), "malformed JSON: " + what);
    }
    if (!doc.is_object())
        return fail(
            "", fmt::format("a map is a JSON object {{\"schema\": \"{}\", \"rules\": [...]}}", UserMap::kSchema));
    const auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_string() || schema->get<std::string>() != UserMap::kSchema)
        return fail(schema == doc.end() ? "" : "/schema",
            fmt::format("\"schema\" must be \"{}\"{}", UserMap::kSchema,
                schema != doc.end() && schema->is_string() ? " (found \"" + schema->get<std::string>() + "\")" : ""));
    for (const auto& [key, value] : doc.items()) {
        if (key != "schema" && key != "rules" && key != "comment")
            return fail("/" + key, fmt::format("unknown member '{}' (a map has schema, rules, comment)", key));
    }
    const auto rules = doc.find("rules");
    if (rules == doc.end() || !rules->is_array())
        return fail(rules == doc.end() ? "" : "/rules", "\"rules\" must be an array of rules");
    UserMap map;
    map.source = sourceName;
    for (size_t i = 0; i < rules->size(); ++i) {
        UserMapRule rule;
        if (const auto e = parseRule((*rules)[i], fmt::format("/rules/{}", i), rule))
            return fail(e->pointer, e->reason);
        map.rules.push_back(std::move(rule));
    }
    return map;
}

Result<UserMap> loadUserMap(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error {fmt::format("{}: cannot read the map: {}", path, file.errorString().toStdString())};
    const QByteArray bytes = file.readAll();
    return parseUserMap(std::string_view(bytes.constData(), size_t(bytes.size())), path);
}

std::string userMapJson(const UserMap& map)
{
    nlohmann::ordered_json doc;
    doc["schema"] = UserMap::kSchema;
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& r : map.rules) {
        nlohmann::ordered_json j;
        j["column"] = r.column;
        if (!r.files.empty())
            j["files"] = r.files;
        j["action"] = actionName(r.action);
        if (r.action == UserMapRule::Action::Metric) {
            j["metric"] = r.metric;
            if (!r.unit.empty())
                j["unit"] = r.unit;
            if (r.statistic != Statistic::Sample)
                j["statistic"] = statisticName(r.statistic);
        }
        if (r.action == UserMapRule::Action::Parameter && r.dimension != normalizeKey(r.column))
            j["name"] = r.dimension;
        rules.push_back(std::move(j));
    }
    doc["rules"] = rules;
    return doc.dump(2) + "\n";
}

} // namespace benchlens
