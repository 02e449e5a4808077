#pragma once

#include "models/itemmodels/sample_filter.h"
#include "models/jobs/ingest_job.h"

#include <QObject>
#include <QStringList>

namespace benchlens {

// What the Compare view compares, as `benchlens compare` takes it: written by the Compare view, read by the Report
// view (its Comparison section and exclusions). A plain value: no page reads another page.
struct CompareRequest
{
    QString baseline; // a selector; empty: nothing is compared
    QStringList candidates; // selectors
    QString metric; // a metric id; empty: every metric
    bool excludeColdStarts = false;
    bool excludeShortReplies = false;
    double thresholdPercent = 0; // the practical threshold, in percent
    // The Compare view computed a comparison from these selectors (an invalid one is shown there, not reported).
    bool compares = false;

    bool operator==(const CompareRequest&) const = default;
};

// The open folder, the current selection (a variant, a source file, a sample), the filter and the compare request,
// shared by every page and chart: selecting or filtering anywhere goes through here and every view follows (each
// reads these values; no page asks another). Indices refer to folder().dataset.
class SelectionHub : public QObject
{
    Q_OBJECT
public:
    explicit SelectionHub(QObject* parent = nullptr);
    ~SelectionHub() override;

    const LoadedFolder& folder() const { return m_folder; }
    const Dataset* dataset() const { return m_folder.dataset.get(); }
    void setFolder(const LoadedFolder& folder); // keeps the selection where the same variant/file still exists

    int variant() const; // -1 when none is selected (the Qt side's row convention)
    int file() const; // -1 when none
    int sample() const { return m_sample; }

    // The filter bar's filters with the variant/file selection (filter().variant is variant()).
    const SampleFilter& filter() const { return m_filter; }
    // filter().scopeSelector(dataset()): what a report or export of the filtered view covers.
    std::string scopeSelector() const;
    ReportScope scope() const { return m_scope; }
    // scopeSelector() under scope() FilteredView, "" for the whole folder: what a report covers.
    std::string reportSelector() const;

    QString variantId(int variant) const;
    QString filePath(int file) const; // relative
    QString absoluteFilePath(int file) const;
    QString runId(int file) const; // the id of the run a file belongs to (a compare selector)

    const CompareRequest& compareRequest() const { return m_compare; }
    void setCompareRequest(const CompareRequest& request); // compareRequestChanged() when it differs

public slots:
    void selectVariant(int variant); // -1 clears
    void selectFile(int file); // -1 clears
    void selectSample(int sample); // -1 clears; also selects the sample's variant
    void clearSelection();
    // The filter bar: each emits filterChanged() when the filter changes.
    void setFilterText(const QString& text);
    void setModelFilter(const QString& model); // "" = all
    void setMetricFilter(const QString& metricId); // "" = all
    void setConfigFilter(const QString& key, const QString& value); // value "" removes the filter on key
    void clearConfigFilters();
    void setScope(ReportScope scope); // scopeChanged() when it differs
    // Compare view: a selector (variant id, run id or key=value terms) to use as the baseline / to add as a candidate.
    void requestCompareBaseline(const QString& selector);
    void requestCompareCandidate(const QString& selector);
    // A correction of how a source column / field is read (ui/mapping_menu.h): one benchlens.map/1 rule as JSON
    // text ({"column": ..., "action": ...}), or an empty `ruleJson` to drop the user's rules for `column`.
    void requestMapRule(const QString& column, const QString& ruleJson);

signals:
    void folderChanged();
    void variantChanged(int variant);
    void fileChanged(int file);
    void sampleChanged(int sample);
    void filterChanged(); // also when the variant or file selection changes
    void compareBaselineRequested(const QString& selector);
    void compareCandidateRequested(const QString& selector);
    void mapRuleRequested(const QString& column, const QString& ruleJson);
    void compareRequestChanged();
    void scopeChanged();

private:
    LoadedFolder m_folder;
    void setFilter(const SampleFilter& filter);

    SampleFilter m_filter; // holds the variant and file selection
    int m_sample = -1;
    CompareRequest m_compare;
    ReportScope m_scope = ReportScope::FilteredView;
};

} // namespace benchlens
