// The title, the date/folder/version line, and for a report on part of the folder, which part.
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/report/summary_json.h"
#include "models/util/version.h"

#include <fmt/format.h>

#include <chrono>

namespace benchlens {

namespace {
std::string folderName(const std::string& root)
{
    const auto slash = root.rfind('/');
    return slash == std::string::npos ? root : root.substr(slash + 1);
}

std::string today()
{
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    return utcTimestamp(ms).substr(0, 10);
}

// A report on part of the folder says which part, and how much of the folder that is.
void scopeParagraph(ReportContext& ctx)
{
    const DatasetScope& scope = *ctx.ds.scope;
    uint64_t observations = 0, failed = 0;
    for (const auto& v : ctx.ds.variants) {
        observations += v.observations;
        failed += v.failedObservations;
    }
    Inlines line {strong("Scope:"), text(" the part of the folder selected by ")};
    for (size_t i = 0; i < scope.selectors.size(); ++i) {
        if (i)
            line.push_back(text(" or "));
        line.push_back(code(scope.selectors[i]));
    }
    line.push_back(text(fmt::format(": {} of {} variants, {} of {} successful observations, {} of {} failed ones "
                                    "and {} of {} reported aggregates, from {} of {} source files. Every "
                                    "statistic, chart and finding below is computed from this part only; the "
                                    "Data Ingestion Summary and the input checksums describe the whole folder.",
        ctx.ds.variants.size(), scope.folderVariants, observations, scope.folderObservations, failed,
        scope.folderFailed, ctx.ds.reported.size(), scope.folderReported, ctx.sourceLabel.size(),
        scope.folderSources)));
    ctx.doc.paragraph(std::move(line));
}
} // namespace

void writeFrontMatter(ReportContext& ctx)
{
    ctx.doc.title
        = ctx.options.title.empty() ? "BenchLens Technical Report: " + folderName(ctx.ds.root) : ctx.options.title;
    ctx.doc.paragraph(
        {strong("Date:"), text(" " + (ctx.options.date.empty() ? today() : ctx.options.date) + "  "), strong("Folder:"),
            text(" "), code(ctx.ds.root), text("  "), strong("BenchLens:"), text(std::string(" ") + version())});
    if (ctx.ds.scope)
        scopeParagraph(ctx);
}

} // namespace benchlens
