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
    const std::string md = renderMarkdown(doc);
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
    EXPECT_EQ(renderMarkdown(doc),
        "# Report \\*1\\*\n"
        "\n"
        "## Findings\n"
        "\n"
        "- mean 182.87 tok/s [\\[S3\\]](#S3)\n"
        "\n"
        "<a id=\"S3\"></a>**\\[S3\\]** `reports/a_b.csv`\n");
}
