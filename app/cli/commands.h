#pragma once

#include <span>
#include <string>
#include <vector>

namespace benchlens::cli {

// Exit codes of the command line (a stable contract).
enum ExitCode
{
    Success = 0,
    UsageError = 1,
    InputUnreadable = 2,
    OutputUnwritable = 3,
    DataChanged = 4 // verify: the folder no longer holds the data the report was made from
};

// One subcommand: the one table that `--help`, `benchlens CMD --help`, the argument parser, and (through the CLI
// test that checks them against it) the man page and the bash completion are made from.
struct Subcommand
{
    const char* name; // "summarize"
    const char* usage; // the synopsis after "benchlens ", may span lines
    const char* summary; // what it does, a paragraph wrapped at 100 columns
    std::vector<std::string> valueOptions; // options that take a value ("-o", "--filter")
    std::vector<std::string> flags; // options without one ("--json"); --help/-h are implied
    int (*run)(const std::vector<std::string>& args);
};
std::span<const Subcommand> subcommands();
const Subcommand* findSubcommand(const std::string& name);

// Options of the GUI mode (`benchlens DIR ...`, ui/gui_app.h's table), for the completion and the man page check.
std::vector<std::string> guiOptions();

int summarize(const std::vector<std::string>& args);
int report(const std::vector<std::string>& args);
int compare(const std::vector<std::string>& args);
int verify(const std::vector<std::string>& args);
int generateSample(const std::vector<std::string>& args);
int sweep(const std::vector<std::string>& args);
int exportData(const std::vector<std::string>& args);
void printUsage();
void printSubcommandUsage(const Subcommand& command);
// "benchlens 0.1.0" and, when `gitDescribe` is not empty (built from a git checkout), " (git cbc3938-dirty)".
std::string versionLine(const char* gitDescribe);

} // namespace benchlens::cli
