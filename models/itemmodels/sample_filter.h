#pragma once

#include "models/data/indices.h"

#include <QString>

#include <map>
#include <optional>
#include <string>

namespace benchlens {

struct Dataset;

// What a report or a data export of the window covers: what the filter bar and the selection show (scopeSelector()),
// or the whole folder. Part of the window's filter state (SelectionHub::scope): the Report view's Scope box writes it,
// the Report view and the data export read it.
enum class ReportScope
{
    FilteredView, // the model, configuration and metric filters and the selected variant or file
    WholeFolder
};

// What the filter bar and the selection narrow the folder to: a plain value that SelectionHub holds, the
// SampleFilterProxy applies to the samples table, and the charts, the report and the data export read.
struct SampleFilter
{
    QString text; // free text, matched against variant ids, file paths and metric ids (a search, not a scope)
    QString model; // "" = every model
    QString metric; // a metric id; "" = every metric
    std::map<QString, QString> config; // key -> value a variant must have
    std::optional<VariantIndex> variant; // the selected variant; none = all
    std::optional<FileIndex> file; // the selected file; none = all

    bool operator==(const SampleFilter&) const = default;

    // Sets the filter on `key`; an empty value removes it. Returns whether anything changed.
    bool setConfig(const QString& key, const QString& value);
    // Whether variant `index` of `dataset` passes the model and configuration filters (not the text or the
    // selection): what the charts and the variants table show. False for an index outside the dataset.
    bool acceptsVariant(const Dataset& dataset, int index) const;
    // The model, configuration and metric filters and the variant/file selection as one selector
    // (stats/selector.h), "" when none is set: the part of the folder a report on the filtered view covers. The
    // free-text filter is a search and has no selector form. Without a dataset the selection is left out.
    std::string scopeSelector(const Dataset* dataset) const;
};

} // namespace benchlens
