#pragma once

#include <string>

namespace benchlens {

enum class Severity
{
    Info,
    Warning,
    Error
};
const char* severityName(Severity s);

// One problem found in the input: bad input is data, not an exception. `file` is relative to the root.
struct Diagnostic
{
    Severity severity = Severity::Warning;
    std::string file;
    std::string locator; // "line 12", "/results/3", "line 4 col tokens_s"; may be empty
    std::string message;
};

} // namespace benchlens
