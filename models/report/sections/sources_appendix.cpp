// Appendix: Sources: every source file with its label, the values drawn from it and where they sit; then the
// warnings and errors.
#include "models/data/dataset.h"
#include "models/export/data_export.h"
#include "models/report/sections/report_context.h"
#include "models/util/text.h"

#include <fmt/format.h>

#include <set>

namespace benchlens {

namespace {
// The values drawn from one file and the aggregates it reports, as bullets.
std::vector<Inlines> drawnValues(const ReportContext& ctx, uint32_t file, const std::vector<uint32_t>& samplesOfFile,
    const std::vector<uint32_t>& reportedOfFile)
{
    const Dataset& ds = ctx.ds;
    std::vector<Inlines> lines;
    // Values drawn from this file, per variant and metric.
    std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> drawn;
    for (const uint32_t s : samplesOfFile)
        drawn[{ds.samples.variant[s], ds.samples.metric[s]}].push_back(s);
    size_t shown = 0;
    for (const auto& [key, samples] : drawn) {
        if (!ds.metrics[key.second].catalog)
            continue;
        if (shown++ == 12) {
            lines.push_back({text("…")});
            break;
        }
        std::string values;
        for (size_t k = 0; k < samples.size() && k < 10; ++k)
            values += (k ? ", " : "") + formatValue(ds.samples.value[samples[k]]);
        if (samples.size() > 10)
            values += fmt::format(", … ({} values)", samples.size());
        const std::string first = ds.locatorText(file, ds.samples.locator[samples.front()]);
        const std::string last = ds.locatorText(file, ds.samples.locator[samples.back()]);
        lines.push_back({code(ds.variants[key.first].id), text(" " + ds.metrics[key.second].id + " ("),
            text(samples.size() == 1 ? first : first + " … " + last), text("): " + values)});
    }
    size_t reportedShown = 0;
    for (const uint32_t index : reportedOfFile) {
        const ReportedValue& r = ds.reported[index];
        if (!ds.metrics[r.metric].catalog)
            continue;
        if (reportedShown++ == 8) {
            lines.push_back({text(fmt::format("… {} reported values in all", ds.files[file].reported))});
            break;
        }
        lines.push_back({code(ds.variants[r.variant].id),
            text(fmt::format(" reported {} {} = {} ({})", statisticName(r.statistic), ds.metrics[r.metric].id,
                formatValue(r.value), ds.locatorText(file, r.locator)))});
    }
    return lines;
}
// The source labels the document cites so far ("S3"), in its text, lists and tables.
std::set<std::string> citedLabels(const ReportDocument& doc)
{
    std::set<std::string> cited;
    const auto scan = [&](const Inlines& parts) {
        for (const Inline& p : parts) {
            if (p.kind == Inline::Kind::SourceRef)
                cited.insert(p.text);
        }
    };
    for (const ReportBlock& b : doc.blocks) {
        scan(b.text);
        for (const Inlines& item : b.items)
            scan(item);
        for (const auto& row : b.table.rows) {
            for (const Inlines& cell : row)
                scan(cell);
        }
    }
    return cited;
}
} // namespace

void writeSourcesAppendix(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    ctx.doc.paragraph({text("Every file that contributed a number, with the values drawn from it and where they sit "
                            "(CSV line and column, JSON pointer, Markdown line).")});
    // Each file's samples and reported values, gathered in one pass (not one pass per file).
    std::vector<std::vector<uint32_t>> samplesOf(ds.files.size()), reportedOf(ds.files.size());
    for (uint32_t s = 0; s < ds.samples.size(); ++s)
        samplesOf[ds.samples.file[s]].push_back(s);
    for (uint32_t r = 0; r < ds.reported.size(); ++r)
        reportedOf[ds.reported[r].file].push_back(r);
    // A large folder's appendix lists the sources the report cites; every file's values are in the data file.
    const std::set<std::string> cited = ctx.large() ? citedLabels(ctx.doc) : std::set<std::string>();
    if (ctx.large()) {
        ctx.doc.paragraph(join({text(fmt::format("Listed here: the {} of the {} sources that this report cites. Every "
                                                 "value of every file, with its file and locator, is in ",
                                   cited.size(), ctx.sourceLabel.size()))},
            ctx.dataFileRef(ExportTableId::Observations)));
    }
    for (const auto& [file, label] : ctx.sourceLabel) {
        if (ctx.large() && !cited.count(label))
            continue;
        const auto& f = ds.files[file];
        Inlines head {anchor(label), strong("[" + label + "]"), text(" "), code(f.path),
            text(fmt::format(" — {}; run ", f.recognizer.empty() ? "not recognized" : f.recognizer)),
            code(ds.run(f.run).id)};
        if (f.equivalentOf) {
            head.push_back(text("; the same samples as "));
            head.push_back(code(ds.file(*f.equivalentOf).path));
            head.push_back(text(", counted once there."));
            ctx.doc.paragraph(std::move(head));
            continue;
        }
        head.push_back(text(
            fmt::format("; {} successful, {} failed, {} reported.", f.observations, f.failedObservations, f.reported)));
        ctx.doc.paragraph(std::move(head));
        auto lines = drawnValues(ctx, file, samplesOf[file], reportedOf[file]);
        if (!lines.empty())
            ctx.doc.bullets(std::move(lines));
    }
    std::vector<Inlines> warnings;
    for (const auto& d : ds.diagnostics) {
        if (d.severity == Severity::Info)
            continue;
        if (warnings.size() == 100) {
            warnings.push_back({text("… (run `benchlens summarize --json` for the full list)")});
            break;
        }
        warnings.push_back({text(std::string(severityName(d.severity)) + ": "), code(d.file.empty() ? "." : d.file),
            text((d.locator.empty() ? "" : " " + d.locator) + ": " + d.message)});
    }
    if (!warnings.empty()) {
        ctx.doc.heading(3, "Diagnostics");
        ctx.doc.bullets(std::move(warnings));
    }
}

} // namespace benchlens
