// Data Ingestion Summary (the data at a glance): bytes, folders walked, files that count once, unreadable files,
// diagnostics; long lists are cut in the body and given whole in the appendices.
#include "models/data/dataset.h"
#include "models/report/sections/report_context.h"
#include "models/report/summary_json.h"

#include <fmt/format.h>

namespace benchlens {

namespace {
constexpr size_t kBodyListed = 6; // files listed in the body before "… and N more"
} // namespace

// Byte-identical files and files with the same samples as another: one line each.
std::vector<Inlines> countedOnce(const ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    const auto& inv = ds.inventory;
    std::vector<Inlines> dup;
    for (const auto& [a, b] : inv.duplicates)
        dup.push_back({code(ds.file(b).path), text(" is byte-identical to "), code(ds.file(a).path)});
    for (const auto& [a, b] : inv.equivalents)
        dup.push_back({code(ds.file(b).path), text(" holds the same samples as "), code(ds.file(a).path),
            text(" (one run, two formats)")});
    return dup;
}

void writeIngestionSummary(ReportContext& ctx)
{
    const Dataset& ds = ctx.ds;
    const auto& inv = ds.inventory;
    // The files by type are in the Executive Summary's first line.
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

    if (std::vector<Inlines> dup = countedOnce(ctx); !dup.empty()) {
        ctx.doc.paragraph({text(fmt::format("Files whose samples count once ({}):", dup.size()))});
        if (dup.size() > kBodyListed) {
            const size_t more = dup.size() - kBodyListed;
            dup.resize(kBodyListed);
            dup.push_back({text(fmt::format("… and {} more, listed in the appendix \"Input Files\".", more))});
        }
        ctx.doc.bullets(std::move(dup));
    }

    if (!ds.userMap.empty()) {
        // A reader must know which numbers exist only because a person said what a column is.
        ctx.doc.paragraph({text("Mapped by hand (the user's map "), code(ds.userMap.source),
            text(fmt::format(", {}): these columns and fields were read as the map says, not as BenchLens would "
                             "have read them:",
                UserMap::kSchema))});
        ReportTable rules;
        rules.header = {"Rule", "Column or field", "Read as", "Files", "Values"};
        rules.numeric = {true, false, false, true, true};
        for (size_t r = 0; r < ds.userMap.rules.size(); ++r) {
            const UserMapRule& rule = ds.userMap.rules[r];
            const UserMapRuleUse use = r < ds.userMapUse.size() ? ds.userMapUse[r] : UserMapRuleUse {};
            Inlines readAs;
            switch (rule.action) {
            case UserMapRule::Action::Metric:
                readAs.push_back(code(rule.metric));
                if (!rule.unit.empty())
                    readAs.push_back(text(fmt::format(" (from {}, x {:g})", rule.unit, rule.factor)));
                if (rule.statistic != Statistic::Sample)
                    readAs.push_back(text(fmt::format(", {} values", statisticName(rule.statistic))));
                break;
            case UserMapRule::Action::Parameter:
                readAs = {text("parameter "), code(rule.dimension)};
                break;
            case UserMapRule::Action::Model:
                readAs = {text("the model")};
                break;
            case UserMapRule::Action::Ignore:
                readAs = {text("ignored")};
                break;
            }
            Inlines column {code(rule.column)};
            if (!rule.files.empty()) {
                column.push_back(text(" in "));
                column.push_back(code(rule.files));
            }
            rules.rows.push_back({{text(std::to_string(r + 1))}, std::move(column), std::move(readAs),
                {text(std::to_string(use.files))},
                {text(use.files ? std::to_string(use.values) : std::to_string(use.values) + " (matched nothing)")}});
        }
        ctx.doc.table(std::move(rules));
    }

    std::vector<Inlines> unreadable;
    std::map<Severity, size_t> bySeverity;
    for (const auto& d : ds.diagnostics) {
        ++bySeverity[d.severity];
        if (d.severity == Severity::Error)
            unreadable.push_back({code(d.file.empty() ? "." : d.file), text(": " + d.message)});
    }
    if (!unreadable.empty()) {
        ctx.doc.paragraph({text(fmt::format("Files that could not be read ({}):", unreadable.size()))});
        if (unreadable.size() > kBodyListed) {
            const size_t more = unreadable.size() - kBodyListed;
            unreadable.resize(kBodyListed);
            unreadable.push_back(
                {text(fmt::format("… and {} more, listed with the diagnostics in the appendix \"Sources\".", more))});
        }
        ctx.doc.bullets(std::move(unreadable));
    }
    ctx.doc.paragraph({text(fmt::format("Diagnostics{}: {} errors, {} warnings, {} notes; the warnings are listed "
                                        "in the appendix \"Sources\".",
        ds.scope ? " (of the selected part's files, and the files that could not be read)" : "",
        bySeverity[Severity::Error], bySeverity[Severity::Warning], bySeverity[Severity::Info]))});
}

} // namespace benchlens
