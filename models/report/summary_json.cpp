#include "models/report/summary_json.h"

#include "models/data/dataset.h"
#include "models/report/json_stream.h"
#include "models/stats/analysis.h"
#include "models/util/text.h"
#include "models/util/version.h"

#include <fmt/format.h>

#include <ctime>

namespace benchlens {

namespace {
constexpr size_t kMaxSourcesPerMetric = 200;

// A configuration value as a number when it reads as one, else as text. Two entries of one key: the later value in
// the place of the first (as an object assignment would).
void writeConfig(JsonStream& w, const FileExtract::Dims& config)
{
    w.beginObject();
    for (size_t i = 0; i < config.size(); ++i) {
        const std::string& k = config[i].first;
        bool earlier = false;
        for (size_t j = 0; j < i && !earlier; ++j)
            earlier = config[j].first == k;
        if (earlier)
            continue;
        const std::string* v = &config[i].second;
        for (size_t j = i + 1; j < config.size(); ++j) {
            if (config[j].first == k)
                v = &config[j].second;
        }
        w.key(k);
        if (const auto n = parseNumber(*v))
            w.value(*n);
        else
            w.value(*v);
    }
    w.endObject();
}

void optionalNumber(JsonStream& w, std::string_view name, const std::optional<double>& v)
{
    if (v)
        w.member(name, *v);
    else
        w.nullMember(name);
}

void interval(JsonStream& w, std::string_view name, const std::optional<Interval>& v)
{
    w.key(name);
    if (v)
        w.beginArray().value(v->low).value(v->high).endArray();
    else
        w.null();
}

void stringArray(JsonStream& w, const std::vector<std::string>& items)
{
    w.beginArray();
    for (const auto& s : items)
        w.value(s);
    w.endArray();
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
    // Written as a stream in the order of the members (no DOM: the document grows with the folder).
    std::string out;
    out.reserve(size_t(4096) + ds.files.size() * 512 + analysis.stats.size() * 2048);
    JsonStream w(out);
    w.beginObject();
    w.member("schema", "benchlens.summary/1");
    w.member("root", ds.root);
    w.member("benchlens_version", version());
    if (ds.scope) {
        // A summary of part of the folder (--filter): what was selected, and what the whole folder holds.
        const DatasetScope& scope = *ds.scope;
        w.key("scope").beginObject();
        w.key("selectors");
        stringArray(w, scope.selectors);
        w.member("folder_variants", scope.folderVariants);
        w.member("folder_observations", scope.folderObservations);
        w.member("folder_failed_observations", scope.folderFailed);
        w.member("folder_reported", scope.folderReported);
        w.endObject();
    }

    const auto& inv = ds.inventory;
    w.key("inventory").beginObject();
    w.member("files", inv.files);
    w.member("bytes", inv.bytes);
    w.key("by_type").beginObject();
    for (int t = 0; t < 5; ++t)
        w.member(fileTypeName(static_cast<FileType>(t)), inv.byType[t]);
    w.endObject();
    w.key("directories");
    stringArray(w, inv.directories);
    if (inv.files)
        w.member("latest_modified_utc", utcTimestamp(inv.latestModifiedMs));
    else
        w.nullMember("latest_modified_utc");
    w.key("duplicates").beginArray();
    for (const auto& [a, b] : inv.duplicates)
        w.beginArray().value(ds.file(a).path).value(ds.file(b).path).endArray();
    w.endArray();
    w.key("equivalent_sources").beginArray();
    for (const auto& [a, b] : inv.equivalents)
        w.beginArray().value(ds.file(a).path).value(ds.file(b).path).endArray();
    w.endArray();
    w.key("entries").beginArray();
    for (const auto& f : ds.files) {
        const char* status = f.status == FileStatus::Ok ? "ok"
            : f.status == FileStatus::Skipped           ? "skipped"
            : f.status == FileStatus::NotUnderstood     ? "not understood"
                                                        : "error";
        w.beginObject();
        w.member("file", f.path);
        w.member("type", fileTypeName(f.type));
        w.member("bytes", f.bytes);
        w.member("recognizer", f.recognizer.empty() ? std::string_view("none") : std::string_view(f.recognizer));
        if (!f.extract.declinedBy.empty()) {
            w.key("declined_by");
            stringArray(w, f.extract.declinedBy);
        }
        w.member("samples", f.observations);
        w.member("failed_samples", f.failedObservations);
        w.member("reported", f.reported);
        w.member("status", status);
        w.member("run", ds.run(f.run).id);
        if (f.duplicateOf)
            w.member("duplicate_of", ds.file(*f.duplicateOf).path);
        if (f.equivalentOf)
            w.member("same_samples_as", ds.file(*f.equivalentOf).path);
        w.endObject();
    }
    w.endArray();
    w.endObject(); // inventory
    if (!ds.userMap.empty()) {
        // What the user corrected by hand (--map): every rule, and what it touched in the folder.
        w.key("user_map").beginObject();
        w.member("schema", UserMap::kSchema);
        w.member("source", ds.userMap.source);
        w.key("rules").beginArray();
        for (size_t r = 0; r < ds.userMap.rules.size(); ++r) {
            const UserMapRule& rule = ds.userMap.rules[r];
            const UserMapRuleUse use = r < ds.userMapUse.size() ? ds.userMapUse[r] : UserMapRuleUse {};
            w.beginObject();
            w.member("column", rule.column);
            if (rule.files.empty())
                w.nullMember("files_matching");
            else
                w.member("files_matching", rule.files);
            w.member("action", actionName(rule.action));
            if (rule.action == UserMapRule::Action::Metric) {
                w.member("metric", rule.metric);
                if (rule.unit.empty())
                    w.nullMember("unit");
                else
                    w.member("unit", rule.unit);
                w.member("factor", rule.factor);
                w.member("statistic", statisticName(rule.statistic));
            } else if (rule.action != UserMapRule::Action::Ignore) {
                w.member("dimension", rule.dimension);
            }
            w.member("description", rule.describe());
            w.member("files", use.files);
            w.member("values", use.values);
            w.member("matched", use.files > 0);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    w.key("variants").beginArray();
    for (const auto& v : ds.variants) {
        w.beginObject();
        w.member("id", v.id);
        if (v.model.empty())
            w.nullMember("model");
        else
            w.member("model", v.model);
        w.key("config");
        writeConfig(w, v.config);
        w.key("runs").beginArray();
        for (const RunIndex r : v.runs)
            w.value(ds.run(r).id);
        w.endArray();
        w.key("files").beginArray();
        for (const FileIndex f : v.files)
            w.value(ds.file(f).path);
        w.endArray();
        w.member("samples", v.observations);
        w.member("failed_samples", v.failedObservations);
        w.endObject();
    }
    w.endArray();

    w.key("metrics").beginArray();
    for (const auto& ms : analysis.stats) {
        const auto& s = ms.summary;
        w.beginObject();
        w.member("variant", ds.variants[ms.variant].id);
        w.member("metric", ds.metrics[ms.metric].id);
        w.member("unit", ds.metrics[ms.metric].unit);
        w.member("n", s.n);
        w.member("mean", s.mean);
        w.member("median", s.median);
        optionalNumber(w, "stddev", s.n >= 2 ? std::optional(s.stddev) : std::nullopt);
        optionalNumber(w, "cv", s.n >= 2 && s.mean != 0 ? std::optional(s.cv) : std::nullopt);
        w.member("min", s.min);
        w.member("max", s.max);
        optionalNumber(w, "p95", s.p95);
        optionalNumber(w, "p99", s.p99);
        if (!s.p95)
            w.member("p95_withheld", percentileWithheldReason(s.n, 95));
        if (!s.p99)
            w.member("p99_withheld", percentileWithheldReason(s.n, 99));
        interval(w, "ci95", s.meanCi);
        if (s.meanCi)
            w.member("ci95_method", ciMethodName(s.meanCiMethod));
        else
            w.nullMember("ci95_method");
        interval(w, "median_ci95", s.medianCi);
        w.key("outliers").beginObject();
        w.member("tukey_mild", s.mildOutliers);
        w.member("tukey_severe", s.severeOutliers);
        w.member("mad", s.madOutliers);
        w.member("slow_first", s.slowFirst);
        w.endObject();
        w.key("sources").beginArray();
        for (size_t k = 0; k < ms.samples.size() && k < kMaxSourcesPerMetric; ++k) {
            const uint32_t i = ms.samples[k];
            w.beginObject();
            w.member("file", ds.files[ds.samples.file[i]].path);
            w.member("locator", ds.locatorText(ds.samples.file[i], ds.samples.locator[i]));
            w.member("value", ds.samples.value[i]);
            w.endObject();
        }
        w.endArray();
        if (ms.samples.size() > kMaxSourcesPerMetric)
            w.member("sources_omitted", ms.samples.size() - kMaxSourcesPerMetric);
        w.endObject();
    }
    w.endArray();
    w.key("statistics_method").beginObject();
    w.member("stddev", "sample (n-1)");
    w.member("percentiles",
        fmt::format(
            "linear interpolation, type 7; p95 from n >= {}, p99 from n >= {}", kMinSamplesForP95, kMinSamplesForP99));
    w.member("ci95",
        fmt::format("of the mean, named by ci95_method: percentile bootstrap ({} resamples, splitmix64 seed {:#x}) "
                    "for a metric that cannot be negative, Student's t with n-1 degrees of freedom otherwise",
            kBootstrapResamples, kBootstrapSeed));
    w.member("median_ci95", "of the median, percentile bootstrap (the same resamples)");
    w.member("outliers",
        fmt::format("Tukey fences: mild beyond {} IQR, severe beyond {} IQR of the quartiles; mad: modified "
                    "Z-score |x - median| / MAD above {:.4g} (hyperfine); slow_first: the first value is such an "
                    "outlier on the worse side",
            kTukeyMild, kTukeySevere, kModifiedZThreshold));
    w.endObject();

    w.key("reported").beginArray();
    for (const auto& r : ds.reported) {
        w.beginObject();
        w.member("variant", ds.variants[r.variant].id);
        w.member("metric", ds.metrics[r.metric].id);
        w.member("unit", ds.metrics[r.metric].unit);
        w.member("statistic", statisticName(r.statistic));
        w.member("value", r.value);
        if (r.n)
            w.member("n", *r.n);
        else
            w.nullMember("n");
        w.key("source").beginObject();
        w.member("file", ds.files[r.file].path);
        w.member("locator", ds.locatorText(r.file, r.locator));
        w.endObject();
        optionalNumber(w, "computed", r.computed);
        if (r.computed) {
            w.member("computed_n", *r.computedN);
            w.member("computed_scope", r.computedFromSameRun ? "run" : "variant");
        }
        w.endObject();
    }
    w.endArray();

    w.key("diagnostics").beginArray();
    for (const auto& d : ds.diagnostics) {
        w.beginObject();
        w.member("file", d.file);
        w.member("severity", severityName(d.severity));
        if (!d.locator.empty())
            w.member("locator", d.locator);
        w.member("message", d.message);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    out += '\n';
    return out;
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
        if (!m.catalog && m.unit.empty())
            continue; // the readable table keeps to metrics with a meaning or a unit; --json has all
        const auto& s = ms.summary;
        const auto& v = ds.variants[ms.variant];
        std::string id = v.id.size() > width ? v.id.substr(0, width - 1) + "~" : v.id;
        out += fmt::format("{:<{}}  {:<18} {:>5} {:>11} {:>11} {:>11} {:>11} {:>7}\n", id, width, m.id, s.n,
            formatValue(s.mean), formatValue(s.median), s.p95 ? formatValue(*s.p95) : "-",
            s.n >= 2 ? formatValue(s.stddev) : "-", v.failedObservations);
    }
    return out;
}

} // namespace benchlens
