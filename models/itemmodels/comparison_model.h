#pragma once

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace benchlens {

struct Dataset;
struct DatasetComparison;

// The numbers of a baseline-vs-candidate comparison (stats/dataset_comparison.h), one row per (candidate, metric), in
// the order of DatasetComparison (candidates as given, metrics in Dataset order). DisplayRole is formatted; SortRole
// holds the raw numbers, the same the CLI's `benchlens compare --json` prints (diff % in percent, missing values
// invalid).
class ComparisonModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        CandidateColumn,
        MetricColumn,
        UnitColumn,
        BaselineNColumn,
        BaselineMeanColumn,
        BaselineMedianColumn,
        CandidateNColumn,
        CandidateMeanColumn,
        CandidateMedianColumn,
        DiffColumn,
        DiffPctColumn,
        CiColumn,
        PColumn,
        WelchPColumn,
        VerdictColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // raw number (double, or quint64 for n), verdict name; invalid when missing
        VerdictRole, // int: benchlens::Verdict, on every column (the ui colours the row)
        CandidateRole, // int: index into DatasetComparison::candidates
        MetricRole, // int: index into Dataset::metrics
        CiLowRole, // double, or invalid when there is no interval
        CiHighRole,
        CiMethodRole, // QString: "welch" or "bootstrap"
        ExactPRole, // bool: the Mann-Whitney p is exact
        ReasonRole // QString: why this verdict (also the tooltip)
    };

    explicit ComparisonModel(QObject* parent = nullptr);
    ~ComparisonModel() override;

    // One reset. `comparison` refers to `dataset`'s indices.
    void setComparison(std::shared_ptr<const Dataset> dataset, std::shared_ptr<const DatasetComparison> comparison);
    const std::shared_ptr<const DatasetComparison>& comparison() const { return m_comparison; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<const DatasetComparison> m_comparison;
    std::vector<std::pair<int, int>> m_rows; // (candidate, index into its metrics)
};

// The configuration keys that differ between the baseline and each candidate: candidate, key, baseline value,
// candidate value (several variants on a side: their values joined by '|').
class ConfigDiffModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        CandidateColumn,
        KeyColumn,
        BaselineColumn,
        CandidateValueColumn,
        ColumnCount
    };

    explicit ConfigDiffModel(QObject* parent = nullptr);
    ~ConfigDiffModel() override;

    void setComparison(std::shared_ptr<const DatasetComparison> comparison);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString candidate, key, baseline, value;
    };
    std::vector<Row> m_rows;
};

// Observations set aside or worth a look (cold starts, near-empty replies) that belong to the compared selections:
// file, observation, variant, reason, excluded.
class FlaggedModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        FileColumn,
        ObservationColumn,
        VariantColumn,
        ReasonColumn,
        ExcludedColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        FileRole, // int: index into Dataset::files
        VariantRole, // int: index into Dataset::variants
        ExcludedRole // bool
    };

    explicit FlaggedModel(QObject* parent = nullptr);
    ~FlaggedModel() override;

    void setComparison(std::shared_ptr<const Dataset> dataset, std::shared_ptr<const DatasetComparison> comparison);
    // Flagged observations in the whole folder (the model shows those of the compared selections).
    size_t totalFlagged() const { return m_total; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<const DatasetComparison> m_comparison;
    std::vector<size_t> m_rows; // indices into DatasetComparison::flagged
    size_t m_total = 0;
};

} // namespace benchlens
