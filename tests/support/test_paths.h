#pragma once

#include <string>

namespace benchlens::test {

std::string sharedDir(); // ../shared beside the project
std::string corpusDir(); // ../shared/corpus/chimeraforge
std::string testDataDir(); // tests/data
std::string buildDir();
std::string sampleDir(); // the sample folder generated at build time
std::string binary(); // the benchlens executable
std::string readFile(const std::string& path);

// On a golden mismatch: writes `actual` to <build>/<name>.actual and returns a unified diff for the failure message.
std::string goldenDiff(const std::string& name, const std::string& expectedPath, const std::string& actual);
// With BENCHLENS_UPDATE_GOLDEN=1 in the environment: rewrites the golden file `goldenPath` (in the source tree) with
// `actual`, says so on stderr and returns true; otherwise false. Golden tests assert
// `actual == expected || updateGolden(goldenPath, actual)`, so an update run passes and leaves the change to review
// with `git diff tests/data/golden`.
bool updateGolden(const std::string& goldenPath, const std::string& actual);

} // namespace benchlens::test
