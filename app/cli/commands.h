#pragma once

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

int summarize(const std::vector<std::string>& args);
int report(const std::vector<std::string>& args);
int compare(const std::vector<std::string>& args);
int verify(const std::vector<std::string>& args);
int generateSample(const std::vector<std::string>& args);
int sweep(const std::vector<std::string>& args);
void printUsage();

} // namespace benchlens::cli
