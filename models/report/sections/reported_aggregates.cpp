// Appendix "Aggregates Reported by the Files": what files state themselves beside what BenchLens computes for the
// same variant and metric.
#include "models/data/dataset.h"
#include "models/export/data_export.h"
#include "models/report/sections/report_context.h"
#include "models/util/text.h"

#include <fmt/format.h>

namespace benchlens {

bool hasReported(const ReportContext& ctx)
{
    return !ctx.ds.reported.empty();
}

void writeReportedAggregates(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    ctx.doc.paragraph({text(fmt::format("Files state {} aggregates themselves. They are quoted here, never mixed into "
                                        "the samples; where BenchLens has samples for the same variant and metric it "
                                        "shows what it computes (from the same run where that run has samples).",
        ds.reported.size()))});
    ReportTable t;
    t.header = {"Variant", "Metric", "Statistic", "Reported", "Computed", "n computed", "Source"};
    t.numeric = {false, false, false, true, true, true, false};
    std::vector<const ReportedValue*> rows;
    for (const auto& r : ds.reported) {
        if (r.computed)
            rows.push_back(&r);
    }
    size_t withoutComputed = ds.reported.size() - rows.size();
    const size_t checked = rows.size();
    if (ctx.large() && rows.size() > kMaxAppendixRows)
        rows.resize(kMaxAppendixRows);
    for (const auto* r : rows) {
        const std::string label = ctx.sourceLabel.count(r->file) ? ctx.sourceLabel.at(r->file) : "";
        t.rows.push_back({{code(ds.variants[r->variant].id)}, {text(ds.metrics[r->metric].id)},
            {text(std::string(statisticName(r->statistic)))}, {text(formatValue(r->value))},
            {text(formatValue(*r->computed))}, {text(std::to_string(*r->computedN))},
            {sourceRef(label), text(fmt::format(" {}", ds.locatorText(r->file, r->locator)))}});
    }
    if (!t.rows.empty())
        ctx.doc.table(std::move(t));
    if (rows.size() < checked)
        ctx.doc.paragraph(join({text(fmt::format("The first {} of the {} reported values checked against samples; "
                                                 "every reported value, with its source and locator, is in ",
                                   rows.size(), checked))},
            ctx.dataFileRef(ExportTableId::Reported)));
    if (withoutComputed && ctx.large())
        ctx.doc.paragraph(join({text(fmt::format("{} more reported values have no samples to check them against; "
                                                 "they are in ",
                                   withoutComputed))},
            ctx.dataFileRef(ExportTableId::Reported)));
    else if (withoutComputed)
        ctx.doc.paragraph({text(fmt::format("{} more reported values have no samples to check them against; they "
                                            "are listed with their sources in the appendix \"Sources\".",
            withoutComputed))});
}

} // namespace benchlens
