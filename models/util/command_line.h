#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

namespace benchlens {

// A command line split into positional arguments and options, by the one table of what a command accepts: the
// CLI's subcommands (app/cli/commands.cpp) and the GUI mode (ui/gui_app.cpp) both parse with it.
struct CommandLine
{
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; // "--json" -> "" for flags; the last value of a repeated option
    std::map<std::string, std::vector<std::string>> repeated; // every value of an option given several times
    std::string error; // "unknown option --bogus", "-o needs a value"; empty when the line parsed
    bool help = false; // --help or -h was given

    bool has(const std::string& option) const { return options.count(option) > 0; }
    // The last value of `option`, or `fallback` when it was not given.
    std::string value(const std::string& option, const std::string& fallback = {}) const;
    // Every value of an option that may be given several times (none: empty).
    std::vector<std::string> values(const std::string& option) const;
};

// `valueOptions` take the next argument, `flags` do not; --help / -h set `help`. Parsing stops at the first unknown
// option or missing value (`error`). "-" alone is a positional argument (standard output where a file is expected).
CommandLine parseCommandLine(const std::vector<std::string>& args, std::span<const std::string> valueOptions,
    std::span<const std::string> flags);

} // namespace benchlens
