#include "models/util/glob.h"

#include <cstddef>

namespace benchlens {

namespace {

// Where the bracket expression that starts at pattern[open] == '[' ends (the index of its ']'), or npos when it has
// none (then the '[' stands for itself).
size_t classEnd(std::string_view pattern, size_t open)
{
    size_t i = open + 1;
    if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^'))
        ++i;
    if (i < pattern.size() && pattern[i] == ']')
        ++i; // a ']' first in the class is a member
    while (i < pattern.size() && pattern[i] != ']')
        i += pattern[i] == '\\' ? 2 : 1; // "\\]" is a member, not the end
    return i < pattern.size() ? i : std::string_view::npos;
}

// Whether byte c is in the class pattern[open..close] (pattern[open] == '[', pattern[close] == ']').
bool inClass(std::string_view pattern, size_t open, size_t close, unsigned char c)
{
    size_t i = open + 1;
    const bool negated = pattern[i] == '!' || pattern[i] == '^';
    if (negated)
        ++i;
    // One member at i ('\\' takes the next byte as itself); advances i past it.
    const auto member = [&]() {
        if (pattern[i] == '\\' && i + 1 < close)
            ++i;
        return static_cast<unsigned char>(pattern[i++]);
    };
    bool found = false;
    while (i < close) {
        const unsigned char lo = member();
        if (i + 1 < close && pattern[i] == '-') {
            ++i;
            const unsigned char hi = member();
            found = found || (lo <= c && c <= hi);
        } else {
            found = found || lo == c;
        }
    }
    return found != negated;
}

} // namespace

bool globMatch(std::string_view pattern, std::string_view text)
{
    // Iterative matching with one backtrack point (the last '*'): linear in practice, no recursion. A '*' can stand
    // for any bytes, so on a mismatch after it only the text position it resumes from moves.
    size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        bool step = false; // whether pattern[p] matched text[t]; `next` is then the pattern position after it
        size_t next = p + 1;
        if (p < pattern.size()) {
            const char c = pattern[p];
            if (c == '*') {
                star = p++;
                resume = t;
                continue;
            }
            if (c == '?') {
                step = true;
            } else if (c == '[') {
                if (const size_t close = classEnd(pattern, p); close != std::string_view::npos) {
                    step = inClass(pattern, p, close, static_cast<unsigned char>(text[t]));
                    next = close + 1;
                } else {
                    step = text[t] == '[';
                }
            } else if (c == '\\' && p + 1 < pattern.size()) {
                step = text[t] == pattern[p + 1];
                next = p + 2;
            } else {
                step = text[t] == c;
            }
        }
        if (step) {
            p = next;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

} // namespace benchlens
