#include "models/charts/chart_spec.h"

#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/stats/analysis.h"
#include "models/stats/sweep.h"
#include "models/util/text.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace benchlens::charts {

namespace {

bool included(const std::vector<char>& include, uint32_t variant)
{
    return include.empty() || (variant < include.size() && include[variant]);
}

const MetricInfo* metricAt(const Dataset& ds, std::optional<MetricIndex> metric)
{
    return metric && metric->value < ds.metrics.size() ? &ds.metric(*metric) : nullptr;
}

// Names the spec's metric (id and unit) when `metric` is one of the dataset's; false (the spec left empty) if not.
template <class Spec> bool nameMetric(Spec& spec, const Dataset& ds, std::optional<MetricIndex> metric)
{
    const MetricInfo* info = metricAt(ds, metric);
    if (!info)
        return false;
    spec.metric = info->id;
    spec.unit = info->unit;
    return true;
}

} // namespace

BarChartSpec meanBars(const Dataset& ds, const Analysis& analysis, std::optional<MetricIndex> metric, ErrorKind error,
    const std::vector<char>& include, size_t maxBars)
{
    BarChartSpec spec;
    spec.error = error;
    if (!nameMetric(spec, ds, metric))
        return spec;
    std::vector<char> hasSamples(ds.variants.size(), 0);
    for (const auto& ms : analysis.stats) {
        if (ms.metric != metric->value || !included(include, ms.variant) || ms.summary.n == 0)
            continue;
        hasSamples[ms.variant] = 1;
        const Summary& s = ms.summary;
        Bar b;
        b.variant = ms.variant;
        b.label = ds.variants[ms.variant].id;
        b.value = s.mean;
        b.stddev = s.stddev;
        b.n = s.n;
        b.failed = ds.variants[ms.variant].failedObservations;
        if (error == ErrorKind::Ci95 && s.meanCi) {
            b.low = s.meanCi->low;
            b.high = s.meanCi->high;
        } else if (error == ErrorKind::Ci95) {
            b.low = b.high = s.mean; // one sample: no interval
        } else {
            b.low = s.mean - s.stddev;
            b.high = s.mean + s.stddev;
        }
        spec.bars.push_back(std::move(b));
    }
    std::stable_sort(spec.bars.begin(), spec.bars.end(), [](const Bar& a, const Bar& b) { return a.value > b.value; });
    if (spec.bars.size() > maxBars) {
        spec.omitted = spec.bars.size() - maxBars;
        spec.bars.resize(maxBars);
    }
    for (const auto& b : spec.bars)
        spec.maxValue = std::max({spec.maxValue, b.value, b.high});
    for (uint32_t v = 0; v < ds.variants.size(); ++v) {
        const Variant& var = ds.variants[v];
        if (!hasSamples[v] && var.observations == 0 && var.failedObservations > 0 && included(include, v))
            spec.allFailed.push_back({v, var.id, var.failedObservations});
    }
    return spec;
}

BoxChartSpec boxes(const Dataset& ds, const Analysis& analysis, std::optional<MetricIndex> metric,
    const std::vector<char>& include, size_t maxBoxes)
{
    BoxChartSpec spec;
    if (!nameMetric(spec, ds, metric))
        return spec;
    for (const auto& ms : analysis.stats) {
        if (ms.metric != metric->value || !included(include, ms.variant) || ms.summary.n == 0)
            continue;
        std::vector<double> values;
        values.reserve(ms.samples.size());
        for (const uint32_t s : ms.samples)
            values.push_back(ds.samples.value[s]);
        Box b;
        static_cast<BoxSummary&>(b) = boxSummary(values);
        b.variant = VariantIndex(ms.variant);
        b.label = ds.variants[ms.variant].id;
        spec.boxes.push_back(std::move(b));
    }
    std::stable_sort(
        spec.boxes.begin(), spec.boxes.end(), [](const Box& a, const Box& b) { return a.median < b.median; });
    if (spec.boxes.size() > maxBoxes) {
        spec.omitted = spec.boxes.size() - maxBoxes;
        spec.boxes.resize(maxBoxes);
    }
    if (!spec.boxes.empty()) {
        spec.minValue = spec.boxes.front().min;
        for (const auto& b : spec.boxes) {
            spec.minValue = std::min(spec.minValue, b.min);
            spec.maxValue = std::max(spec.maxValue, b.max);
            spec.maxWhisker = std::max(spec.maxWhisker, b.highWhisker);
        }
    }
    return spec;
}

namespace {

// For metric M, the per-record metric that holds its p50/p95/p99 (latency_ms -> latency_p95_ms), or none.
std::optional<MetricIndex> perRecordPercentile(
    const Dataset& ds, std::optional<MetricIndex> metric, Statistic statistic)
{
    const MetricInfo* info = metricAt(ds, metric);
    if (!info || !info->catalog)
        return std::nullopt;
    const auto catalog = MetricCatalog::instance().percentileMetric(info->catalog, statistic);
    if (!catalog)
        return std::nullopt;
    return ds.findMetric(MetricCatalog::instance().metric(*catalog).id);
}

int percentileSlot(Statistic s)
{
    switch (s) {
    case Statistic::P50:
    case Statistic::Median:
        return 0;
    case Statistic::P95:
        return 1;
    case Statistic::P99:
        return 2;
    default:
        return -1;
    }
}

} // namespace

std::vector<MetricIndex> metricsWithPercentiles(const Dataset& ds)
{
    std::set<MetricIndex> out;
    for (const auto& r : ds.reported) {
        if (percentileSlot(r.statistic) >= 0 && r.statistic != Statistic::Median)
            out.insert(MetricIndex(r.metric));
    }
    for (size_t m = 0; m < ds.metrics.size(); ++m) {
        if (const auto p95 = perRecordPercentile(ds, MetricIndex(m), Statistic::P95)) {
            if (std::find(ds.samples.metric.begin(), ds.samples.metric.end(), p95->value) != ds.samples.metric.end())
                out.insert(MetricIndex(m));
        }
    }
    return {out.begin(), out.end()};
}

PercentileChartSpec reportedPercentiles(
    const Dataset& ds, std::optional<MetricIndex> metric, const std::vector<char>& include, size_t maxRows)
{
    PercentileChartSpec spec;
    if (!nameMetric(spec, ds, metric))
        return spec;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    struct Acc
    {
        double sum[3] = {0, 0, 0};
        size_t n[3] = {0, 0, 0};
        bool reported[3] = {false, false, false};
        std::optional<FileIndex> file; // the first file that states or holds a percentile
    };
    std::map<uint32_t, Acc> perVariant;
    for (const auto& r : ds.reported) {
        const int slot = percentileSlot(r.statistic);
        if (slot < 0 || r.metric != metric->value || !included(include, r.variant))
            continue;
        if (r.statistic == Statistic::Median)
            continue; // a median alone is not a percentile report
        Acc& a = perVariant[r.variant];
        if (!a.reported[slot]) { // the first file that reports it
            a.sum[slot] = r.value;
            a.n[slot] = 1;
            a.reported[slot] = true;
        }
        if (!a.file)
            a.file = FileIndex(r.file);
    }
    const std::optional<MetricIndex> perRecord[3] = {perRecordPercentile(ds, metric, Statistic::P50),
        perRecordPercentile(ds, metric, Statistic::P95), perRecordPercentile(ds, metric, Statistic::P99)};
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        for (int slot = 0; slot < 3; ++slot) {
            if (!perRecord[slot] || ds.samples.metric[s] != perRecord[slot]->value)
                continue;
            const uint32_t v = ds.samples.variant[s];
            if (!included(include, v))
                continue;
            Acc& a = perVariant[v];
            if (a.reported[slot])
                continue;
            a.sum[slot] += ds.samples.value[s];
            ++a.n[slot];
            if (!a.file)
                a.file = FileIndex(ds.samples.file[s]);
        }
    }
    for (const auto& [v, a] : perVariant) {
        PercentileRow row;
        row.variant = v;
        row.label = ds.variants[v].id;
        double* out[3] = {&row.p50, &row.p95, &row.p99};
        for (int slot = 0; slot < 3; ++slot) {
            *out[slot] = a.n[slot] ? a.sum[slot] / static_cast<double>(a.n[slot]) : nan;
            if (a.n[slot])
                spec.maxValue = std::max(spec.maxValue, *out[slot]);
        }
        row.source = a.file ? ds.file(*a.file).path : std::string();
        spec.rows.push_back(std::move(row));
    }
    // Lowest p95 (else p50) first.
    const auto key = [](const PercentileRow& r) { return std::isnan(r.p95) ? r.p50 : r.p95; };
    std::stable_sort(spec.rows.begin(), spec.rows.end(),
        [&](const PercentileRow& a, const PercentileRow& b) { return key(a) < key(b); });
    if (spec.rows.size() > maxRows) {
        spec.omitted = spec.rows.size() - maxRows;
        spec.rows.resize(maxRows);
    }
    return spec;
}

ScatterSpec scatter(const Dataset& ds, std::optional<MetricIndex> xMetric, std::optional<MetricIndex> yMetric,
    const std::vector<char>& include, size_t maxPoints)
{
    ScatterSpec spec;
    const MetricInfo* xi = metricAt(ds, xMetric);
    const MetricInfo* yi = metricAt(ds, yMetric);
    if (!xi || !yi)
        return spec;
    spec.xMetric = xi->id;
    spec.xUnit = xi->unit;
    spec.yMetric = yi->id;
    spec.yUnit = yi->unit;
    // The same observation = the same file and record.
    std::unordered_map<uint64_t, uint32_t> xByRecord;
    const auto key = [&](size_t s) { return (static_cast<uint64_t>(ds.samples.file[s]) << 32) | ds.samples.record[s]; };
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        if (ds.samples.metric[s] == xMetric->value && included(include, ds.samples.variant[s]))
            xByRecord.emplace(key(s), static_cast<uint32_t>(s));
    }
    std::map<std::string, size_t> seriesByModel;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        if (ds.samples.metric[s] != yMetric->value)
            continue;
        const auto it = xByRecord.find(key(s));
        if (it == xByRecord.end() || ds.samples.variant[it->second] != ds.samples.variant[s])
            continue;
        const std::string& model = ds.variants[ds.samples.variant[s]].model;
        const std::string name = model.empty() ? std::string("(no model)") : model;
        auto [pos, inserted] = seriesByModel.emplace(name, spec.series.size());
        if (inserted) {
            spec.series.emplace_back();
            spec.series.back().name = name;
        }
        ScatterSeries& series = spec.series[pos->second];
        const double x = ds.samples.value[it->second];
        const double y = ds.samples.value[s];
        series.x.push_back(x);
        series.y.push_back(y);
        series.sample.push_back(static_cast<uint32_t>(s));
        series.xSample.push_back(it->second);
        spec.xMax = std::max(spec.xMax, x);
        spec.yMax = std::max(spec.yMax, y);
        ++spec.points;
    }
    std::sort(spec.series.begin(), spec.series.end(),
        [](const ScatterSeries& a, const ScatterSeries& b) { return a.name < b.name; });
    spec.shown = spec.points;
    if (maxPoints > 0 && spec.points > maxPoints) {
        spec.stride = (spec.points + maxPoints - 1) / maxPoints;
        spec.shown = 0;
        for (auto& series : spec.series) {
            size_t kept = 0;
            for (size_t i = 0; i < series.x.size(); i += spec.stride, ++kept) {
                series.x[kept] = series.x[i];
                series.y[kept] = series.y[i];
                series.sample[kept] = series.sample[i];
                series.xSample[kept] = series.xSample[i];
            }
            series.x.resize(kept);
            series.y.resize(kept);
            series.sample.resize(kept);
            series.xSample.resize(kept);
            spec.shown += kept;
        }
    }
    return spec;
}

namespace {

const std::string* configValue(const Variant& v, const std::string& key)
{
    for (const auto& [k, value] : v.config) {
        if (k == key)
            return &value;
    }
    return nullptr;
}

} // namespace

SweepSpec sweep(const Dataset& ds, const std::string& model, std::optional<MetricIndex> metric,
    const std::string& xParam, const std::string& seriesParam, const std::vector<char>& include)
{
    SweepSpec spec;
    spec.model = model;
    spec.xParam = xParam;
    spec.seriesParam = seriesParam;
    if (!nameMetric(spec, ds, metric))
        return spec;
    struct Point
    {
        double sum = 0;
        size_t n = 0;
        std::optional<VariantIndex> variant; // the first variant seen at this point
        bool several = false;
    };
    // series value -> x -> accumulated samples
    std::map<std::string, std::map<double, Point>> acc;
    std::vector<char> variantOk(ds.variants.size(), 0);
    std::vector<double> variantX(ds.variants.size(), 0);
    std::vector<std::string> variantSeries(ds.variants.size());
    for (uint32_t v = 0; v < ds.variants.size(); ++v) {
        const Variant& var = ds.variants[v];
        if (var.model != model || !included(include, v))
            continue;
        const std::string* x = configValue(var, xParam);
        const auto xv = x ? parseNumber(*x) : std::nullopt;
        if (!xv)
            continue;
        variantOk[v] = 1;
        variantX[v] = *xv;
        if (!seriesParam.empty()) {
            const std::string* s = configValue(var, seriesParam);
            variantSeries[v] = seriesParam + "=";
            variantSeries[v].append(s ? *s : std::string("(none)"));
        } else {
            variantSeries[v] = model;
        }
    }
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        const uint32_t v = ds.samples.variant[s];
        if (ds.samples.metric[s] != metric->value || !variantOk[v])
            continue;
        Point& p = acc[variantSeries[v]][variantX[v]];
        p.sum += ds.samples.value[s];
        ++p.n;
        if (!p.variant)
            p.variant = VariantIndex(v);
        else if (p.variant->value != v)
            p.several = true;
    }
    bool first = true;
    for (const auto& [name, points] : acc) {
        SweepSeries series;
        series.name = name;
        for (const auto& [x, p] : points) {
            const double y = p.sum / static_cast<double>(p.n);
            series.x.push_back(x);
            series.y.push_back(y);
            series.n.push_back(p.n);
            series.variant.push_back(p.several ? std::nullopt : p.variant);
            spec.xMin = first ? x : std::min(spec.xMin, x);
            spec.xMax = first ? x : std::max(spec.xMax, x);
            spec.yMax = std::max(spec.yMax, y);
            first = false;
            ++spec.points;
        }
        spec.series.push_back(std::move(series));
    }
    // Numeric series values in numeric order ("num_gpu=40" before "num_gpu=999").
    const auto numericPart = [&](const std::string& name) {
        const auto eq = name.find('=');
        const auto d = eq != std::string::npos ? parseNumber(std::string_view(name).substr(eq + 1)) : std::nullopt;
        return d.value_or(std::numeric_limits<double>::max());
    };
    std::stable_sort(spec.series.begin(), spec.series.end(),
        [&](const SweepSeries& a, const SweepSeries& b) { return numericPart(a.name) < numericPart(b.name); });
    return spec;
}

std::vector<std::string> sweepParameters(const Dataset& ds, const std::string& model, std::optional<MetricIndex> metric)
{
    // Measured variants only (with samples of `metric` when one is given): a variant known from reported values only,
    // or measured in other metrics, draws no point (issue 16: the sweep started on a model whose grid had no sample
    // of the charted metric, and stayed blank).
    std::vector<char> measured(ds.variants.size(), 0);
    if (metric) {
        for (size_t i = 0; i < ds.samples.size(); ++i) {
            if (ds.samples.metric[i] == metric->value)
                measured[ds.samples.variant[i]] = 1;
        }
    } else {
        for (size_t v = 0; v < ds.variants.size(); ++v)
            measured[v] = ds.variants[v].observations > 0;
    }
    std::vector<uint32_t> variants;
    for (uint32_t v = 0; v < ds.variants.size(); ++v) {
        if (ds.variants[v].model == model && measured[v])
            variants.push_back(v);
    }
    // A line over x needs a parameter with two numbers at least; text-valued parameters cannot be an axis.
    const SweptParameters swept = sweptParameters(ds, variants);
    std::vector<std::string> out;
    for (size_t k = 0; k < swept.varying.size(); ++k) {
        if (swept.distinctNumbers[k] >= 2)
            out.push_back(swept.varying[k]);
    }
    return out;
}

std::vector<std::string> modelsWithSamples(const Dataset& ds, std::optional<MetricIndex> metric)
{
    std::map<std::string, size_t> counts;
    if (!metric)
        return {};
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        if (ds.samples.metric[s] != metric->value)
            continue;
        const std::string& model = ds.variants[ds.samples.variant[s]].model;
        if (!model.empty())
            ++counts[model];
    }
    std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> out;
    for (auto& [name, n] : sorted)
        out.push_back(name);
    return out;
}

std::vector<MetricIndex> metricsOfKind(const Dataset& ds, MetricKind kind, const std::string& preferred)
{
    std::vector<char> has(ds.metrics.size(), 0);
    for (const uint32_t m : ds.samples.metric)
        has[m] = 1;
    std::vector<MetricIndex> out;
    const auto& catalog = MetricCatalog::instance();
    for (size_t m = 0; m < ds.metrics.size(); ++m) {
        const auto c = ds.metrics[m].catalog;
        if (!has[m] || !c || catalog.metric(*c).kind != kind)
            continue;
        if (ds.metrics[m].id == preferred)
            out.insert(out.begin(), MetricIndex(m));
        else
            out.push_back(MetricIndex(m));
    }
    return out;
}

} // namespace benchlens::charts
