// benchlens report -o FILE.pdf: pages, text, figures and metadata, read back with the poppler tools.
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <vector>

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
             "4. Key Findings and Recommendations", "5. Workflow Summary", "Appendix D: Sources",
             "Figure 1:", "Figure 2:", "Figure 3:"})
        EXPECT_NE(text.find(heading), std::string::npos) << heading;
    const std::string lastPage = "Page " + std::to_string(pageCount) + " of " + std::to_string(pageCount);
    EXPECT_NE(text.find(lastPage), std::string::npos);
    // The numbers of the Markdown report's throughput table are in the PDF too.
    const std::string markdown = test::readFile(md.toStdString());
    const size_t table = markdown.find("### throughput\\_tok\\_s");
    ASSERT_NE(table, std::string::npos);
    const size_t end = markdown.find("\n#", table + 1);
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
    // Headings of the Markdown, unescaped; and the numbers of every table row of Appendix A (every variant's
    // statistics).
    QStringList headings;
    for (const QString& line : markdown.split(QLatin1Char('\n'))) {
        if (line.startsWith(QStringLiteral("## ")) || line.startsWith(QStringLiteral("### ")))
            headings << line.section(QLatin1Char(' '), 1).remove(QLatin1Char('\\')).trimmed();
    }
    ASSERT_GT(headings.size(), 15);
    for (const QString& h : headings)
        EXPECT_TRUE(text.contains(h)) << h.toStdString();
    const QString analysis
        = markdown.section(QStringLiteral("## Appendix A: "), 1).section(QStringLiteral("## Appendix B: "), 0, 0);
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

namespace {
// The report's table of contents as pdftotext -layout prints it on the first page: "<entry>   <page>" lines between
// "Contents" and the first section.
std::vector<std::pair<QString, int>> contentsOf(const QString& firstPage)
{
    static const QRegularExpression line(QStringLiteral("^(\\S.*?)\\s{3,}(\\d+)$"));
    std::vector<std::pair<QString, int>> out;
    bool in = false;
    for (const QString& l : firstPage.split(QLatin1Char('\n'))) {
        const QString t = l.trimmed();
        if (t == QStringLiteral("Contents")) {
            in = true;
            continue;
        }
        if (!in)
            continue;
        const QRegularExpressionMatch m = line.match(t);
        if (!m.hasMatch()) {
            if (!out.empty())
                break;
            continue;
        }
        out.emplace_back(m.captured(1), m.captured(2).toInt());
    }
    return out;
}

// Lines of a page that are exactly `text` (trimmed).
int linesEqual(const QString& page, const QString& text)
{
    int n = 0;
    for (const QString& l : page.split(QLatin1Char('\n')))
        n += l.trimmed() == text ? 1 : 0;
    return n;
}
} // namespace

// Issue 17: the corpus report's body (everything before the appendices) is at most 8 pages; the table of contents
// gives each section's page and the outline (bookmarks) holds the same entries, and more (subsections); the footer
// carries the digest of the input checksums.
TEST(Cli, CorpusPdfHasAShortBodyAContentsWithPagesBookmarksAndAnInputDigest)
{
    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    const QString md = out.filePath(QStringLiteral("report.md"));
    for (const QString& target : {pdf, md}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), target,
            QStringLiteral("--no-timings")});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    const QRegularExpressionMatch pageCount
        = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(q(poppler(QStringLiteral("pdfinfo"), {pdf})));
    ASSERT_TRUE(pageCount.hasMatch());
    const int pages = pageCount.captured(1).toInt();
    const QStringList text
        = q(poppler(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}))
              .split(QLatin1Char('\f'));
    ASSERT_GE(text.size(), pages);

    // The contents: every level-2 heading of the Markdown, in order, with the page its heading line is on.
    QStringList headings;
    for (const QString& l : q(test::readFile(md.toStdString())).split(QLatin1Char('\n'))) {
        if (l.startsWith(QStringLiteral("## ")))
            headings << l.mid(3).remove(QLatin1Char('\\')).trimmed();
    }
    const auto contents = contentsOf(text[0]);
    ASSERT_EQ(contents.size(), static_cast<size_t>(headings.size()));
    int appendixPage = 0;
    for (size_t i = 0; i < contents.size(); ++i) {
        const auto& [entry, page] = contents[i];
        EXPECT_EQ(entry, headings[static_cast<qsizetype>(i)]);
        ASSERT_GE(page, 1);
        ASSERT_LE(page, pages);
        // On the first page the entry's own line of the contents is not a heading line: it ends with its number.
        EXPECT_GE(linesEqual(text[page - 1], entry), 1) << entry.toStdString() << " is not on page " << page;
        if (entry.startsWith(QStringLiteral("Appendix")) && appendixPage == 0)
            appendixPage = page;
    }
    ASSERT_GT(appendixPage, 1);
    const int bodyPages = appendixPage - 1; // the appendices start on a page of their own
    EXPECT_LE(bodyPages, 8);
    EXPECT_GE(pages, bodyPages + 20); // the detail is still there, in the appendices

    // The outline: pdftohtml -xml writes it as nested <outline> lists of <item page="N">title</item>.
    const QString xml = q(poppler(QStringLiteral("pdftohtml"),
        {QStringLiteral("-xml"), QStringLiteral("-i"), QStringLiteral("-stdout"), QStringLiteral("-q"), pdf}));
    static const QRegularExpression item(QStringLiteral("<item page=\"(\\d+)\">([^<]*)</item>"));
    std::map<QString, int> outline;
    size_t items = 0;
    for (auto it = item.globalMatch(xml); it.hasNext();) {
        const auto m = it.next();
        QString title = m.captured(2);
        title.replace(QStringLiteral("&amp;"), QStringLiteral("&"))
            .replace(QStringLiteral("&apos;"), QStringLiteral("'"));
        outline.emplace(title, m.captured(1).toInt());
        ++items;
    }
    for (const auto& [entry, page] : contents) {
        ASSERT_TRUE(outline.count(entry)) << entry.toStdString() << " has no bookmark";
        EXPECT_EQ(outline.at(entry), page) << entry.toStdString();
    }
    EXPECT_GT(items, contents.size() + 5); // subsections too

    // The running footer's input digest: the SHA-256 of the "sha256:<hex> <path>" lines of the input files in path
    // order, computed here from the files with QCryptographicHash; its first 16 hex digits are on every page.
    std::vector<std::pair<std::string, QByteArray>> files;
    const QDir root(q(test::corpusDir()));
    QDirIterator all(root.path(), QDir::Files, QDirIterator::Subdirectories);
    while (all.hasNext()) {
        QFile f(all.next());
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        files.emplace_back(root.relativeFilePath(f.fileName()).toStdString(),
            QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
    }
    std::sort(files.begin(), files.end());
    QCryptographicHash digest(QCryptographicHash::Sha256);
    for (const auto& [path, hex] : files)
        digest.addData("sha256:" + hex + " " + QByteArray::fromStdString(path) + "\n");
    const QString footer = QStringLiteral("inputs sha256:") + QLatin1String(digest.result().toHex().left(16));
    for (int p = 0; p < pages; ++p)
        EXPECT_TRUE(text[p].contains(footer)) << "page " << p + 1 << " has no " << footer.toStdString();
}

namespace {
// The page count pdfinfo gives, and the page the contents give for the first appendix (the body is before it).
std::pair<int, int> pagesAndFirstAppendix(const QString& pdf)
{
    const QRegularExpressionMatch count
        = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(q(poppler(QStringLiteral("pdfinfo"), {pdf})));
    const QString firstPage = q(poppler(QStringLiteral("pdftotext"),
        {QStringLiteral("-layout"), QStringLiteral("-l"), QStringLiteral("1"), pdf, QStringLiteral("-")}));
    int appendix = 0;
    for (const auto& [entry, page] : contentsOf(firstPage)) {
        if (entry.startsWith(QStringLiteral("Appendix")) && appendix == 0)
            appendix = page;
    }
    return {count.hasMatch() ? count.captured(1).toInt() : 0, appendix};
}

// Lines of a file, less the final newline.
qsizetype lineCount(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readAll().count('\n');
}
} // namespace

// Issue 17: the corpus PDF in total, not only its body, stays short: Appendix A's variants measured once are one row
// each (a column per metric), not one row per metric in tables too wide for the page.
TEST(Cli, CorpusPdfIsShortInTotal)
{
    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("report.pdf"));
    const CliRun r = runBenchlens(
        {QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), pdf, QStringLiteral("--no-timings")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto [pages, appendix] = pagesAndFirstAppendix(pdf);
    EXPECT_LE(appendix - 1, 8); // the body
    EXPECT_LE(pages, 80); // 147 before
    // A folder this size keeps everything in the report: no data file.
    EXPECT_FALSE(QFile::exists(out.filePath(QStringLiteral("report-data.csv"))));
}

// Issue 17: a large folder (the sample copied 40 times: 440 files, past kLargeFiles) gives a short body
// and a short report; the full tables go to the data file beside the report (`benchlens export`'s CSV files), which
// the appendices name, and `benchlens verify` still finds every input's checksum in the PDF.
TEST(Cli, LargeFolderReportPutsItsFullTablesInADataFile)
{
    QTemporaryDir out;
    const QString folder = out.filePath(QStringLiteral("copies"));
    const QDir sample(q(test::sampleDir()));
    size_t copied = 0;
    for (int c = 0; c < 40; ++c) {
        QDirIterator files(sample.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString from = files.next();
            const QString to
                = folder + QStringLiteral("/copy%1/").arg(c, 2, 10, QLatin1Char('0')) + sample.relativeFilePath(from);
            ASSERT_TRUE(QDir().mkpath(QFileInfo(to).path()));
            ASSERT_TRUE(QFile::copy(from, to));
            ++copied;
        }
    }
    ASSERT_EQ(copied, 440u);
    const QString pdf = out.filePath(QStringLiteral("reports/big.pdf"));
    ASSERT_TRUE(QDir().mkpath(out.filePath(QStringLiteral("reports"))));
    const CliRun r = runBenchlens(
        {QStringLiteral("report"), folder, QStringLiteral("-o"), pdf, QStringLiteral("--no-timings")}, 300000);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto [pages, appendix] = pagesAndFirstAppendix(pdf);
    ASSERT_GT(appendix, 1);
    EXPECT_LE(appendix - 1, 12); // the body
    EXPECT_LE(pages, 60);

    // The data file and its siblings are what `benchlens export` writes for the folder, beside the report.
    const QString exported = out.filePath(QStringLiteral("export/all.csv"));
    ASSERT_TRUE(QDir().mkpath(out.filePath(QStringLiteral("export"))));
    ASSERT_EQ(
        runBenchlens({QStringLiteral("export"), folder, QStringLiteral("-o"), exported, QStringLiteral("--quiet")})
            .exitCode,
        0);
    for (const char* table : {"", ".statistics", ".reported", ".files", ".diagnostics"}) {
        const QString data = out.filePath(QStringLiteral("reports/big-data%1.csv").arg(QLatin1String(table)));
        const QString expected = out.filePath(QStringLiteral("export/all%1.csv").arg(QLatin1String(table)));
        ASSERT_TRUE(QFile::exists(data)) << data.toStdString();
        EXPECT_EQ(test::readFile(data.toStdString()), test::readFile(expected.toStdString())) << table;
    }
    EXPECT_EQ(lineCount(out.filePath(QStringLiteral("reports/big-data.files.csv"))), 441); // a header and 440 files
    // Nothing was written into the analysed folder.
    QDirIterator inFolder(folder, QDir::Files, QDirIterator::Subdirectories);
    size_t inside = 0;
    for (; inFolder.hasNext(); inFolder.next())
        ++inside;
    EXPECT_EQ(inside, 440u);

    const QString text = q(poppler(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}));
    EXPECT_TRUE(text.contains(QStringLiteral("big-data.csv"))) << "the Sources appendix names the data file";
    EXPECT_TRUE(text.contains(QStringLiteral("big-data.files.csv"))) << "the Input Files appendix names it";
    const CliRun verified = runBenchlens({QStringLiteral("verify"), pdf, folder});
    EXPECT_EQ(verified.exitCode, 0) << verified.out << verified.err;
    EXPECT_NE(verified.out.find("440 file(s), every SHA-256 equal"), std::string::npos) << verified.out;
}
