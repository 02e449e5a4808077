// Workflow Summary: the measured times (unless --no-timings) and what was excluded; and the appendix of the input
// files' SHA-256 for `benchlens verify`.
#include "models/data/dataset.h"
#include "models/export/data_export.h"
#include "models/report/sections/report_context.h"
#include "models/stats/dataset_comparison.h"

#include <fmt/format.h>

#include <algorithm>

namespace benchlens {

bool hasChecksums(const ReportContext& ctx);
std::vector<Inlines> countedOnce(const ReportContext& ctx);

void writeWorkflowSummary(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    if (ctx.options.timings) {
        ctx.doc.bullets({{text(fmt::format("Ingest: {} ({} bytes) scanned, parsed and recognized in {:.1f} ms.",
                             plural(ds.inventory.files, "file", "files"), ds.inventory.bytes, ctx.times.ingestMs))},
            {text(fmt::format("Analysis: {} samples and {} reported values in {:.1f} ms.", ds.samples.size(),
                ds.reported.size(), ctx.times.analysisMs))},
            {text(fmt::format("Report: built in {:.1f} ms.", ctx.built.elapsedMs()))},
            {text("Times are measured on this run; every other number in this report is the same for the same "
                  "folder and date.")}});
    } else {
        ctx.doc.bullets({{text(fmt::format("Ingest: {} ({} bytes); analysis: {} samples and {} reported values. "
                                           "Times were not recorded (--no-timings), so this report is the same "
                                           "for the same folder and date.",
            plural(ds.inventory.files, "file", "files"), ds.inventory.bytes, ds.samples.size(), ds.reported.size()))}});
    }
    const auto flagged = flagObservations(ds, ctx.options.exclusions);
    size_t excluded = 0;
    for (const auto& f : flagged)
        excluded += f.excluded ? 1 : 0;
    ctx.doc.bullets({{text(excluded
            ? fmt::format("Excluded from the statistics: {} of {} flagged observation(s) (cold starts{}).", excluded,
                flagged.size(), ctx.options.exclusions.shortReplies ? ", near-empty replies" : "")
            : fmt::format("Nothing was excluded from the statistics: {} flagged observation(s) (cold starts, "
                          "near-empty replies) are kept and listed in the findings.",
                flagged.size()))}});
    if (hasChecksums(ctx))
        ctx.doc.bullets({{text(fmt::format("Inputs: the SHA-256 of each of the {} is in the appendix \"Input Files\"; "
                                           "the footer of every PDF page carries their digest. ",
                              plural(ds.files.size(), "file", "files"))),
            code("benchlens verify REPORT DIR"), text(" checks a folder against them.")}});
}

bool hasChecksums(const ReportContext& ctx)
{
    const auto& files = ctx.ds.files;
    return !files.empty()
        && std::all_of(files.begin(), files.end(), [](const SourceFile& f) { return !f.sha256.empty(); });
}

// Appendix: the input files' SHA-256.
void writeInputChecksums(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    if (std::vector<Inlines> dup = countedOnce(ctx); !dup.empty()) {
        ctx.doc.paragraph({text("Files whose samples count once:")});
        if (ctx.large() && dup.size() > kMaxAppendixRows) {
            const size_t more = dup.size() - kMaxAppendixRows;
            dup.resize(kMaxAppendixRows);
            Inlines ref = ctx.dataFileRef(ExportTableId::Files);
            ref.back().text = fmt::format("){}", ref.back().text); // closes the bracket opened before the file
            dup.push_back(join({text(fmt::format("… and {} more (column status of ", more))}, std::move(ref)));
        }
        ctx.doc.bullets(std::move(dup));
    }
    ctx.doc.paragraph({text("The SHA-256 of every file read, so that the folder can be checked against this report "
                            "later: "),
        code("benchlens verify REPORT DIR"), text(".")});
    if (ctx.large()) {
        // Thousands of rows nobody reads: the checksums go to the data file and, for `benchlens verify`, to the
        // report's metadata (PDF) or a comment (Markdown, HTML).
        ctx.doc.paragraph(join({text(fmt::format("The {} files' sizes and SHA-256 are in ", ds.files.size()))},
            ctx.dataFileRef(ExportTableId::Files)));
        for (const auto& f : ds.files)
            ctx.doc.checksums.emplace_back("sha256:" + f.sha256, f.path);
        return;
    }
    ReportTable t;
    t.header = {"File", "Bytes", "SHA-256"};
    t.numeric = {false, true, false};
    for (const auto& f : ds.files)
        t.rows.push_back({{code(f.path)}, {text(std::to_string(f.bytes))}, {code("sha256:" + f.sha256)}});
    ctx.doc.table(std::move(t));
}

} // namespace benchlens
