#pragma once

// Helpers of the window tests: where screenshots go, copies of folders to change, and opening a folder in the window
// and waiting for it.
#include "tests/support/test_paths.h"
#include "ui/main_window.h"
#include "ui/pages/report_page.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSize>
#include <QString>
#include <QTest>

#include <gtest/gtest.h>

namespace benchlens::test {

// <build>/screenshots, for a person to look at after the tests.
inline QString screenshotDir()
{
    const QString dir = QString::fromStdString(buildDir()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

// Copies every file below `from` to the same relative path below `to` (a folder the test may change).
inline bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = to + QLatin1Char('/') + QDir(from).relativeFilePath(src);
        QDir().mkpath(QFileInfo(dst).absolutePath());
        if (!QFile::copy(src, dst))
            return false;
    }
    return true;
}

// A window for a test: shown at `size`, not watching its folder, writing no settings.
inline void showQuietly(MainWindow& window, QSize size = QSize(1400, 900))
{
    window.setWatchEnabled(false);
    window.setPersistent(false);
    window.resize(size);
    window.show();
}

// Opens a folder and waits for its Dataset (generous timeout: the CI machine is slow).
inline bool openAndWait(MainWindow& window, const QString& folder)
{
    QSignalSpy loaded(&window, &MainWindow::folderLoaded);
    window.openFolder(folder);
    return loaded.wait(120000);
}

// Exports the report page to `path` and waits for the export to finish; true when it was written (a failure's
// message is added to the test's failures).
inline bool exportAndWait(ReportPage* page, const QString& path)
{
    QSignalSpy done(page, &ReportPage::exported);
    QSignalSpy failed(page, &ReportPage::exportFailed);
    if (!page->exportTo(path))
        return false;
    if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 120000))
        ADD_FAILURE() << "the export did not finish";
    if (!failed.isEmpty())
        ADD_FAILURE() << failed.front().front().toString().toStdString();
    return done.size() == 1;
}

} // namespace benchlens::test
