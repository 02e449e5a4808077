#pragma once

#include <QStringList>
#include <QWidget>

#include <memory>

class QTableView;

namespace benchlens {

class CompareCharts;
class ComparisonModel;
class ConfigDiffModel;
class FlaggedModel;
class SelectionHub;
struct CompareRequest;
struct DatasetComparison;

// The Compare view: a baseline selector and candidate selectors (variant ids, run ids or key=value terms), the
// exclusions (cold starts, near-empty replies), a metric filter and the practical threshold; the comparison table
// (stats/dataset_comparison.h compareSelections, the numbers of `benchlens compare`), the configuration keys that
// differ, the flagged observations, the warnings and the charts. Recomputes whenever one of these or the folder
// changes. What it compares is written into the hub (SelectionHub::compareRequest) for the other pages.
class ComparePage : public QWidget
{
    Q_OBJECT
public:
    explicit ComparePage(SelectionHub* hub, QWidget* parent = nullptr);
    ~ComparePage() override;

    QString baseline() const;
    QStringList candidates() const;
    bool excludeColdStarts() const;
    bool excludeShortReplies() const;
    double thresholdPercent() const;
    QString metricFilter() const; // a metric id, or empty for every metric
    CompareRequest request() const; // all of the above, and whether the last recompute compared

    ComparisonModel* model() const;
    ConfigDiffModel* configModel() const;
    FlaggedModel* flaggedModel() const;
    QTableView* view() const; // the comparison table
    CompareCharts* charts() const;
    std::shared_ptr<const DatasetComparison> comparison() const; // null until computed or on an error
    QString errorText() const; // why nothing could be compared ("baseline: no samples match ..."), or empty

public slots:
    void setBaseline(const QString& selector);
    void addCandidate(const QString& selector);
    void removeCandidate(int index);
    void clearCandidates();
    void setExcludeColdStarts(bool on);
    void setExcludeShortReplies(bool on);
    void setThresholdPercent(double percent);
    bool setMetricFilter(const QString& metric); // false when the folder has no such metric
    void recomputeNow();

signals:
    void candidateAdded(const QString& selector);
    void comparisonChanged();

private:
    void scheduleRecompute();
    void publish(); // writes request() into the hub
    void onFolderChanged();
    void updateTexts();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace benchlens
