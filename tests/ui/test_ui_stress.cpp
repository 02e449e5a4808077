// The window under stress (issue 11): a read cancelled half-way, another folder opened while one is loading, files
// changing and vanishing during the read, the window closed during an export, a watched folder deleted. Each must
// end without a crash, with the window answering, and without a partial report left behind.
#include "models/data/dataset.h"
#include "models/itemmodels/inventory_model.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/main_window.h"
#include "ui/pages/report_page.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <gtest/gtest.h>
#include <memory>

using namespace benchlens;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// A folder of `copies` copies of the sample folder: enough files that a read takes a while.
bool makeBigFolder(const QString& root, int copies)
{
    const QString sample = q(test::sampleDir());
    for (int c = 0; c < copies; ++c) {
        if (!test::copyTree(sample, QStringLiteral("%1/copy%2").arg(root).arg(c)))
            return false;
    }
    return true;
}

std::unique_ptr<MainWindow> newWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setPersistent(false);
    return window;
}

// The event loop answers: a zero-time timer fires within a second.
bool responsive()
{
    bool fired = false;
    QTimer::singleShot(0, [&] { fired = true; });
    return QTest::qWaitFor([&] { return fired; }, 1000);
}

class WindowStress : public ::testing::Test
{
protected:
    // Makes `root` (under tmp) of `copies` copies of the sample folder, and a window that starts reading it, with a
    // spy on its folderLoaded.
    bool startReading(int copies)
    {
        if (!makeBigFolder(root, copies))
            return false;
        window = newWindow();
        loaded = std::make_unique<QSignalSpy>(window.get(), &MainWindow::folderLoaded);
        window->openFolder(root);
        return true;
    }

    QTemporaryDir tmp;
    const QString root = tmp.filePath(QStringLiteral("big"));
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<QSignalSpy> loaded;
};

} // namespace

TEST_F(WindowStress, CancelInTheMiddleOfARead)
{
    ASSERT_TRUE(startReading(60));
    QTest::qWait(20);
    window->cancelIngest();
    // Cancelled: no folder arrives, and the window goes on; a new read then works.
    EXPECT_FALSE(loaded->wait(3000));
    EXPECT_TRUE(responsive());
    window->openFolder(q(test::sampleDir()));
    ASSERT_TRUE(loaded->wait(120000));
    EXPECT_EQ(window->inventoryModel()->dataset()->inventory.files, 11U);
}

TEST_F(WindowStress, AnotherFolderOpenedWhileOneIsLoading)
{
    ASSERT_TRUE(startReading(40));
    window->openFolder(q(test::corpusDir()));
    window->openFolder(q(test::sampleDir())); // the last one wins
    ASSERT_TRUE(loaded->wait(120000));
    QTest::qWait(500); // any stale result would arrive now: it must not
    ASSERT_EQ(loaded->size(), 1);
    EXPECT_EQ(window->inventoryModel()->dataset()->inventory.files, 11U);
}

TEST_F(WindowStress, FilesChangingAndVanishingDuringTheRead)
{
    ASSERT_TRUE(startReading(40));
    // While it reads: delete every other copy, truncate and rewrite files of the rest.
    for (int c = 0; c < 40; c += 2)
        QDir(QStringLiteral("%1/copy%2").arg(root).arg(c)).removeRecursively();
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    int n = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        if (++n % 3 == 0) {
            QFile f(path);
            if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
                f.write("model,tokens_s\nm-rewritten,1");
        }
    }
    ASSERT_TRUE(loaded->wait(120000));
    EXPECT_TRUE(responsive());
    // Whatever the read saw, a read of the folder as it is now agrees with a fresh window's.
    window->reload();
    loaded->clear();
    ASSERT_TRUE(loaded->wait(120000));
    auto fresh = newWindow();
    ASSERT_TRUE(test::openAndWait(*fresh, root));
    EXPECT_EQ(window->inventoryModel()->dataset()->samples.size(), fresh->inventoryModel()->dataset()->samples.size());
    EXPECT_EQ(window->inventoryModel()->dataset()->inventory.files, 20U * 11U);
}

TEST_F(WindowStress, ClosingTheWindowDuringAnExportLeavesNoPartialFile)
{
    QTemporaryDir out;
    for (const char* name : {"report.pdf", "report.md", "report.html"}) {
        SCOPED_TRACE(name);
        window = newWindow();
        ASSERT_TRUE(test::openAndWait(*window, q(test::corpusDir())));
        const QString target = out.filePath(QLatin1String(name));
        ASSERT_TRUE(window->reportPage()->exportTo(target));
        window->close();
        window.reset(); // the page and its watcher are gone while the export runs on the thread pool
        QThreadPool::globalInstance()->waitForDone(300000);
        // Either the whole report or nothing, and no temporary file or staging folder beside it.
        const QStringList left = QDir(out.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        for (const QString& entry : left) {
            EXPECT_TRUE(entry == QLatin1String("report.pdf") || entry == QLatin1String("report.md")
                || entry == QLatin1String("report.html") || entry == QLatin1String("report_files"))
                << entry.toStdString();
        }
        if (QFile::exists(target)) {
            QFile f(target);
            ASSERT_TRUE(f.open(QIODevice::ReadOnly));
            const QByteArray all = f.readAll();
            if (target.endsWith(QLatin1String(".pdf")))
                EXPECT_TRUE(all.trimmed().endsWith("%%EOF"));
            else
                EXPECT_TRUE(all.contains("Workflow Summary"));
        }
    }
}

TEST_F(WindowStress, AWatchedFolderThatIsDeleted)
{
    ASSERT_TRUE(startReading(1));
    ASSERT_TRUE(loaded->wait(120000));
    ASSERT_TRUE(QDir(root).removeRecursively());
    // The watcher fires and the window reads again: the read fails, and the window says so and goes on.
    QTest::qWait(2500);
    EXPECT_TRUE(responsive());
    EXPECT_TRUE(window->inventoryModel()->dataset()); // what was shown is still shown
    window->openFolder(q(test::sampleDir()));
    ASSERT_TRUE(loaded->wait(120000));
    EXPECT_EQ(window->inventoryModel()->dataset()->inventory.files, 11U);
}
