#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace benchlens {

struct Dataset;

// Parameters confounded with the order of measurement, read from each file's rows in the order they were written
// (a sweep script writes them as it measures). Within one file whose observations belong to two or more variants,
// every configuration key (and the model, when it varies) that takes two or more values is checked:
// - AlwaysFirst: the key's values change more often than some others (the outer loops); after every change of those,
//   the first observation has the same value of the key, in two blocks at least. Whatever the first observation after
//   a change carries (a model reload, a warm-up) is attributed to that value.
// - ContiguousBlocks: no key changes less often than this one, and each of its values was measured in one contiguous
//   block of two or more rows. Drift over time (thermals, other load) cannot be told from the key's effect.
struct OrderConfound
{
    enum class Kind
    {
        AlwaysFirst,
        ContiguousBlocks
    };
    Kind kind = Kind::AlwaysFirst;
    uint32_t file = 0; // index into Dataset::files
    std::string parameter; // a configuration key, or "model"
    std::string value; // AlwaysFirst: the value measured first in every block
    std::vector<std::string> outer; // AlwaysFirst: the keys whose change starts a block, in text order
    size_t blocks = 0; // AlwaysFirst: blocks; ContiguousBlocks: values (one block each)
    std::vector<uint32_t> variants; // the file's variants (indices into Dataset::variants), sorted
};

// By file, then parameter.
std::vector<OrderConfound> detectOrderConfounds(const Dataset& dataset);

// "in csv_data/x.csv, temperature=0.2 is measured first in each of the 12 blocks after a change of num_ctx or
// num_gpu: ..." - one sentence without a final period, for a warning or a report bullet; without "in FILE, " when
// `namingFile` is false.
std::string describeOrderConfound(const Dataset& dataset, const OrderConfound& confound, bool namingFile = true);

} // namespace benchlens
