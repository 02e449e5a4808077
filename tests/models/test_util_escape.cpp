// The escapers of util/escape.h and the one place the window writes Markdown (Copy as Markdown, tableText).
// Expected strings are written out by hand from the escaping rules documented in util/escape.h.
#include "models/itemmodels/table_text.h"
#include "models/util/escape.h"

#include <QAbstractTableModel>

#include <gtest/gtest.h>
#include <string>

using namespace benchlens;

namespace {
// A one-column table model on Qt Core only, so the Markdown copy is tested without the GUI executable.
class OneColumnModel : public QAbstractTableModel
{
public:
    OneColumnModel(QString header, QStringList cells)
        : m_header(std::move(header))
        , m_cells(std::move(cells))
    { }
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_cells.size()); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : 1; }
    QVariant data(const QModelIndex& index, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(m_cells.at(index.row())) : QVariant();
    }
    QVariant headerData(int, Qt::Orientation, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(m_header) : QVariant();
    }

private:
    QString m_header;
    QStringList m_cells;
};
} // namespace

TEST(Escape, Markdown)
{
    EXPECT_EQ(escapeMarkdown("plain text 1.5"), "plain text 1.5");
    EXPECT_EQ(escapeMarkdown("<b>x</b>"), "&lt;b&gt;x&lt;/b&gt;");
    EXPECT_EQ(escapeMarkdown("a|b_c*d"), "a\\|b\\_c\\*d");
    EXPECT_EQ(escapeMarkdown("[x](y) `z` #1 !~\\"), "\\[x\\](y) \\`z\\` \\#1 \\!\\~\\\\");
    EXPECT_EQ(escapeMarkdown("R&D\nline\r2"), "R&amp;D line 2");
    EXPECT_EQ(escapeMarkdown("see https://x.org or www.x.org"), "see https\\://x.org or www\\.x.org");
    EXPECT_EQ(escapeMarkdown("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Escape, HtmlAndXml)
{
    EXPECT_EQ(escapeHtml("<a href=\"x\">Tom's & Jerry's</a>"),
        "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;");
    // HTML keeps control characters; XML 1.0 cannot hold them, so they become spaces (tab and line breaks stay).
    EXPECT_EQ(escapeHtml(std::string("a\x01"
                                     "b\tc\n")),
        std::string("a\x01"
                    "b\tc\n"));
    EXPECT_EQ(escapeXml(std::string("a\x01"
                                    "b\tc\n<")),
        "a b\tc\n&lt;");
    EXPECT_EQ(unescapeHtml("&lt;a&gt; &amp;amp; &quot;&#39; &unknown;"), "<a> &amp; \"' &unknown;");
}

// Regression (issue 12): Copy as Markdown escaped only '|' and line breaks, so a cell "<b>x</b>" stayed raw HTML
// in the pasted table while the report's Markdown wrote entities. It now escapes as the report does.
TEST(TableText, CopyAsMarkdownEscapesLikeTheReport)
{
    OneColumnModel model(QStringLiteral("name_of"), {QStringLiteral("<b>x</b>"), QStringLiteral("a|b")});
    EXPECT_EQ(tableText(model, TableFormat::Markdown),
        QStringLiteral("| name\\_of |\n| --- |\n| &lt;b&gt;x&lt;/b&gt; |\n| a\\|b |\n"));
}
