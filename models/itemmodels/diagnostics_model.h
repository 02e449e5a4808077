#pragma once

#include "models/data/indices.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>
#include <vector>

namespace benchlens {

struct Dataset;

// Every warning and error of a Dataset with its file and locator, one row each. Reset once per Dataset.
class DiagnosticsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SeverityColumn,
        FileColumn,
        LocatorColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        SeverityRole, // int: benchlens::Severity
        FileRole, // int: index into Dataset::files, -1 when the diagnostic is about no single file
        PathRole // QString: file path relative to the root
    };

    explicit DiagnosticsModel(QObject* parent = nullptr);
    ~DiagnosticsModel() override;

    void setDataset(std::shared_ptr<const Dataset> dataset);
    int firstRowOfFile(int file) const; // -1 when the file has no diagnostic

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Dataset> m_dataset;
    std::vector<std::optional<FileIndex>> m_file; // per diagnostic: its file, none for the folder or an unread file
};

} // namespace benchlens
