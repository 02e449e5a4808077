#include "models/itemmodels/samples_model.h"

#include "models/data/dataset.h"
#include "models/stats/analysis.h"
#include "models/stats/dataset_comparison.h"
#include "models/util/text.h"

#include <cmath>
#include <map>
#include <set>

namespace benchlens {

QString displayValue(double value)
{
    return QString::fromStdString(formatValue(value));
}

SamplesModel::SamplesModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

SamplesModel::~SamplesModel() = default;

void SamplesModel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    m_configKeys.clear();
    m_variantIds.clear();
    m_models.clear();
    m_metricIds.clear();
    m_units.clear();
    m_filePaths.clear();
    m_runIds.clear();
    m_config.clear();
    m_flags.clear();
    if (m_dataset) {
        const Dataset& ds = *m_dataset;
        std::set<std::string> keys;
        for (const auto& v : ds.variants) {
            for (const auto& [k, value] : v.config)
                keys.insert(k);
        }
        for (const auto& k : keys)
            m_configKeys << QString::fromStdString(k);
        for (const auto& v : ds.variants) {
            m_variantIds.push_back(QString::fromStdString(v.id));
            m_models.push_back(QString::fromStdString(v.model));
            size_t k = 0;
            for (const auto& key : keys) {
                QString value;
                for (const auto& [ck, cv] : v.config) {
                    if (ck == key)
                        value = QString::fromStdString(cv);
                }
                m_config.push_back(value);
                ++k;
            }
        }
        for (const auto& m : ds.metrics) {
            m_metricIds.push_back(QString::fromStdString(m.id));
            m_units.push_back(QString::fromStdString(m.unit));
        }
        for (const auto& f : ds.files)
            m_filePaths.push_back(QString::fromStdString(f.path));
        for (const auto& r : ds.runs)
            m_runIds.push_back(QString::fromStdString(r.id));
        // The observations compareSelections flags, marked on each of their samples.
        std::map<std::pair<uint32_t, uint32_t>, uint8_t> flagged;
        for (const FlaggedObservation& f : flagObservations(ds, ExclusionOptions {})) {
            flagged[{f.file, f.record}]
                |= f.kind == FlaggedObservation::Kind::ColdStart ? ColdStartFlag : NearEmptyReplyFlag;
        }
        if (!flagged.empty()) {
            m_flags.assign(ds.samples.size(), NoFlag);
            for (size_t i = 0; i < ds.samples.size(); ++i) {
                const auto it = flagged.find({ds.samples.file[i], ds.samples.record[i]});
                if (it != flagged.end())
                    m_flags[i] = it->second;
            }
        }
    }
    endResetModel();
}

const QString& SamplesModel::configValue(int variant, int key) const
{
    return m_config[static_cast<size_t>(variant) * static_cast<size_t>(m_configKeys.size()) + static_cast<size_t>(key)];
}

int SamplesModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_dataset)
        return 0;
    return static_cast<int>(m_dataset->samples.size());
}

int SamplesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount + static_cast<int>(m_configKeys.size());
}

QVariant SamplesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VariantColumn:
        return tr("Variant");
    case ModelColumn:
        return tr("Model");
    case MetricColumn:
        return tr("Metric");
    case ValueColumn:
        return tr("Value");
    case UnitColumn:
        return tr("Unit");
    case RunColumn:
        return tr("Run");
    case FileColumn:
        return tr("Source file");
    case LocatorColumn:
        return tr("Locator");
    case FlagColumn:
        return tr("Flag");
    default:
        if (section >= ColumnCount && section < ColumnCount + m_configKeys.size())
            return m_configKeys[section - ColumnCount];
        return {};
    }
}

QVariant SamplesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_dataset)
        return {};
    const auto row = static_cast<size_t>(index.row());
    const SampleColumns& s = m_dataset->samples;
    if (row >= s.size())
        return {};
    const uint32_t variant = s.variant[row];
    const uint32_t file = s.file[row];
    switch (role) {
    case VariantRole:
        return static_cast<int>(variant);
    case MetricRole:
        return static_cast<int>(s.metric[row]);
    case FileRole:
        return static_cast<int>(file);
    case SampleRole:
        return index.row();
    case LocatorRole:
        return QString::fromStdString(m_dataset->locatorText(file, s.locator[row]));
    case FlagRole:
        return m_flags.empty() ? 0 : static_cast<int>(m_flags[row]);
    case Qt::ToolTipRole:
        if (index.column() == FlagColumn && !m_flags.empty() && m_flags[row] != NoFlag)
            return tr("This observation can be excluded from comparisons (Compare view: Exclude cold starts / "
                      "Exclude near-empty replies)");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case VariantColumn:
        return m_variantIds[variant];
    case ModelColumn:
        return m_models[variant];
    case MetricColumn:
        return m_metricIds[s.metric[row]];
    case ValueColumn:
        return role == SortRole ? QVariant(s.value[row]) : QVariant(displayValue(s.value[row]));
    case UnitColumn:
        return m_units[s.metric[row]];
    case RunColumn: {
        const uint32_t run = m_dataset->files[file].run.value;
        return run < m_runIds.size() ? m_runIds[run] : QString();
    }
    case FileColumn:
        return m_filePaths[file];
    case LocatorColumn:
        return QString::fromStdString(m_dataset->locatorText(file, s.locator[row]));
    case FlagColumn: {
        const int flag = m_flags.empty() ? 0 : m_flags[row];
        QStringList parts;
        if (flag & ColdStartFlag)
            parts << tr("cold start");
        if (flag & NearEmptyReplyFlag)
            parts << tr("near-empty reply");
        return parts.join(QStringLiteral(", "));
    }
    default: {
        const int key = index.column() - ColumnCount;
        if (key < 0 || key >= m_configKeys.size())
            return {};
        return configValue(static_cast<int>(variant), key);
    }
    }
}

} // namespace benchlens
