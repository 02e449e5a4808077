#include "models/ingest/scanner.h"

#include "models/util/utf8.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sys/stat.h>

namespace benchlens {

namespace fs = std::filesystem;

namespace {
bool skipped(const std::string& name)
{
    return name.empty() || name.front() == '.' || name == "CVS" || name == "_darcs" || name == "__pycache__";
}

int64_t toEpochMs(const struct stat& st)
{
    return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}
} // namespace

// The real path of `path` (links resolved), or empty when it cannot be resolved.
static std::string realPathOf(const std::string& path)
{
    char buffer[PATH_MAX];
    return ::realpath(path.c_str(), buffer) ? std::string(buffer) : std::string();
}

static bool isUnder(const std::string& path, const std::string& root)
{
    return path == root || root == "/"
        || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/');
}

Result<ScanResult> scanFolder(const std::string& root)
{
    struct stat rootStat
    {
    };
    const std::string shownRoot = displayPath(root);
    if (::stat(root.c_str(), &rootStat) != 0)
        return Error {"cannot read folder " + shownRoot + ": it does not exist or is not accessible"};
    if (!S_ISDIR(rootStat.st_mode))
        return Error {shownRoot + " is not a folder"};
    const std::string realRoot = realPathOf(root);

    ScanResult result;
    std::set<std::pair<dev_t, ino_t>> visited;
    visited.insert({rootStat.st_dev, rootStat.st_ino});
    std::vector<std::pair<fs::path, std::string>> pending {{fs::path(root), std::string()}};
    while (!pending.empty()) {
        auto [dir, rel] = std::move(pending.back());
        pending.pop_back();
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            if (rel.empty())
                return Error {"cannot read folder " + shownRoot + ": " + ec.message()};
            result.problems.push_back(rel + ": cannot list folder: " + ec.message());
            continue;
        }
        result.directories.push_back(rel);
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            const fs::directory_entry& entry = *it;
            const std::string rawName = entry.path().filename().string();
            if (skipped(rawName))
                continue;
            const std::string name = displayPath(rawName);
            const std::string childRel = rel.empty() ? name : rel + "/" + name;
            if (name != rawName)
                result.problems.push_back(childRel
                    + ": the name is not valid UTF-8 (or holds control characters); "
                      "shown with \\xNN escapes");
            struct stat lst
            {
            };
            struct stat st
            {
            };
            if (::lstat(entry.path().c_str(), &lst) != 0 || ::stat(entry.path().c_str(), &st) != 0) {
                result.problems.push_back(childRel + ": broken link or unreadable entry, skipped");
                continue;
            }
            std::string absolute = entry.path().string();
            if (S_ISLNK(lst.st_mode)) {
                // A link is read only when it leads to something inside the folder: the folder is what the user
                // asked to analyse, and a link must not widen that to the rest of the disk.
                const std::string target = realPathOf(absolute);
                if (target.empty() || realRoot.empty() || !isUnder(target, realRoot)) {
                    result.problems.push_back(childRel + ": a symbolic link to something outside the folder, skipped");
                    continue;
                }
                if (S_ISREG(st.st_mode))
                    absolute = target; // opened without following links (ingest uses O_NOFOLLOW)
            }
            if (S_ISDIR(st.st_mode)) {
                if (!visited.insert({st.st_dev, st.st_ino}).second) {
                    result.problems.push_back(childRel + ": links to a folder already walked (link loop), skipped");
                    continue;
                }
                pending.emplace_back(entry.path(), childRel);
            } else if (S_ISREG(st.st_mode)) {
                result.files.push_back({childRel, absolute, static_cast<uint64_t>(st.st_size), toEpochMs(st)});
            } else {
                result.problems.push_back(childRel + ": not a regular file (a FIFO, socket or device), skipped");
            }
        }
        if (ec)
            result.problems.push_back((rel.empty() ? std::string(".") : rel) + ": listing stopped: " + ec.message());
    }
    std::sort(result.files.begin(), result.files.end(),
        [](const ScannedFile& a, const ScannedFile& b) { return a.relativePath < b.relativePath; });
    std::sort(result.directories.begin(), result.directories.end());
    std::sort(result.problems.begin(), result.problems.end());
    return result;
}

} // namespace benchlens
