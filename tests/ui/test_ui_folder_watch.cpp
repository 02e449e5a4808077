// The window watches its folder: a file added to it is read again.
#include "models/data/dataset.h"
#include "models/itemmodels/inventory_model.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/main_window.h"

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

} // namespace

TEST(MainWindow, ReadsTheFolderAgainWhenAFileIsAdded)
{
    QTemporaryDir tmp;
    const QString root = tmp.filePath(QStringLiteral("bench"));
    ASSERT_TRUE(test::copyTree(q(test::sampleDir()), root));
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
