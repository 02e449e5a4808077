#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace benchlens {

struct Dataset;

// Every normalized sample of a Dataset, one row each (row == index into Dataset::samples): variant, model,
// metric, value, unit, run, source file, locator, then one column per configuration key. Reset once per Dataset.
class SamplesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        VariantColumn,
        ModelColumn,
        MetricColumn,
        ValueColumn,
        UnitColumn,
        RunColumn,
        FileColumn,
        LocatorColumn,
        FlagColumn, // "cold start" / "near-empty reply": observations the Compare view can set aside
        ColumnCount // configuration columns follow, one per configKeys() entry
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // raw double for values, text otherwise
        VariantRole, // int: index into Dataset::variants
        MetricRole, // int: index into Dataset::metrics
        FileRole, // int: index into Dataset::files
        SampleRole, // int: index into Dataset::samples
        LocatorRole, // QString
        FlagRole // int: SampleFlag
    };

    // Why an observation cannot carry its metrics honestly (stats/dataset_comparison.h flags and excludes these): a
    // cold start (detectColdStarts) or a near-empty reply (fewer than ExclusionOptions::shortReplyTokens tokens).
    enum SampleFlag
    {
        NoFlag = 0,
        ColdStartFlag = 1,
        NearEmptyReplyFlag = 2
    };

    explicit SamplesModel(QObject* parent = nullptr);
    ~SamplesModel() override;

    void setDataset(std::shared_ptr<const Dataset> dataset);
    const std::shared_ptr<const Dataset>& dataset() const { return m_dataset; }

    // Configuration keys across all variants, sorted; column ColumnCount + i shows configKeys()[i].
    const QStringList& configKeys() const { return m_configKeys; }
    // The configuration value of a variant for configKeys()[key] ("" when the variant has none).
    const QString& configValue(int variant, int key) const;
    const QString& variantId(int variant) const { return m_variantIds[static_cast<size_t>(variant)]; }
    const QString& modelName(int variant) const { return m_models[static_cast<size_t>(variant)]; }
    const QString& metricId(int metric) const { return m_metricIds[static_cast<size_t>(metric)]; }
    const QString& filePath(int file) const { return m_filePaths[static_cast<size_t>(file)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Dataset> m_dataset;
    QStringList m_configKeys;
    std::vector<QString> m_variantIds, m_models, m_metricIds, m_units, m_filePaths, m_runIds;
    std::vector<QString> m_config; // variant * keys + key
    std::vector<uint8_t> m_flags; // per sample (SampleFlag bits), empty when nothing is flagged
};

// A value for display, by the one rule of util/text.h formatValue (the reports and the CLI use it too).
QString displayValue(double value);

} // namespace benchlens
