#include "models/itemmodels/sample_filter.h"

#include "models/data/dataset.h"
#include "models/stats/selector.h"

namespace benchlens {

bool SampleFilter::setConfig(const QString& key, const QString& value)
{
    const auto it = config.find(key);
    if (value.isEmpty()) {
        if (it == config.end())
            return false;
        config.erase(it);
        return true;
    }
    if (it != config.end() && it->second == value)
        return false;
    config[key] = value;
    return true;
}

bool SampleFilter::acceptsVariant(const Dataset& dataset, int index) const
{
    if (index < 0 || static_cast<size_t>(index) >= dataset.variants.size())
        return false;
    const Variant& v = dataset.variants[static_cast<size_t>(index)];
    if (!model.isEmpty() && QString::fromStdString(v.model) != model)
        return false;
    for (const auto& [key, value] : config) {
        // The variant's value for the key, the last one when it is listed twice (as the samples table shows it);
        // a key the variant lacks has the value "", which no filter value equals.
        QString has;
        for (const auto& [k, val] : v.config) {
            if (QString::fromStdString(k) == key)
                has = QString::fromStdString(val);
        }
        if (has != value)
            return false;
    }
    return true;
}

std::string SampleFilter::scopeSelector(const Dataset* dataset) const
{
    std::string selector;
    const auto add = [&](std::string_view key, const QString& value) {
        selector.append(selector.empty() ? "" : ",").append(selectorTerm(key, value.toStdString()));
    };
    if (!model.isEmpty())
        add("model", model);
    for (const auto& [key, value] : config)
        add(key.toStdString(), value);
    if (!metric.isEmpty())
        add("metric", metric);
    if (dataset && variant && variant->value < dataset->variants.size())
        add("variant", QString::fromStdString(dataset->variant(*variant).id));
    if (dataset && file && file->value < dataset->files.size())
        add("file", QString::fromStdString(dataset->file(*file).path));
    return selector;
}

} // namespace benchlens
