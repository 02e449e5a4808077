#pragma once

#include "models/data/metric_catalog.h"
#include "models/util/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

// The user's corrections of how source columns / fields are read (benchlens.map/1, `--map FILE`, the window's
// right-click actions): each rule names a column or field exactly, optionally scoped to files by a glob, and says
// what it is. The generic readers consult it before the metric catalog (RecordBuilder::classify), so it works for
// CSV, JSON, JSON Lines, Markdown tables and text alike. A plain value: copied into IngestOptions, kept in the Dataset.
struct UserMapRule
{
    enum class Action
    {
        Metric, // a catalog metric; values converted from `unit` to the metric's canonical unit
        Parameter, // a configuration dimension of the variant
        Model, // the column / field names the model
        Ignore // not read at all
    };
    std::string column; // the exact source name (a CSV header cell, a JSON member name, a Markdown label)
    std::string files; // a glob over the file's path relative to the folder ('*' also crosses '/'); empty: all
    Action action = Action::Ignore;
    // Action::Metric
    std::string metric; // the catalog id (throughput_tok_s), resolved from what the map wrote ("throughput")
    std::optional<CatalogIndex> catalogMetric;
    std::string unit; // as the map wrote it ("tok/min", "s"); empty: the values are in the catalog's unit already
    double factor = 1; // multiplies a value in `unit` into the catalog's canonical unit
    Statistic statistic = Statistic::Sample; // "statistic": "mean" etc.: the values are aggregates a file reports
    // Action::Parameter: the dimension's name (default: the column's name, normalized as the catalog does)
    std::string dimension;

    bool appliesTo(std::string_view relativePath) const; // `files` matches (or is empty)
    // The KeyClass the readers use for a name this rule matched.
    KeyClass keyClass() const;
    // One line for a report or a menu: "`gen_rate` -> throughput_tok_s (tok/min, x 0.0166667) in `runs/*.csv`".
    std::string describe() const;
};
std::string_view actionName(UserMapRule::Action a); // "metric", "parameter", "model", "ignore"

struct UserMap
{
    static constexpr std::string_view kSchema = "benchlens.map/1";
    std::string source; // where it was read from (a path as given, "settings"), for reports and diagnostics
    std::vector<UserMapRule> rules; // the first rule that matches a name wins
    bool empty() const { return rules.empty(); }
    // The first rule for `column` in the file `relativePath`, or -1.
    int find(std::string_view column, std::string_view relativePath) const;
};

// What one rule did in one folder: how many files had a column / field it matched, and how many values (cells,
// members) those held.
struct UserMapRuleUse
{
    uint32_t files = 0;
    uint64_t values = 0;
};

// Parses a benchlens.map/1 document. `sourceName` prefixes every error, which then names the place: "line L
// column C" for malformed JSON, a JSON pointer ("/rules/2/unit") for a rule that is wrong, and the reason (unknown
// metric, unknown unit, a unit that does not fit the metric, unknown action, unknown member, missing column).
Result<UserMap> parseUserMap(std::string_view bytes, const std::string& sourceName);
// Reads and parses the file at `path` (a file that cannot be read is an error naming it).
Result<UserMap> loadUserMap(const std::string& path);
// The benchlens.map/1 document of `map` (what parseUserMap reads back), pretty-printed, ending in a newline.
std::string userMapJson(const UserMap& map);

} // namespace benchlens
