#include "models/itemmodels/inventory_model.h"

#include "models/data/dataset.h"

#include <QDateTime>

#include <algorithm>
#include <map>

namespace benchlens {

struct InventoryModel::Node
{
    int parent = -1;
    int row = 0;
    int file = -1; // -1 for a folder
    QString name;
    QString path;
    std::vector<int> children;
    // Folder totals
    quint64 bytes = 0;
    quint64 files = 0;
    quint64 samples = 0;
    quint64 failed = 0;
    quint64 reported = 0;
};

QString formatBytes(quint64 bytes)
{
    if (bytes < 1024)
        return QString::number(bytes) + QStringLiteral(" B");
    if (bytes < 1024 * 1024)
        return QString::number(static_cast<double>(bytes) / 1024.0, 'f', 1) + QStringLiteral(" KB");
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MB");
}

InventoryModel::InventoryModel(QObject* parent)
    : QAbstractItemModel(parent)
{
    m_nodes.emplace_back();
}

InventoryModel::~InventoryModel() = default;

void InventoryModel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    m_nodes.clear();
    m_nodes.emplace_back();
    m_fileNode.clear();
    m_worstSeverity.clear();
    m_diagnosticCount.clear();
    if (m_dataset) {
        const Dataset& ds = *m_dataset;
        std::map<QString, int> dirs; // relative path -> node
        dirs[QString()] = 0;
        // The folder part of a relative path ("" at the top) and its last component.
        const auto parentOf = [](const QString& path) {
            const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
            return slash < 0 ? QString() : path.left(slash);
        };
        const auto nameOf = [](const QString& path) {
            const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
            return slash < 0 ? path : path.mid(slash + 1);
        };
        // Appends a node for `path` (a folder when file < 0) under `parent`; returns its id.
        const auto addNode = [&](int parent, const QString& path, int file) {
            Node n;
            n.parent = parent;
            n.file = file;
            n.name = nameOf(path);
            n.path = path;
            m_nodes.push_back(std::move(n));
            const int id = static_cast<int>(m_nodes.size() - 1);
            m_nodes[static_cast<size_t>(parent)].children.push_back(id);
            return id;
        };
        // Creates the folder node for `path` and its ancestors.
        const auto ensureDir = [&](const QString& path, auto&& self) -> int {
            if (const auto it = dirs.find(path); it != dirs.end())
                return it->second;
            const int id = addNode(self(parentOf(path), self), path, -1);
            dirs[path] = id;
            return id;
        };
        for (const auto& d : ds.inventory.directories)
            ensureDir(QString::fromStdString(d), ensureDir);
        m_fileNode.resize(ds.files.size());
        for (size_t i = 0; i < ds.files.size(); ++i) {
            const QString path = QString::fromStdString(ds.files[i].path);
            const int parent = ensureDir(parentOf(path), ensureDir);
            m_fileNode[i] = addNode(parent, path, static_cast<int>(i));
            // Folder totals, up to the root.
            const auto& f = ds.files[i];
            for (int p = parent; p >= 0; p = m_nodes[static_cast<size_t>(p)].parent) {
                Node& dir = m_nodes[static_cast<size_t>(p)];
                dir.bytes += f.bytes;
                ++dir.files;
                dir.samples += f.observations;
                dir.failed += f.failedObservations;
                dir.reported += f.reported;
            }
        }
        // Folders first, then files, each by name.
        for (auto& n : m_nodes) {
            std::sort(n.children.begin(), n.children.end(), [this](int a, int b) {
                const Node& x = m_nodes[static_cast<size_t>(a)];
                const Node& y = m_nodes[static_cast<size_t>(b)];
                if ((x.file < 0) != (y.file < 0))
                    return x.file < 0;
                return x.name < y.name;
            });
            for (size_t r = 0; r < n.children.size(); ++r)
                m_nodes[static_cast<size_t>(n.children[r])].row = static_cast<int>(r);
        }
        m_worstSeverity.assign(ds.files.size(), -1);
        m_diagnosticCount.assign(ds.files.size(), 0);
        for (const auto& d : ds.diagnostics) {
            const std::optional<FileIndex> file = ds.findFile(d.file);
            if (!file)
                continue;
            const size_t i = file->value;
            ++m_diagnosticCount[i];
            m_worstSeverity[i] = std::max(m_worstSeverity[i], static_cast<int>(d.severity));
        }
    }
    endResetModel();
}

QString InventoryModel::typeCountsText() const
{
    if (!m_dataset)
        return {};
    const Inventory& inv = m_dataset->inventory;
    QStringList types;
    for (int t = 0; t < 5; ++t) {
        types << QString::fromLatin1(fileTypeName(static_cast<FileType>(t)).data()) + QLatin1Char(' ')
                + QString::number(inv.byType[t]);
    }
    return QStringLiteral("%1 files (%2) in %3 folders: %4")
        .arg(inv.files)
        .arg(formatBytes(inv.bytes))
        .arg(inv.directories.size())
        .arg(types.join(QStringLiteral(" · ")));
}

QModelIndex InventoryModel::indexOfFile(int file) const
{
    if (file < 0 || static_cast<size_t>(file) >= m_fileNode.size())
        return {};
    const int node = m_fileNode[static_cast<size_t>(file)];
    return createIndex(m_nodes[static_cast<size_t>(node)].row, 0, static_cast<quintptr>(node));
}

QModelIndex InventoryModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const size_t p = parent.isValid() ? static_cast<size_t>(parent.internalId()) : 0;
    if (parent.isValid() && parent.column() != 0)
        return {};
    const auto& children = m_nodes[p].children;
    if (static_cast<size_t>(row) >= children.size())
        return {};
    return createIndex(row, column, static_cast<quintptr>(children[static_cast<size_t>(row)]));
}

QModelIndex InventoryModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[static_cast<size_t>(child.internalId())].parent;
    if (p <= 0)
        return {};
    return createIndex(m_nodes[static_cast<size_t>(p)].row, 0, static_cast<quintptr>(p));
}

int InventoryModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const size_t p = parent.isValid() ? static_cast<size_t>(parent.internalId()) : 0;
    return static_cast<int>(m_nodes[p].children.size());
}

int InventoryModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant InventoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified (UTC)");
    case RecognizerColumn:
        return tr("Recognized as");
    case RowsColumn:
        return tr("Rows");
    case MetricsColumn:
        return tr("Metrics found");
    case SamplesColumn:
        return tr("Samples");
    case FailedColumn:
        return tr("Failed");
    case ReportedColumn:
        return tr("Reported");
    case DiagnosticsColumn:
        return tr("Diagnostics");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QVariant InventoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_dataset)
        return {};
    const Node& n = m_nodes[static_cast<size_t>(index.internalId())];
    if (role == FileIndexRole)
        return n.file;
    if (role == PathRole)
        return n.path;
    if (role == IsFolderRole)
        return n.file < 0;
    if (role == Qt::ToolTipRole)
        return n.path.isEmpty() ? QStringLiteral(".") : n.path;
    const int col = index.column();
    const bool display = role == Qt::DisplayRole;
    const bool sort = role == SortRole;
    if (n.file < 0) {
        if (role == SeverityRole)
            return -1;
        if (!display && !sort)
            return {};
        switch (col) {
        case NameColumn:
            return n.name;
        case TypeColumn:
            return display ? tr("folder, %n file(s)", nullptr, static_cast<int>(n.files)) : QVariant(n.files);
        case SizeColumn:
            return display ? QVariant(formatBytes(n.bytes)) : QVariant(n.bytes);
        case SamplesColumn:
            return n.samples;
        case FailedColumn:
            return n.failed;
        case ReportedColumn:
            return n.reported;
        default:
            return sort ? QVariant(QString()) : QVariant();
        }
    }
    const auto fi = static_cast<size_t>(n.file);
    const SourceFile& f = m_dataset->files[fi];
    if (role == SeverityRole)
        return m_worstSeverity[fi];
    if (!display && !sort)
        return {};
    switch (col) {
    case NameColumn:
        return n.name;
    case TypeColumn:
        return QString::fromLatin1(fileTypeName(f.type).data());
    case SizeColumn:
        return display ? QVariant(formatBytes(f.bytes)) : QVariant(static_cast<quint64>(f.bytes));
    case ModifiedColumn:
        if (sort)
            return static_cast<qint64>(f.modifiedMs);
        return QDateTime::fromMSecsSinceEpoch(f.modifiedMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case RecognizerColumn:
        return QString::fromStdString(f.recognizer);
    case RowsColumn:
        return static_cast<quint64>(f.extract.records.size());
    case MetricsColumn: {
        QStringList names;
        for (const auto& m : f.extract.metrics)
            names << QString::fromStdString(m.name);
        return display ? QVariant(names.join(QStringLiteral(", "))) : QVariant(static_cast<int>(names.size()));
    }
    case SamplesColumn:
        return f.observations;
    case FailedColumn:
        return f.failedObservations;
    case ReportedColumn:
        return f.reported;
    case DiagnosticsColumn:
        return m_diagnosticCount[fi];
    case StatusColumn: {
        if (f.status == FileStatus::Error)
            return tr("error (see diagnostics)");
        if (f.status == FileStatus::Skipped)
            return tr("skipped");
        if (f.status == FileStatus::NotUnderstood)
            return tr("not understood (see diagnostics)");
        if (f.duplicateOf)
            return tr("duplicate of %1").arg(QString::fromStdString(m_dataset->file(*f.duplicateOf).path));
        if (f.equivalentOf)
            return tr("same samples as %1").arg(QString::fromStdString(m_dataset->file(*f.equivalentOf).path));
        if (f.observations == 0 && f.failedObservations == 0 && f.reported == 0)
            return tr("not benchmark data");
        if (f.observations == 0 && f.failedObservations > 0)
            return tr("every observation failed");
        return f.observations > 0 ? tr("samples") : tr("reported values only");
    }
    default:
        return {};
    }
}

} // namespace benchlens
