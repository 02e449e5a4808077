#pragma once

#include "models/data/dataset.h"

#include <vector>

namespace benchlens {

// JMH writes the same run twice when asked: the `-rf json` file and the console result table (saved beside it).
// Where a folder holds both, a console row whose benchmark (Class.method), mode and parameters a JSON result of the
// folder also has restates that result. When every row of a console table restates a JSON result and agrees to the
// printed precision, the table's values are counted once, from the JSON (they are dropped from the table's extract
// and an Info diagnostic says so); rows that disagree get a Warning naming both values, and the table is kept.
void reconcileRestatedJmhScores(std::vector<SourceFile>& files);

} // namespace benchlens
