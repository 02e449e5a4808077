#pragma once

#include "models/report/report_builder.h"
#include "models/report/report_document.h"
#include "models/stats/findings.h"
#include "models/stats/headlines.h" // plural
#include "models/util/stopwatch.h"

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace benchlens {

struct Dataset;
struct Analysis;
struct MetricStats;
struct SvgChart;
class MetricCatalog;

constexpr size_t kMaxListed = 30; // list items (folders, failing variants, disagreements) before "and N more"
constexpr size_t kMaxCharted = 12; // bars or boxes per chart
// A large folder: more files read or variants than this, and the appendices list at most kMaxAppendixRows rows per
// table (and the sources the report cites), every row being in the data file beside the report instead.
constexpr size_t kLargeFiles = 400;
constexpr size_t kLargeVariants = 1000;
constexpr size_t kMaxAppendixRows = 60;

enum class ExportTableId;

// What every report section reads (the data, the options, what is computed once: findings, the comparison, the
// source labels) and the document they append to. Built by buildReport, then handed to each section of its table in
// order (models/report/report_builder.cpp).
struct ReportContext
{
    ReportContext(
        const Dataset& dataset, const Analysis& analysis, const ReportOptions& options, const WorkflowTimes& times);

    const Stopwatch built; // the document's own build time, measured up to the Workflow Summary
    const Dataset& ds;
    const Analysis& analysis;
    const ReportOptions& options;
    const WorkflowTimes& times;
    const MetricCatalog& catalog;
    std::vector<Finding> findings; // computeFindings(ds, analysis)
    std::optional<DatasetComparison> comparison; // with a baseline in the options, when its selectors match
    std::string comparisonError; // with a baseline, when they do not
    std::map<uint32_t, std::string> sourceLabel; // file index -> "S3": the files that contributed a number
    std::optional<MetricIndex> throughput; // of throughput_tok_s
    std::optional<MetricIndex> ttft; // of ttft_ms
    ReportDocument doc;

    // [S3][S4]: the source labels of files (at most six, then "(+N more)"); files that are not sources are skipped.
    Inlines refsForFiles(const std::vector<uint32_t>& sortedFiles) const;
    Inlines refsForFiles(const std::set<uint32_t>& files) const;
    // The sources of the samples of one or several statistics, each file once.
    Inlines refsFor(const MetricStats& stats) const;
    Inlines refsFor(std::initializer_list<const MetricStats*> stats) const;

    std::string valueWithUnit(double value, uint32_t metric) const; // "12.50 tok/s"
    // "n=5, 95% CI of the mean 1.00–2.00" (the interval of `statistic`: Mean or Median) or "a single value, n=1".
    std::string nText(const Summary& summary, Statistic statistic) const;
    // Whether the folder is large (kLargeFiles, kLargeVariants): its appendices point to the data file.
    bool large() const;
    // Where the data file's table is: "`report-data.statistics.csv` (beside this report)", or without a data file
    // the `benchlens export` command that writes it; ends the sentence.
    Inlines dataFileRef(ExportTableId table) const;
    size_t figureCount() const; // figures in the document so far
    size_t count(FindingKind kind) const; // findings of a kind
    // Adds the chart as the next figure, captioned "Figure N: <caption>".
    void addFigure(SvgChart svg, std::string_view caption);
};

Inlines join(Inlines a, const Inlines& b);
// The longest prefix of whole words (ending with a space) that every id shares and that leaves each id non-empty:
// "gemma3:270m " for the variants of one model; empty when there is none or fewer than two ids.
std::string commonVariantPrefix(const std::vector<std::string_view>& ids);

} // namespace benchlens
