#pragma once

#include "models/data/dataset.h"
#include "models/ingest/ingest.h"
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

} // namespace benchlens::test
