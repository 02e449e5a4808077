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
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_NE(html.find("<title>T &lt;b&gt;</title>"), std::string::npos);
    // Anchor labels keep only id-safe characters.
    EXPECT_NE(html.find("<a id=\"S1script\"></a><a class=\"ref\" href=\"#S1\">[S1]</a>"), std::string::npos);
    // No external resources: nothing is fetched when the file is opened.
    EXPECT_EQ(html.find("src="), html.find("src=x")); // only inside the escaped cell text
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("http"), html.find("http://evil"));
    EXPECT_NE(html.find("<thead><tr><th>Variant</th><th class=\"num\">n</th></tr></thead>"), std::string::npos);
}

#include "models/report/svg_charts.h"

namespace {
size_t count(const std::string& s, const std::string& needle)
{
    size_t n = 0;
    for (size_t pos = s.find(needle); pos != std::string::npos; pos = s.find(needle, pos + 1))
        ++n;
    return n;
}
} // namespace

TEST(SvgCharts, BarsOnePerItemFromZeroWithEscapedLabels)
{
    BarChart chart;
    chart.title = "Throughput <b>";
    chart.axisLabel = "tok/s";
    chart.items = {{"model a&b <script>", 100.0, 5.0, 3}, {"model \"c\"", 50.0, 0.0, 1}};
    const SvgChart svg = renderBarChartSvg(chart);
    EXPECT_EQ(svg.svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    // One background rect plus one bar per item.
    EXPECT_EQ(count(svg.svg, "<rect "), 1u + chart.items.size());
    EXPECT_EQ(svg.svg.find("<script>"), std::string::npos);
    EXPECT_NE(svg.svg.find("model a&amp;b &lt;script&gt;"), std::string::npos);
    EXPECT_NE(svg.svg.find("model &quot;c&quot;"), std::string::npos);
    EXPECT_NE(svg.svg.find("Throughput &lt;b&gt;"), std::string::npos);
    EXPECT_NE(svg.svg.find("100.00 ± 5.00 (n=3)"), std::string::npos) << svg.svg;
    // The axis starts at 0 and covers value + error (105) in at most 5 steps of 1, 2 or 5 × 10^k: 0 … 150 by 50.
    EXPECT_NE(svg.svg.find(">0</text>"), std::string::npos);
    EXPECT_NE(svg.svg.find(">150</text>"), std::string::npos);
    // Deterministic.
    EXPECT_EQ(renderBarChartSvg(chart).svg, svg.svg);
    EXPECT_GT(svg.height, 0);
}

TEST(SvgCharts, BoxStatsUseType7QuartilesAndTukeyWhiskers)
{
    const BoxStats b = boxStats({1, 2, 3, 4, 5, 6, 7, 8, 100});
    EXPECT_DOUBLE_EQ(b.q1, 3);
    EXPECT_DOUBLE_EQ(b.median, 5);
    EXPECT_DOUBLE_EQ(b.q3, 7);
    EXPECT_DOUBLE_EQ(b.whiskerLow, 1);
    EXPECT_DOUBLE_EQ(b.whiskerHigh, 8);
    ASSERT_EQ(b.outliers.size(), 1u);
    EXPECT_DOUBLE_EQ(b.outliers[0], 100);

    BoxChart chart;
    chart.title = "TTFT";
    chart.axisLabel = "ms";
    chart.items = {{"v1", {1, 2, 3, 4, 5, 6, 7, 8, 100}}, {"v2", {4, 5, 6}}};
    const std::string svg = renderBoxChartSvg(chart).svg;
    EXPECT_EQ(count(svg, "<rect "), 1u + chart.items.size());
    // The outlier lies beyond the axis (0 … 10): marked at the edge with its value, not drawn as a point.
    EXPECT_NE(svg.find("1 beyond, max 100"), std::string::npos) << svg;
    EXPECT_EQ(count(svg, "<circle"), 0u);
}

TEST(SvgCharts, NiceAxis)
{
    EXPECT_DOUBLE_EQ(niceAxis(119.43).max, 150);
    EXPECT_DOUBLE_EQ(niceAxis(119.43).step, 50);
    EXPECT_DOUBLE_EQ(niceAxis(95).max, 100);
    EXPECT_DOUBLE_EQ(niceAxis(95).step, 20);
    EXPECT_DOUBLE_EQ(niceAxis(0.37).max, 0.4);
    EXPECT_DOUBLE_EQ(niceAxis(0).max, 1);
}

TEST(ReportWriters, FiguresAreFilesInMarkdownAndInlineSvgInHtml)
{
    ReportDocument doc;
    doc.title = "T";
    BarChart chart;
    chart.title = "Bars";
    chart.items = {{"a", 1, 0, 1}};
    const SvgChart svg = renderBarChartSvg(chart);
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

TEST(SvgCharts, ForestPlotOneRowPerMetricAroundZero)
{
    ForestChart chart;
    chart.title = "Difference <&>";
    chart.axisLabel = "%";
    chart.items = {{"throughput_tok_s", -39.2, -41.6, -36.8, "worse"},
        {"ttft_ms", 10.5, -38.0, 59.0, "no significant difference"}};
    const SvgChart svg = renderForestChartSvg(chart);
    const auto count = [&](const std::string& needle) {
        size_t n = 0;
        for (size_t pos = svg.svg.find(needle); pos != std::string::npos; pos = svg.svg.find(needle, pos + 1))
            ++n;
        return n;
    };
    EXPECT_EQ(count("<circle"), 2u);
    EXPECT_NE(svg.svg.find("Difference &lt;&amp;&gt;"), std::string::npos);
    EXPECT_NE(svg.svg.find("-39.2% (worse)"), std::string::npos);
    EXPECT_NE(svg.svg.find("+10.5% (no significant difference)"), std::string::npos);
    // The axis is symmetric around 0 and spans the widest interval (59 -> a nice 60 or 100).
    EXPECT_NE(svg.svg.find(">0</text>"), std::string::npos);
    EXPECT_EQ(renderForestChartSvg(chart).svg, svg.svg); // deterministic
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
