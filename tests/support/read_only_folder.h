#pragma once

// A folder that an export must fail to write into, for the tests of failed exports. Root writes anywhere, so a test
// running as root also writes as nobody (uid and gid 65534): in a child process, or with seteuid for a moment.
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <sys/types.h>

namespace benchlens::test {

constexpr uid_t kNobody = 65534;

// rwxr-xr-x: everyone may read and enter; only the owner writes.
inline QFileDevice::Permissions everyoneReads()
{
    return QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;
}

// Opens `tmp` to everyone and makes a folder `name` in it that nobody may write into (r-xr-xr-x). Empty on failure.
inline QString makeReadOnlyFolder(const QTemporaryDir& tmp, const QString& name = QStringLiteral("ro"))
{
    const QString folder = tmp.filePath(name);
    if (!QFile::setPermissions(tmp.path(), everyoneReads()) || !QDir().mkpath(folder)
        || !QFile::setPermissions(folder, everyoneReads() & ~QFileDevice::WriteOwner))
        return {};
    return folder;
}

} // namespace benchlens::test
