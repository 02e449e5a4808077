// benchlens verify: reports list every input file's SHA-256 and verify recomputes them (Markdown, HTML, PDF).
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QFile>
#include <QTemporaryDir>

#include <filesystem>
#include <gtest/gtest.h>

using namespace benchlens;
using namespace benchlens::test;

TEST(Cli, HtmlReportNoTimingsDeterminismAndVerify)
{
    QTemporaryDir out;
    QTemporaryDir out2; // the same file name in another folder: the figure links name the report
    const QString md1 = out.filePath(QStringLiteral("a.md")), md2 = out2.filePath(QStringLiteral("a.md"));
    const QString html1 = out.filePath(QStringLiteral("a.html")), html2 = out.filePath(QStringLiteral("b.html"));
    for (const QString& target : {md1, md2, html1, html2}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), target,
            QStringLiteral("--date"), QStringLiteral("2026-01-10"), QStringLiteral("--no-timings")});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    // Same folder, date and --no-timings: byte-identical.
    EXPECT_EQ(test::readFile(md1.toStdString()), test::readFile(md2.toStdString()));
    for (const char* figure : {"/a_files/figure-1.svg", "/a_files/figure-2.svg", "/a_files/figure-3.svg"}) {
        const std::string svg = test::readFile(out.path().toStdString() + figure);
        EXPECT_EQ(svg.rfind("<svg ", 0), 0u) << figure;
        EXPECT_EQ(svg, test::readFile(out2.path().toStdString() + figure)) << figure;
    }
    const std::string html = test::readFile(html1.toStdString());
    EXPECT_EQ(html, test::readFile(html2.toStdString()));
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    for (const char* heading : {"1. Executive Summary", "2. Data Ingestion Summary", "3. Performance Analysis",
             "4. Key Findings and Recommendations", "5. Workflow Summary", "Appendix D: Sources"})
        EXPECT_NE(html.find(heading), std::string::npos) << heading;

    // The reports list every file of the sample with its SHA-256 (a PDF in its XMP metadata); verify recomputes them.
    const QString pdf = out.filePath(QStringLiteral("a.pdf"));
    ASSERT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), pdf}).exitCode, 0);
    for (const QString& report : {md1, html1, pdf}) {
        const CliRun ok = runBenchlens({QStringLiteral("verify"), report, q(test::sampleDir())});
        EXPECT_EQ(ok.exitCode, 0) << ok.out << ok.err;
        EXPECT_NE(ok.out.find("every SHA-256 equal"), std::string::npos);
    }
    // A copy of the sample with one file changed, one removed and one added.
    QTemporaryDir copy;
    std::filesystem::copy(test::sampleDir(), copy.path().toStdString(), std::filesystem::copy_options::recursive);
    {
        QFile notes(copy.filePath(QStringLiteral("notes.txt")));
        ASSERT_TRUE(notes.open(QIODevice::Append));
        notes.write("edited\n");
    }
    ASSERT_TRUE(QFile::remove(copy.filePath(QStringLiteral("reports/benchmark_summary.md"))));
    {
        QFile added(copy.filePath(QStringLiteral("late.csv")));
        ASSERT_TRUE(added.open(QIODevice::WriteOnly));
        added.write("model,tokens_s\nm,1\n");
    }
    const CliRun changedPdf = runBenchlens({QStringLiteral("verify"), pdf, copy.path()});
    EXPECT_EQ(changedPdf.exitCode, 4);
    const CliRun changed = runBenchlens({QStringLiteral("verify"), md1, copy.path()});
    EXPECT_EQ(changed.exitCode, 4);
    EXPECT_NE(changed.out.find("changed: notes.txt"), std::string::npos) << changed.out;
    EXPECT_NE(changed.out.find("missing: reports/benchmark_summary.md"), std::string::npos);
    EXPECT_NE(changed.out.find("added:   late.csv"), std::string::npos);
    // Not a report.
    EXPECT_EQ(
        runBenchlens({QStringLiteral("verify"), q(test::sampleDir() + "/notes.txt"), q(test::sampleDir())}).exitCode,
        2);
}
