#pragma once

#include <string>
#include <string_view>

namespace benchlens::yaml {

// A YAML document (the first one of the stream) as JSON text, so that the JSON readers serve YAML reports too
// (GuideLLM writes the same report as JSON or YAML). Mappings become objects (keys as strings), sequences arrays,
// aliases their anchored node. Plain scalars are typed as YAML 1.1 / PyYAML resolve them: null / ~ / empty ->
// null, true/false (and yes/no/on/off) -> booleans, numbers -> numbers as written (.inf / .nan -> Infinity / NaN,
// which json::parse accepts), everything else and every quoted scalar -> a string. libyaml does the parsing.
struct ToJsonResult
{
    bool ok = false;
    std::string json; // when ok
    std::string error; // when !ok: the problem and its line ("line 12: mapping values are not allowed here")
};
ToJsonResult toJson(std::string_view bytes);

} // namespace benchlens::yaml
