// Rules about the sources themselves (issue 11): numbers in models/ are parsed with std::from_chars and formatted
// with fmt, never with the C library's locale-dependent conversions, which follow LC_NUMERIC once Qt adopts the
// system locale (a German decimal comma changed a sample count) and throw or saturate on 1e309 and subnormals.
#include "tests/support/test_paths.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <regex>
#include <string>

using namespace benchlens;

TEST(SourceRules, NoLocaleDependentNumberConversionsInModels)
{
    const std::filesystem::path models = std::filesystem::path(test::testDataDir()) / ".." / ".." / "models";
    ASSERT_TRUE(std::filesystem::is_directory(models)) << models;
    // std::stod/stof/stold, strtod/strtof/strtold, atof, sscanf, and std::to_string of a floating-point value
    // (to_string of an integer is fine, and is what the rest of the code uses to_string for).
    const std::regex banned(R"(\b(std::sto[dfl]d?|strto[dfl]d?|atof|sscanf)\s*\(|\bstd::[io]?stringstream\b|)"
                            R"(std::to_string\s*\(\s*(static_cast<double>|[0-9]+\.[0-9]))");
    size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(models)) {
        const auto ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".h")
            continue;
        ++files;
        const std::string text = test::readFile(entry.path().string());
        std::smatch m;
        EXPECT_FALSE(std::regex_search(text, m, banned)) << entry.path() << ": " << m.str();
    }
    EXPECT_GT(files, 50u);
}
