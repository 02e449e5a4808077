#include "models/report/output_file.h"
#include "models/report/report_document.h"
#include "tests/support/read_only_folder.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <unistd.h>

using namespace benchlens;

TEST(MarkdownWriter, CellTextCannotBreakTablesOrInjectHtml)
{
    ReportDocument doc;
    doc.title = "T";
    ReportTable t;
    t.header = {"Variant", "n"};
    t.numeric = {false, true};
    t.rows.push_back({{text("a|b <script>alert(1)</script> `x`\nnext")}, {text("5")}});
    t.rows.push_back({{code("model|with`tick")}, {text("1")}});
    doc.table(t);
    const std::string md = renderMarkdown(doc, "T_files").text;
    const std::string expected = "# T\n"
                                 "\n"
                                 "| Variant | n |\n"
                                 "| --- | ---: |\n"
                                 "| a\\|b &lt;script&gt;alert(1)&lt;/script&gt; \\`x\\` next | 5 |\n"
                                 "| ``model\\|with`tick`` | 1 |\n";
    EXPECT_EQ(md, expected);
}

TEST(MarkdownWriter, HeadingsBulletsAndSourceReferences)
{
    ReportDocument doc;
    doc.title = "Report *1*";
    doc.heading(2, "Findings");
    doc.bullets({{text("mean 182.87 tok/s "), sourceRef("S3")}});
    doc.paragraph({anchor("S3"), strong("[S3]"), text(" "), code("reports/a_b.csv")});
    EXPECT_EQ(renderMarkdown(doc, "r_files").text,
        "# Report \\*1\\*\n"
        "\n"
        "## Findings\n"
        "\n"
        "- mean 182.87 tok/s [\\[S3\\]](#S3)\n"
        "\n"
        "<a id=\"S3\"></a>**\\[S3\\]** `reports/a_b.csv`\n");
}

TEST(HtmlWriter, CellTextIsEscapedAndTheFileIsSelfContained)
{
    ReportDocument doc;
    doc.title = "T <b>";
    ReportTable t;
    t.header = {"Variant", "n"};
    t.numeric = {false, true};
    t.rows.push_back({{text("a|b <script>alert(1)</script> ![x](http://evil/x.png) \"q\" 'a' & b")}, {text("5")}});
    t.rows.push_back({{code("<img src=x onerror=alert(1)>")}, {text("1")}});
    doc.table(t);
    doc.paragraph({anchor("S1\"><script>"), sourceRef("S1")});
    const std::string html = renderHtml(doc);
    // Every character that could open markup is an entity; the Markdown image syntax stays plain text.
    EXPECT_NE(html.find("<td>a|b &lt;script&gt;alert(1)&lt;/script&gt; ![x](http://evil/x.png) &quot;q&quot; "
                        "&#39;a&#39; &amp; b</td><td class=\"num\">5</td>"),
        std::string::npos)
        << html;
    EXPECT_NE(html.find("<td><code>&lt;img src=x onerror=alert(1)&gt;</code></td>"), std::string::npos);
    // The only script is the writer's own (sorting tables on a click), after the content.
    const size_t script = html.find("<script>");
    ASSERT_NE(script, std::string::npos);
    EXPECT_EQ(html.find("<script>", script + 1), std::string::npos);
    EXPECT_GT(script, html.find("<a class=\"ref\" href=\"#S1\">[S1]</a>"));
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_NE(html.find("<title>T &lt;b&gt;</title>"), std::string::npos);
    // Anchor labels keep only id-safe characters.
    EXPECT_NE(html.find("<a id=\"S1script\"></a><a class=\"ref\" href=\"#S1\">[S1]</a>"), std::string::npos);
    // No external resources: nothing is fetched when the file is opened.
    EXPECT_EQ(html.find("src="), html.find("src=x")); // only inside the escaped cell text
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("http"), html.find("http://evil"));
    EXPECT_NE(html.find("<thead><tr><th class=\"sortable\">Variant</th><th class=\"num sortable\">n</th></tr></thead>"),
        std::string::npos);
}

#include "models/charts/chart_spec.h"
#include "models/report/svg_charts.h"

TEST(ReportWriters, FiguresAreFilesInMarkdownAndInlineSvgInHtml)
{
    ReportDocument doc;
    doc.title = "T";
    charts::BarChartSpec bars;
    bars.bars = {{0, "a", 1, 1, 1, 0, 1, 0}};
    const SvgChart svg = renderBarChartSvg(bars, "Bars", "");
    doc.figure("Figure 1: bars [a] *b*", svg.svg, svg.width, svg.height);
    doc.figure("Figure 2: <again>", svg.svg, svg.width, svg.height);
    const RenderedMarkdown md = renderMarkdown(doc, "my report_files");
    EXPECT_NE(md.text.find("![Figure 1: bars \\[a\\] \\*b\\*](my%20report_files/figure-1.svg)"), std::string::npos)
        << md.text;
    ASSERT_EQ(md.files.size(), 2u);
    EXPECT_EQ(md.files[0].path, "my report_files/figure-1.svg");
    EXPECT_EQ(md.files[1].path, "my report_files/figure-2.svg");
    EXPECT_EQ(md.files[0].contents, svg.svg);
    EXPECT_EQ(markdownFilesDir("out/report.md"), "report_files");

    const std::string html = renderHtml(doc);
    EXPECT_NE(html.find("<figure id=\"figure-1\">\n<svg xmlns="), std::string::npos);
    EXPECT_NE(html.find("<figcaption>Figure 2: &lt;again&gt;</figcaption>"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
    EXPECT_EQ(html.find("href=\"http"), std::string::npos);
}

TEST(OutputFile, IsInsideWithTrailingSlashesAndAFolderThisUserMayNotEnter)
{
    EXPECT_TRUE(isInside("/nowhere/runs/report.md", "/nowhere/runs"));
    EXPECT_TRUE(isInside("/nowhere/runs/report.md", "/nowhere/runs/"));
    EXPECT_TRUE(isInside("/nowhere/runs", "/nowhere/runs/"));
    EXPECT_FALSE(isInside("/nowhere/runs2/report.md", "/nowhere/runs"));
    EXPECT_FALSE(isInside("/nowhere/report.md", "/nowhere/runs/"));

    // An input folder inside one this user may not enter (root: as nobody, for the moment of the check): its path
    // cannot be resolved, and that must not put every other path inside it.
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const std::string input = tmp.filePath(QStringLiteral("in")).toStdString();
    ASSERT_TRUE(QDir().mkpath(QString::fromStdString(input)));
    ASSERT_TRUE(
        QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    const bool root = geteuid() == 0;
    if (!root) {
        ASSERT_TRUE(QFile::setPermissions(tmp.path(), QFileDevice::Permissions()));
    } else {
        ASSERT_EQ(seteuid(test::kNobody), 0);
    }
    const bool elsewhere = isInside("/nowhere/report.md", input);
    const bool within = isInside(input + "/report.md", input);
    if (root) {
        ASSERT_EQ(seteuid(0), 0);
    }
    QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    EXPECT_FALSE(elsewhere);
    EXPECT_TRUE(within);
}
