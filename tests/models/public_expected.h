#pragma once
// Helpers for the tests on tests/data/public/: the expected values in expected.json were computed by
// tests/data/public/expected.py (stdlib-only parsers written apart from the recognizers), so every test here
// compares the recognizer with an independent reading of the same raw file.
#include "models/util/text.h"
#include "tests/models/tool_recognizer_support.h"

#include <nlohmann/json.hpp>

#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace benchlens::test {

inline const nlohmann::json& publicExpected()
{
    static const nlohmann::json doc = nlohmann::json::parse(mustRead(testDataDir() + "/public/expected.json"));
    return doc;
}

// The expected.json entries whose path starts with `prefix` ("criterion/"), rule and holdout alike.
inline std::vector<std::pair<std::string, nlohmann::json>> publicFiles(const std::string& prefix)
{
    std::vector<std::pair<std::string, nlohmann::json>> out;
    for (const auto& [path, entry] : publicExpected().at("files").items()) {
        if (path.rfind(prefix, 0) == 0)
            out.emplace_back(path, entry);
    }
    return out;
}

// Runs the registry on tests/data/public/<path>; `relativePath` is the path the ingest would see (defaults to
// `path`).
inline FileExtract recognizePublic(const std::string& path, const std::string& relativePath = {})
{
    return recognizeAt(testDataDir() + "/public/" + path, relativePath.empty() ? path : relativePath);
}

// Groups whose dimensions include every (name, value) of `dims`.
inline std::vector<uint32_t> groupsWith(
    const FileExtract& e, const std::vector<std::pair<std::string, std::string>>& dims)
{
    std::vector<uint32_t> out;
    for (uint32_t g = 0; g < e.groups.size(); ++g) {
        bool all = true;
        for (const auto& [k, v] : dims)
            all = all && dimOf(e, g, k) == v;
        if (all)
            out.push_back(g);
    }
    return out;
}

inline std::vector<double> groupSamples(const FileExtract& e, uint32_t group, const std::string& metric)
{
    std::vector<double> out;
    for (const auto& v : e.values) {
        const auto& r = e.records.at(v.record);
        if (r.group == group && !r.failed && e.metrics.at(v.metric).name == metric)
            out.push_back(v.value);
    }
    return out;
}

inline double meanOf(const std::vector<double>& v)
{
    return v.empty() ? std::numeric_limits<double>::quiet_NaN()
                     : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

// The reported value of `metric`/`statistic` in `group`; NaN when there is none.
inline double groupReported(
    const FileExtract& e, uint32_t group, const std::string& metric, const std::string& statistic)
{
    for (const auto& r : e.reported) {
        if (r.group == group && e.metrics.at(r.metric).name == metric && statisticName(r.statistic) == statistic)
            return r.value;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

inline std::optional<uint32_t> groupReportedN(
    const FileExtract& e, uint32_t group, const std::string& metric, const std::string& statistic)
{
    for (const auto& r : e.reported) {
        if (r.group == group && e.metrics.at(r.metric).name == metric && statisticName(r.statistic) == statistic)
            return r.n;
    }
    return std::nullopt;
}

// True when no metric (sample or reported) is named like a parameter: parameters must be dimensions.
inline bool noMetricNamed(const FileExtract& e, const std::string& name)
{
    const std::string n = normalizeKey(name);
    for (const auto& m : e.metrics) {
        if (m.name == n)
            return false;
    }
    return true;
}

// Expected numbers are rounded to 10 significant digits in expected.json.
inline bool close(double actual, double expected, double relative = 1e-8)
{
    return near(actual, expected, relative);
}

// A dimension value as ExtractWriter::group stores it (cleanDimensionValue: numbers shortened, text trimmed).
inline std::string text(const nlohmann::json& v)
{
    if (v.is_string())
        return cleanDimensionValue(v.get<std::string>());
    if (v.is_number())
        return cleanNumber(v.get<double>());
    return v.dump();
}

} // namespace benchlens::test
