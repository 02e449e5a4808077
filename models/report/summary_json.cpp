#include "models/report/summary_json.h"

#include "models/data/dataset.h"
#include "models/stats/analysis.h"
#include "models/util/text.h"
#include "models/util/version.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>

namespace benchlens {

namespace {
constexpr size_t kMaxSourcesPerMetric = 200;

nlohmann::ordered_json configValue(const std::string& v)
{
    if (const auto n = parseNumber(v))
        return *n;
    return v;
}

nlohmann::ordered_json optionalNumber(const std::optional<double>& v)
{
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}
} // namespace

std::string utcTimestamp(int64_t epochMs)
{
    const std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
    std::tm tm {};
    gmtime_r(&seconds, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
        tm.tm_min, tm.tm_sec);
}

std::string summaryJson(const Dataset& ds, const Analysis& analysis)
{
    using json = nlohmann::ordered_json;
    json doc;
    doc["schema"] = "benchlens.summary/1";
    doc["root"] = ds.root;
    doc["benchlens_version"] = version();
    if (ds.scope) {
        // A summary of part of the folder (--filter): what was selected, and what the whole folder holds.
        const DatasetScope& scope = *ds.scope;
        json part;
        part["selectors"] = scope.selectors;
        part["folder_variants"] = scope.folderVariants;
        part["folder_observations"] = scope.folderObservations;
        part["folder_failed_observations"] = scope.folderFailed;
        part["folder_reported"] = scope.folderReported;
        doc["scope"] = part;
    }

    const auto& inv = ds.inventory;
    json inventory;
    inventory["files"] = inv.files;
    inventory["bytes"] = inv.bytes;
    json byType;
    for (int t = 0; t < 5; ++t)
        byType[std::string(fileTypeName(static_cast<FileType>(t)))] = inv.byType[t];
    inventory["by_type"] = byType;
    inventory["directories"] = inv.directories;
    inventory["latest_modified_utc"] = inv.files ? json(utcTimestamp(inv.latestModifiedMs)) : json(nullptr);
    json dups = json::array();
    for (const auto& [a, b] : inv.duplicates)
        dups.push_back({ds.file(a).path, ds.file(b).path});
    inventory["duplicates"] = dups;
    json equivalents = json::array();
    for (const auto& [a, b] : inv.equivalents)
        equivalents.push_back({ds.file(a).path, ds.file(b).path});
    inventory["equivalent_sources"] = equivalents;
    json entries = json::array();
    for (const auto& f : ds.files) {
        const char* status = f.status == FileStatus::Ok ? "ok"
            : f.status == FileStatus::Skipped           ? "skipped"
            : f.status == FileStatus::NotUnderstood     ? "not understood"
                                                        : "error";
        json e;
        e["file"] = f.path;
        e["type"] = fileTypeName(f.type);
        e["bytes"] = f.bytes;
        e["recognizer"] = f.recognizer.empty() ? "none" : f.recognizer;
        if (!f.extract.declinedBy.empty())
            e["declined_by"] = f.extract.declinedBy;
        e["samples"] = f.observations;
        e["failed_samples"] = f.failedObservations;
        e["reported"] = f.reported;
        e["status"] = status;
        e["run"] = ds.run(f.run).id;
        if (f.duplicateOf)
            e["duplicate_of"] = ds.file(*f.duplicateOf).path;
        if (f.equivalentOf)
            e["same_samples_as"] = ds.file(*f.equivalentOf).path;
        entries.push_back(std::move(e));
    }
    inventory["entries"] = entries;
    doc["inventory"] = inventory;
    if (!ds.userMap.empty()) {
        // What the user corrected by hand (--map): every rule, and what it touched in the folder.
        json map;
        map["schema"] = UserMap::kSchema;
        map["source"] = ds.userMap.source;
        json rules = json::array();
        for (size_t r = 0; r < ds.userMap.rules.size(); ++r) {
            const UserMapRule& rule = ds.userMap.rules[r];
            const UserMapRuleUse use = r < ds.userMapUse.size() ? ds.userMapUse[r] : UserMapRuleUse {};
            json j;
            j["column"] = rule.column;
            j["files_matching"] = rule.files.empty() ? json(nullptr) : json(rule.files);
            j["action"] = actionName(rule.action);
            if (rule.action == UserMapRule::Action::Metric) {
                j["metric"] = rule.metric;
                j["unit"] = rule.unit.empty() ? json(nullptr) : json(rule.unit);
                j["factor"] = rule.factor;
                j["statistic"] = statisticName(rule.statistic);
            } else if (rule.action != UserMapRule::Action::Ignore) {
                j["dimension"] = rule.dimension;
            }
            j["description"] = rule.describe();
            j["files"] = use.files;
            j["values"] = use.values;
            j["matched"] = use.files > 0;
            rules.push_back(std::move(j));
        }
        map["rules"] = rules;
        doc["user_map"] = map;
    }

    json variants = json::array();
    for (const auto& v : ds.variants) {
        json j;
        j["id"] = v.id;
        j["model"] = v.model.empty() ? json(nullptr) : json(v.model);
        json config = json::object();
        for (const auto& [k, val] : v.config)
            config[k] = configValue(val);
        j["config"] = config;
        json runs = json::array();
        for (const RunIndex r : v.runs)
            runs.push_back(ds.run(r).id);
        j["runs"] = runs;
        json files = json::array();
        for (const FileIndex f : v.files)
            files.push_back(ds.file(f).path);
        j["files"] = files;
        j["samples"] = v.observations;
        j["failed_samples"] = v.failedObservations;
        variants.push_back(std::move(j));
    }
    doc["variants"] = variants;

    json metrics = json::array();
    for (const auto& ms : analysis.stats) {
        const auto& s = ms.summary;
        json j;
        j["variant"] = ds.variants[ms.variant].id;
        j["metric"] = ds.metrics[ms.metric].id;
        j["unit"] = ds.metrics[ms.metric].unit;
        j["n"] = s.n;
        j["mean"] = s.mean;
        j["median"] = s.median;
        j["stddev"] = s.n >= 2 ? json(s.stddev) : json(nullptr);
        j["cv"] = s.n >= 2 && s.mean != 0 ? json(s.cv) : json(nullptr);
        j["min"] = s.min;
        j["max"] = s.max;
        j["p95"] = s.p95;
        j["p99"] = s.p99;
        j["ci95"] = s.ciLow ? json::array({*s.ciLow, *s.ciHigh}) : json(nullptr);
        json sources = json::array();
        for (size_t k = 0; k < ms.samples.size() && k < kMaxSourcesPerMetric; ++k) {
            const uint32_t i = ms.samples[k];
            sources.push_back({{"file", ds.files[ds.samples.file[i]].path},
                {"locator", ds.locatorText(ds.samples.file[i], ds.samples.locator[i])},
                {"value", ds.samples.value[i]}});
        }
        j["sources"] = sources;
        if (ms.samples.size() > kMaxSourcesPerMetric)
            j["sources_omitted"] = ms.samples.size() - kMaxSourcesPerMetric;
        metrics.push_back(std::move(j));
    }
    doc["metrics"] = metrics;
    doc["statistics_method"] = {{"stddev", "sample (n-1)"}, {"percentiles", "linear interpolation, type 7"},
        {"ci95", "Student's t, n-1 degrees of freedom"}};

    json reported = json::array();
    for (const auto& r : ds.reported) {
        json j;
        j["variant"] = ds.variants[r.variant].id;
        j["metric"] = ds.metrics[r.metric].id;
        j["unit"] = ds.metrics[r.metric].unit;
        j["statistic"] = statisticName(r.statistic);
        j["value"] = r.value;
        j["n"] = r.n ? json(*r.n) : json(nullptr);
        j["source"] = {{"file", ds.files[r.file].path}, {"locator", ds.locatorText(r.file, r.locator)}};
        j["computed"] = optionalNumber(r.computed);
        if (r.computed) {
            j["computed_n"] = *r.computedN;
            j["computed_scope"] = r.computedFromSameRun ? "run" : "variant";
        }
        reported.push_back(std::move(j));
    }
    doc["reported"] = reported;

    json diagnostics = json::array();
    for (const auto& d : ds.diagnostics) {
        json j;
        j["file"] = d.file;
        j["severity"] = severityName(d.severity);
        if (!d.locator.empty())
            j["locator"] = d.locator;
        j["message"] = d.message;
        diagnostics.push_back(std::move(j));
    }
    doc["diagnostics"] = diagnostics;
    return doc.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string summaryTextTable(const Dataset& ds, const Analysis& analysis)
{
    std::string out;
    const auto& inv = ds.inventory;
    out += fmt::format("Folder: {}\n", ds.root);
    if (ds.scope) {
        std::string selectors;
        for (const auto& sel : ds.scope->selectors)
            selectors.append(selectors.empty() ? "" : " or ").append(sel);
        out += fmt::format("Scope: {} ({} of {} variants; the file counts below are the whole folder's)\n", selectors,
            ds.variants.size(), ds.scope->folderVariants);
    }
    out += fmt::format("Files: {} ({} bytes): csv {}, json {}, md {}, txt {}, other {}\n", inv.files, inv.bytes,
        inv.byType[0], inv.byType[1], inv.byType[2], inv.byType[3], inv.byType[4]);
    out += fmt::format("Directories: {}   Latest modification: {}\n", inv.directories.size(),
        inv.files ? utcTimestamp(inv.latestModifiedMs) : std::string("-"));
    for (const auto& [a, b] : inv.duplicates)
        out += fmt::format("Duplicate: {} = {}\n", ds.file(a).path, ds.file(b).path);
    for (const auto& [a, b] : inv.equivalents)
        out += fmt::format("Same samples: {} = {}\n", ds.file(a).path, ds.file(b).path);
    for (size_t r = 0; r < ds.userMap.rules.size(); ++r) {
        const UserMapRuleUse use = r < ds.userMapUse.size() ? ds.userMapUse[r] : UserMapRuleUse {};
        out += fmt::format("Mapped by hand ({}): {}: {} file{}, {} value{}{}\n", ds.userMap.source,
            ds.userMap.rules[r].describe(), use.files, use.files == 1 ? "" : "s", use.values,
            use.values == 1 ? "" : "s", use.files ? "" : " (matched nothing)");
    }
    out += fmt::format("Variants: {}   Samples: {}   Reported aggregates: {}   Diagnostics: {}\n\n", ds.variants.size(),
        ds.samples.size(), ds.reported.size(), ds.diagnostics.size());

    size_t width = 7;
    for (const auto& ms : analysis.stats)
        width = std::max(width, ds.variants[ms.variant].id.size());
    width = std::min<size_t>(width, 70);
    out += fmt::format("{:<{}}  {:<18} {:>5} {:>11} {:>11} {:>11} {:>11} {:>7}\n", "variant", width, "metric", "n",
        "mean", "median", "p95", "stddev", "fails");
    for (const auto& ms : analysis.stats) {
        const auto& m = ds.metrics[ms.metric];
        if (m.catalog < 0 && m.unit.empty())
            continue; // the readable table keeps to metrics with a meaning or a unit; --json has all
        const auto& s = ms.summary;
        const auto& v = ds.variants[ms.variant];
        std::string id = v.id.size() > width ? v.id.substr(0, width - 1) + "~" : v.id;
        out += fmt::format("{:<{}}  {:<18} {:>5} {:>11} {:>11} {:>11} {:>11} {:>7}\n", id, width, m.id, s.n,
            formatValue(s.mean), formatValue(s.median), formatValue(s.p95), s.n >= 2 ? formatValue(s.stddev) : "-",
            v.failedObservations);
    }
    return out;
}

} // namespace benchlens
