#include "models/report/output_file.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <string_view>

namespace benchlens {

namespace fs = std::filesystem;

namespace {
// The path with symbolic links resolved as far as it exists; where that fails (a folder this user may not enter),
// its absolute, lexically normal form. Never empty: an empty root would hold every path.
fs::path resolved(const std::string& path)
{
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec).lexically_normal();
    if (!absolute.has_filename() && absolute.has_relative_path())
        absolute = absolute.parent_path(); // "/a/b/" is "/a/b"
    const fs::path canonical = fs::weakly_canonical(absolute, ec);
    return ec || canonical.empty() ? absolute : canonical;
}
} // namespace

bool isInside(const std::string& path, const std::string& root)
{
    const std::string rs = resolved(root).string();
    const std::string ps = resolved(path).string();
    return ps == rs || (ps.size() > rs.size() && ps.compare(0, rs.size(), rs) == 0 && ps[rs.size()] == '/');
}

namespace {
// Writes `bytes` to `path` atomically (QSaveFile: a temporary beside it, renamed on success, removed on failure).
// Returns the reason on failure, from the system's error where Qt's text is generic ("Unknown error", "Writing
// canceled by application" after a failed write): a full disk says "No space left on device".
std::optional<std::string> saveAtomically(const QString& path, std::string_view bytes)
{
    QSaveFile file(path);
    errno = 0;
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString().toStdString();
    const auto size = static_cast<qint64>(bytes.size());
    bool ok = file.write(bytes.data(), size) == size;
    int failure = ok ? 0 : errno;
    if (ok) {
        ok = file.commit();
        failure = ok ? 0 : errno;
    } else {
        file.cancelWriting();
    }
    if (ok)
        return std::nullopt;
    return failure != 0 ? std::string(std::strerror(failure)) : file.errorString().toStdString();
}

} // namespace

Status writeOutputFile(const std::string& path, const std::string& contents, const std::string& inputRoot)
{
    if (isInside(path, inputRoot))
        return Error {
            path + ": refusing to write inside the input folder " + inputRoot + "; choose another output path"};
    if (const auto failed = saveAtomically(QString::fromStdString(path), contents))
        return Error {path + ": cannot write: " + *failed};
    return Ok {};
}

bool isBenchLensReport(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(1 << 20);
    // Markdown and HTML reports end with the Workflow Summary's verify hint; HTML names its generator; a PDF names
    // its creator in the document information (Latin-1 or UTF-16BE).
    static const QByteArray utf16Name = QByteArrayLiteral("\0B\0e\0n\0c\0h\0L\0e\0n\0s");
    return (head.contains("Workflow Summary") && head.contains("BenchLens"))
        || head.contains("<meta name=\"generator\" content=\"BenchLens")
        || (head.startsWith("%PDF")
            && (file.readAll().contains("BenchLens") || head.contains("BenchLens") || head.contains(utf16Name)));
}

namespace {
constexpr const char* kManifestName = ".benchlens-manifest";
constexpr std::string_view kManifestHead = "BenchLens attachments 1\n";

// The files (relative, '/' separated) a folder's manifest lists, or nullopt when the folder has no manifest that
// BenchLens wrote. Read without following links.
std::optional<std::vector<std::string>> readManifest(const fs::path& folder)
{
    const fs::path manifest = folder / kManifestName;
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(manifest, ec)))
        return std::nullopt;
    QFile file(QString::fromStdString(manifest.string()));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = file.read(1 << 20);
    if (!text.startsWith(QByteArray(kManifestHead.data(), qsizetype(kManifestHead.size()))))
        return std::nullopt;
    std::vector<std::string> names;
    for (const QByteArray& line : text.mid(qsizetype(kManifestHead.size())).split('\n')) {
        if (!line.isEmpty())
            names.push_back(line.toStdString());
    }
    return names;
}

// True when every entry below `folder` is one the manifest lists (or a folder holding them): a folder BenchLens
// wrote and nobody added to, which may be replaced.
bool holdsOnly(const fs::path& folder, const std::vector<std::string>& names)
{
    std::set<std::string> listed(names.begin(), names.end());
    listed.insert(kManifestName);
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const fs::file_status st = it->symlink_status(ec);
        if (ec || fs::is_symlink(st))
            return false;
        if (fs::is_directory(st))
            continue;
        if (!listed.count(fs::relative(it->path(), folder, ec).generic_string()))
            return false;
    }
    return !ec;
}

// Removes exactly the files named (relative to `folder`), the manifest, then the folders that held them once they
// are empty, and `folder` itself if empty. Never follows a link: fs::remove removes a link, not its target.
void removeWritten(const fs::path& folder, const std::vector<std::string>& names)
{
    std::error_code ec;
    std::set<fs::path, std::greater<>> dirs;
    for (const auto& name : names) {
        const fs::path rel(name);
        if (rel.is_absolute() || name.find("..") != std::string::npos)
            continue;
        fs::remove(folder / rel, ec);
        for (fs::path p = rel.parent_path(); !p.empty(); p = p.parent_path())
            dirs.insert(folder / p);
    }
    fs::remove(folder / kManifestName, ec);
    for (const auto& d : dirs) // deepest first
        fs::remove(d, ec); // only removes an empty folder
    fs::remove(folder, ec);
}

// A new, empty folder beside `near`, named ".<name>.<random>" (mkdtemp: nobody else can have it).
std::optional<fs::path> makeTempDir(const fs::path& parent, const std::string& name)
{
    std::string pattern = (parent / ("." + name + ".XXXXXX")).string();
    if (!::mkdtemp(pattern.data()))
        return std::nullopt;
    return fs::path(pattern);
}

// A name beside `folder` that does not exist yet: "<folder>.orig", "<folder>.orig-2", ...
fs::path asideName(const fs::path& folder)
{
    std::error_code ec;
    for (int i = 1;; ++i) {
        fs::path p = folder;
        p += i == 1 ? std::string(".orig") : ".orig-" + std::to_string(i);
        if (!fs::exists(fs::symlink_status(p, ec)))
            return p;
    }
}
} // namespace

Status writeOutputWithAttachments(const std::string& path, const std::string& contents,
    const std::vector<OutputAttachment>& attachments, const std::string& inputRoot, bool force)
{
    if (attachments.empty())
        return writeOutputFile(path, contents, inputRoot);
    const fs::path parent = fs::absolute(fs::path(path)).parent_path();
    const std::string& first = attachments.front().path;
    const std::string folderName = first.substr(0, first.find('/'));
    const fs::path folder = parent / folderName;
    if (isInside(path, inputRoot) || isInside(folder.string(), inputRoot))
        return Error {
            path + ": refusing to write inside the input folder " + inputRoot + "; choose another output path"};
    std::vector<std::string> names; // relative to the attachment folder
    for (const auto& a : attachments) {
        const auto slash = a.path.find('/');
        if (slash == std::string::npos || a.path.substr(0, slash) != folderName
            || a.path.find("..") != std::string::npos || a.path.find(kManifestName) != std::string::npos)
            return Error {path + ": internal error: attachment " + a.path + " is not in " + folderName};
        names.push_back(a.path.substr(slash + 1));
    }
    std::error_code ec;
    if (!fs::is_directory(parent, ec))
        return Error {path + ": cannot write: the folder " + parent.string() + " does not exist"};

    // What is there now: nothing; a folder BenchLens wrote (its manifest lists everything in it), which is
    // replaced; or anything else (the user's own folder, a link, a file), which is never deleted: refused, or
    // with --force moved aside under a new name.
    const fs::file_status existing = fs::symlink_status(folder, ec);
    const bool exists = fs::exists(existing);
    std::optional<std::vector<std::string>> oldNames;
    if (exists && fs::is_directory(existing) && !fs::is_symlink(existing)) {
        oldNames = readManifest(folder);
        if (oldNames && !holdsOnly(folder, *oldNames))
            oldNames.reset();
    }
    if (exists && !oldNames && !force)
        return Error {path + ": " + folder.string()
            + " exists and was not written by BenchLens (or holds files it did not write); refusing to replace it: "
              "remove it, choose another report name, or use --force to move it aside"};

    // 1. Every attachment and the manifest into a fresh private folder beside the target (same file system, so
    //    the rename below is atomic).
    const auto staging = makeTempDir(parent, folderName + ".new");
    if (!staging)
        return Error {path + ": cannot write: cannot create a temporary folder in " + parent.string() + ": "
            + std::strerror(errno)};
    std::string manifest(kManifestHead);
    for (size_t i = 0; i < attachments.size(); ++i) {
        const fs::path file = *staging / names[i];
        fs::create_directories(file.parent_path(), ec);
        if (const auto failed = saveAtomically(QString::fromStdString(file.string()), attachments[i].contents)) {
            removeWritten(*staging, names);
            return Error {path + ": cannot write " + attachments[i].path + ": " + *failed};
        }
        manifest += names[i] + "\n";
    }
    {
        if (const auto failed = saveAtomically(QString::fromStdString((*staging / kManifestName).string()), manifest)) {
            removeWritten(*staging, names);
            return Error {path + ": cannot write " + folderName + "/" + kManifestName + ": " + *failed};
        }
    }

    // 2. The older folder out of the way: ours into a private backup folder until the main file is written; anyone
    //    else's (with --force) to a new name beside it, where it stays.
    std::optional<fs::path> backup;
    if (exists && oldNames) {
        backup = makeTempDir(parent, folderName + ".old");
        if (!backup || (fs::rename(folder, *backup / "old", ec), ec)) {
            removeWritten(*staging, names);
            if (backup)
                fs::remove(*backup, ec);
            return Error {path + ": cannot replace " + folder.string() + ": " + ec.message()};
        }
    } else if (exists) {
        const fs::path aside = asideName(folder);
        if (fs::rename(folder, aside, ec); ec) {
            removeWritten(*staging, names);
            return Error {path + ": cannot move " + folder.string() + " aside: " + ec.message()};
        }
    }
    const auto restore = [&] {
        if (backup) {
            std::error_code e2;
            fs::rename(*backup / "old", folder, e2);
            fs::remove(*backup, e2);
        }
    };
    if (fs::rename(*staging, folder, ec); ec) {
        removeWritten(*staging, names);
        restore();
        return Error {path + ": cannot write " + folder.string() + ": " + ec.message()};
    }
    // 3. The main file, atomically; on failure take back exactly what was written and put the older folder back.
    if (auto written = writeOutputFile(path, contents, inputRoot); !written) {
        removeWritten(folder, names);
        restore();
        return written;
    }
    if (backup) {
        removeWritten(*backup / "old", *oldNames);
        fs::remove(*backup, ec); // stays only if someone added files meanwhile: never deleted blindly
    }
    return Ok {};
}

} // namespace benchlens
