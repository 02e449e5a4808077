#pragma once

#include "models/data/extract.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace benchlens {

struct FileInput;
struct UserMap;

// Turns the key/value records that parsers produce (CSV rows, JSON objects, Markdown table rows) into a
// FileExtract: classifies each key once through the MetricCatalog, converts units, separates samples from the
// aggregates a file reports, tracks dimensions (the variant key) and failures. Shared by all generic recognizers.
// The one place where the user's map (UserMap, `--map`) overrides the catalog: every name the generic readers
// classify goes through classify() or key().
class RecordBuilder
{
public:
    // `input` gives the file's path and the user's map (FileInput::userMap, may be null).
    RecordBuilder(FileExtract& out, const FileInput& input);

    uint32_t key(std::string_view rawName);
    // How `rawName` is read: the first rule of the user's map for it in this file, else the catalog. `rule` (when
    // given) receives the rule's index, or -1. A rule that matches is recorded in FileExtract::mapped.
    KeyClass classify(std::string_view rawName, int* rule = nullptr);
    // One more value read under a name that `rule` (from classify) matched; -1 does nothing.
    void countMapped(int rule);
    void countMappedKey(uint32_t key) { countMapped(m_keyRule[key]); }
    const KeyClass& classOf(uint32_t key) const { return m_classes[key]; }
    // Reads `key` as a parameter of the variant from now on (a column the file's structure shows is one).
    void treatAsDimension(uint32_t key);

    void begin(Locator locator, const FileExtract::Dims& context);
    void addDimension(const std::string& name, std::string_view rawValue);
    // A CSV cell or JSON string: dimension, failure text, success flag, or a number for a metric.
    void addText(uint32_t key, std::string_view text);
    void addNumber(uint32_t key, double value);
    void addBool(uint32_t key, bool value);
    // A value already resolved to a catalog metric (Markdown text with its own unit).
    void addResolved(uint32_t key, std::optional<CatalogIndex> metric, Statistic statistic, double canonicalValue);
    // A number under `key` that the reader could not place (counted for the "not understood" diagnostic).
    void noteUnplaced(uint32_t key);
    void markFailed() { m_failed = true; }
    void setSampleCount(uint32_t n) { m_sampleCount = n; }
    // For bare statistic keys ("p50" inside "latency_percentiles"): the metric implied by the parent key.
    void setImpliedMetric(std::optional<CatalogIndex> metric, double factor)
    {
        m_impliedMetric = metric;
        m_impliedFactor = factor;
    }

    enum class Kind
    {
        Auto, // a sample record when it holds at least one recognized per-sample metric, else reported aggregates
        Reported // everything is a reported value (Markdown reports)
    };
    struct Outcome
    {
        bool sample = false; // became a sample record (values stored)
        bool failed = false;
        bool hadMetrics = false;
    };
    // Ends the record. `keepFailureWithoutMetrics`: count a failed record even if it holds no metric (an
    // error entry in an array of results).
    Outcome finish(Kind kind, bool keepFailureWithoutMetrics);

    const FileExtract::Dims& currentDims() const { return m_dims; }
    uint32_t unparseableCells(uint32_t key) const;

private:
    struct Pending
    {
        uint32_t key;
        std::optional<CatalogIndex> metric; // none: kept under the source's own name
        Statistic statistic;
        double value;
    };
    uint32_t group(const FileExtract::Dims& dims);
    uint32_t metric(std::optional<CatalogIndex> catalog, uint32_t key);
    void addNumberWithUnit(uint32_t key, double value, std::string_view unit);
    void addNumberUncounted(uint32_t key, double value);

    FileExtract& m_out;
    const MetricCatalog& m_catalog;
    const UserMap* m_map = nullptr;
    std::string m_path; // the file's path relative to the folder, for the map's file globs
    std::vector<int> m_mappedSlot; // per map rule: its entry in FileExtract::mapped, or -1
    std::vector<int> m_keyRule; // per key: the map rule that classified it, or -1
    std::unordered_map<std::string, uint32_t> m_keyIndex;
    std::vector<KeyClass> m_classes;
    std::vector<std::string> m_ownNames; // normalized key, for unrecognized numeric names
    std::vector<bool> m_unplacedNoted; // the key is listed in FileExtract::unplacedNames
    // An unrecognized name's unit, from the name ("compile_time_s": s) or from its cells (canonical, "ms"): as
    // shown, its canonical form, and the factor from it to the canonical form (cells in other units convert).
    std::vector<std::string> m_ownUnits;
    std::vector<std::string> m_ownCanonical;
    std::vector<double> m_ownToCanonical;
    std::vector<uint32_t> m_unparseable;
    enum class Annotation : uint8_t
    {
        None,
        Prompt,
        Time
    };
    std::vector<Annotation> m_annotations; // labels that identify the prompt or the time of an observation
    uint64_t m_promptHash = 0;
    double m_timeS = 0;
    bool m_hasTime = false;
    std::unordered_map<std::string, uint32_t> m_groupIndex;
    std::unordered_map<std::string, uint32_t> m_metricIndex;
    std::unordered_map<std::string, FileExtract::Dims> m_embeddedConfigCache;

    Locator m_locator;
    FileExtract::Dims m_dims;
    std::vector<Pending> m_pending;
    bool m_failed = false;
    std::optional<uint32_t> m_sampleCount;
    std::optional<CatalogIndex> m_impliedMetric;
    double m_impliedFactor = 1;
    std::string m_groupKeyScratch;
};

} // namespace benchlens
