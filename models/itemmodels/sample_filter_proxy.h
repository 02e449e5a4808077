#pragma once

#include "models/itemmodels/sample_filter.h"

#include <QSortFilterProxyModel>

#include <vector>

namespace benchlens {

class SamplesModel;

// A proxy whose filter the program changes (from the SelectionHub), not the view. While it refilters, rows leave and
// the view's selection model moves the current row onto whatever row remains: refiltering() tells a page that such a
// move is no user's choice, so it must not select anything from it. Selecting from it changed the hub's filter in
// the middle of the proxy's own row removal, and the nested refilter corrupted the proxy's mapping: "-45 of 1476
// samples" over a blank grid (issue 16).
class RefilteringProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    bool refiltering() const { return m_refiltering; }

protected:
    // invalidateFilter() with refiltering() true meanwhile; a filter row judgement must not change before it returns.
    void refilter();

private:
    bool m_refiltering = false;
};

// Filters and sorts a SamplesModel by a SampleFilter value (in the window: the SelectionHub's, applied on every
// change). Per-variant/file/metric verdicts are cached, so accepting a row is O(1).
class SampleFilterProxy : public RefilteringProxy
{
    Q_OBJECT
public:
    explicit SampleFilterProxy(QObject* parent = nullptr);
    ~SampleFilterProxy() override;

    void setSamplesModel(SamplesModel* model);
    SamplesModel* samplesModel() const { return m_samples; }

    void setFilter(const SampleFilter& filter); // filtersChanged() when it differs
    const SampleFilter& filter() const { return m_filter; }

signals:
    void filtersChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void ensureCache() const;

    SamplesModel* m_samples = nullptr;
    SampleFilter m_filter;

    mutable const void* m_cachedFor = nullptr;
    mutable bool m_cacheValid = false;
    mutable std::vector<char> m_variantOk, m_variantText, m_fileText, m_metricOk, m_metricText;
};

// Filters a VariantsModel by a SampleFilterProxy's SampleFilter (not its selection), judged on the VariantsModel's
// own Dataset and Analysis (so it does not matter which of the two models was given a new Dataset first), to what
// the samples table shows: a metric row stays when one of its samples passes the text and metric filters (the text
// in the variant id, the metric id or a sample's file path), a variant row when it passes the model and
// configuration filters and one of its metric rows stays.
class VariantFilterProxy : public RefilteringProxy
{
    Q_OBJECT
public:
    explicit VariantFilterProxy(QObject* parent = nullptr);
    void setSampleFilter(const SampleFilterProxy* filter);
    void setOnlyWithSamples(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void onFiltersChanged();
    void ensureCache() const;

    const SampleFilterProxy* m_filter = nullptr;
    SampleFilter m_applied; // the filter the rows were last judged by
    bool m_onlyWithSamples = false;

    mutable const void* m_cachedFor = nullptr; // the Analysis m_statOk was computed for
    mutable bool m_cacheValid = false;
    mutable std::vector<char> m_statOk; // per Analysis::stats entry: passes the text and metric filters
};

} // namespace benchlens
