// File > Export Data…: the window writes the same files as `benchlens export` (whole folder, or the filtered view
// as `--filter`), and refuses the analysed folder.
#include "models/itemmodels/sample_filter_proxy.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/data_export_action.h"
#include "ui/main_window.h"
#include "ui/selection_hub.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace benchlens;

namespace {
QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

std::string cliExport(const QStringList& args)
{
    QProcess cli;
    cli.start(q(test::binary()), QStringList {QStringLiteral("export")} + args);
    EXPECT_TRUE(cli.waitForFinished(120000));
    EXPECT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    return cli.readAllStandardOutput().toStdString();
}

bool exportAndWait(DataExportAction* action, const QString& path, DataExportAction::Scope scope, QStringList& files)
{
    QSignalSpy done(action, &DataExportAction::exported);
    QSignalSpy failed(action, &DataExportAction::exportFailed);
    if (!action->exportTo(path, scope))
        return false;
    if (!done.wait(120000))
        return false;
    files = done.takeFirst().at(0).toStringList();
    return failed.isEmpty();
}
} // namespace

TEST(DataExport, WindowWritesWhatTheCliWrites)
{
    MainWindow window;
    test::showQuietly(window);
    const QString sample = q(test::sampleDir());
    ASSERT_TRUE(test::openAndWait(window, sample));
    // The File menu offers it.
    bool inMenu = false;
    for (QAction* a : window.menuBar()->actions().first()->menu()->actions())
        inMenu = inMenu || a->text() == QStringLiteral("Export &Data…");
    EXPECT_TRUE(inMenu);

    DataExportAction* action = window.dataExport();
    ASSERT_TRUE(action);
    QString lastError;
    action->setErrorHandler([&](const QString& m) { lastError = m; });
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());

    // Whole folder as CSV: the main file and four siblings, each byte-equal to the CLI's.
    QStringList files;
    ASSERT_TRUE(
        exportAndWait(action, tmp.filePath(QStringLiteral("gui.csv")), DataExportAction::Scope::WholeFolder, files))
        << lastError.toStdString();
    EXPECT_EQ(files.size(), 5);
    for (const char* table : {"observations", "statistics", "reported", "files", "diagnostics"}) {
        const std::string stdoutCsv = cliExport(
            {sample, QStringLiteral("-o"), QStringLiteral("-"), QStringLiteral("--table"), QString::fromLatin1(table)});
        const QString file = std::string(table) == "observations"
            ? tmp.filePath(QStringLiteral("gui.csv"))
            : tmp.filePath(QStringLiteral("gui.%1.csv").arg(QString::fromLatin1(table)));
        EXPECT_EQ(test::readFile(file.toStdString()), stdoutCsv) << table;
    }

    // The filtered view as `--filter SELECTOR`.
    window.hub()->setModelFilter(QStringLiteral("llama3.2:3b-instruct-q4_K_M"));
    const QString selector = q(window.hub()->scopeSelector());
    EXPECT_EQ(selector, QStringLiteral("model=llama3.2:3b-instruct-q4_K_M"));
    ASSERT_TRUE(
        exportAndWait(action, tmp.filePath(QStringLiteral("part.jsonl")), DataExportAction::Scope::FilteredView, files))
        << lastError.toStdString();
    const std::string cli = cliExport({sample, QStringLiteral("-o"), QStringLiteral("-"), QStringLiteral("--format"),
        QStringLiteral("jsonl"), QStringLiteral("--filter"), selector});
    EXPECT_EQ(test::readFile(tmp.filePath(QStringLiteral("part.jsonl")).toStdString()), cli);
    EXPECT_NE(cli.find("llama3.2:3b-instruct-q4_K_M"), std::string::npos);
    EXPECT_EQ(cli.find("qwen2.5"), std::string::npos);

    // SQLite: one file.
    ASSERT_TRUE(
        exportAndWait(action, tmp.filePath(QStringLiteral("all.sqlite")), DataExportAction::Scope::WholeFolder, files))
        << lastError.toStdString();
    EXPECT_EQ(files, QStringList {tmp.filePath(QStringLiteral("all.sqlite"))});
    EXPECT_GT(QFileInfo(tmp.filePath(QStringLiteral("all.sqlite"))).size(), 0);

    // Never inside the analysed folder; nothing is left there.
    const QStringList before = QDir(sample).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QSignalSpy failed(action, &DataExportAction::exportFailed);
    if (action->exportTo(sample + QStringLiteral("/inside.csv"), DataExportAction::Scope::WholeFolder)) {
        ASSERT_TRUE(failed.wait(60000));
    }
    EXPECT_TRUE(lastError.contains(QStringLiteral("refusing to write inside"))) << lastError.toStdString();
    EXPECT_EQ(QDir(sample).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
}
