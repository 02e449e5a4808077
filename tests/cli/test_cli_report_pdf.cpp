// benchlens report -o FILE.pdf: pages, text, figures and metadata, read back with the poppler tools.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace benchlens;
using namespace benchlens::test;

namespace {
// Runs a poppler tool (packaging/install-deps.sh installs poppler-utils); a missing tool fails the test.
std::string poppler(const QString& tool, const QStringList& args)
{
    QProcess p;
    p.start(tool, args);
    EXPECT_TRUE(p.waitForFinished(60000)) << tool.toStdString() << " is missing: run packaging/install-deps.sh";
    EXPECT_EQ(p.exitCode(), 0) << tool.toStdString();
    return p.readAllStandardOutput().toStdString();
}

// `benchlens report FOLDER -o out/report.pdf OPTIONS`, then the same to out/report.md; each must succeed.
void writePdfAndMarkdown(const QTemporaryDir& out, const std::string& folder, const QStringList& options)
{
    for (const char* name : {"report.pdf", "report.md"}) {
        const CliRun r = runBenchlens(
            QStringList {QStringLiteral("report"), q(folder), QStringLiteral("-o"), out.filePath(QLatin1String(name))}
            + options);
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
}

size_t occurrences(const std::string& s, const std::string& needle)
{
    size_t n = 0;
    for (size_t pos = s.find(needle); pos != std::string::npos; pos = s.find(needle, pos + 1))
        ++n;
    return n;
}
} // namespace

TEST(Cli, PdfReportHasPagesTextFiguresAndMetadata)
{
    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    const QString md = out.filePath(QStringLiteral("report.md"));
    ASSERT_NO_FATAL_FAILURE(writePdfAndMarkdown(out, test::sampleDir(),
        {QStringLiteral("--date"), QStringLiteral("2026-01-10"), QStringLiteral("--no-timings")}));
    const std::string bytes = test::readFile(pdf.toStdString());
    EXPECT_EQ(bytes.rfind("%PDF-", 0), 0u);
    // Figures are embedded images (rasterized at 300 dpi): throughput bars, TTFT boxes, the sweep.
    EXPECT_EQ(occurrences(bytes, "/Subtype /Image"), 3u);

    const std::string info = poppler(QStringLiteral("pdfinfo"), {pdf});
    EXPECT_NE(info.find("Title:           BenchLens Technical Report: sample"), std::string::npos) << info;
    EXPECT_NE(info.find("Creator:         BenchLens "), std::string::npos) << info;
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
    const QRegularExpressionMatch pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(q(info));
    ASSERT_TRUE(pages.hasMatch());
    const int pageCount = pages.captured(1).toInt();
    EXPECT_GE(pageCount, 8);
    EXPECT_LE(pageCount, 30);
    EXPECT_EQ(occurrences(bytes, "/Type /Page\n"), static_cast<size_t>(pageCount));
    const std::string images = poppler(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    EXPECT_EQ(occurrences(images, "  300   300 "), 3u) << images; // x-ppi, y-ppi

    const std::string text
        = poppler(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    for (const char* heading : {"1. Executive Summary", "2. Data Ingestion Summary", "3. Performance Analysis",
             "4. Key Findings and Recommendations", "5. Appendix: Sources", "6. Workflow Summary",
             "Figure 1:", "Figure 2:", "Figure 3:"})
        EXPECT_NE(text.find(heading), std::string::npos) << heading;
    const std::string lastPage = "Page " + std::to_string(pageCount) + " of " + std::to_string(pageCount);
    EXPECT_NE(text.find(lastPage), std::string::npos);
    // The numbers of the Markdown report's throughput table are in the PDF too.
    const std::string markdown = test::readFile(md.toStdString());
    const size_t table = markdown.find("### throughput\\_tok\\_s");
    ASSERT_NE(table, std::string::npos);
    const size_t end = markdown.find("\n\n!", table);
    const QString rows = q(markdown.substr(table, end - table));
    size_t checked = 0;
    for (const auto& m : QRegularExpression(QStringLiteral("\\| ([0-9]+\\.[0-9]+) ")).globalMatch(rows)) {
        EXPECT_NE(text.find(m.captured(1).toStdString()), std::string::npos) << m.captured(1).toStdString();
        ++checked;
    }
    EXPECT_GT(checked, 100u);

    // Letter.
    const QString letter = out.filePath(QStringLiteral("letter.pdf"));
    ASSERT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), letter,
                               QStringLiteral("--page-size"), QStringLiteral("letter")})
                  .exitCode,
        0);
    EXPECT_NE(poppler(QStringLiteral("pdfinfo"), {letter}).find("612 x 792 pts (letter)"), std::string::npos);
    EXPECT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), letter,
                               QStringLiteral("--page-size"), QStringLiteral("a5")})
                  .exitCode,
        1);
}

TEST(Cli, CorpusPdfHasTheMarkdownsHeadingsNumbersAndChecksumsAndNoHeadingEndsAPage)
{
    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    const QString md = out.filePath(QStringLiteral("report.md"));
    ASSERT_NO_FATAL_FAILURE(writePdfAndMarkdown(out, test::corpusDir(), {QStringLiteral("--no-timings")}));
    const QString markdown = q(test::readFile(md.toStdString()));
    const QString text = q(poppler(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}));
    // Headings of the Markdown, unescaped; and the numbers of every Performance Analysis table row.
    QStringList headings;
    for (const QString& line : markdown.split(QLatin1Char('\n'))) {
        if (line.startsWith(QStringLiteral("## ")) || line.startsWith(QStringLiteral("### ")))
            headings << line.section(QLatin1Char(' '), 1).remove(QLatin1Char('\\')).trimmed();
    }
    ASSERT_GT(headings.size(), 15);
    for (const QString& h : headings)
        EXPECT_TRUE(text.contains(h)) << h.toStdString();
    const QString analysis
        = markdown.section(QStringLiteral("## 3. Performance Analysis"), 1).section(QStringLiteral("## 4. "), 0, 0);
    size_t numbers = 0;
    for (const auto& m : QRegularExpression(QStringLiteral("\\| (-?[0-9]+\\.[0-9]+) ")).globalMatch(analysis)) {
        EXPECT_TRUE(text.contains(m.captured(1))) << m.captured(1).toStdString();
        ++numbers;
    }
    EXPECT_GT(numbers, 1000u);
    // No page ends with a heading: its last line above the footer is text, a table row or a caption.
    const QStringList pages = text.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
    ASSERT_GT(pages.size(), 40);
    for (qsizetype p = 0; p < pages.size(); ++p) {
        QStringList lines;
        for (const QString& line : pages[p].split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(QStringLiteral("BenchLens ")))
                lines << line.trimmed();
        }
        if (!lines.isEmpty()) {
            EXPECT_FALSE(headings.contains(lines.back()))
                << "page " << p + 1 << " ends with " << lines.back().toStdString();
        }
    }
    // Every input file's SHA-256, computed here with QCryptographicHash, is in the PDF whole (a long checksum may
    // wrap inside its cell, never run past the page); pdftotext's reading order joins a wrapped one.
    const QString raw = q(poppler(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")})).remove(QLatin1Char('\n'));
    size_t hashed = 0;
    QDirIterator files(q(test::corpusDir()), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const QByteArray hex = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
        EXPECT_TRUE(raw.contains(QStringLiteral("sha256:") + QLatin1String(hex))) << f.fileName().toStdString();
        ++hashed;
    }
    EXPECT_EQ(hashed, 109u);
}
