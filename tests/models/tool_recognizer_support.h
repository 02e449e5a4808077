#pragma once
// Helpers for the tool recognizer tests (test_recognizers_<tool>.cpp): reading fixtures and the public corpus,
// and looking up what an extract holds by metric name, statistic name and dimension.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/recognizers/recognizer.h"
#include "tests/support/test_paths.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace benchlens::test {

inline std::string fixturePath(const std::string& rel)
{
    return testDataDir() + "/fixtures/" + rel;
}

// ../shared/corpus/public/<rel>
inline std::string publicCorpus(const std::string& rel)
{
    return sharedDir() + "/corpus/public/" + rel;
}

// A missing or empty file fails the test: a missing corpus must never pass silently.
inline std::string mustRead(const std::string& path)
{
    std::string bytes = readFile(path);
    EXPECT_FALSE(bytes.empty()) << "missing or empty file: " << path;
    return bytes;
}

// Runs the recognizer registry on a file as the ingest does; `relativePath` is its path inside the scanned folder.
inline FileExtract recognizeAt(const std::string& absolutePath, const std::string& relativePath)
{
    const std::string bytes = mustRead(absolutePath);
    return recognizeFile({relativePath, bytes, fileTypeFromPath(relativePath)});
}

inline std::string dimOf(const FileExtract& e, uint32_t group, const std::string& name)
{
    for (const auto& [k, v] : e.groups.at(group)) {
        if (k == name)
            return v;
    }
    return {};
}

// The reported value of `metric` with `statistic` (statisticName: "mean", "p99", ...), in the group whose
// dimension `dim` is `dimValue` when given. NaN when there is none, so a comparison with it fails.
inline double reportedValue(const FileExtract& e, const std::string& metric, const std::string& statistic,
    const std::string& dim = {}, const std::string& dimValue = {})
{
    for (const auto& r : e.reported) {
        if (e.metrics.at(r.metric).name != metric || statisticName(r.statistic) != statistic)
            continue;
        if (!dim.empty() && dimOf(e, r.group, dim) != dimValue)
            continue;
        return r.value;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

inline const FileExtract::Reported* findReported(
    const FileExtract& e, const std::string& metric, const std::string& statistic)
{
    for (const auto& r : e.reported) {
        if (e.metrics.at(r.metric).name == metric && statisticName(r.statistic) == statistic)
            return &r;
    }
    return nullptr;
}

inline std::string unitOf(const FileExtract& e, const std::string& metric)
{
    for (const auto& m : e.metrics) {
        if (m.name == metric)
            return m.unit;
    }
    return "<no such metric>";
}

// Sample values of a metric over records that did not fail, in file order.
inline std::vector<double> sampleValues(const FileExtract& e, const std::string& metric)
{
    std::vector<double> out;
    for (const auto& v : e.values) {
        if (e.metrics.at(v.metric).name == metric && !e.records.at(v.record).failed)
            out.push_back(v.value);
    }
    return out;
}

inline bool hasDiagnostic(const FileExtract& e, Severity s, const std::string& part)
{
    return std::any_of(e.diagnostics.begin(), e.diagnostics.end(),
        [&](const Diagnostic& d) { return d.severity == s && d.message.find(part) != std::string::npos; });
}

inline std::shared_ptr<const Dataset> ingestOrFail(const std::string& folder)
{
    auto result = ingestFolder(folder);
    EXPECT_TRUE(result.ok()) << "cannot ingest " << folder;
    return result.ok() ? result.value() : std::make_shared<const Dataset>();
}

// The cross-check's disagreements ("reported mean ... differs from ... computed from ...").
inline std::vector<std::string> crossCheckWarnings(const Dataset& ds)
{
    std::vector<std::string> out;
    for (const auto& d : ds.diagnostics) {
        if (d.message.find("differs from") != std::string::npos)
            out.push_back(d.file + ": " + d.message);
    }
    return out;
}

inline bool near(double a, double b, double relative = 1e-9)
{
    return std::fabs(a - b) <= relative * std::max(std::fabs(a), std::fabs(b)) + 1e-12;
}

} // namespace benchlens::test
