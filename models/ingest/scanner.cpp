#include "scanner.h"

#include <algorithm>
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

Result<ScanResult> scanFolder(const std::string& root)
{
    struct stat rootStat
    {
    };
    if (::stat(root.c_str(), &rootStat) != 0)
        return Error {"cannot read folder " + root + ": it does not exist or is not accessible"};
    if (!S_ISDIR(rootStat.st_mode))
        return Error {root + " is not a folder"};

    ScanResult result;
    std::set<std::pair<dev_t, ino_t>> visited;
    visited.insert({rootStat.st_dev, rootStat.st_ino});
    std::vector<std::pair<fs::path, std::string>> pending {{fs::path(root), std::string()}};
    while (!pending.empty()) {
        auto [dir, rel] = std::move(pending.back());
        pending.pop_back();
        result.directories.push_back(rel);
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            result.problems.push_back((rel.empty() ? std::string(".") : rel) + ": cannot list folder: " + ec.message());
            continue;
        }
        for (const auto& entry : it) {
            const std::string name = entry.path().filename().string();
            if (skipped(name))
                continue;
            const std::string childRel = rel.empty() ? name : rel + "/" + name;
            struct stat st
            {
            };
            if (::stat(entry.path().c_str(), &st) != 0) {
                result.problems.push_back(childRel + ": broken link or unreadable entry, skipped");
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (!visited.insert({st.st_dev, st.st_ino}).second) {
                    result.problems.push_back(childRel + ": links to a folder already walked (link loop), skipped");
                    continue;
                }
                pending.emplace_back(entry.path(), childRel);
            } else if (S_ISREG(st.st_mode)) {
                result.files.push_back(
                    {childRel, entry.path().string(), static_cast<uint64_t>(st.st_size), toEpochMs(st)});
            }
        }
    }
    std::sort(result.files.begin(), result.files.end(),
        [](const ScannedFile& a, const ScannedFile& b) { return a.relativePath < b.relativePath; });
    std::sort(result.directories.begin(), result.directories.end());
    std::sort(result.problems.begin(), result.problems.end());
    return result;
}

} // namespace benchlens
