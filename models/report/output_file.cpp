#include "report/output_file.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>

#include <filesystem>

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

Status writeOutputFile(const std::string& path, const std::string& contents, const std::string& inputRoot)
{
    if (isInside(path, inputRoot))
        return Error {
            path + ": refusing to write inside the input folder " + inputRoot + "; choose another output path"};
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        return Error {path + ": cannot write: " + file.errorString().toStdString()};
    if (file.write(contents.data(), static_cast<qint64>(contents.size())) != static_cast<qint64>(contents.size())) {
        file.cancelWriting();
        return Error {path + ": cannot write: " + file.errorString().toStdString()};
    }
    if (!file.commit())
        return Error {path + ": cannot write: " + file.errorString().toStdString()};
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

Status writeOutputWithAttachments(const std::string& path, const std::string& contents,
    const std::vector<OutputAttachment>& attachments, const std::string& inputRoot)
{
    if (attachments.empty())
        return writeOutputFile(path, contents, inputRoot);
    const QString target = QString::fromStdString(path);
    const QDir parent = QFileInfo(target).absoluteDir();
    const std::string& first = attachments.front().path;
    const QString folderName = QString::fromStdString(first.substr(0, first.find('/')));
    const QString folder = parent.filePath(folderName);
    if (isInside(path, inputRoot) || isInside(folder.toStdString(), inputRoot))
        return Error {
            path + ": refusing to write inside the input folder " + inputRoot + "; choose another output path"};
    for (const auto& a : attachments) {
        if (a.path.find('/') == std::string::npos || a.path.substr(0, a.path.find('/')) != folderName.toStdString()
            || a.path.find("..") != std::string::npos)
            return Error {path + ": internal error: attachment " + a.path + " is not in " + folderName.toStdString()};
    }
    if (!parent.exists())
        return Error {path + ": cannot write: the folder " + parent.path().toStdString() + " does not exist"};

    // 1. Every attachment into a fresh temporary folder beside the target (same file system: rename is atomic).
    const QString staging = parent.filePath(QStringLiteral(".") + folderName + QStringLiteral(".new"));
    const QString backup = parent.filePath(QStringLiteral(".") + folderName + QStringLiteral(".old"));
    QDir(staging).removeRecursively();
    if (std::error_code ec; !fs::create_directory(staging.toStdString(), ec)) {
        const std::string reason = ec ? ec.message() : std::string("it exists");
        return Error {path + ": cannot write: cannot create the folder " + staging.toStdString() + ": " + reason};
    }
    for (const auto& a : attachments) {
        const QString file = staging + QString::fromStdString(a.path.substr(a.path.find('/')));
        QDir().mkpath(QFileInfo(file).absolutePath());
        QSaveFile out(file);
        const auto size = static_cast<qint64>(a.contents.size());
        if (!out.open(QIODevice::WriteOnly) || out.write(a.contents.data(), size) != size || !out.commit()) {
            const std::string reason = out.errorString().toStdString();
            QDir(staging).removeRecursively();
            return Error {path + ": cannot write " + a.path + ": " + reason};
        }
    }
    // 2. Swap the folder into place, keeping the older one until the main file is written.
    QDir(backup).removeRecursively();
    const bool hadOld = QFileInfo::exists(folder);
    if (hadOld && !QDir().rename(folder, backup)) {
        QDir(staging).removeRecursively();
        return Error {path + ": cannot replace " + folder.toStdString()};
    }
    if (!QDir().rename(staging, folder)) {
        QDir(staging).removeRecursively();
        if (hadOld)
            QDir().rename(backup, folder);
        return Error {path + ": cannot write " + folder.toStdString()};
    }
    // 3. The main file, atomically; on failure put the older folder back.
    if (auto written = writeOutputFile(path, contents, inputRoot); !written) {
        QDir(folder).removeRecursively();
        if (hadOld)
            QDir().rename(backup, folder);
        return written;
    }
    QDir(backup).removeRecursively();
    return Ok {};
}

} // namespace benchlens
