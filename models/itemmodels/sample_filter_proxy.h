#pragma once

#include <QSortFilterProxyModel>
#include <QString>

#include <map>
#include <string>
#include <vector>

namespace benchlens {

class SamplesModel;

// Filters and sorts a SamplesModel: free text (variant, file, metric), model, metric, configuration values, and
// the current variant/file selection. Per-variant/file/metric verdicts are cached, so accepting a row is O(1).
class SampleFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SampleFilterProxy(QObject* parent = nullptr);
    ~SampleFilterProxy() override;

    void setSamplesModel(SamplesModel* model);
    SamplesModel* samplesModel() const { return m_samples; }

    void setText(const QString& text);
    void setModelFilter(const QString& model); // "" = all
    void setMetricFilter(const QString& metricId); // "" = all
    void setConfigFilter(const QString& key, const QString& value); // value "" removes the filter on key
    void clearConfigFilters();
    void setVariantFilter(int variant); // -1 = all
    void setFileFilter(int file); // -1 = all

    QString text() const { return m_text; }
    QString modelFilter() const { return m_model; }
    QString metricFilter() const { return m_metric; }
    const std::map<QString, QString>& configFilters() const { return m_configFilters; }
    int variantFilter() const { return m_variant; }
    int fileFilter() const { return m_file; }

    // Whether a variant passes the model and configuration filters (not the text or selection): what the charts show.
    bool acceptsVariant(int variant) const;

    // The model, configuration and metric filters and the variant/file selection as one selector (stats/selector.h),
    // "" when none is set: the part of the folder a report on the filtered view covers. The free-text filter is a
    // search and has no selector form.
    std::string scopeSelector() const;

signals:
    void filtersChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void changed();
    void ensureCache() const;

    SamplesModel* m_samples = nullptr;
    QString m_text, m_model, m_metric;
    std::map<QString, QString> m_configFilters;
    int m_variant = -1;
    int m_file = -1;

    mutable const void* m_cachedFor = nullptr;
    mutable bool m_cacheValid = false;
    mutable std::vector<char> m_variantOk, m_variantText, m_fileText, m_metricOk, m_metricText;
};

// Filters the top-level (variant) rows of a VariantsModel through a SampleFilterProxy's model/configuration
// filters; metric rows under an accepted variant are kept.
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
