#include "models/itemmodels/table_text.h"

#include "models/util/escape.h"
#include "models/util/text.h"

#include <QAbstractItemModel>

#include <algorithm>

namespace benchlens {

namespace {

QString csvField(const QString& s)
{
    return QString::fromStdString(benchlens::csvField(s.toStdString()));
}

// A cell escaped as the report's Markdown writer escapes its cells.
QString mdField(const QString& s)
{
    return QString::fromStdString(escapeMarkdown(s.toStdString()));
}

void collect(const QAbstractItemModel& model, const QModelIndex& parent, QModelIndexList& out)
{
    const int n = model.rowCount(parent);
    for (int r = 0; r < n; ++r) {
        const QModelIndex idx = model.index(r, 0, parent);
        out << idx;
        if (model.hasChildren(idx))
            collect(model, idx, out);
    }
}

// The rows from the top to `idx`: the key that orders rows as the model shows them (a parent before its children).
std::vector<int> rowPath(QModelIndex idx)
{
    std::vector<int> path;
    for (; idx.isValid(); idx = idx.parent())
        path.push_back(idx.row());
    std::reverse(path.begin(), path.end());
    return path;
}

// Column 0 of `idx` and of its ancestors, the top first.
QStringList namePath(const QModelIndex& idx)
{
    QStringList names;
    for (QModelIndex i = idx.siblingAtColumn(0); i.isValid(); i = i.parent())
        names.prepend(i.data(Qt::DisplayRole).toString());
    return names;
}

} // namespace

QString tableText(
    const QAbstractItemModel& model, TableFormat format, const std::vector<int>& columns, const QModelIndexList& rows)
{
    std::vector<int> cols = columns;
    if (cols.empty()) {
        for (int c = 0; c < model.columnCount(); ++c)
            cols.push_back(c);
    }
    QModelIndexList items;
    if (rows.isEmpty()) {
        collect(model, QModelIndex(), items);
    } else {
        std::vector<std::pair<std::vector<int>, QModelIndex>> keyed;
        keyed.reserve(static_cast<size_t>(rows.size()));
        for (const QModelIndex& r : rows)
            keyed.emplace_back(rowPath(r), r.siblingAtColumn(0));
        std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [key, idx] : keyed)
            items << idx;
    }
    const QStringList levels = model.headerData(0, Qt::Horizontal, TableLevelNamesRole).toStringList();
    const bool csv = format == TableFormat::Csv;
    const auto field = [csv](const QString& s) { return csv ? csvField(s) : mdField(s); };
    const auto line = [csv](const QStringList& cells) {
        return csv ? cells.join(QLatin1Char(',')) + QLatin1Char('\n')
                   : QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    };
    QStringList header;
    for (const int c : cols) {
        if (c == 0 && !levels.isEmpty()) {
            for (const QString& level : levels)
                header << field(level);
        } else {
            header << field(model.headerData(c, Qt::Horizontal).toString());
        }
    }
    QString out = line(header);
    if (!csv) {
        out += QLatin1Char('|');
        for (qsizetype i = 0; i < header.size(); ++i)
            out += QStringLiteral(" --- |");
        out += QLatin1Char('\n');
    }
    for (const QModelIndex& idx : items) {
        QStringList cells;
        for (const int c : cols) {
            if (c != 0) {
                cells << field(idx.siblingAtColumn(c).data(Qt::DisplayRole).toString());
                continue;
            }
            const QStringList names = namePath(idx);
            if (levels.isEmpty()) {
                cells << field(names.join(QLatin1Char('/')));
                continue;
            }
            for (qsizetype level = 0; level < levels.size(); ++level)
                cells << field(level < names.size() ? names[level] : QString());
        }
        out += line(cells);
    }
    return out;
}

} // namespace benchlens
