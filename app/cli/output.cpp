#include "output.h"

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

} // namespace benchlens::cli
