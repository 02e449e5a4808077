#include "models/data/dataset.h"

#include <algorithm>

namespace benchlens {

namespace {

// The position of the first element whose id is `id`, or none.
template <typename IndexType, typename T>
std::optional<IndexType> findById(const std::vector<T>& items, std::string_view id)
{
    const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    if (it == items.end())
        return std::nullopt;
    return IndexType(size_t(it - items.begin()));
}

} // namespace

std::optional<MetricIndex> Dataset::findMetric(std::string_view id) const
{
    return findById<MetricIndex>(metrics, id);
}

std::optional<VariantIndex> Dataset::findVariant(std::string_view id) const
{
    return findById<VariantIndex>(variants, id);
}

std::optional<RunIndex> Dataset::findRun(std::string_view id) const
{
    return findById<RunIndex>(runs, id);
}

std::optional<FileIndex> Dataset::findFile(std::string_view path) const
{
    const auto it = std::lower_bound(
        files.begin(), files.end(), path, [](const SourceFile& f, std::string_view p) { return f.path < p; });
    if (it == files.end() || it->path != path)
        return std::nullopt;
    return FileIndex(size_t(it - files.begin()));
}

} // namespace benchlens
