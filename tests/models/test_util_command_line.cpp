// parseCommandLine (models/util/command_line.h), the one parser of the CLI's subcommands and the GUI mode: the
// expected splits are written out by hand from the rules in its header.
#include "models/util/command_line.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace benchlens;

namespace {
const std::vector<std::string> kValues = {"-o", "--filter"};
const std::vector<std::string> kFlags = {"--json"};
} // namespace

TEST(CommandLine, SplitsPositionalsFlagsAndValuesKeepingEveryRepeatedValue)
{
    const CommandLine line
        = parseCommandLine({"dir", "--json", "--filter", "a=1", "-o", "-", "--filter", "b=2", "-"}, kValues, kFlags);
    EXPECT_TRUE(line.error.empty());
    EXPECT_FALSE(line.help);
    EXPECT_EQ(line.positional, (std::vector<std::string> {"dir", "-"})); // "-" alone is positional
    EXPECT_TRUE(line.has("--json"));
    EXPECT_EQ(line.value("--json"), "");
    EXPECT_EQ(line.value("-o"), "-"); // a value may look like an option
    EXPECT_EQ(line.value("--filter"), "b=2"); // the last one
    EXPECT_EQ(line.values("--filter"), (std::vector<std::string> {"a=1", "b=2"}));
    EXPECT_FALSE(line.has("--other"));
    EXPECT_EQ(line.value("--other", "fallback"), "fallback");
    EXPECT_TRUE(line.values("--other").empty());
}

TEST(CommandLine, HelpUnknownOptionsAndMissingValues)
{
    EXPECT_TRUE(parseCommandLine({"dir", "-h"}, kValues, kFlags).help);
    EXPECT_TRUE(parseCommandLine({"--help"}, kValues, kFlags).help);
    EXPECT_FALSE(parseCommandLine({"-o", "--help"}, kValues, kFlags).help); // the value of -o

    const CommandLine unknown = parseCommandLine({"dir", "--bogus", "--json"}, kValues, kFlags);
    EXPECT_EQ(unknown.error, "unknown option --bogus");
    EXPECT_FALSE(unknown.has("--json")); // parsing stopped there

    EXPECT_EQ(parseCommandLine({"dir", "-o"}, kValues, kFlags).error, "-o needs a value");
}
