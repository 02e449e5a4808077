#include "models/data/observation_counts.h"

#include "models/data/dataset.h"

namespace benchlens {

ObservationCounts countObservations(
    const Dataset& ds, const std::function<bool(uint32_t file, uint32_t record, uint32_t variant)>& counts)
{
    ObservationCounts out;
    out.variantObservations.assign(ds.variants.size(), 0);
    out.variantFailures.assign(ds.variants.size(), 0);
    out.fileObservations.assign(ds.files.size(), 0);
    out.fileFailures.assign(ds.files.size(), 0);
    out.variantFiles.resize(ds.variants.size());
    for (uint32_t f = 0; f < ds.files.size(); ++f) {
        const SourceFile& file = ds.files[f];
        if (file.duplicateOf || file.equivalentOf)
            continue;
        const auto& records = file.extract.records;
        for (uint32_t r = 0; r < records.size(); ++r) {
            const std::optional<VariantIndex> variant = file.groupVariants[records[r].group];
            if (!variant)
                continue;
            const uint32_t v = variant->value;
            if (counts && !counts(f, r, v))
                continue;
            out.variantFiles[v].insert(f);
            ++(records[r].failed ? out.variantFailures[v] : out.variantObservations[v]);
            ++(records[r].failed ? out.fileFailures[f] : out.fileObservations[f]);
        }
    }
    return out;
}

} // namespace benchlens
