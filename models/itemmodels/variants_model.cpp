#include "models/itemmodels/variants_model.h"

#include "models/data/dataset.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/table_text.h"
#include "models/stats/analysis.h"

namespace benchlens {

// Internal ids: 0 for a variant row, variant + 1 for the metric rows under it.

VariantsModel::VariantsModel(QObject* parent)
    : QAbstractItemModel(parent)
{ }

VariantsModel::~VariantsModel() = default;

void VariantsModel::setDataset(std::shared_ptr<const Dataset> dataset, std::shared_ptr<const Analysis> analysis)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    m_analysis = std::move(analysis);
    m_statsRange.clear();
    if (m_dataset && m_analysis) {
        m_statsRange.assign(m_dataset->variants.size(), {0, 0});
        const auto& stats = m_analysis->stats;
        for (size_t i = 0; i < stats.size(); ++i) {
            auto& range = m_statsRange[stats[i].variant];
            if (range.second == 0)
                range.first = static_cast<int>(i);
            ++range.second;
        }
    } else {
        m_dataset.reset();
        m_analysis.reset();
    }
    endResetModel();
}

QModelIndex VariantsModel::indexOfVariant(int variant) const
{
    if (variant < 0 || static_cast<size_t>(variant) >= m_statsRange.size())
        return {};
    return createIndex(variant, 0, quintptr(0));
}

QModelIndex VariantsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (static_cast<size_t>(row) >= m_statsRange.size())
            return {};
        return createIndex(row, column, quintptr(0));
    }
    if (parent.internalId() != 0 || parent.column() != 0)
        return {};
    if (row >= m_statsRange[static_cast<size_t>(parent.row())].second)
        return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex VariantsModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int VariantsModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_statsRange.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return m_statsRange[static_cast<size_t>(parent.row())].second;
}

int VariantsModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant VariantsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == NameColumn && role == TableLevelNamesRole)
        return QStringList {tr("Variant"), tr("Metric")}; // a copied metric row names its variant
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const names[ColumnCount]
        = {QT_TR_NOOP("Variant / metric"), QT_TR_NOOP("Unit"), QT_TR_NOOP("n"), QT_TR_NOOP("Mean"),
            QT_TR_NOOP("Median"), QT_TR_NOOP("p95"), QT_TR_NOOP("Std dev"), QT_TR_NOOP("CV"), QT_TR_NOOP("Min"),
            QT_TR_NOOP("Max"), QT_TR_NOOP("95% CI"), QT_TR_NOOP("Failed"), QT_TR_NOOP("Runs"), QT_TR_NOOP("Files")};
    if (section < 0 || section >= ColumnCount)
        return {};
    return tr(names[section]);
}

QVariant VariantsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_dataset)
        return {};
    const bool isVariant = index.internalId() == 0;
    const int variant = isVariant ? index.row() : static_cast<int>(index.internalId() - 1);
    const Variant& v = m_dataset->variants[static_cast<size_t>(variant)];
    const int statIndex = isVariant ? -1 : m_statsRange[static_cast<size_t>(variant)].first + index.row();
    if (role == VariantRole)
        return variant;
    if (role == StatsRole)
        return statIndex;
    const MetricStats* ms = isVariant ? nullptr : &m_analysis->stats[static_cast<size_t>(statIndex)];
    if (role == MetricRole)
        return ms ? static_cast<int>(ms->metric) : -1;
    if (role == Qt::TextAlignmentRole && index.column() >= NColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == NameColumn)
        return QString::fromStdString(v.id);
    const bool sort = role == SortRole;
    if (role != Qt::DisplayRole && !sort)
        return {};
    const auto number = [sort](double x) { return sort ? QVariant(x) : QVariant(displayValue(x)); };
    if (isVariant) {
        switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(v.id);
        case NColumn:
            return v.observations;
        case FailedColumn:
            return v.failedObservations;
        case RunsColumn:
            return static_cast<quint64>(v.runs.size());
        case FilesColumn:
            return static_cast<quint64>(v.files.size());
        default:
            return sort ? QVariant(QString()) : QVariant();
        }
    }
    const Summary& s = ms->summary;
    const MetricInfo& metric = m_dataset->metrics[ms->metric];
    switch (index.column()) {
    case NameColumn:
        return QString::fromStdString(metric.id);
    case UnitColumn:
        return QString::fromStdString(metric.unit);
    case NColumn:
        return static_cast<quint64>(s.n);
    case MeanColumn:
        return number(s.mean);
    case MedianColumn:
        return number(s.median);
    case P95Column:
        return s.p95 ? number(*s.p95) : QVariant();
    case StdDevColumn:
        return number(s.stddev);
    case CvColumn:
        return sort ? QVariant(s.cv) : QVariant(QString::number(s.cv * 100, 'f', 1) + QLatin1Char('%'));
    case MinColumn:
        return number(s.min);
    case MaxColumn:
        return number(s.max);
    case Ci95Column:
        if (!s.meanCi)
            return sort ? QVariant(0.0) : QVariant();
        if (sort)
            return s.meanCi->high - s.meanCi->low;
        return QStringLiteral("%1 – %2").arg(displayValue(s.meanCi->low), displayValue(s.meanCi->high));
    case FailedColumn:
        return sort ? QVariant(0) : QVariant();
    default:
        return sort ? QVariant(QString()) : QVariant();
    }
}

} // namespace benchlens
