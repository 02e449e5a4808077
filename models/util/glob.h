#pragma once

#include <string_view>

namespace benchlens {

// Whether `text` matches the glob `pattern`, the one glob of BenchLens (run=/file= selectors, user-map `files`):
// `*` any run of bytes ('/' included), `?` one byte, `[abc]`, `[a-z]` and `[!a-z]` (also `[^a-z]`) one byte of / not
// of the class (a `]` first in the class is itself), `\x` the byte x, inside a class too; anything else itself. A `[`
// without its `]` is itself. These are POSIX fnmatch(3) rules with no flags, so a pattern means what it means to a
// shell user.
bool globMatch(std::string_view pattern, std::string_view text);

} // namespace benchlens
