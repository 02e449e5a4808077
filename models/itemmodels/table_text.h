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

// The DisplayRole text of `model` as a table: a header row, then the rows in `rows` (all rows when empty; tree
// children follow their parent, indented in Markdown), restricted to `columns` (all when empty).
QString tableText(const QAbstractItemModel& model, TableFormat format, const std::vector<int>& columns = {},
    const QModelIndexList& rows = {});

} // namespace benchlens
