#include "models/data/dataset.h"

#include <algorithm>

namespace benchlens {

int Dataset::findMetric(std::string_view id) const
{
    for (size_t i = 0; i < metrics.size(); ++i) {
        if (metrics[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

int Dataset::findVariant(std::string_view id) const
{
    for (size_t i = 0; i < variants.size(); ++i) {
        if (variants[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

int Dataset::findRun(std::string_view id) const
{
    for (size_t i = 0; i < runs.size(); ++i) {
        if (runs[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

int Dataset::findFile(std::string_view path) const
{
    const auto it = std::lower_bound(
        files.begin(), files.end(), path, [](const SourceFile& f, std::string_view p) { return f.path < p; });
    return it != files.end() && it->path == path ? static_cast<int>(it - files.begin()) : -1;
}

} // namespace benchlens
