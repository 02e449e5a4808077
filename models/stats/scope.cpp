#include "models/stats/scope.h"

#include "models/data/dataset.h"
#include "models/data/observation_counts.h"
#include "models/stats/selector.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <set>

namespace benchlens {

namespace {
constexpr uint32_t kDropped = std::numeric_limits<uint32_t>::max();

// Which selectors take an observation or a value; remembers which ones ever took anything.
class Matcher
{
public:
    Matcher(const Dataset& ds, std::vector<Selector> selectors)
        : m_ds(ds)
        , m_selectors(std::move(selectors))
        , m_used(m_selectors.size(), 0)
    {
        for (const auto& s : m_selectors)
            m_anyMetricTerm = m_anyMetricTerm || s.metric.has_value();
    }

    // An observation of `variant` in `file`, whatever it measured (a failure has no metric).
    bool observation(uint32_t variant, uint32_t file) { return take(variant, file, std::nullopt, false); }
    // The same, by selectors without a metric= term only.
    bool observationOfAnyMetric(uint32_t variant, uint32_t file) { return take(variant, file, std::nullopt, true); }
    bool value(uint32_t variant, uint32_t file, uint32_t metric) { return take(variant, file, metric, false); }

    bool anyMetricTerm() const { return m_anyMetricTerm; }
    // The first selector that took nothing, or null.
    const Selector* unused() const
    {
        for (size_t i = 0; i < m_selectors.size(); ++i) {
            if (!m_used[i])
                return &m_selectors[i];
        }
        return nullptr;
    }

private:
    bool take(uint32_t variant, uint32_t file, std::optional<uint32_t> metric, bool withoutMetricTermOnly)
    {
        bool taken = false;
        for (size_t i = 0; i < m_selectors.size(); ++i) {
            const Selector& s = m_selectors[i];
            if (withoutMetricTermOnly && s.metric)
                continue;
            if (!s.matches(m_ds, variant, file) || (metric && !s.matchesMetric(*metric)))
                continue;
            m_used[i] = 1;
            taken = true;
        }
        return taken;
    }

    const Dataset& m_ds;
    std::vector<Selector> m_selectors;
    std::vector<char> m_used;
    bool m_anyMetricTerm = false;
};
} // namespace

Result<Dataset> restrictDataset(const Dataset& ds, const std::vector<std::string>& selectorTexts)
{
    if (selectorTexts.empty())
        return Error {"no selector given: a part of the folder needs at least one"};
    std::vector<Selector> selectors;
    for (const auto& text : selectorTexts) {
        auto s = parseSelector(ds, text);
        if (!s)
            return Error {s.error()};
        selectors.push_back(std::move(s).value());
    }
    Matcher match(ds, std::move(selectors));

    const size_t variantCount = ds.variants.size();
    std::vector<std::set<uint32_t>> variantFiles(variantCount); // a variant with none is left out
    std::vector<uint32_t> fileReported(ds.files.size(), 0);
    const auto attach = [&](uint32_t variant, uint32_t file) { variantFiles[variant].insert(file); };

    // Sample values, and which observations (file, record) kept one: under a metric= term, an observation counts
    // when it has a value of the metric.
    std::vector<uint32_t> keptSamples;
    std::vector<std::vector<char>> recordKept(ds.files.size());
    for (uint32_t i = 0; i < ds.samples.size(); ++i) {
        const uint32_t v = ds.samples.variant[i], f = ds.samples.file[i];
        if (!match.value(v, f, ds.samples.metric[i]))
            continue;
        keptSamples.push_back(i);
        attach(v, f);
        if (match.anyMetricTerm()) {
            auto& kept = recordKept[f];
            if (kept.empty())
                kept.assign(ds.files[f].extract.records.size(), 0);
            kept[ds.samples.record[i]] = 1;
        }
    }
    // Observations, failed or not, from the files' records. A variant a restricted dataset left out (restricting
    // it again) has no index.
    const ObservationCounts counted = countObservations(ds, [&](uint32_t f, uint32_t r, uint32_t v) {
        if (ds.files[f].extract.records[r].failed)
            return match.observation(v, f);
        return match.observationOfAnyMetric(v, f) || (!recordKept[f].empty() && recordKept[f][r]);
    });
    for (uint32_t v = 0; v < variantCount; ++v)
        variantFiles[v].insert(counted.variantFiles[v].begin(), counted.variantFiles[v].end());
    std::vector<uint32_t> keptReported;
    for (uint32_t i = 0; i < ds.reported.size(); ++i) {
        const ReportedValue& r = ds.reported[i];
        if (!match.value(r.variant, r.file, r.metric))
            continue;
        keptReported.push_back(i);
        attach(r.variant, r.file);
        ++fileReported[r.file];
    }
    if (const Selector* s = match.unused())
        return Error {fmt::format("'{}' selects nothing in the folder", s->text)};
    // A file holding the same samples as a kept file is a source of the same variants.
    for (uint32_t f = 0; f < ds.files.size(); ++f) {
        const SourceFile& file = ds.files[f];
        if (!file.equivalentOf)
            continue;
        for (const std::optional<VariantIndex> v : file.groupVariants) {
            if (v && variantFiles[v->value].count(file.equivalentOf->value))
                variantFiles[v->value].insert(f);
        }
    }

    Dataset out;
    out.root = ds.root;
    out.diskRoot = ds.diskRoot;
    out.inventory = ds.inventory;
    out.userMap = ds.userMap; // how the folder was read, whatever part of it is shown
    out.userMapUse = ds.userMapUse;
    out.runs = ds.runs;
    out.metrics = ds.metrics;
    std::vector<uint32_t> newIndex(variantCount, kDropped);
    for (uint32_t v = 0; v < variantCount; ++v) {
        if (variantFiles[v].empty())
            continue;
        newIndex[v] = static_cast<uint32_t>(out.variants.size());
        Variant variant = ds.variants[v];
        variant.observations = counted.variantObservations[v];
        variant.failedObservations = counted.variantFailures[v];
        variant.files.clear();
        for (const uint32_t f : variantFiles[v])
            variant.files.push_back(FileIndex(f));
        std::set<RunIndex> runs;
        for (const FileIndex f : variant.files)
            runs.insert(ds.file(f).run);
        variant.runs.assign(runs.begin(), runs.end());
        out.variants.push_back(std::move(variant));
    }
    const auto remap = [&](uint32_t v) { return v == kDropped ? kDropped : newIndex[v]; };

    out.files = ds.files;
    for (uint32_t f = 0; f < out.files.size(); ++f) {
        SourceFile& file = out.files[f];
        file.observations = counted.fileObservations[f];
        file.failedObservations = counted.fileFailures[f];
        file.reported = fileReported[f];
        for (std::optional<VariantIndex>& v : file.groupVariants) {
            if (v && newIndex[v->value] != kDropped)
                v = VariantIndex(newIndex[v->value]);
            else
                v.reset();
        }
    }
    SampleColumns& s = out.samples;
    for (auto* column : {&s.variant, &s.metric, &s.file, &s.record})
        column->reserve(keptSamples.size());
    s.value.reserve(keptSamples.size());
    s.locator.reserve(keptSamples.size());
    for (const uint32_t i : keptSamples) {
        s.variant.push_back(newIndex[ds.samples.variant[i]]);
        s.metric.push_back(ds.samples.metric[i]);
        s.value.push_back(ds.samples.value[i]);
        s.file.push_back(ds.samples.file[i]);
        s.record.push_back(ds.samples.record[i]);
        s.locator.push_back(ds.samples.locator[i]);
    }
    for (const uint32_t i : keptReported) {
        out.reported.push_back(ds.reported[i]);
        out.reported.back().variant = newIndex[ds.reported[i].variant];
    }
    for (const StatedDelta& d : ds.statedDeltas) {
        if (remap(d.baselineVariant) == kDropped || remap(d.candidateVariant) == kDropped)
            continue;
        if (!variantFiles[d.baselineVariant].count(d.file) || !variantFiles[d.candidateVariant].count(d.file))
            continue;
        StatedDelta kept = d;
        kept.baselineVariant = newIndex[d.baselineVariant];
        kept.candidateVariant = newIndex[d.candidateVariant];
        out.statedDeltas.push_back(kept);
    }

    // Diagnostics: of the files that contribute, and those about the folder or a file that could not be read.
    std::vector<char> contributes(ds.files.size(), 0);
    for (const auto& files : variantFiles) {
        for (const uint32_t f : files)
            contributes[f] = 1;
    }
    for (const Diagnostic& d : ds.diagnostics) {
        const std::optional<FileIndex> file = ds.findFile(d.file);
        if (d.file.empty() || d.severity == Severity::Error || (file && contributes[file->value]))
            out.diagnostics.push_back(d);
    }

    DatasetScope scope;
    scope.selectors = selectorTexts;
    scope.folderVariants = variantCount;
    for (const Variant& v : ds.variants) {
        scope.folderObservations += v.observations;
        scope.folderFailed += v.failedObservations;
    }
    scope.folderReported = ds.reported.size();
    for (const SourceFile& f : ds.files)
        scope.folderSources += f.observations || f.failedObservations || f.reported || f.equivalentOf ? 1 : 0;
    out.scope = std::move(scope);
    return out;
}

} // namespace benchlens
