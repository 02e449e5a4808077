#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <vector>

namespace benchlens {

struct Dataset;

// How many observations (FileExtract records) each variant and each file holds, failed or not: the one count
// behind Variant::observations/failedObservations and SourceFile::observations/failedObservations, made by the
// ingest for the whole folder and by restrictDataset (stats/scope.h) for a part of it.
struct ObservationCounts
{
    std::vector<uint32_t> variantObservations; // per variant: records that did not fail
    std::vector<uint32_t> variantFailures; // per variant: failed records
    std::vector<uint32_t> fileObservations; // per file
    std::vector<uint32_t> fileFailures; // per file
    std::vector<std::set<uint32_t>> variantFiles; // per variant: the files with a counted record of it
};

// Counts the records of `dataset.files` by the variant of their group (SourceFile::groupVariants), in file order
// and then record order. Duplicates and equivalents are skipped (their records are the first file's), and so are
// records whose group has no variant (one a restricted dataset left out). `counts(file, record, variant)`, when
// set, says whether a record counts; unset, every record does.
ObservationCounts countObservations(
    const Dataset& dataset, const std::function<bool(uint32_t file, uint32_t record, uint32_t variant)>& counts = {});

} // namespace benchlens
