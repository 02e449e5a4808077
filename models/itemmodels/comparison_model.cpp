#include "models/itemmodels/comparison_model.h"

#include "models/data/dataset.h"
#include "models/stats/dataset_comparison.h"
#include "models/util/text.h"

#include <set>

namespace benchlens {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString number(double x)
{
    return q(formatValue(x));
}

QString signedNumber(double x)
{
    QString s = number(x);
    if (x > 0)
        s.prepend(QLatin1Char('+'));
    return s;
}

QString pText(double p)
{
    return p < 1e-4 ? QStringLiteral("< 0.0001") : QString::number(p, 'g', 3);
}

QVariant optionalNumber(const std::optional<double>& v)
{
    return v ? QVariant(*v) : QVariant();
}

} // namespace

ComparisonModel::ComparisonModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

ComparisonModel::~ComparisonModel() = default;

void ComparisonModel::setComparison(
    std::shared_ptr<const Dataset> dataset, std::shared_ptr<const DatasetComparison> comparison)
{
    beginResetModel();
    m_rows.clear();
    if (dataset && comparison) {
        m_dataset = std::move(dataset);
        m_comparison = std::move(comparison);
        for (size_t c = 0; c < m_comparison->candidates.size(); ++c) {
            for (size_t m = 0; m < m_comparison->candidates[c].metrics.size(); ++m)
                m_rows.emplace_back(static_cast<int>(c), static_cast<int>(m));
        }
    } else {
        m_dataset.reset();
        m_comparison.reset();
    }
    endResetModel();
}

int ComparisonModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ComparisonModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    static const char* const names[ColumnCount] = {QT_TR_NOOP("Candidate"), QT_TR_NOOP("Metric"), QT_TR_NOOP("Unit"),
        QT_TR_NOOP("n (base)"), QT_TR_NOOP("Mean (base)"), QT_TR_NOOP("Median (base)"), QT_TR_NOOP("n (cand)"),
        QT_TR_NOOP("Mean (cand)"), QT_TR_NOOP("Median (cand)"), QT_TR_NOOP("Diff"), QT_TR_NOOP("Diff %"),
        QT_TR_NOOP("95% CI of diff"), QT_TR_NOOP("p (M-W)"), QT_TR_NOOP("p (Welch)"), QT_TR_NOOP("Verdict")};
    static const char* const tips[ColumnCount] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
        nullptr, nullptr, QT_TR_NOOP("Candidate mean minus baseline mean"),
        QT_TR_NOOP("The difference relative to the baseline mean"),
        QT_TR_NOOP("95% confidence interval of the difference of the means (Welch, or a percentile bootstrap for "
                   "skewed samples)"),
        QT_TR_NOOP("Two-sided Mann-Whitney U test (exact for small samples without ties)"),
        QT_TR_NOOP("Two-sided Welch t test"),
        QT_TR_NOOP("Better/worse: statistically and practically significant in the metric's better direction")};
    if (role == Qt::DisplayRole)
        return tr(names[section]);
    if (role == Qt::ToolTipRole && tips[section])
        return tr(tips[section]);
    return {};
}

QVariant ComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_comparison || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const auto [c, m] = m_rows[static_cast<size_t>(index.row())];
    const CandidateComparison& cand = m_comparison->candidates[static_cast<size_t>(c)];
    const CandidateComparison::Metric& cm = cand.metrics[static_cast<size_t>(m)];
    const MetricComparison& mc = cm.comparison;
    const MetricInfo& metric = m_dataset->metrics[cm.metric];
    switch (role) {
    case VerdictRole:
        return static_cast<int>(mc.verdict);
    case CandidateRole:
        return c;
    case MetricRole:
        return static_cast<int>(cm.metric);
    case CiLowRole:
        return mc.ci95 ? QVariant(mc.ci95->first) : QVariant();
    case CiHighRole:
        return mc.ci95 ? QVariant(mc.ci95->second) : QVariant();
    case CiMethodRole:
        return mc.ci95 ? QVariant(q(mc.ciMethod)) : QVariant();
    case ExactPRole:
        return mc.exactP;
    case ReasonRole:
        return q(mc.reason);
    case Qt::ToolTipRole:
        if (index.column() == CandidateColumn)
            return q(cand.selection.selector);
        return q(mc.reason);
    case Qt::TextAlignmentRole:
        if (index.column() >= BaselineNColumn && index.column() < VerdictColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        break;
    }
    const bool sort = role == SortRole;
    if (role != Qt::DisplayRole && !sort)
        return {};
    switch (index.column()) {
    case CandidateColumn:
        return q(cand.selection.selector);
    case MetricColumn:
        return q(metric.id);
    case UnitColumn:
        return q(metric.unit);
    case BaselineNColumn:
        return static_cast<quint64>(mc.baselineN);
    case BaselineMeanColumn:
        return sort ? QVariant(mc.baselineMean) : QVariant(number(mc.baselineMean));
    case BaselineMedianColumn:
        return sort ? QVariant(mc.baselineMedian) : QVariant(number(mc.baselineMedian));
    case CandidateNColumn:
        return static_cast<quint64>(mc.candidateN);
    case CandidateMeanColumn:
        return sort ? QVariant(mc.candidateMean) : QVariant(number(mc.candidateMean));
    case CandidateMedianColumn:
        return sort ? QVariant(mc.candidateMedian) : QVariant(number(mc.candidateMedian));
    case DiffColumn:
        return sort ? QVariant(mc.diff) : QVariant(signedNumber(mc.diff));
    case DiffPctColumn:
        if (!mc.diffPct)
            return {};
        if (sort)
            return *mc.diffPct * 100; // as the JSON's diff_pct
        return QStringLiteral("%1%2%")
            .arg(*mc.diffPct > 0 ? QStringLiteral("+") : QString())
            .arg(*mc.diffPct * 100, 0, 'f', 2);
    case CiColumn:
        if (!mc.ci95)
            return {};
        if (sort)
            return mc.ci95->first;
        return QStringLiteral("[%1, %2] %3")
            .arg(signedNumber(mc.ci95->first), signedNumber(mc.ci95->second), q(mc.ciMethod));
    case PColumn:
        if (!mc.pValue)
            return {};
        if (sort)
            return *mc.pValue;
        return mc.exactP ? tr("%1 (exact)").arg(pText(*mc.pValue)) : pText(*mc.pValue);
    case WelchPColumn:
        if (!mc.welchP)
            return {};
        return sort ? optionalNumber(mc.welchP) : QVariant(pText(*mc.welchP));
    case VerdictColumn:
        return q(std::string(verdictName(mc.verdict)));
    default:
        return {};
    }
}

// ConfigDiffModel

ConfigDiffModel::ConfigDiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

ConfigDiffModel::~ConfigDiffModel() = default;

void ConfigDiffModel::setComparison(std::shared_ptr<const DatasetComparison> comparison)
{
    beginResetModel();
    m_rows.clear();
    if (comparison) {
        for (const auto& cand : comparison->candidates) {
            for (const auto& [key, change] : cand.differingConfig) {
                Row row {q(cand.selection.selector), q(key), {}, {}};
                const auto arrow = change.find(" -> ");
                if (arrow == std::string::npos) {
                    row.value = q(change);
                } else {
                    row.baseline = q(change.substr(0, arrow));
                    row.value = q(change.substr(arrow + 4));
                }
                m_rows.push_back(std::move(row));
            }
        }
    }
    endResetModel();
}

int ConfigDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConfigDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char* const names[ColumnCount]
        = {QT_TR_NOOP("Candidate"), QT_TR_NOOP("Differs in"), QT_TR_NOOP("Baseline"), QT_TR_NOOP("Candidate value")};
    return tr(names[section]);
}

QVariant ConfigDiffModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Row& row = m_rows[static_cast<size_t>(index.row())];
    switch (index.column()) {
    case CandidateColumn:
        return row.candidate;
    case KeyColumn:
        return row.key;
    case BaselineColumn:
        return row.baseline;
    case CandidateValueColumn:
        return row.value;
    default:
        return {};
    }
}

// FlaggedModel

FlaggedModel::FlaggedModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

FlaggedModel::~FlaggedModel() = default;

void FlaggedModel::setComparison(
    std::shared_ptr<const Dataset> dataset, std::shared_ptr<const DatasetComparison> comparison)
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    if (dataset && comparison) {
        m_dataset = std::move(dataset);
        m_comparison = std::move(comparison);
        m_total = m_comparison->flagged.size();
        // The observations (file, record) behind the compared samples.
        std::set<std::pair<uint32_t, uint32_t>> compared;
        const auto add = [&](const Selection& s) {
            for (const uint32_t i : s.samples)
                compared.insert({m_dataset->samples.file[i], m_dataset->samples.record[i]});
        };
        add(m_comparison->baseline);
        for (const auto& cand : m_comparison->candidates)
            add(cand.selection);
        for (size_t i = 0; i < m_comparison->flagged.size(); ++i) {
            const FlaggedObservation& f = m_comparison->flagged[i];
            if (compared.count({f.file, f.record}))
                m_rows.push_back(i);
        }
    } else {
        m_dataset.reset();
        m_comparison.reset();
    }
    endResetModel();
}

int FlaggedModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FlaggedModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlaggedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char* const names[ColumnCount] = {QT_TR_NOOP("File"), QT_TR_NOOP("Observation"), QT_TR_NOOP("Variant"),
        QT_TR_NOOP("Why flagged"), QT_TR_NOOP("Excluded")};
    return tr(names[section]);
}

QVariant FlaggedModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_comparison || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const FlaggedObservation& f = m_comparison->flagged[m_rows[static_cast<size_t>(index.row())]];
    switch (role) {
    case FileRole:
        return static_cast<int>(f.file);
    case VariantRole:
        return static_cast<int>(f.variant);
    case ExcludedRole:
        return f.excluded;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case SortRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case FileColumn:
        return q(m_dataset->files[f.file].path);
    case ObservationColumn:
        return role == SortRole ? QVariant(f.record) : QVariant(QString::number(f.record));
    case VariantColumn:
        return q(m_dataset->variants[f.variant].id);
    case ReasonColumn:
        return q(f.reason);
    case ExcludedColumn:
        return role == SortRole ? QVariant(f.excluded) : QVariant(f.excluded ? tr("excluded") : tr("kept"));
    default:
        return {};
    }
}

} // namespace benchlens
