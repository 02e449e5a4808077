#include "models/report/sweep_report.h"

#include "models/data/dataset.h"
#include "models/stats/sweep.h"
#include "models/util/text.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace benchlens {

namespace {
using json = nlohmann::ordered_json;

constexpr size_t kMaxDominatorsInText = 3;

json valueJson(const std::optional<std::string>& v)
{
    if (!v)
        return nullptr;
    if (const auto n = parseNumber(*v)) {
        // Whole numbers as JSON integers (num_ctx 1024, not 1024.0).
        if (std::trunc(*n) == *n && std::fabs(*n) < 9.0e15)
            return static_cast<int64_t>(*n);
        return *n;
    }
    return *v;
}

json configJson(const SweepAnalysis& sweep, uint32_t config)
{
    json j = json::object();
    const auto& values = sweep.configs[config].values;
    for (size_t p = 0; p < sweep.parameters.size(); ++p)
        j[sweep.parameters[p]] = valueJson(values[p]);
    return j;
}

json optionalNumber(const std::optional<double>& v)
{
    return v ? json(*v) : json(nullptr);
}

// "num_ctx=1024 num_gpu=40 temperature=0.2"; "-" for an unset parameter; "(single configuration)" when nothing
// varies; "(sets none of the parameters)" for a baseline run beside the sweep.
std::string configLabel(const SweepAnalysis& sweep, uint32_t config)
{
    std::string out;
    const auto& values = sweep.configs[config].values;
    for (size_t p = 0; p < sweep.parameters.size(); ++p) {
        if (!out.empty())
            out.push_back(' ');
        out.append(sweep.parameters[p]);
        out.push_back('=');
        out.append(values[p] ? *values[p] : std::string("-"));
    }
    if (out.empty())
        out.append("(single configuration)");
    else if (std::none_of(values.begin(), values.end(), [](const auto& v) { return v.has_value(); })) {
        out.clear();
        out.append("(sets none of the parameters)");
    }
    return out;
}

std::string optionalText(const std::optional<double>& v)
{
    if (!v)
        return "-";
    return *v > 0 && *v < 0.00005 ? std::string("<0.0001") : fmt::format("{:.4f}", *v);
}
} // namespace

std::string sweepJson(const Dataset& ds, const SweepAnalysis& sweep)
{
    json doc;
    doc["schema"] = "benchlens.sweep/1";
    doc["model"] = sweep.model;
    doc["parameters"] = sweep.parameters;
    json fixed = json::object();
    for (const auto& [key, value] : sweep.fixed)
        fixed[key] = valueJson(value);
    doc["fixed"] = std::move(fixed);
    doc["configurations"] = sweep.configs.size();
    doc["excluded_samples"] = sweep.excludedSamples;
    doc["method"] = {{"ranking", "by mean, best first"}, {"stddev", "sample (n-1)"},
        {"pareto", "configuration means of throughput_tok_s (higher better) and ttft_ms (lower better)"},
        {"eta_squared", "between-group / total sum of squares over the samples, grouped by parameter value"},
        {"eta_squared_config_means", "the same over configuration means (each configuration weighs 1)"}};

    json rankings = json::array();
    for (const auto& r : sweep.rankings) {
        json j;
        j["metric"] = ds.metrics[r.metric].id;
        j["unit"] = ds.metrics[r.metric].unit;
        j["direction"] = betterName(r.direction);
        json rows = json::array();
        for (const auto& row : r.rows) {
            json rj;
            rj["config"] = configJson(sweep, row.config);
            rj["variant"] = ds.variants[sweep.configs[row.config].variant].id;
            rj["n"] = row.summary.n;
            rj["mean"] = row.summary.mean;
            rj["median"] = row.summary.median;
            rj["stddev"] = row.summary.n >= 2 ? json(row.summary.stddev) : json(nullptr);
            rows.push_back(std::move(rj));
        }
        j["rows"] = std::move(rows);
        rankings.push_back(std::move(j));
    }
    doc["rankings"] = std::move(rankings);

    json pareto = json::array();
    for (const auto& p : sweep.pareto) {
        json j;
        j["config"] = configJson(sweep, p.id);
        j["throughput"] = p.throughputTokS;
        j["ttft"] = p.ttftMs;
        if (p.dominatedBy.empty()) {
            j["dominated_by"] = nullptr;
        } else {
            json by = json::array();
            for (const uint32_t c : p.dominatedBy)
                by.push_back(configJson(sweep, c));
            j["dominated_by"] = std::move(by);
        }
        pareto.push_back(std::move(j));
    }
    doc["pareto"] = std::move(pareto);

    json effects = json::array();
    for (const auto& e : sweep.effects) {
        json j;
        j["metric"] = ds.metrics[e.metric].id;
        j["parameter"] = sweep.parameters[e.parameter];
        json levels = json::array();
        for (const auto& l : e.levels)
            levels.push_back({{"value", valueJson(l.value)}, {"n", l.n}, {"mean", l.mean}, {"configs", l.configs}});
        j["levels"] = std::move(levels);
        j["eta_squared"] = optionalNumber(e.etaSquared);
        j["eta_squared_config_means"] = optionalNumber(e.etaSquaredOfConfigMeans);
        j["unset_samples"] = e.unsetSamples;
        effects.push_back(std::move(j));
    }
    doc["effects"] = std::move(effects);
    doc["order_warnings"] = sweep.orderWarnings;
    std::string out = doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out.push_back('\n');
    return out;
}

std::string sweepText(const Dataset& ds, const SweepAnalysis& sweep)
{
    std::string out;
    out += fmt::format("Sweep of {}: {} configurations", sweep.model, sweep.configs.size());
    if (sweep.parameters.empty())
        out.append("; no configuration parameter varies\n");
    else {
        out.append("; parameters:");
        for (const auto& p : sweep.parameters) {
            out.push_back(' ');
            out.append(p);
        }
        out.push_back('\n');
    }
    if (!sweep.fixed.empty()) {
        out.append("Fixed:");
        for (const auto& [key, value] : sweep.fixed)
            out += fmt::format(" {}={}", key, value);
        out.push_back('\n');
    }
    if (sweep.excludedSamples > 0)
        out += fmt::format("Excluded samples: {}\n", sweep.excludedSamples);
    for (const auto& w : sweep.orderWarnings)
        out += fmt::format("Warning: run order: {}\n", w);

    size_t width = 6;
    for (uint32_t c = 0; c < sweep.configs.size(); ++c)
        width = std::max(width, configLabel(sweep, c).size());
    for (const auto& r : sweep.rankings) {
        const auto& m = ds.metrics[r.metric];
        const std::string direction = r.direction == Better::Higher ? std::string("higher is better")
            : r.direction == Better::Lower                          ? std::string("lower is better")
                                                                    : std::string("direction unknown, ascending");
        out += fmt::format("\n{} ({}; {})\n", m.id, m.unit.empty() ? std::string("no unit") : m.unit, direction);
        out += fmt::format(
            "{:>4}  {:<{}}  {:>5} {:>11} {:>11} {:>11}\n", "rank", "config", width, "n", "mean", "median", "stddev");
        size_t rank = 0;
        for (const auto& row : r.rows) {
            const auto& s = row.summary;
            out += fmt::format("{:>4}  {:<{}}  {:>5} {:>11} {:>11} {:>11}\n", ++rank, configLabel(sweep, row.config),
                width, s.n, formatValue(s.mean), formatValue(s.median), s.n >= 2 ? formatValue(s.stddev) : "-");
        }
    }

    out.append(
        "\nPareto front: throughput_tok_s (higher is better) vs ttft_ms (lower is better), configuration means\n");
    if (sweep.pareto.empty())
        out.append("  no configuration has both throughput_tok_s and ttft_ms samples\n");
    for (const auto& p : sweep.pareto) {
        out += fmt::format("  {:<9} {:<{}}  {:>11} tok/s {:>11} ms", p.dominatedBy.empty() ? "front" : "dominated",
            configLabel(sweep, p.id), width, formatValue(p.throughputTokS), formatValue(p.ttftMs));
        if (!p.dominatedBy.empty()) {
            out += fmt::format("  by {}:", p.dominatedBy.size());
            for (size_t i = 0; i < p.dominatedBy.size() && i < kMaxDominatorsInText; ++i)
                out += fmt::format(" [{}]", configLabel(sweep, p.dominatedBy[i]));
            if (p.dominatedBy.size() > kMaxDominatorsInText)
                out.append(" ...");
        }
        out.push_back('\n');
    }

    out.append("\nParameter effects: mean per value; eta^2 = between-group / total sum of squares over the samples "
               "(and over configuration means)\n");
    if (sweep.effects.empty())
        out.append("  none: no parameter varies\n");
    for (const auto& e : sweep.effects) {
        out += fmt::format("  {:<18} {:<14} eta^2 {:>7} (config means {:>7}):", ds.metrics[e.metric].id,
            sweep.parameters[e.parameter], optionalText(e.etaSquared), optionalText(e.etaSquaredOfConfigMeans));
        for (const auto& l : e.levels)
            out += fmt::format("  {}={} (n {})", l.value, formatValue(l.mean), l.n);
        if (e.unsetSamples > 0)
            out += fmt::format("  unset: {} samples left out", e.unsetSamples);
        out.push_back('\n');
    }
    return out;
}

} // namespace benchlens
