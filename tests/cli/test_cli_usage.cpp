// The command line as a whole: exit codes, the error messages of malformed command lines, where diagnostics go.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace benchlens;
using namespace benchlens::test;

TEST(Cli, RefusesToWriteInsideTheInputFolderAndReportsUnwritableTargets)
{
    QTemporaryDir dir;
    const QString input = dir.path() + QStringLiteral("/in");
    QDir().mkpath(input);
    QFile f(input + QStringLiteral("/runs.csv"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("model,tokens_s\nm,1\n");
    f.close();
    const CliRun inside
        = runBenchlens({QStringLiteral("report"), input, QStringLiteral("-o"), input + QStringLiteral("/r.md")});
    EXPECT_EQ(inside.exitCode, 3);
    EXPECT_FALSE(QFile::exists(input + QStringLiteral("/r.md")));
    EXPECT_EQ(QDir(input).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 1);
    const CliRun unwritable = runBenchlens(
        {QStringLiteral("report"), input, QStringLiteral("-o"), dir.path() + QStringLiteral("/no/such/dir/r.md")});
    EXPECT_EQ(unwritable.exitCode, 3);
    EXPECT_NE(unwritable.err.find("cannot write"), std::string::npos);
}

TEST(Cli, DiagnosticsGoToStderrAsSeverityFileMessage)
{
    QTemporaryDir dir;
    QFile f(dir.path() + QStringLiteral("/broken.json"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\"results\": [");
    f.close();
    const CliRun r = runBenchlens({QStringLiteral("summarize"), dir.path()});
    EXPECT_EQ(r.exitCode, 0); // diagnostics do not fail the run
    EXPECT_EQ(r.err.rfind("error: broken.json (line 1 col ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("malformed JSON"), std::string::npos);
}
