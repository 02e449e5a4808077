#include "models/report/sections/report_context.h"

#include "models/data/dataset.h"
#include "models/data/metric_catalog.h"
#include "models/export/data_export.h"
#include "models/report/svg_charts.h"
#include "models/stats/analysis.h"
#include "models/stats/headlines.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <algorithm>

namespace benchlens {

ReportContext::ReportContext(
    const Dataset& dataset, const Analysis& analysis_, const ReportOptions& options_, const WorkflowTimes& times_)
    : ds(dataset)
    , analysis(analysis_)
    , options(options_)
    , times(times_)
    , catalog(MetricCatalog::instance())
    , findings(computeFindings(dataset, analysis_))
{
    // Sources are the files that contributed samples or reported values, numbered in path order.
    for (uint32_t i = 0; i < ds.files.size(); ++i) {
        const auto& f = ds.files[i];
        if (f.observations || f.failedObservations || f.reported || f.equivalentOf)
            sourceLabel[i] = fmt::format("S{}", sourceLabel.size() + 1);
    }
    throughput = ds.findMetric("throughput_tok_s");
    ttft = ds.findMetric("ttft_ms");
    if (!options.baseline.empty()) {
        auto c = compareSelections(ds, options.baseline, options.candidates, options.compareMetrics,
            options.compareOptions, options.exclusions);
        if (c)
            comparison = std::move(c).value();
        else
            comparisonError = c.error();
    }
}

bool ReportContext::large() const
{
    return ds.files.size() > kLargeFiles || ds.variants.size() > kLargeVariants;
}

Inlines ReportContext::dataFileRef(ExportTableId table) const
{
    if (options.dataFile.empty())
        return {code("benchlens export DIR -o data.csv"),
            text(fmt::format(" writes them (table {}).", exportTableName(table)))};
    const std::string name
        = table == ExportTableId::Observations ? options.dataFile : exportSiblingPath(options.dataFile, table);
    return {code(name), text(", the data file written beside this report.")};
}

std::string commonVariantPrefix(const std::vector<std::string_view>& ids)
{
    if (ids.size() < 2)
        return {};
    std::string_view prefix = ids.front();
    for (const std::string_view id : ids) {
        size_t same = 0;
        while (same < prefix.size() && same < id.size() && prefix[same] == id[same])
            ++same;
        prefix = prefix.substr(0, same);
    }
    // Whole words only, and every id keeps something after it.
    const size_t space = prefix.rfind(' ');
    if (space == std::string_view::npos)
        return {};
    prefix = prefix.substr(0, space + 1);
    for (const std::string_view id : ids) {
        if (id.size() == prefix.size())
            return {};
    }
    return std::string(prefix);
}

Inlines ReportContext::refsForFiles(const std::vector<uint32_t>& files) const
{
    Inlines out;
    size_t shown = 0;
    for (const uint32_t f : files) {
        const auto it = sourceLabel.find(f);
        if (it == sourceLabel.end())
            continue;
        if (shown++ == 6) {
            out.push_back(text(fmt::format(" (+{} more)", files.size() - 6)));
            break;
        }
        out.push_back(sourceRef(it->second));
    }
    return out;
}

Inlines ReportContext::refsForFiles(const std::set<uint32_t>& files) const
{
    return refsForFiles(std::vector<uint32_t>(files.begin(), files.end()));
}

Inlines ReportContext::refsFor(const MetricStats& stats) const
{
    return refsFor({&stats});
}

Inlines ReportContext::refsFor(std::initializer_list<const MetricStats*> stats) const
{
    std::set<uint32_t> files;
    for (const MetricStats* ms : stats) {
        for (const uint32_t sample : ms->samples)
            files.insert(ds.samples.file[sample]);
    }
    return refsForFiles(files);
}

std::string ReportContext::valueWithUnit(double v, uint32_t metric) const
{
    const std::string& unit = ds.metrics[metric].unit;
    return unit.empty() ? formatValue(v) : formatValue(v) + " " + unit;
}

std::string ReportContext::nText(const Summary& s, Statistic statistic) const
{
    return sampleSizeText(s, statistic);
}

size_t ReportContext::figureCount() const
{
    return static_cast<size_t>(std::count_if(doc.blocks.begin(), doc.blocks.end(),
        [](const ReportBlock& b) { return b.kind == ReportBlock::Kind::Figure; }));
}

void ReportContext::addFigure(SvgChart svg, std::string_view caption)
{
    doc.figure(fmt::format("Figure {}: {}", figureCount() + 1, caption), std::move(svg.svg), svg.width, svg.height);
}

size_t ReportContext::count(FindingKind kind) const
{
    return static_cast<size_t>(
        std::count_if(findings.begin(), findings.end(), [kind](const Finding& f) { return f.kind == kind; }));
}

Inlines join(Inlines a, const Inlines& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace benchlens
