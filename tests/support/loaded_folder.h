#pragma once

// Helpers of the model tests: a folder read synchronously into a Dataset and its Analysis, and counts taken through
// an item model's API.
#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
#include "models/itemmodels/inventory_model.h"
#include "models/stats/analysis.h"

#include <memory>
#include <string>

namespace benchlens::test {

struct Loaded
{
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const Analysis> analysis;
};

// Ingests a folder synchronously (the models under test do not care which thread built the Dataset).
inline Loaded loadFolder(const std::string& root)
{
    auto result = ingestFolder(root);
    if (!result)
        return {};
    Loaded l;
    l.dataset = std::move(result).value();
    l.analysis = std::make_shared<const Analysis>(analyze(*l.dataset));
    return l;
}

// Files in an inventory tree: the rows with a file index, visited through the model API only.
inline int countFiles(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    int n = 0;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex idx = model.index(r, 0, parent);
        n += idx.data(InventoryModel::FileIndexRole).toInt() >= 0 ? 1 : 0;
        n += countFiles(model, idx);
    }
    return n;
}

} // namespace benchlens::test
