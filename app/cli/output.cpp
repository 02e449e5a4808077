#include "output.h"

#include <QByteArray>
#include <QFile>
#include <QSaveFile>
#include <QString>

#include <filesystem>

namespace benchlens::cli {

namespace fs = std::filesystem;

bool isInside(const std::string& path, const std::string& root)
{
    std::error_code ec;
    const fs::path r = fs::weakly_canonical(fs::absolute(root, ec), ec);
    const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    const std::string rs = r.string();
    const std::string ps = p.string();
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
    return (head.contains("6. Workflow Summary") && head.contains("BenchLens"))
        || head.contains("<meta name=\"generator\" content=\"BenchLens")
        || (head.startsWith("%PDF")
            && (file.readAll().contains("BenchLens") || head.contains("BenchLens") || head.contains(utf16Name)));
}

} // namespace benchlens::cli
