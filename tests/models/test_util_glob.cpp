// The one glob (models/util/glob.h), used by run=/file= selectors and user-map `files`: by hand on the paths users
// write, then against the C library's fnmatch(3) with no flags, the rules it promises, on every pattern and text
// of a small alphabet that holds each special character.
#include "models/util/glob.h"

#include <fnmatch.h>
#include <gtest/gtest.h>
#include <random>
#include <string>

using namespace benchlens;

TEST(Glob, PathsUsersWrite)
{
    EXPECT_TRUE(globMatch("results/runtime-*", "results/runtime-tokio-default/run_1"));
    EXPECT_TRUE(globMatch("*_param_tuning.csv", "reports/gemma3/gemma3_param_tuning.csv"));
    EXPECT_FALSE(globMatch("*_param_tuning.csv", "reports/gemma3/gemma3_param_tuning_summary.csv"));
    EXPECT_TRUE(globMatch("run_?", "run_7"));
    EXPECT_FALSE(globMatch("run_?", "run_17"));
    EXPECT_TRUE(globMatch("a*b*c", "aXbYbZc"));
    EXPECT_FALSE(globMatch("a*b*c", "aXbYbZ"));
    EXPECT_TRUE(globMatch("*", ""));
    EXPECT_FALSE(globMatch("", "x"));
    EXPECT_TRUE(globMatch("results/run_[1-3]", "results/run_2"));
    EXPECT_FALSE(globMatch("results/run_[1-3]", "results/run_4"));
    EXPECT_TRUE(globMatch("reports/*.[cC][sS][vV]", "reports/a/b.CSV"));
    EXPECT_TRUE(globMatch("run_[!0-9]", "run_x"));
    EXPECT_FALSE(globMatch("run_[!0-9]", "run_5"));
    EXPECT_TRUE(globMatch("[]]x", "]x"));
    EXPECT_TRUE(globMatch("a[b", "a[b")); // no closing ']': the '[' is itself
    EXPECT_TRUE(globMatch("a\\*", "a*"));
    EXPECT_FALSE(globMatch("a\\*", "ab"));
}

// Every pattern up to 4 characters and every text up to 3 over alphabets that hold each special character: the
// answer must equal fnmatch(pattern, text, 0). The C library is the independent oracle (the rules users know from
// their shell, minus FNM_PATHNAME: `*` crosses '/').
TEST(Glob, AgreesWithFnmatchOnEveryShortPattern)
{
    const std::string patternChars = "ab*?[]!-\\/";
    const std::string textChars = "ab]-/";
    auto forEachString = [](const std::string& alphabet, size_t maxLength, auto&& f) {
        std::string s;
        auto rec = [&](auto&& self, size_t length) -> void {
            f(s);
            if (length == maxLength)
                return;
            for (char c : alphabet) {
                s.push_back(c);
                self(self, length + 1);
                s.pop_back();
            }
        };
        rec(rec, 0);
    };
    size_t compared = 0, mismatches = 0;
    forEachString(patternChars, 4, [&](const std::string& pattern) {
        forEachString(textChars, 3, [&](const std::string& text) {
            const bool expected = ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
            if (globMatch(pattern, text) != expected && ++mismatches <= 10)
                ADD_FAILURE() << "pattern '" << pattern << "' text '" << text << "': fnmatch says " << expected;
            ++compared;
        });
    });
    EXPECT_EQ(mismatches, 0u);
    EXPECT_EQ(compared, size_t(11111) * 156); // (1 + 10 + 100 + 1000 + 10000) patterns x (1 + 5 + 25 + 125) texts
}

// Longer random paths and patterns (stars and classes between path segments), against fnmatch.
TEST(Glob, AgreesWithFnmatchOnRandomPaths)
{
    std::mt19937 rng(20261202);
    const std::string pieces[] = {"run", "_", "/", "*", "?", "[0-9]", "[!a]", "1", "a", "csv", "."};
    const std::string textPieces[] = {"run", "_", "/", "1", "2", "a", "csv", ".", "x"};
    size_t mismatches = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string pattern, text;
        for (int k = std::uniform_int_distribution<int>(0, 8)(rng); k > 0; --k)
            pattern += pieces[std::uniform_int_distribution<size_t>(0, std::size(pieces) - 1)(rng)];
        for (int k = std::uniform_int_distribution<int>(0, 10)(rng); k > 0; --k)
            text += textPieces[std::uniform_int_distribution<size_t>(0, std::size(textPieces) - 1)(rng)];
        const bool expected = ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
        if (globMatch(pattern, text) != expected && ++mismatches <= 10)
            ADD_FAILURE() << "pattern '" << pattern << "' text '" << text << "': fnmatch says " << expected;
    }
    EXPECT_EQ(mismatches, 0u);
}
