// benchlens report: the golden Markdown report of the sample, overwriting rules, failed exports, the comparison
// section, escaping, --filter, sources of numbers, read-only targets.
#include "tests/support/cli_run.h"
#include "tests/support/read_only_folder.h"
#include "tests/support/test_paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <grp.h>
#include <gtest/gtest.h>
#include <map>
#include <numeric>
#include <set>
#include <unistd.h>

using namespace benchlens;
using namespace benchlens::test;

namespace {
// The Workflow Summary holds measured times and the report names the folder it read: mask both.
std::string normalizeReport(std::string md, const std::string& root)
{
    for (size_t pos; (pos = md.find(root)) != std::string::npos;)
        md.replace(pos, root.size(), "<ROOT>");
    QString text = QString::fromStdString(md);
    text.replace(QRegularExpression(QStringLiteral("in [0-9]+\\.[0-9] ms")), QStringLiteral("in <TIME> ms"));
    text.replace(QRegularExpression(QStringLiteral("Latest modification: [0-9TZ:-]+")),
        QStringLiteral("Latest modification: <MTIME>"));
    return text.toStdString();
}
} // namespace

namespace {
// The rows of a report table under "### <heading>" in Markdown: each row's cells, trimmed.
std::vector<std::vector<std::string>> markdownTable(const std::string& md, const std::string& heading, int skip = 0)
{
    std::vector<std::vector<std::string>> rows;
    const size_t at = md.find("\n### " + heading + "\n");
    if (at == std::string::npos)
        return rows;
    size_t pos = md.find("\n|", at + 1);
    for (; skip > 0 && pos != std::string::npos; --skip) // the tables before it, under the same heading
        pos = md.find("\n|", md.find("\n\n", pos + 1));
    if (pos == std::string::npos)
        return rows;
    bool header = true;
    while (pos != std::string::npos && pos + 1 < md.size() && md[pos + 1] == '|') {
        const size_t end = md.find('\n', pos + 1);
        const std::string line = md.substr(pos + 1, end - pos - 1);
        pos = end;
        if (header || line.rfind("| ---", 0) == 0) {
            header = line.rfind("| ---", 0) != 0;
            continue;
        }
        std::vector<std::string> cells;
        for (const QString& cell : QString::fromStdString(line).split(QLatin1Char('|')).mid(1))
            cells.push_back(cell.trimmed().toStdString());
        cells.pop_back(); // after the closing '|'
        rows.push_back(cells);
    }
    return rows;
}

// The data rows of a CSV whose cells are all quoted (the corpus' ollama_quant_bench.csv), read with Qt.
std::vector<std::map<QString, QString>> quotedCsvRows(const QString& path)
{
    std::vector<std::map<QString, QString>> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return rows;
    const auto cells = [](const QString& line) {
        QStringList out = line.trimmed().split(QStringLiteral("\",\""));
        if (!out.isEmpty()) {
            out.front().remove(0, 1);
            out.back().chop(1);
        }
        return out;
    };
    const QStringList header = cells(QString::fromUtf8(f.readLine()));
    while (!f.atEnd()) {
        const QStringList values = cells(QString::fromUtf8(f.readLine()));
        std::map<QString, QString> row;
        for (qsizetype i = 0; i < header.size() && i < values.size(); ++i)
            row[header[i]] = values[i];
        rows.push_back(row);
    }
    return rows;
}
} // namespace

TEST(Cli, GoldenMarkdownReportOfTheSample)
{
    QTemporaryDir dir;
    const QString out = dir.path() + QStringLiteral("/report.md");
    const QStringList args = {QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), out,
        QStringLiteral("--date"), QStringLiteral("2026-01-10")};
    const CliRun r = runBenchlens(args);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string root = std::filesystem::canonical(test::sampleDir()).string();
    const std::string first = test::readFile(out.toStdString());
    const std::string actual = normalizeReport(first, root);
    const std::string goldenPath = test::testDataDir() + "/golden/sample_report.md";
    const std::string expected = test::readFile(goldenPath);
    EXPECT_TRUE(actual == expected || test::updateGolden(goldenPath, actual))
        << test::goldenDiff("sample_report.md", goldenPath, actual);

    // Same input and date: identical output apart from the measured times.
    ASSERT_EQ(runBenchlens(args).exitCode, 0);
    EXPECT_EQ(normalizeReport(test::readFile(out.toStdString()), root), actual);
}

TEST(Cli, ReportNeverOverwritesAFileThatIsNotAReportWithoutForce)
{
    QTemporaryDir out;
    const QString notes = out.filePath(QStringLiteral("notes.md"));
    {
        QFile f(notes);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("my own notes\n");
    }
    const QStringList base = {QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), notes};
    const CliRun refused = runBenchlens(base);
    EXPECT_EQ(refused.exitCode, 3);
    EXPECT_NE(refused.err.find("not a BenchLens report"), std::string::npos);
    EXPECT_EQ(test::readFile(notes.toStdString()), "my own notes\n");
    // A previous report is replaced without asking; --force replaces anything.
    EXPECT_EQ(runBenchlens(base + QStringList {QStringLiteral("--force")}).exitCode, 0);
    EXPECT_EQ(runBenchlens(base).exitCode, 0);
    EXPECT_EQ(test::readFile(notes.toStdString()).rfind("# BenchLens Technical Report", 0), 0u);
}

TEST(Cli, FailedReportExportsLeaveNoFiles)
{
    QTemporaryDir out;
    // A target whose folder is missing (a read-only one: ReportIntoAReadOnlyFolderFailsCleanly).
    const QString missing = out.filePath(QStringLiteral("missing/sub"));
    for (const char* name : {"r.pdf", "r.md", "r.html"}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"),
            missing + QLatin1Char('/') + QLatin1String(name)});
        EXPECT_EQ(r.exitCode, 3) << name << r.err;
        EXPECT_NE(r.err.find(name), std::string::npos) << "the message names the file: " << r.err;
    }
    EXPECT_FALSE(QFileInfo::exists(out.filePath(QStringLiteral("missing"))));
    // Markdown replaces an older _files folder only once everything is written.
    const QString md = out.filePath(QStringLiteral("r.md"));
    ASSERT_EQ(runBenchlens({QStringLiteral("report"), q(test::sampleDir()), QStringLiteral("-o"), md}).exitCode, 0);
    EXPECT_TRUE(QFileInfo::exists(out.filePath(QStringLiteral("r_files/figure-3.svg"))));
    // Each figure also as a PNG (viewers that do not show SVG), a real image.
    EXPECT_EQ(
        test::readFile(out.filePath(QStringLiteral("r_files/figure-3.png")).toStdString()).rfind("\x89PNG", 0), 0u);
    EXPECT_FALSE(QFileInfo::exists(out.filePath(QStringLiteral(".r_files.new"))));
    EXPECT_FALSE(QFileInfo::exists(out.filePath(QStringLiteral(".r_files.old"))));
}

TEST(Cli, ReportWithABaselineHasTheComparisonSectionAndItsForestPlot)
{
    QTemporaryDir out;
    const QString html = out.filePath(QStringLiteral("cmp.html"));
    const CliRun r = runBenchlens(
        {QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), html, QStringLiteral("--baseline"),
            quantBenchQ4(), QStringLiteral("--candidate"), quantBenchQ8(), QStringLiteral("--no-timings")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string text = test::readFile(html.toStdString());
    EXPECT_NE(text.find("<h2 id=\"4-comparison\">4. Comparison</h2>"), std::string::npos);
    EXPECT_NE(text.find("<h2 id=\"6-workflow-summary\">6. Workflow Summary</h2>"), std::string::npos);
    // Issue 14: the forest plot and the headline show the Hodges-Lehmann shift the verdict is read from. From the
    // raw tokens_s of csv_data/ollama_quant_bench.csv (q4_0: 74.11 76.96 76.72 78.26 76.88; q8_0: 46.04 46.79
    // 46.54 46.85 46.64), the median of the 25 differences q8_0 - q4_0 is -30.18, the q4_0 median 76.88:
    // -39.256%; the exact interval (C = 3) is the 3rd and 23rd differences, -31.62 and -27.47.
    EXPECT_NE(text.find("Shift from the baseline"), std::string::npos);
    EXPECT_NE(text.find("-39.3% (worse)"), std::string::npos) << "the forest plot's throughput row";
    // The headline verdict in the Executive Summary, with n = 5 < 9 flagged.
    EXPECT_NE(text.find("throughput_tok_s worse (shift -39.26%, 95% CI -31.62 to -27.47, p = 0.00794, fewer than 9 "
                        "repetitions)"),
        std::string::npos);
    // A selector that matches nothing is a usage error and writes nothing.
    const QString bad = out.filePath(QStringLiteral("bad.html"));
    EXPECT_EQ(runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), bad,
                               QStringLiteral("--baseline"), QStringLiteral("model=nobody")})
                  .exitCode,
        1);
    EXPECT_FALSE(QFileInfo::exists(bad));
}

TEST(Cli, InjectionInACsvCellIsEscapedInEveryReportFormat)
{
    QTemporaryDir in, out;
    {
        QFile csv(in.filePath(QStringLiteral("runs.csv")));
        ASSERT_TRUE(csv.open(QIODevice::WriteOnly));
        // Three rows: the Executive Summary names (in bold, escaped) only a variant measured at least 3 times.
        csv.write("model,tokens_s\n"
                  "\"evil|<script>alert(1)</script>![x](http://e.example/x.png)\",10\n"
                  "\"evil|<script>alert(1)</script>![x](http://e.example/x.png)\",11\n"
                  "\"evil|<script>alert(1)</script>![x](http://e.example/x.png)\",12\n");
    }
    for (const char* name : {"r.md", "r.html", "r.pdf"}) {
        const CliRun r = runBenchlens({QStringLiteral("report"), in.path(), QStringLiteral("-o"),
            out.filePath(QLatin1String(name)), QStringLiteral("--no-timings")});
        ASSERT_EQ(r.exitCode, 0) << name << r.err;
    }
    const std::string md = test::readFile(out.filePath(QStringLiteral("r.md")).toStdString());
    // Outside code spans the text is escaped; inside a code span (an odd number of backticks before it on its
    // line) GitHub shows it as literal text, never as markup or an image.
    for (const std::string needle : {"<script>", "![x](http"}) {
        for (size_t pos = md.find(needle); pos != std::string::npos; pos = md.find(needle, pos + 1)) {
            const size_t lineStart = md.rfind('\n', pos) + 1;
            const auto ticks
                = std::count(md.begin() + std::ptrdiff_t(lineStart), md.begin() + std::ptrdiff_t(pos), '`');
            EXPECT_EQ(ticks % 2, 1) << "unescaped " << needle << " at: " << md.substr(lineStart, pos - lineStart + 20);
        }
    }
    EXPECT_NE(md.find("evil\\|&lt;script&gt;alert(1)&lt;/script&gt;\\!\\[x\\]"), std::string::npos);
    const std::string html = test::readFile(out.filePath(QStringLiteral("r.html")).toStdString());
    // The only script is the writer's own (sorting tables on a click), after the content.
    const size_t script = html.find("<script>");
    ASSERT_NE(script, std::string::npos);
    EXPECT_EQ(html.find("<script>", script + 1), std::string::npos);
    EXPECT_GT(script, html.rfind("</details>"));
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    // In the PDF the cell is plain text, shown as written.
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {out.filePath(QStringLiteral("r.pdf")), QStringLiteral("-")});
    ASSERT_TRUE(p.waitForFinished(60000));
    const std::string pdfText = p.readAllStandardOutput().toStdString();
    EXPECT_NE(pdfText.find("<script>alert(1)</script>"), std::string::npos) << pdfText.substr(0, 2000);
}

TEST(Cli, FilteredReportCoversOnlyItsPartAndSaysSo)
{
    // The q8_0 rows of csv_data/ollama_quant_bench.csv, read here with Qt: their tokens_s mean is the table's mean.
    const QString csv = q(test::corpusDir()) + QStringLiteral("/csv_data/ollama_quant_bench.csv");
    std::vector<double> q8;
    size_t rows = 0;
    for (const auto& row : quotedCsvRows(csv)) {
        ++rows;
        if (row.at(QStringLiteral("tag")) == QStringLiteral("q8_0") && row.at(QStringLiteral("error")).isEmpty())
            q8.push_back(row.at(QStringLiteral("tokens_s")).toDouble());
    }
    ASSERT_EQ(rows, 15u);
    ASSERT_EQ(q8.size(), 5u);
    const double mean = std::accumulate(q8.begin(), q8.end(), 0.0) / double(q8.size());

    QTemporaryDir out;
    const QString md = out.filePath(QStringLiteral("q8.md"));
    const QString selector = quantBenchQ8();
    const CliRun r = runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), md,
        QStringLiteral("--filter"), selector, QStringLiteral("--no-timings")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string text = test::readFile(md.toStdString());
    const auto table = markdownTable(text, "throughput\\_tok\\_s (tok/s)");
    ASSERT_EQ(table.size(), 1u) << text.substr(0, 3000);
    EXPECT_EQ(table[0][0], "`llama3.1:8b-instruct-q8_0 quantization=q8_0`");
    EXPECT_EQ(table[0][1], "5");
    EXPECT_EQ(table[0][2], QString::number(mean, 'f', 2).toStdString());
    // The scope: the selector and how much of the folder it is (the folder's successful observations from
    // `summarize --json` of the whole folder).
    const auto whole = nlohmann::json::parse(
        runBenchlens({QStringLiteral("summarize"), q(test::corpusDir()), QStringLiteral("--json")}).out);
    uint64_t folderObservations = 0;
    for (const auto& v : whole["variants"])
        folderObservations += v["samples"].get<uint64_t>();
    EXPECT_NE(text.find("**Scope:** the part of the folder selected by `" + selector.toStdString() + "`: 1 of "
                  + std::to_string(whole["variants"].size()) + " variants, 5 of " + std::to_string(folderObservations)
                  + " successful observations"),
        std::string::npos)
        << text.substr(0, 1500);
    // Nothing of another variant in the Executive Summary, the Performance Analysis and the findings (the Data
    // Ingestion Summary describes the whole folder).
    const size_t summary = text.find("## 1. Executive Summary"), ingestion = text.find("## 2. Data Ingestion");
    const size_t analysis = text.find("## 3. Performance Analysis");
    size_t appendix = text.find("\n## Appendix ");
    while (appendix != std::string::npos && text.compare(text.find('\n', appendix + 1) - 9, 9, ": Sources") != 0)
        appendix = text.find("\n## Appendix ", appendix + 1);
    ASSERT_LT(summary, ingestion);
    ASSERT_LT(analysis, appendix);
    for (const std::string& part :
        {text.substr(summary, ingestion - summary), text.substr(analysis, appendix - analysis)}) {
        EXPECT_EQ(part.find("instruct-q4"), std::string::npos); // q4_0 is q4\_0 in bold text
        EXPECT_EQ(part.find("gemma3"), std::string::npos);
        EXPECT_NE(part.find("instruct-q8"), std::string::npos);
    }

    // summarize --json --filter: the scope, and only the part's variants. Several --filter: any of them.
    const CliRun s = runBenchlens({QStringLiteral("summarize"), q(test::corpusDir()), QStringLiteral("--json"),
        QStringLiteral("--filter"), selector, QStringLiteral("--filter"), quantBenchQ4()});
    ASSERT_EQ(s.exitCode, 0) << s.err;
    const auto doc = nlohmann::json::parse(s.out);
    EXPECT_EQ(doc["scope"]["selectors"].size(), 2u);
    EXPECT_EQ(doc["scope"]["folder_variants"], whole["variants"].size());
    std::set<std::string> variants;
    for (const auto& v : doc["variants"])
        variants.insert(v["id"].get<std::string>());
    EXPECT_EQ(variants,
        (std::set<std::string> {
            "llama3.1:8b-instruct-q4_0 quantization=q4_0", "llama3.1:8b-instruct-q8_0 quantization=q8_0"}));

    // A selector that selects nothing, or is malformed, is a usage error and writes nothing.
    const QString bad = out.filePath(QStringLiteral("bad.md"));
    const CliRun none = runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), bad,
        QStringLiteral("--filter"), QStringLiteral("model=nobody")});
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_NE(none.err.find("--filter: 'model=nobody' selects nothing in the folder"), std::string::npos) << none.err;
    EXPECT_EQ(runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), bad,
                               QStringLiteral("--filter"), QStringLiteral("file=\"unterminated")})
                  .exitCode,
        1);
    EXPECT_FALSE(QFileInfo::exists(bad));
}

TEST(Cli, EveryNumberInTheReportBodyHasASourceThatResolvesToAFileOfTheFolder)
{
    QTemporaryDir out;
    const QString md = out.filePath(QStringLiteral("corpus.md"));
    const CliRun r = runBenchlens(
        {QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), md, QStringLiteral("--baseline"),
            quantBenchQ4(), QStringLiteral("--candidate"), quantBenchQ8(), QStringLiteral("--no-timings")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QString text = QString::fromStdString(test::readFile(md.toStdString()));
    // The body ends where the appendices begin; the Sources appendix runs to the next section.
    const qsizetype body = text.indexOf(QStringLiteral("\n## Appendix A: "));
    ASSERT_GT(body, 0);
    const QRegularExpressionMatch sources
        = QRegularExpression(QStringLiteral("\n## Appendix [A-Z]: Sources\n")).match(text);
    ASSERT_TRUE(sources.hasMatch());
    const qsizetype appendix = sources.capturedStart();
    const qsizetype workflow = text.indexOf(QStringLiteral("\n## "), appendix + 1);
    ASSERT_GT(workflow, appendix);

    // The Appendix: each label's anchor and the file it names.
    static const QRegularExpression entry(
        QStringLiteral("<a id=\"(S\\d+)\"></a>\\*\\*\\\\\\[S\\d+\\\\\\]\\*\\* `([^`]+)`"));
    std::map<QString, QString> files;
    for (auto it = entry.globalMatch(text.mid(appendix, workflow - appendix)); it.hasNext();) {
        const auto m = it.next();
        files[m.captured(1)] = m.captured(2);
    }
    ASSERT_GT(files.size(), 30u);
    for (const auto& [label, path] : files)
        EXPECT_TRUE(QFileInfo(q(test::corpusDir()) + QLatin1Char('/') + path).isFile()) << path.toStdString();

    // The body, from the Executive Summary to the appendices: every bullet and table row with a measured number (one
    // with a decimal point) cites a source, and every citation resolves to an entry of the Sources appendix. Figure
    // captions are followed by their sources (or say their values are the table above's).
    static const QRegularExpression decimal(QStringLiteral("\\d\\.\\d"));
    static const QRegularExpression codeOrBold(QStringLiteral("`[^`]*`|\\*\\*.*?\\*\\*"));
    static const QRegularExpression ref(QStringLiteral("\\[\\\\\\[(S\\d+)\\\\\\]\\]\\(#(S\\d+)\\)"));
    const QStringList lines = text.mid(0, body).split(QLatin1Char('\n'));
    bool inBody = false;
    size_t checked = 0, cited = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines[i];
        inBody = inBody || line.startsWith(QStringLiteral("## 1. Executive Summary"));
        if (!inBody)
            continue;
        for (auto it = ref.globalMatch(line); it.hasNext();) {
            const auto m = it.next();
            EXPECT_EQ(m.captured(1), m.captured(2));
            EXPECT_TRUE(files.count(m.captured(1))) << m.captured(1).toStdString() << " does not resolve";
            ++cited;
        }
        if (line.startsWith(QStringLiteral("*Figure ")) && !line.contains(QStringLiteral("the table above"))) {
            ASSERT_LT(i + 2, lines.size());
            EXPECT_TRUE(
                lines[i + 2].startsWith(QStringLiteral("Sources of Figure")) && ref.match(lines[i + 2]).hasMatch())
                << line.toStdString();
        }
        const bool tableRow = line.startsWith(QStringLiteral("| "));
        const bool isHeader = tableRow && !lines[i - 1].startsWith(QLatin1Char('|')); // a table's first row
        const bool itemOrRow = line.startsWith(QStringLiteral("- ")) || (tableRow && !isHeader);
        // Names in code spans and bold (llama3.1:8b, the 3.1) are not numbers.
        QString numbers = line;
        numbers.remove(codeOrBold);
        if (!itemOrRow || !decimal.match(numbers).hasMatch())
            continue;
        ++checked;
        EXPECT_TRUE(ref.match(line).hasMatch()) << "no source: " << line.toStdString();
    }
    EXPECT_GT(checked, 60u); // the body is short (issue 17): key table, sweep grids, findings
    EXPECT_GT(cited, checked);
}

TEST(Cli, ReportIntoAReadOnlyFolderFailsCleanly)
{
    // A folder the user cannot write into. Root writes anywhere, so as root the benchlens process runs as nobody;
    // it gets its own copy of the binary and the input in a folder everyone can read.
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString readOnly = test::makeReadOnlyFolder(tmp);
    ASSERT_FALSE(readOnly.isEmpty());
    const auto everyone = test::everyoneReads();
    const QString binary = tmp.filePath(QStringLiteral("benchlens"));
    ASSERT_TRUE(QFile::copy(q(test::binary()), binary));
    ASSERT_TRUE(QFile::setPermissions(binary, everyone));
    const QString input = tmp.filePath(QStringLiteral("in"));
    ASSERT_TRUE(QDir().mkpath(input));
    {
        QFile csv(input + QStringLiteral("/runs.csv"));
        ASSERT_TRUE(csv.open(QIODevice::WriteOnly));
        csv.write("model,tokens_s,ttft_s\nm1,100,0.1\nm1,110,0.2\nm1,105,0.15\n");
        ASSERT_TRUE(
            csv.setPermissions(everyone & ~(QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther)));
    }
    ASSERT_TRUE(QFile::setPermissions(input, everyone));

    for (const char* name : {"r.md", "r.html", "r.pdf"}) {
        const QString target = readOnly + QLatin1Char('/') + QLatin1String(name);
        QProcess p;
        if (geteuid() == 0) {
            p.setChildProcessModifier([] {
                // nobody:nogroup, as in Debian's base-passwd.
                if (setgroups(0, nullptr) != 0 || setgid(test::kNobody) != 0 || setuid(test::kNobody) != 0)
                    _exit(99);
            });
        }
        p.start(binary, {QStringLiteral("report"), input, QStringLiteral("-o"), target});
        ASSERT_TRUE(p.waitForFinished(120000));
        const std::string err = p.readAllStandardError().toStdString();
        EXPECT_EQ(p.exitCode(), 3) << name << ": " << err;
        // A clear message naming the file and the reason.
        EXPECT_NE(err.find(target.toStdString()), std::string::npos) << err;
        EXPECT_NE(err.find("ermission denied"), std::string::npos) << err;
    }
    EXPECT_TRUE(QDir(readOnly).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
    ASSERT_TRUE(QFile::setPermissions(readOnly, everyone));
}

// A full disk, as the write sees it: the process may write at most 4 KiB per file (RLIMIT_FSIZE through bash's
// `ulimit -f 4`, with SIGXFSZ ignored so that the write fails with EFBIG instead of killing the process, as ENOSPC
// makes it fail on a full disk). Every format and summarize -o: exit 3, the system's reason, nothing left behind.
TEST(Cli, WritesThatFailHalfwayLeaveNothingAndExit3WithTheReason)
{
    for (const char* name : {"r.md", "r.html", "r.pdf", "summary.json"}) {
        QTemporaryDir out;
        ASSERT_TRUE(out.isValid());
        const std::string target = out.path().toStdString() + "/" + name;
        const bool summary = std::string(name) == "summary.json";
        const std::string command = fmt::format("trap '' XFSZ; ulimit -f 4; exec '{}' {} '{}' {} -o '{}'", binary(),
            summary ? "summarize" : "report", sampleDir(), summary ? "--json" : "--date 2026-01-01", target);
        const CliRun r = runProgram(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), q(command)});
        EXPECT_EQ(r.exitCode, 3) << name << ": " << r.err;
        EXPECT_NE(r.err.find("File too large"), std::string::npos) << name << ": " << r.err;
        EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
        const QStringList left = QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        EXPECT_TRUE(left.isEmpty()) << name << ": " << left.join(QLatin1Char(' ')).toStdString();
    }
}

TEST(Cli, ReportOnTheCorpusHasNoNegativeIntervalNoUnrepeatedHeadlineNoThinTail)
{
    // Issue 14 on ../shared/corpus/chimeraforge: in every Performance Analysis table (all its metrics are durations,
    // throughputs, counts or ratios: none can be negative) both 95% CI columns stay >= 0; p95/p99 are "–" wherever
    // the row's n is below 20/100; the Executive Summary's headlines name variants with n >= 3.
    QTemporaryDir dir;
    const QString out = dir.path() + QStringLiteral("/report.md");
    const CliRun r = runBenchlens({QStringLiteral("report"), q(test::corpusDir()), QStringLiteral("-o"), out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    QFile f(out);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const std::string md = f.readAll().toStdString();
    size_t tables = 0, intervals = 0, rowsSeen = 0;
    const QRegularExpression heading(QStringLiteral("\n### ([a-z_0-9\\\\]+) \\(([^)]*)\\)\n"));
    for (auto it = heading.globalMatch(QString::fromStdString(md)); it.hasNext();) {
        const auto match = it.next();
        // Appendix A: where the values sit (n, the mean and the median with their intervals), then how they spread
        // (p95, p99, ...), the same rows in the same order.
        const std::string name = match.captured(1).toStdString() + " (" + match.captured(2).toStdString() + ")";
        const auto rows = markdownTable(md, name);
        if (rows.empty() || rows.front().size() != 7)
            continue; // not a statistics table
        const auto spread = markdownTable(md, name, 1);
        ASSERT_EQ(spread.size(), rows.size()) << name;
        ++tables;
        for (size_t i = 0; i < rows.size(); ++i) {
            const auto& row = rows[i];
            ASSERT_EQ(spread[i][0], row[0]);
            ++rowsSeen;
            const int n = std::stoi(row[1]);
            for (const size_t col : {size_t(3), size_t(5)}) {
                if (row[col] == "-") {
                    EXPECT_LT(n, 2);
                    continue;
                }
                const auto parts = QString::fromStdString(row[col]).split(QStringLiteral(" – "));
                ASSERT_EQ(parts.size(), 2) << row[col];
                bool ok = false;
                EXPECT_GE(parts[0].toDouble(&ok), 0) << row[0] << " " << row[col];
                EXPECT_TRUE(ok) << row[col];
                ++intervals;
            }
            if (n < 20) {
                EXPECT_EQ(spread[i][1], "–") << row[0];
            }
            if (n < 100) {
                EXPECT_EQ(spread[i][2], "–") << row[0];
            }
        }
    }
    EXPECT_GE(tables, 5u);
    EXPECT_GT(intervals, 50u);
    // 74 rows: the variants measured once in every metric are in a table of their single values, without intervals
    // or tails (Appendix A's "Variants measured once").
    EXPECT_GT(rowsSeen, 50u);
    // Headlines: "Highest mean throughput ... at X tok/s (n=K, ..." and "Lowest median time to first token ...".
    for (const char* headline : {"Highest mean throughput", "Lowest median time to first token"}) {
        const size_t at = md.find(headline);
        ASSERT_NE(at, std::string::npos) << headline;
        const QRegularExpression nOf(QStringLiteral("\\(n=([0-9]+)"));
        const auto m = nOf.match(QString::fromStdString(md.substr(at, md.find('\n', at) - at)));
        ASSERT_TRUE(m.hasMatch()) << headline;
        EXPECT_GE(m.captured(1).toInt(), 3) << headline;
    }
    EXPECT_EQ(md.find("a single value, n=1"), std::string::npos);
}
