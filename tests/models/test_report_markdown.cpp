#include "report/report_document.h"

#include <gtest/gtest.h>

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
