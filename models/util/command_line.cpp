#include "models/util/command_line.h"

#include <algorithm>

namespace benchlens {

std::string CommandLine::value(const std::string& option, const std::string& fallback) const
{
    const auto it = options.find(option);
    return it == options.end() ? fallback : it->second;
}

std::vector<std::string> CommandLine::values(const std::string& option) const
{
    const auto it = repeated.find(option);
    return it == repeated.end() ? std::vector<std::string>() : it->second;
}

CommandLine parseCommandLine(
    const std::vector<std::string>& args, std::span<const std::string> valueOptions, std::span<const std::string> flags)
{
    CommandLine p;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            p.help = true;
        } else if (a.size() > 1 && a[0] == '-') {
            if (std::find(valueOptions.begin(), valueOptions.end(), a) != valueOptions.end()) {
                if (i + 1 >= args.size()) {
                    p.error = a + " needs a value";
                    return p;
                }
                p.options[a] = args[++i];
                p.repeated[a].push_back(args[i]);
            } else if (std::find(flags.begin(), flags.end(), a) != flags.end()) {
                p.options[a] = "";
            } else {
                p.error = "unknown option " + a;
                return p;
            }
        } else {
            p.positional.push_back(a);
        }
    }
    return p;
}

} // namespace benchlens
