// The background ingest: only the newest job's result arrives, and a watched folder is read again when it changes.
#include "models/data/dataset.h"
#include "models/itemmodels/inventory_model.h"
#include "models/jobs/ingest_job.h"
#include "tests/support/test_paths.h"
#include "ui/main_window.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace benchlens;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

bool copyTree(const QString& from, const QString& to)
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

} // namespace

TEST(IngestJob, ANewerIngestReplacesTheOneInFlight)
{
    IngestJob job;
    QSignalSpy finished(&job, &IngestJob::finished);
    QSignalSpy failed(&job, &IngestJob::failed);
    job.start(q(test::corpusDir()));
    job.start(q(test::sampleDir())); // the first one is cancelled and its result dropped
    ASSERT_TRUE(finished.wait(120000));
    // Let any stale result arrive (it must not).
    QSignalSpy more(&job, &IngestJob::finished);
    EXPECT_FALSE(more.wait(500));
    ASSERT_EQ(finished.size(), 1);
    const auto folder = finished.front().front().value<LoadedFolder>();
    EXPECT_EQ(folder.root, q(test::sampleDir()));
    EXPECT_EQ(folder.dataset->inventory.files, 11U);
    EXPECT_TRUE(folder.analysis);
    EXPECT_EQ(failed.size(), 0);

    job.start(QStringLiteral("/nonexistent/benchlens"));
    ASSERT_TRUE(failed.wait(60000));
}

TEST(MainWindow, ReadsTheFolderAgainWhenAFileIsAdded)
{
    QTemporaryDir tmp;
    const QString root = tmp.filePath(QStringLiteral("bench"));
    ASSERT_TRUE(copyTree(q(test::sampleDir()), root));
    MainWindow window;
    window.setPersistent(false);
    QSignalSpy loaded(&window, &MainWindow::folderLoaded);
    window.openFolder(root);
    ASSERT_TRUE(loaded.wait(120000));
    ASSERT_EQ(window.inventoryModel()->dataset()->inventory.files, 11U);

    // A benchmark writes a new result file: the watcher sees it and the window reads the folder again.
    QFile out(root + QStringLiteral("/new_run.csv"));
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write("model,ttft_ms,tokens_per_second\nllama3.2:3b-instruct-q4_K_M,80.5,110.2\n");
    out.close();
    ASSERT_TRUE(loaded.wait(120000));
    EXPECT_EQ(window.inventoryModel()->dataset()->inventory.files, 12U);
}
