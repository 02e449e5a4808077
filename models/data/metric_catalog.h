#pragma once

#include "models/data/indices.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

enum class MetricKind
{
    Throughput,
    Latency,
    Duration,
    Count,
    Ratio,
    Other
};
// Which way a metric improves: the one direction enum, read from the catalog and used by comparisons, sweeps and
// the report. None: the catalog names no direction or the metric is not in it.
enum class Better
{
    Higher, // higher is better (throughput)
    Lower, // lower is better (latency)
    None
};
std::string_view betterName(Better b); // "higher", "lower", "unknown"

// What a value is: one observation (Sample) or an aggregate a file states about many observations.
enum class Statistic
{
    Sample,
    Mean,
    Median,
    StdDev,
    Min,
    Max,
    P50,
    P90,
    P95,
    P99,
    Cv,
    Overall,
    Total,
    Value,
    // Percentiles that tools report beside the usual ones (AIPerf p1..p99, MLPerf 97th and 99.9th).
    P1,
    P5,
    P10,
    P25,
    P75,
    P97,
    P999,
    P9999, // p(99.99): k6, oha
    // The bounds of the confidence interval a tool states around its estimate (criterion's [lower estimate upper]).
    CiLower,
    CiUpper
};
std::string_view statisticName(Statistic s);
// The percentile a statistic stands for (Median and P50: 50), or a negative number when it is not one.
double percentileOf(Statistic s);

struct MetricDef
{
    std::string id; // canonical id, e.g. "throughput_tok_s"
    std::string unit; // canonical unit, e.g. "tok/s", "ms"
    MetricKind kind = MetricKind::Other;
    Better better = Better::None;
    bool isTime = false; // values are durations converted to ms
};

// How one column or key name is understood.
struct KeyClass
{
    enum class Role
    {
        Unknown,
        Metric,
        Dimension,
        Label,
        Failure,
        Success,
        SampleCount,
        ConfigObject
    };
    Role role = Role::Unknown;
    std::optional<CatalogIndex> metric; // for Role::Metric; none for an unrecognized numeric name
    Statistic statistic = Statistic::Sample;
    double factor = 1; // multiply the raw value by this to get the canonical unit
    bool unitFromName = false; // the name itself carried a unit (ttft_s), so a unit in the cell text is not needed
    std::string dimension; // canonical dimension name for Role::Dimension
    // Role::Unknown names whose unit the grammar read ("compile_time_s"): the unit as written ("s"; the values stay
    // in it, under the name as found), its canonical form ("ms") and the factor to that (1000). Empty otherwise.
    std::string unit;
    std::string canonicalUnit;
    double toCanonical = 1;
};

// A unit as written ("µs", "tok/sec", "ktok/s", "%"), resolved through the grammar's unit table.
struct UnitInfo
{
    std::string unit; // canonical: "ms", "tok/s", "req/s", "ops/s", "samples/s", "%", "MB"; "" for a bare SI prefix
    std::string dimension; // "time", "time_per_op", "token_rate", "request_rate", "percent", "size", "count", ...
    double factor = 1; // multiply a value in the written unit by this to get the canonical unit
    std::string symbol; // the written unit's usual symbol: "s" for "sec", "us" for "µs"; the canonical one if same
};

// The declarative alias table (resources/metric_aliases.json, embedded at build time) and the rules that apply it:
// exact names first, then a unit suffix (ttft_s), then statistic prefixes/suffixes (mean_tokens_s, eval_s_mean),
// then the name grammar (the table's "grammar" section): quantity + unit ("Decode speed (tok/sec)", "prefill_tps"),
// the quantity's words naming a concept.
class MetricCatalog
{
public:
    static const MetricCatalog& instance();

    KeyClass classify(std::string_view rawName) const;
    // For free text like "41.42 tok/s": the factor that converts `unit` to the metric's canonical unit, or nullopt
    // when the unit does not fit the metric.
    std::optional<double> unitFactor(CatalogIndex metric, std::string_view unit) const;
    // A unit as written after a number or inside a name: "s", "µs", "min", "tok/sec", "ktok/s", "req/s", "%", "GB",
    // "k" (a bare SI prefix). nullopt for text the unit table does not know ("tokens", "foo").
    std::optional<UnitInfo> resolveUnit(std::string_view unit) const;

    const std::vector<MetricDef>& metrics() const { return m_metrics; }
    const MetricDef& metric(CatalogIndex index) const { return m_metrics.at(index.value); }
    std::optional<CatalogIndex> findMetric(std::string_view id) const;
    // The direction of the catalog metric `index` (MetricInfo::catalog); Better::None for none (not in the catalog).
    Better betterOf(std::optional<CatalogIndex> index) const { return index ? metric(*index).better : Better::None; }
    // Whether the catalog metric `index` cannot be negative (a throughput, latency, duration, count or ratio: its
    // intervals must stay at or above 0); false for none and for kind Other.
    bool nonNegativeOf(std::optional<CatalogIndex> index) const
    {
        return index && metric(*index).kind != MetricKind::Other;
    }
    // For a percentile statistic of latency_ms in a per-sample record: the canonical per-record metric
    // (latency_p95_ms), or none.
    std::optional<CatalogIndex> percentileMetric(std::optional<CatalogIndex> metric, Statistic statistic) const;

    ~MetricCatalog();

private:
    MetricCatalog();
    struct Tables;
    bool classifyByGrammar(std::string_view rawName, KeyClass& result) const;
    std::vector<MetricDef> m_metrics;
    std::unique_ptr<Tables> m_tables;
};

} // namespace benchlens
