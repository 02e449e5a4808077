#pragma once

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace benchlens {

struct Dataset;

// The scanned folder as a tree (folders, then files): type, size, modification time and what was recognized in
// each file. Fed one Dataset at a time by setDataset (one model reset).
class InventoryModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        TypeColumn,
        SizeColumn,
        ModifiedColumn,
        RecognizerColumn,
        RowsColumn,
        MetricsColumn,
        SamplesColumn,
        FailedColumn,
        ReportedColumn,
        DiagnosticsColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        FileIndexRole, // int: index into Dataset::files, -1 for a folder
        PathRole, // QString: path relative to the root
        IsFolderRole, // bool
        SeverityRole // int: worst diagnostic (benchlens::Severity), -1 when none
    };

    explicit InventoryModel(QObject* parent = nullptr);
    ~InventoryModel() override;

    void setDataset(std::shared_ptr<const Dataset> dataset);
    const std::shared_ptr<const Dataset>& dataset() const { return m_dataset; }

    // "109 files (1.2 MB) in 12 folders: csv 29 · json 60 · md 17 · txt 3 · other 0"
    QString typeCountsText() const;
    // The index of a file's row, or invalid.
    QModelIndex indexOfFile(int file) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    std::shared_ptr<const Dataset> m_dataset;
    std::vector<Node> m_nodes; // [0] is the invisible root
    std::vector<int> m_fileNode; // file index -> node
    std::vector<int> m_worstSeverity; // per file
    std::vector<int> m_diagnosticCount; // per file
};

// Formats a byte count for display: "512 B", "20.3 KB", "1.2 MB".
QString formatBytes(quint64 bytes);

} // namespace benchlens
