#pragma once

#include <cstddef>
#include <cstdint>

namespace benchlens {

// A position in one of Dataset's vectors, typed by what it indexes (heaptrack's src/util/indices.h): a VariantIndex
// cannot be passed where a MetricIndex is wanted, and "none" is std::optional<...Index>, not -1. Built explicitly
// from a position; `.value` is the position again, for subscripting and for output.
template <typename Tag> struct Index
{
    uint32_t value = 0;

    constexpr Index() = default;
    constexpr explicit Index(size_t position)
        : value(static_cast<uint32_t>(position))
    { }

    // Written out rather than `<=>`: moc (Qt 6.4) cannot parse <compare>, and item model headers include this one.
    friend constexpr bool operator==(Index a, Index b) { return a.value == b.value; }
    friend constexpr bool operator<(Index a, Index b) { return a.value < b.value; }
    friend constexpr bool operator>(Index a, Index b) { return a.value > b.value; }
    friend constexpr bool operator<=(Index a, Index b) { return a.value <= b.value; }
    friend constexpr bool operator>=(Index a, Index b) { return a.value >= b.value; }
};

using VariantIndex = Index<struct VariantTag>; // into Dataset::variants
using MetricIndex = Index<struct MetricTag>; // into Dataset::metrics
using FileIndex = Index<struct FileTag>; // into Dataset::files
using RunIndex = Index<struct RunTag>; // into Dataset::runs
using CatalogIndex = Index<struct CatalogTag>; // into MetricCatalog::metrics()

} // namespace benchlens
