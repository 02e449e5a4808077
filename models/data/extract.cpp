#include "models/data/extract.h"

#include <fmt/format.h>

namespace benchlens {

const char* severityName(Severity s)
{
    switch (s) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "warning";
}

void appendPointerToken(std::string& pointer, std::string_view token)
{
    pointer.push_back('/');
    for (const char c : token) {
        if (c == '~')
            pointer += "~0";
        else if (c == '/')
            pointer += "~1";
        else
            pointer.push_back(c);
    }
}

std::string FileExtract::locatorText(const Locator& loc) const
{
    switch (loc.kind) {
    case Locator::Kind::None:
        return {};
    case Locator::Kind::Line:
        return fmt::format("line {}", loc.line);
    case Locator::Kind::Cell:
        if (loc.key == Locator::kNone)
            return fmt::format("line {}", loc.line);
        return fmt::format("line {} col {}", loc.line, keys[loc.key]);
    case Locator::Kind::Pointer: {
        std::string p = loc.pointer == Locator::kNone ? std::string() : pointers[loc.pointer];
        if (loc.key != Locator::kNone)
            appendPointerToken(p, keys[loc.key]);
        if (p.empty())
            p.push_back('/');
        return loc.line ? fmt::format("line {} {}", loc.line, p) : p;
    }
    }
    return {};
}

} // namespace benchlens
