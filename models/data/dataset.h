#pragma once

#include "models/data/diagnostic.h"
#include "models/data/extract.h"
#include "models/data/file_type.h"
#include "models/data/indices.h"
#include "models/data/user_map.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace benchlens {

// The normalized result of ingesting one folder: immutable once built, shared as shared_ptr<const Dataset>.
// Samples are stored in columns; provenance is indices (file + locator) resolved to text on demand.

// What became of a file (not the result of an operation: that is Result<T>).
enum class FileStatus
{
    Ok,
    Skipped,
    Error,
    NotUnderstood // holds numbers, none of which was read: see its diagnostic
};

struct SourceFile
{
    std::string path; // relative to the root, '/' separated
    FileType type = FileType::Other;
    uint64_t bytes = 0;
    int64_t modifiedMs = 0; // UTC, milliseconds since the epoch
    std::string sha256; // hex; computed where the size is shared with another file (duplicate check)
    std::string recognizer; // "" when no recognizer claimed it
    FileStatus status = FileStatus::Ok;
    RunIndex run;
    uint32_t observations = 0; // successful observations that count (0 for a duplicate)
    uint32_t failedObservations = 0;
    uint32_t reported = 0;
    std::optional<FileIndex> duplicateOf; // byte-identical to this earlier file: not counted again
    std::optional<FileIndex> equivalentOf; // holds the same samples as this earlier file (CSV + JSON of one run)
    FileExtract extract; // tables behind the locators
    // The variant of each of extract.groups (empty for a duplicate); none for a variant a restricted dataset
    // (stats/scope.h) left out.
    std::vector<std::optional<VariantIndex>> groupVariants;
};

struct Run
{
    std::string id; // a timestamped folder ("reports/ollama/20251002-151824"), a tool's run folder, or a file path
    std::vector<FileIndex> files;
};

struct Variant
{
    std::string id; // "model key=value ..." - model + configuration
    std::string model; // empty when no file names one
    std::vector<std::pair<std::string, std::string>> config; // sorted by key; values cleaned
    std::vector<RunIndex> runs;
    std::vector<FileIndex> files;
    uint32_t observations = 0; // successful observations
    uint32_t failedObservations = 0;
};

struct MetricInfo
{
    std::string id;
    std::string unit;
    std::optional<CatalogIndex> catalog; // none for a metric kept under its source name
};

struct SampleColumns
{
    std::vector<uint32_t> variant;
    std::vector<uint32_t> metric;
    std::vector<double> value; // canonical unit of the metric
    std::vector<uint32_t> file;
    std::vector<uint32_t> record; // observation index within its file (order of appearance)
    std::vector<Locator> locator;
    size_t size() const { return value.size(); }
};

struct ReportedValue
{
    uint32_t variant = 0;
    uint32_t metric = 0;
    Statistic statistic = Statistic::Value;
    double value = 0;
    std::optional<uint32_t> n;
    uint32_t file = 0;
    Locator locator;
    std::optional<double> computed; // what BenchLens computes from the samples for the same statistic
    std::optional<uint32_t> computedN;
    bool computedFromSameRun = false;
};

// A file's own claim of how a candidate variant differs from a baseline variant in one run, in percent of the
// baseline mean (FileExtract::StatedDelta after the merge).
struct StatedDelta
{
    uint32_t baselineVariant = 0;
    uint32_t candidateVariant = 0;
    uint32_t metric = 0;
    double percent = 0;
    uint32_t file = 0;
    Locator locator;
};

struct Inventory
{
    uint64_t files = 0;
    uint64_t bytes = 0;
    uint64_t byType[5] = {}; // indexed by FileType
    std::vector<std::string> directories; // relative, sorted; "" is the root itself
    int64_t latestModifiedMs = 0;
    std::vector<std::pair<FileIndex, FileIndex>> duplicates; // byte-identical (first, second)
    std::vector<std::pair<FileIndex, FileIndex>> equivalents; // same samples in two formats
};

// Set on a Dataset restricted to part of its folder (stats/scope.h): what was asked for, and what the whole folder
// holds, so that a report on the part can say what it leaves out.
struct DatasetScope
{
    std::vector<std::string> selectors; // an observation any of them selects is kept
    size_t folderVariants = 0;
    uint64_t folderObservations = 0; // successful
    uint64_t folderFailed = 0;
    size_t folderReported = 0;
    size_t folderSources = 0; // files with observations or reported values
};

struct Dataset
{
    std::string root; // absolute, as text (util/utf8.h displayPath): for showing and writing into outputs
    std::string diskRoot; // absolute, the bytes on disk: for opening files and refusing outputs inside the folder
    Inventory inventory;
    std::vector<SourceFile> files; // sorted by path
    std::vector<Run> runs;
    std::vector<Variant> variants; // sorted by id
    std::vector<MetricInfo> metrics; // catalog metrics first, in catalog order, then others by name
    SampleColumns samples;
    std::vector<ReportedValue> reported;
    std::vector<StatedDelta> statedDeltas;
    std::vector<Diagnostic> diagnostics; // sorted by file, then order found
    std::optional<DatasetScope> scope; // set when this is part of the folder; empty: the whole folder
    // The user's map the folder was read with (empty: none), and per rule what it touched in the whole folder.
    UserMap userMap;
    std::vector<UserMapRuleUse> userMapUse; // parallel to userMap.rules

    const SourceFile& file(FileIndex i) const { return files[i.value]; }
    const Run& run(RunIndex i) const { return runs[i.value]; }
    const Variant& variant(VariantIndex i) const { return variants[i.value]; }
    const MetricInfo& metric(MetricIndex i) const { return metrics[i.value]; }

    std::string locatorText(uint32_t file, const Locator& loc) const { return files[file].extract.locatorText(loc); }
    std::string locatorText(FileIndex f, const Locator& loc) const { return file(f).extract.locatorText(loc); }
    std::optional<MetricIndex> findMetric(std::string_view id) const;
    std::optional<VariantIndex> findVariant(std::string_view id) const;
    std::optional<RunIndex> findRun(std::string_view id) const;
    std::optional<FileIndex> findFile(std::string_view path) const; // files are sorted by path: a binary search
};

} // namespace benchlens
