#pragma once

// Readable views of a FileExtract for recognizer tests: every sample and reported value with its metric name,
// variant (dimensions as "k=v k=v") and resolved locator text.
#include "models/recognizers/recognizer.h"

#include <optional>
#include <string>
#include <vector>

namespace benchlens::test {

inline std::string groupText(const FileExtract& e, uint32_t group)
{
    std::string text;
    for (const auto& [k, v] : e.groups[group]) {
        if (!text.empty())
            text.push_back(' ');
        text.append(k).append("=").append(v);
    }
    return text;
}

struct SampleView
{
    std::string metric;
    double value = 0;
    std::string group;
    std::string locator;
};

inline std::vector<SampleView> samplesOf(const FileExtract& e, const std::string& metric = {})
{
    std::vector<SampleView> out;
    for (const auto& v : e.values) {
        if (!metric.empty() && e.metrics[v.metric].name != metric)
            continue;
        const auto& rec = e.records[v.record];
        Locator loc = rec.locator;
        loc.key = v.key;
        if (v.pointer != Locator::kNone)
            loc.pointer = v.pointer;
        out.push_back({e.metrics[v.metric].name, v.value, groupText(e, rec.group), e.locatorText(loc)});
    }
    return out;
}

struct ReportedView
{
    std::string metric;
    Statistic statistic = Statistic::Value;
    double value = 0;
    std::optional<uint32_t> n;
    std::string group;
    std::string locator;
};

inline std::vector<ReportedView> reportedOf(const FileExtract& e, const std::string& metric = {})
{
    std::vector<ReportedView> out;
    for (const auto& r : e.reported) {
        if (!metric.empty() && e.metrics[r.metric].name != metric)
            continue;
        out.push_back(
            {e.metrics[r.metric].name, r.statistic, r.value, r.n, groupText(e, r.group), e.locatorText(r.locator)});
    }
    return out;
}

inline size_t failedRecords(const FileExtract& e)
{
    size_t n = 0;
    for (const auto& r : e.records)
        n += r.failed ? 1 : 0;
    return n;
}

inline bool hasDiagnostic(const FileExtract& e, Severity severity, const std::string& fragment)
{
    for (const auto& d : e.diagnostics) {
        if (d.severity == severity && d.message.find(fragment) != std::string::npos)
            return true;
    }
    return false;
}

// Recognizes a file the way ingest does: `relative` is the path the recognizers see.
inline FileExtract recognizeBytes(const std::string& relative, const std::string& bytes)
{
    return recognizeFile({relative, bytes, fileTypeFromPath(relative)});
}

} // namespace benchlens::test
