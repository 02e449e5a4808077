#include "models/itemmodels/diagnostics_model.h"

#include "models/data/dataset.h"

#include <algorithm>

namespace benchlens {

DiagnosticsModel::DiagnosticsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

DiagnosticsModel::~DiagnosticsModel() = default;

void DiagnosticsModel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    m_file.clear();
    if (m_dataset) {
        for (const auto& d : m_dataset->diagnostics)
            m_file.push_back(m_dataset->findFile(d.file));
    }
    endResetModel();
}

int DiagnosticsModel::firstRowOfFile(int file) const
{
    if (file < 0)
        return -1;
    const auto it = std::find(m_file.begin(), m_file.end(), FileIndex(size_t(file)));
    return it == m_file.end() ? -1 : static_cast<int>(it - m_file.begin());
}

int DiagnosticsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_file.size());
}

int DiagnosticsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case FileColumn:
        return tr("File");
    case LocatorColumn:
        return tr("Where");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

QVariant DiagnosticsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_dataset || static_cast<size_t>(index.row()) >= m_file.size())
        return {};
    const Diagnostic& d = m_dataset->diagnostics[static_cast<size_t>(index.row())];
    switch (role) {
    case SeverityRole:
        return static_cast<int>(d.severity);
    case FileRole: {
        const std::optional<FileIndex> file = m_file[static_cast<size_t>(index.row())];
        return file ? int(file->value) : -1;
    }
    case PathRole:
        return QString::fromStdString(d.file);
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn)
            return QString::fromStdString(d.message);
        return {};
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case SeverityColumn:
        if (role == SortRole)
            return static_cast<int>(d.severity);
        return QString::fromLatin1(severityName(d.severity));
    case FileColumn:
        return d.file.empty() ? QStringLiteral(".") : QString::fromStdString(d.file);
    case LocatorColumn:
        return QString::fromStdString(d.locator);
    case MessageColumn:
        return QString::fromStdString(d.message);
    default:
        return {};
    }
}

} // namespace benchlens
