#include "models/stats/run_order.h"

#include "models/data/dataset.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace benchlens {

namespace {
// The value of `key` in a variant: its model for "model", else its configuration's value ("" when unset).
std::string valueOf(const Variant& v, const std::string& key)
{
    if (key == "model")
        return v.model;
    for (const auto& [k, value] : v.config) {
        if (k == key)
            return value;
    }
    return {};
}

void checkFile(const Dataset& ds, uint32_t file, const std::vector<uint32_t>& order, std::vector<OrderConfound>& out)
{
    std::set<uint32_t> variantSet(order.begin(), order.end());
    if (variantSet.size() < 2)
        return;
    const std::vector<uint32_t> variants(variantSet.begin(), variantSet.end());
    std::set<std::string> keys {"model"};
    for (const uint32_t v : variants) {
        for (const auto& kv : ds.variants[v].config)
            keys.insert(kv.first);
    }
    // The keys that vary in this file, their values in row order and how often they change.
    struct Key
    {
        std::string name;
        std::vector<std::string> values; // per row
        size_t changes = 0;
    };
    std::vector<Key> varying;
    for (const std::string& key : keys) {
        Key k {key, {}, 0};
        std::set<std::string> distinct;
        for (const uint32_t v : order) {
            k.values.push_back(valueOf(ds.variants[v], key));
            distinct.insert(k.values.back());
            if (k.values.size() > 1 && k.values.back() != k.values[k.values.size() - 2])
                ++k.changes;
        }
        if (distinct.size() >= 2)
            varying.push_back(std::move(k));
    }
    for (const Key& k : varying) {
        std::vector<const Key*> outer;
        for (const Key& o : varying) {
            if (o.changes < k.changes)
                outer.push_back(&o);
        }
        OrderConfound c;
        c.file = file;
        c.parameter = k.name;
        c.variants = variants;
        if (outer.empty()) {
            // One block per value, each of two rows or more.
            std::set<std::string> seen;
            bool contiguous = true;
            size_t run = 1;
            for (size_t r = 1; r <= k.values.size() && contiguous; ++r) {
                if (r < k.values.size() && k.values[r] == k.values[r - 1]) {
                    ++run;
                    continue;
                }
                contiguous = run >= 2 && seen.insert(k.values[r - 1]).second;
                run = 1;
            }
            if (contiguous) {
                c.kind = OrderConfound::Kind::ContiguousBlocks;
                c.blocks = seen.size();
                out.push_back(std::move(c));
            }
            continue;
        }
        // Blocks start at the first row and wherever an outer key changes.
        std::set<std::string> firsts;
        size_t blocks = 0;
        for (size_t r = 0; r < k.values.size(); ++r) {
            const bool starts = r == 0 || std::any_of(outer.begin(), outer.end(), [&](const Key* o) {
                return o->values[r] != o->values[r - 1];
            });
            if (starts) {
                ++blocks;
                firsts.insert(k.values[r]);
            }
        }
        if (blocks >= 2 && firsts.size() == 1) {
            c.kind = OrderConfound::Kind::AlwaysFirst;
            c.value = *firsts.begin();
            for (const Key* o : outer)
                c.outer.push_back(o->name);
            c.blocks = blocks;
            out.push_back(std::move(c));
        }
    }
}
} // namespace

std::vector<OrderConfound> detectOrderConfounds(const Dataset& ds)
{
    // Each file's observations (records) in row order, with the variant of each.
    std::map<uint32_t, std::map<uint32_t, uint32_t>> records; // file -> record -> variant
    for (size_t i = 0; i < ds.samples.size(); ++i)
        records[ds.samples.file[i]].emplace(ds.samples.record[i], ds.samples.variant[i]);
    std::vector<OrderConfound> out;
    for (const auto& [file, byRecord] : records) {
        std::vector<uint32_t> order;
        order.reserve(byRecord.size());
        for (const auto& [record, variant] : byRecord)
            order.push_back(variant);
        checkFile(ds, file, order, out);
    }
    return out;
}

std::string describeOrderConfound(const Dataset& ds, const OrderConfound& c, bool namingFile)
{
    const std::string where = namingFile ? "in " + ds.files[c.file].path + ", " : std::string();
    if (c.kind == OrderConfound::Kind::ContiguousBlocks) {
        return fmt::format("{}each of the {} values of {} was measured in one contiguous block of rows: its effect "
                           "cannot be told apart from drift over the run (thermals, other load, caches)",
            where, c.blocks, c.parameter);
    }
    std::string outer;
    for (size_t i = 0; i < c.outer.size(); ++i)
        outer += (i == 0 ? "" : i + 1 == c.outer.size() ? " or " : ", ") + c.outer[i];
    return fmt::format("{}{}={} is measured first in each of the {} blocks after a change of {}: what the first "
                       "measurement after a change carries (a model reload, a warm-up) is attributed to it",
        where, c.parameter, c.value.empty() ? std::string("(unset)") : c.value, c.blocks, outer);
}

} // namespace benchlens
