#include "extract.h"

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

namespace {
// RFC 6901 escaping of one reference token.
std::string escapePointerToken(const std::string& key)
{
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out.push_back(c);
    }
    return out;
}
} // namespace

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
        if (loc.key != Locator::kNone) {
            // Appended piecewise: g++ 12 warns falsely (-Wrestrict, GCC bug 105329) on "/" + std::string here.
            p.push_back('/');
            p += escapePointerToken(keys[loc.key]);
        }
        return p.empty() ? std::string("/") : p;
    }
    }
    return {};
}

} // namespace benchlens
