#pragma once

#include "models/itemmodels/sample_filter.h"

#include <QSortFilterProxyModel>

#include <vector>

namespace benchlens {

class SamplesModel;

// Filters and sorts a SamplesModel by a SampleFilter value (in the window: the SelectionHub's, applied on every
// change). Per-variant/file/metric verdicts are cached, so accepting a row is O(1).
class SampleFilterProxy : public QSortFilterProxyModel
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

// Filters the top-level (variant) rows of a VariantsModel by the model/configuration filters of a
// SampleFilterProxy's SampleFilter, judged on the VariantsModel's own Dataset (so it does not matter which of the
// two models was given a new Dataset first); metric rows under an accepted variant are kept.
class VariantFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit VariantFilterProxy(QObject* parent = nullptr);
    void setSampleFilter(const SampleFilterProxy* filter);
    void setOnlyWithSamples(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    const SampleFilterProxy* m_filter = nullptr;
    bool m_onlyWithSamples = false;
};

} // namespace benchlens
