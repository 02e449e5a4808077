#pragma once

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace benchlens {

struct Dataset;
struct Analysis;

// Variants as a two-level tree: one row per variant (samples, failures, runs, files), with one child row per
// metric holding its statistics (n, mean, median, p95, stddev, CV, min, max, 95% CI). Reset once per Dataset.
class VariantsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        UnitColumn,
        NColumn,
        MeanColumn,
        MedianColumn,
        P95Column,
        StdDevColumn,
        CvColumn,
        MinColumn,
        MaxColumn,
        Ci95Column,
        FailedColumn,
        RunsColumn,
        FilesColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        VariantRole, // int: index into Dataset::variants
        MetricRole, // int: index into Dataset::metrics, -1 on a variant row
        StatsRole // int: index into Analysis::stats, -1 on a variant row
    };

    explicit VariantsModel(QObject* parent = nullptr);
    ~VariantsModel() override;

    void setDataset(std::shared_ptr<const Dataset> dataset, std::shared_ptr<const Analysis> analysis);
    const std::shared_ptr<const Dataset>& dataset() const { return m_dataset; }
    const std::shared_ptr<const Analysis>& analysis() const { return m_analysis; }
    QModelIndex indexOfVariant(int variant) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<const Analysis> m_analysis;
    std::vector<std::pair<int, int>> m_statsRange; // per variant: first index into Analysis::stats, count
};

} // namespace benchlens
