// Data Ingestion Summary: files by type, bytes, folders walked, files that count once, unreadable files, diagnostics.
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/report/summary_json.h"

#include <fmt/format.h>

namespace benchlens {

void writeIngestionSummary(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    const auto& inv = ds.inventory;
    ReportTable types;
    types.header = {"Type", "Files"};
    types.numeric = {false, true};
    for (int t = 0; t < 5; ++t)
        types.rows.push_back(
            {{text(std::string(fileTypeName(static_cast<FileType>(t))))}, {text(std::to_string(inv.byType[t]))}});
    types.rows.push_back({{strong("total")}, {strong(std::to_string(inv.files))}});
    ctx.doc.table(std::move(types));

    std::vector<Inlines> items;
    items.push_back({text(fmt::format("Bytes read: {}.", inv.bytes))});
    items.push_back(
        {text(fmt::format("Latest modification: {}.", inv.files ? utcTimestamp(inv.latestModifiedMs) : "-"))});
    Inlines dirs {text(fmt::format("Folders walked ({}): ", inv.directories.size()))};
    for (size_t i = 0; i < inv.directories.size() && i < kMaxListed; ++i) {
        if (i)
            dirs.push_back(text(", "));
        dirs.push_back(code(inv.directories[i].empty() ? "." : inv.directories[i]));
    }
    if (inv.directories.size() > kMaxListed)
        dirs.push_back(text(fmt::format(", and {} more", inv.directories.size() - kMaxListed)));
    items.push_back(std::move(dirs));
    ctx.doc.bullets(std::move(items));

    if (!inv.duplicates.empty() || !inv.equivalents.empty()) {
        ctx.doc.paragraph({text("Files whose samples count once:")});
        std::vector<Inlines> dup;
        for (const auto& [a, b] : inv.duplicates)
            dup.push_back({code(ds.file(b).path), text(" is byte-identical to "), code(ds.file(a).path)});
        for (const auto& [a, b] : inv.equivalents)
            dup.push_back({code(ds.file(b).path), text(" holds the same samples as "), code(ds.file(a).path),
                text(" (one run, two formats)")});
        ctx.doc.bullets(std::move(dup));
    }

    std::vector<Inlines> unreadable;
    std::map<Severity, size_t> bySeverity;
    for (const auto& d : ds.diagnostics) {
        ++bySeverity[d.severity];
        if (d.severity == Severity::Error)
            unreadable.push_back({code(d.file.empty() ? "." : d.file), text(": " + d.message)});
    }
    if (!unreadable.empty()) {
        ctx.doc.paragraph({text("Files that could not be read:")});
        ctx.doc.bullets(std::move(unreadable));
    }
    ctx.doc.paragraph({text(fmt::format("Diagnostics{}: {} errors, {} warnings, {} notes; the warnings are listed "
                                        "in the Appendix.",
        ds.scope ? " (of the selected part's files, and the files that could not be read)" : "",
        bySeverity[Severity::Error], bySeverity[Severity::Warning], bySeverity[Severity::Info]))});
}

} // namespace benchlens
