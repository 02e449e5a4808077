#include "models/itemmodels/table_text.h"

#include "models/util/escape.h"
#include "models/util/text.h"

#include <QAbstractItemModel>

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

void collect(const QAbstractItemModel& model, const QModelIndex& parent, int depth,
    std::vector<std::pair<QModelIndex, int>>& out)
{
    const int n = model.rowCount(parent);
    for (int r = 0; r < n; ++r) {
        const QModelIndex idx = model.index(r, 0, parent);
        out.emplace_back(idx, depth);
        if (model.hasChildren(idx))
            collect(model, idx, depth + 1, out);
    }
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
    std::vector<std::pair<QModelIndex, int>> items;
    if (rows.isEmpty()) {
        collect(model, QModelIndex(), 0, items);
    } else {
        for (const QModelIndex& r : rows) {
            int depth = 0;
            for (QModelIndex p = r.parent(); p.isValid(); p = p.parent())
                ++depth;
            items.emplace_back(r.siblingAtColumn(0), depth);
        }
    }
    const bool csv = format == TableFormat::Csv;
    QString out;
    QStringList header;
    for (const int c : cols) {
        const QString h = model.headerData(c, Qt::Horizontal).toString();
        header << (csv ? csvField(h) : mdField(h));
    }
    if (csv) {
        out += header.join(QLatin1Char(',')) + QLatin1Char('\n');
    } else {
        out += QStringLiteral("| ") + header.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
        for (size_t i = 0; i < cols.size(); ++i)
            out += QStringLiteral(" --- |");
        out += QLatin1Char('\n');
    }
    for (const auto& [idx, depth] : items) {
        QStringList cells;
        bool first = true;
        for (const int c : cols) {
            QString text = idx.siblingAtColumn(c).data(Qt::DisplayRole).toString();
            if (csv) {
                cells << csvField(text);
            } else {
                if (first && depth > 0)
                    text = QString(depth * 2, QChar(0x00A0)) + text;
                cells << mdField(text);
            }
            first = false;
        }
        if (csv)
            out += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
        else
            out += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    }
    return out;
}

} // namespace benchlens
