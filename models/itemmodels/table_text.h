#pragma once

#include <QModelIndexList>
#include <QString>

#include <vector>

class QAbstractItemModel;

namespace benchlens {

enum class TableFormat
{
    Csv, // RFC 4180: fields with a comma, quote or newline are quoted, quotes doubled
    Markdown // a pipe table; cells escaped as the report escapes them (escapeMarkdown in util/escape.h)
};

// A header role a tree model may answer on section 0 (horizontal): a QStringList naming what column 0 holds at each
// depth ({"Variant", "Metric"}). tableText then writes column 0 as one column per depth.
inline constexpr int TableLevelNamesRole = Qt::UserRole + 0x100;

// The DisplayRole text of `model` as a table: a header row, then the rows in `rows` (all rows when empty, tree
// children after their parent), in the order the model shows them, restricted to `columns` (all when empty). Every
// row is self-contained: in a tree that answers TableLevelNamesRole, column 0 becomes one column per depth and a
// row repeats its ancestors' names (a metric row names its variant); in another tree a child's column 0 is the
// path of names from the top, joined by '/' (a file row names its folder).
QString tableText(const QAbstractItemModel& model, TableFormat format, const std::vector<int>& columns = {},
    const QModelIndexList& rows = {});

} // namespace benchlens
