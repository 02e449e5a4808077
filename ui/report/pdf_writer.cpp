// The PDF writer: builds a QTextDocument from the ReportDocument with QTextCursor (not from HTML, so that table
// header rows repeat across pages and figures stay vector), lays it out on the QPdfWriter's pages and paints each
// page with its running header and footer.
#include "ui/report/pdf_writer.h"

#include "models/report/report_document.h"
#include "models/util/version.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCryptographicHash>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>
#include <QTextObjectInterface>
#include <QTextTable>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace benchlens::ui {

namespace {

const QColor kInk(0x1d, 0x1f, 0x21);
const QColor kAccent(0x2b, 0x6c, 0xb0);
const QColor kMuted(0x4a, 0x55, 0x68);
const QColor kRule(0xcb, 0xd5, 0xe0);
const QColor kHeaderFill(0xed, 0xf2, 0xf7);
constexpr double kFigureDpi = 300;
constexpr double kCellPointSize = 7.5;
constexpr double kCellCodePointSize = 7;
constexpr double kCellPadding = 2; // pixels at 96 dpi, as table lengths are
constexpr size_t kRowsPerTable = 300;
constexpr double kFigureHeightShare = 0.3;

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

// A source reference as it is set: "[S12]", smaller than the text around it.
constexpr double kRefScale = 0.85;
QString refLabel(const Inline& ref)
{
    return QStringLiteral("[") + qs(ref.text) + QStringLiteral("]");
}

// A column header with a zero-width space after each '_', so that a metric id breaks there in a narrow column
// instead of widening it ("throughput_" over "tok_s").
QString breakAfterUnderscores(QString header)
{
    return header.replace(QLatin1Char('_'), QStringLiteral("_\u200B"));
}

// A cell's text with a zero-width space where it may break besides its spaces, so that a long token wraps at its
// separators instead of widening its column or being cut anywhere by Qt: plain text after each '/' that a letter or
// '_' follows (a JSON pointer: "/summary/" over "avg_ms"); code (variant names, paths) also after a '_' before a
// word that ends a name part and an '=' before a name ("benchmark=" over "baseline_" over "performance_summary";
// "top_p=0.9", "num_gpu=80", "q4_0" and "q5_K_M" stay whole).
QString cellBreaks(QString text, bool code)
{
    static const QRegularExpression plain(QStringLiteral("/(?=[A-Za-z_])"));
    static const QRegularExpression separators(
        QStringLiteral("(/(?=[A-Za-z0-9_])|_(?=[A-Za-z]{2,}(?:[_/\\s]|$))|=(?=[A-Za-z_]))"));
    return code ? text.replace(separators, QStringLiteral("\\1\u200B"))
                : text.replace(plain, QStringLiteral("/\u200B"));
}

// Draws a figure's SVG as vector graphics wherever the layout places it.
class SvgTextObject : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    static constexpr int Type = QTextFormat::UserObject + 1;
    static constexpr int SvgData = QTextFormat::UserProperty + 1;
    static constexpr int SvgSize = QTextFormat::UserProperty + 2;

    QSizeF intrinsicSize(QTextDocument*, int, const QTextFormat& format) override
    {
        return format.property(SvgSize).toSizeF();
    }
    // Qt 6.4's PDF engine turns the text of an SVG drawn straight into it into outlines (about 1 MB per chart), so
    // the chart is rasterized at 300 dpi and embedded losslessly instead.
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument*, int, const QTextFormat& format) override
    {
        // The layout asks every page whose area the object's line touches; draw it on the page that holds it.
        if (painter->hasClipping() && painter->clipBoundingRect().intersected(rect).height() < rect.height() / 2)
            return;
        QSvgRenderer renderer(format.property(SvgData).toByteArray());
        const double scale = kFigureDpi / painter->device()->logicalDpiX();
        QImage image((rect.size() * scale).toSize(), QImage::Format_RGB32);
        image.fill(Qt::white);
        {
            QPainter imagePainter(&image);
            imagePainter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
            renderer.render(&imagePainter);
        }
        image.setDotsPerMeterX(static_cast<int>(kFigureDpi / 0.0254));
        image.setDotsPerMeterY(static_cast<int>(kFigureDpi / 0.0254));
        painter->save();
        painter->setRenderHint(QPainter::LosslessImageRendering);
        painter->drawImage(rect, image);
        painter->restore();
    }
};

class PdfBuilder
{
public:
    PdfBuilder(QTextDocument& doc, const QPaintDevice* device, QSizeF body)
        : m_doc(doc)
        , m_cursor(&doc)
        , m_device(device)
        , m_dpi(device->logicalDpiX())
        , m_body(body)
    {
        QFont base(QStringLiteral("DejaVu Sans"));
        base.setPointSizeF(9.5);
        // No cosmetic ligatures ("fl" as one glyph): copied and extracted text stays searchable.
        base.setStyleStrategy(QFont::PreferNoShaping);
        m_doc.setDefaultFont(base);
        m_doc.setDocumentMargin(0);
        m_base.setFont(base);
        m_base.setForeground(kInk);
        m_code.setFontFamilies({QStringLiteral("DejaVu Sans Mono")});
        m_code.setFontFixedPitch(true);
        m_code.setFontPointSize(8.5);
        m_code.setFontStyleStrategy(QFont::PreferNoShaping);
    }

    void title(const std::string& title)
    {
        QTextBlockFormat block;
        block.setBottomMargin(4);
        QTextCharFormat format = m_base;
        format.setFontPointSize(20);
        format.setFontWeight(QFont::Bold);
        format.setForeground(kInk);
        m_cursor.setBlockFormat(block);
        m_cursor.setCharFormat(format);
        m_cursor.insertText(qs(title));
        m_first = false;
        rule();
    }

    void heading(const ReportBlock& b)
    {
        const bool top = b.level <= 2;
        QTextBlockFormat block;
        // The appendices start on a page of their own, after the body.
        if (b.appendix && !m_inAppendix) {
            block.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            m_inAppendix = true;
        }
        block.setTopMargin(top ? 16 : 10);
        block.setBottomMargin(top ? 2 : 4);
        block.setHeadingLevel(b.level);
        QTextCharFormat format = m_base;
        format.setFontPointSize(top ? 14 : 11.5);
        format.setFontWeight(QFont::Bold);
        format.setForeground(top ? kAccent : kInk);
        newBlock(block, format);
        inlines(b.text, format, format);
        if (top)
            rule();
    }

    void paragraph(const Inlines& text)
    {
        QTextBlockFormat block;
        block.setTopMargin(3);
        block.setBottomMargin(3);
        block.setLineHeight(118, QTextBlockFormat::ProportionalHeight);
        newBlock(block, m_base);
        inlines(text, m_base, m_code);
    }

    void bullets(const std::vector<Inlines>& items)
    {
        QTextBlockFormat block;
        block.setTopMargin(1.5);
        block.setBottomMargin(1.5);
        block.setLineHeight(118, QTextBlockFormat::ProportionalHeight);
        QTextListFormat list;
        list.setStyle(QTextListFormat::ListDisc);
        list.setIndent(1);
        for (size_t i = 0; i < items.size(); ++i) {
            newBlock(block, m_base);
            if (i == 0)
                m_cursor.createList(list);
            else
                m_list->add(m_cursor.block());
            m_list = m_cursor.currentList();
            inlines(items[i], m_base, m_code);
        }
        m_list = nullptr;
    }

    // A long table is written as consecutive tables of kRowsPerTable rows, each with its header row, that read as
    // one: Qt paints a page by walking every cell of each table on it, so one table of thousands of rows (the
    // input checksums of a large folder) made painting quadratic in the page count.
    void table(const ReportTable& t)
    {
        if (t.header.empty())
            return;
        const QList<QTextLength> widths = columnWidths(t); // of all rows, so that the parts line up
        for (size_t begin = 0; begin == 0 || begin < t.rows.size(); begin += kRowsPerTable)
            tablePart(t, widths, begin, std::min(t.rows.size(), begin + kRowsPerTable));
    }

    void tablePart(const ReportTable& t, const QList<QTextLength>& widths, size_t begin, size_t end)
    {
        newBlock(QTextBlockFormat(), m_base);
        QTextTableFormat format;
        format.setHeaderRowCount(1);
        format.setBorder(0.75);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setBorderBrush(kRule);
        format.setBorderCollapse(true);
        format.setCellPadding(kCellPadding);
        format.setCellSpacing(0);
        format.setTopMargin(begin == 0 ? 4 : 0);
        format.setBottomMargin(end == t.rows.size() ? 6 : 0);
        if (t.header.size() > 3 && widths.isEmpty())
            format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
        format.setColumnWidthConstraints(widths);
        const int cols = static_cast<int>(t.header.size());
        QTextTable* table = m_cursor.insertTable(static_cast<int>(end - begin) + 1, cols, format);
        QTextCharFormat cellText = m_base;
        cellText.setFontPointSize(kCellPointSize);
        QTextCharFormat cellCode = m_code;
        cellCode.setFontPointSize(kCellCodePointSize);
        QTextCharFormat headText = cellText;
        headText.setFontWeight(QFont::Bold);
        const auto numeric = [&](size_t c) { return c < t.numeric.size() && t.numeric[c]; };
        for (int c = 0; c < cols; ++c) {
            QTextTableCell cell = table->cellAt(0, c);
            QTextTableCellFormat cf = cell.format().toTableCellFormat();
            cf.setBackground(kHeaderFill);
            cell.setFormat(cf);
            QTextCursor cc = cell.firstCursorPosition();
            QTextBlockFormat bf;
            bf.setAlignment(numeric(static_cast<size_t>(c)) ? Qt::AlignRight : Qt::AlignLeft);
            cc.setBlockFormat(bf);
            cc.insertText(breakAfterUnderscores(qs(t.header[static_cast<size_t>(c)])), headText);
        }
        for (size_t r = begin; r < end; ++r) {
            for (int c = 0; c < cols; ++c) {
                const auto uc = static_cast<size_t>(c);
                if (uc >= t.rows[r].size())
                    continue;
                QTextCursor cc = table->cellAt(static_cast<int>(r - begin) + 1, c).firstCursorPosition();
                QTextBlockFormat bf;
                bf.setAlignment(numeric(uc) ? Qt::AlignRight : Qt::AlignLeft);
                cc.setBlockFormat(bf);
                inlines(t.rows[r][uc], cellText, cellCode, &cc);
            }
        }
        m_cursor.movePosition(QTextCursor::End);
    }

    // Column widths from the text, as a browser sizes an auto table: numeric columns as wide as their widest number
    // (in a narrower column Qt splits a number across lines, "12121.0" over "3"); every other column at least as
    // wide as its longest word (the label column of a wide table up to 30% of the page), and the width left over
    // shared in proportion to what each would need to hold its longest cell on one line. Empty (Qt's own sharing)
    // when the longest words do not fit side by side.
    QList<QTextLength> columnWidths(const ReportTable& t) const
    {
        const size_t cols = t.header.size();
        // Lengths in a table format are pixels at 96 dpi, which the layout scales to the writer's resolution.
        const double total = m_body.width() * 96 / m_dpi - double(cols) - 4; // less the borders
        // Each part measured in its own font at the writer's resolution, as the cells set it.
        QFont font = m_base.font();
        font.setPointSizeF(kCellPointSize);
        QFont bold = font;
        bold.setBold(true);
        QFont ref = font;
        ref.setPointSizeF(kCellPointSize * kRefScale);
        QFont code = m_code.font();
        code.setPointSizeF(kCellCodePointSize);
        const QFontMetricsF textMetrics(font, m_device), boldMetrics(bold, m_device), refMetrics(ref, m_device),
            codeMetrics(code, m_device);
        const double toLength = 96 / m_dpi;
        const auto room = [&](double width) { return width * toLength * 1.02 + 2 * kCellPadding + 2; };
        std::vector<double> minimum(cols, 0), natural(cols, 0);
        for (size_t c = 0; c < cols; ++c) {
            double headerLine = 0; // the header on one line: a numeric column may wrap its header, not its numbers
            const bool numeric = c < t.numeric.size() && t.numeric[c];
            // The cell's width on one line, and its widest run without a space (words run on across parts).
            const auto measure = [&](const Inlines& parts, bool header) {
                double line = 0, word = 0;
                for (const Inline& part : parts) {
                    const QFontMetricsF& m = header || part.kind == Inline::Kind::Strong ? boldMetrics
                        : part.kind == Inline::Kind::Code                                ? codeMetrics
                        : part.kind == Inline::Kind::SourceRef                           ? refMetrics
                                                                                         : textMetrics;
                    if (part.kind == Inline::Kind::Anchor)
                        continue;
                    if (part.kind == Inline::Kind::SourceRef) {
                        // References break between one another (a zero-width space): each is a word.
                        minimum[c] = std::max(minimum[c], word);
                        word = 0;
                    }
                    const QString text = part.kind == Inline::Kind::SourceRef ? refLabel(part)
                        : header                                              ? qs(part.text)
                                 : cellBreaks(qs(part.text), part.kind == Inline::Kind::Code);
                    static const QRegularExpression breaks(QStringLiteral("[ \\x{200B}]"));
                    const QStringList words = text.split(breaks);
                    for (qsizetype w = 0; w < words.size(); ++w) {
                        if (w > 0) {
                            minimum[c] = std::max(minimum[c], word);
                            word = 0;
                        }
                        word += m.horizontalAdvance(words[w]);
                    }
                    line += m.horizontalAdvance(text);
                }
                minimum[c] = std::max(minimum[c], word);
                natural[c] = std::max(natural[c], line);
            };
            // A header breaks after its underscores too ("throughput_tok_s"), as it is set.
            measure({Inline {Inline::Kind::Text, breakAfterUnderscores(qs(t.header[c])).toStdString()}}, true);
            std::swap(headerLine, natural[c]);
            for (const auto& row : t.rows)
                measure(c < row.size() ? row[c] : Inlines(), false);
            minimum[c] = room(numeric ? std::max(minimum[c], natural[c]) : minimum[c]);
            natural[c] = std::max(room(std::max(natural[c], headerLine)), minimum[c]);
        }
        double least = 0, wanted = 0;
        for (size_t c = 0; c < cols; ++c) {
            least += minimum[c];
            wanted += natural[c] - minimum[c];
        }
        // In tables of more than four columns the label column (long variant ids) gets up to 30% of the width before
        // any sharing, as much of it as the other columns' minimums leave.
        if (cols > 4 && !t.numeric.empty() && !t.numeric[0]) {
            const double label = std::clamp(
                std::min(natural[0], 0.3 * total), minimum[0], std::max(minimum[0], total - (least - minimum[0])));
            least += label - minimum[0];
            wanted -= label - minimum[0];
            minimum[0] = label;
        }
        // A column narrower than a word in it does not wrap the word in Qt 6.4: it runs past the page (a checksum
        // was cut off). Tables whose longest words do not fit side by side (paths and checksums) are left to Qt,
        // which then breaks words anywhere.
        if (cols < 2 || least > total)
            return {};
        const double share = wanted <= total - least ? 1 : (total - least) / wanted;
        QList<QTextLength> widths;
        for (size_t c = 0; c < cols; ++c)
            widths << QTextLength(QTextLength::FixedLength, minimum[c] + (natural[c] - minimum[c]) * share);
        return widths;
    }

    // The table of contents: one line per entry, its page number on the right ("" while the pages are unknown:
    // every entry is one line either way, so the layout that measures the pages is the one that is printed).
    void contents(const std::vector<std::pair<QString, QString>>& entries)
    {
        QTextBlockFormat head;
        head.setTopMargin(8);
        head.setBottomMargin(2);
        QTextCharFormat headText = m_base;
        headText.setFontPointSize(11.5);
        headText.setFontWeight(QFont::Bold);
        newBlock(head, headText);
        m_cursor.insertText(QStringLiteral("Contents"), headText);
        newBlock(QTextBlockFormat(), m_base);
        QTextTableFormat format;
        format.setBorder(0);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_None);
        format.setCellPadding(1);
        format.setCellSpacing(0);
        format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
        format.setColumnWidthConstraints(
            {QTextLength(QTextLength::PercentageLength, 90), QTextLength(QTextLength::PercentageLength, 10)});
        format.setBottomMargin(6);
        QTextTable* table = m_cursor.insertTable(static_cast<int>(std::max<size_t>(1, entries.size())), 2, format);
        for (size_t i = 0; i < entries.size(); ++i) {
            QTextCursor left = table->cellAt(static_cast<int>(i), 0).firstCursorPosition();
            left.insertText(entries[i].first, m_base);
            QTextCursor right = table->cellAt(static_cast<int>(i), 1).firstCursorPosition();
            QTextBlockFormat alignRight;
            alignRight.setAlignment(Qt::AlignRight);
            right.setBlockFormat(alignRight);
            right.insertText(entries[i].second.isEmpty() ? QStringLiteral("0") : entries[i].second, m_base);
        }
        m_cursor.movePosition(QTextCursor::End);
    }

    void figure(const ReportFigure& f)
    {
        QTextBlockFormat block;
        block.setAlignment(Qt::AlignHCenter);
        block.setTopMargin(8);
        block.setNonBreakableLines(true);
        newBlock(block, m_base);
        // Margins, borders and paddings are CSS pixels (1/96 in) that QTextDocumentLayout scales to the paint device;
        // an object's size is in device pixels. CSS pixels to device pixels, shrunk to the text width and to
        // kFigureHeightShare of a page's height, so that a figure sits beside the text it illustrates.
        double w = f.width * m_dpi / 96.0;
        double h = f.height * m_dpi / 96.0;
        const double fit = std::min({1.0, m_body.width() / w, kFigureHeightShare * m_body.height() / h});
        w *= fit;
        h *= fit;
        QTextCharFormat object;
        object.setObjectType(SvgTextObject::Type);
        object.setProperty(SvgTextObject::SvgData, QByteArray::fromStdString(f.svg));
        object.setProperty(SvgTextObject::SvgSize, QSizeF(w, h));
        m_cursor.insertText(QString(QChar::ObjectReplacementCharacter), object);

        QTextBlockFormat captionBlock;
        captionBlock.setAlignment(Qt::AlignHCenter);
        captionBlock.setBottomMargin(8);
        QTextCharFormat caption = m_base;
        caption.setFontPointSize(8.5);
        caption.setFontItalic(true);
        caption.setForeground(kMuted);
        newBlock(captionBlock, caption);
        m_cursor.insertText(qs(f.caption), caption);
    }

private:
    void newBlock(const QTextBlockFormat& block, const QTextCharFormat& format)
    {
        if (m_first) {
            m_cursor.setBlockFormat(block);
            m_cursor.setBlockCharFormat(format);
            m_first = false;
        } else {
            m_cursor.insertBlock(block, format);
        }
    }

    // A horizontal rule, drawn the way QTextDocument draws <hr> (in the palette's Dark colour).
    void rule()
    {
        QTextBlockFormat hr;
        hr.setProperty(QTextFormat::BlockTrailingHorizontalRulerWidth, QTextLength(QTextLength::PercentageLength, 100));
        hr.setTopMargin(0);
        hr.setBottomMargin(4);
        QTextCharFormat line = m_base;
        line.setFontPointSize(2);
        m_cursor.insertBlock(hr, line);
    }

    void inlines(
        const Inlines& parts, const QTextCharFormat& plain, const QTextCharFormat& code, QTextCursor* target = nullptr)
    {
        QTextCursor& c = target ? *target : m_cursor;
        const Inline* previous = nullptr;
        for (const auto& p : parts) {
            const bool afterRef = previous && previous->kind == Inline::Kind::SourceRef;
            previous = &p;
            QTextCharFormat f = plain;
            switch (p.kind) {
            case Inline::Kind::Text:
                break;
            case Inline::Kind::Code:
                f.setFontFamilies(code.fontFamilies().toStringList());
                f.setFontFixedPitch(true);
                f.setFontPointSize(code.fontPointSize());
                break;
            case Inline::Kind::Strong:
                f.setFontWeight(QFont::Bold);
                break;
            case Inline::Kind::SourceRef:
                f.setForeground(kAccent);
                f.setFontPointSize(plain.fontPointSize() * kRefScale);
                // A zero-width space between references: "[S3][S8][S12]" may break between them.
                c.insertText((afterRef ? QStringLiteral("\u200B") : QString()) + refLabel(p), f);
                continue;
            case Inline::Kind::Anchor:
                continue; // PDF links inside the document are not supported by QPdfWriter; the label stays visible
            }
            // Line breaks inside input text are spaces, as in the other writers.
            QString s = target ? cellBreaks(qs(p.text), p.kind == Inline::Kind::Code) : qs(p.text);
            s.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
            c.insertText(s, f);
        }
    }

    QTextDocument& m_doc;
    QTextCursor m_cursor;
    const QPaintDevice* m_device; // the writer: fonts are measured at its resolution
    double m_dpi;
    QSizeF m_body;
    QTextCharFormat m_base;
    QTextCharFormat m_code;
    QTextList* m_list = nullptr;
    bool m_first = true;
    bool m_inAppendix = false;
};

// Keeps each heading with what follows it: a heading with less room under it, on its page, than about three
// lines of text starts the next page instead. QTextDocument has no keep-with-next, so the laid-out document is
// walked and the few headings that need it get a page break before them. After each one, everything from it on is
// laid out again: Qt 6.4's own relayout of a paginated document after a block format change misplaces what follows
// (tables and figures vanished from the pages).
void keepHeadingsWithNext(QTextDocument& doc, double pageHeight, double dpi)
{
    // About six lines: the heading's table needs its header row and a first row that may wrap (rows move whole).
    const double roomNeeded = 84.0 / 72 * dpi;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0)
            continue;
        const QRectF r = doc.documentLayout()->blockBoundingRect(block);
        const double pageEnd = (std::floor(r.top() / pageHeight) + 1) * pageHeight;
        if (pageEnd - r.bottom() >= roomNeeded)
            continue;
        QTextBlockFormat breakBefore;
        breakBefore.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        QTextCursor(block).mergeBlockFormat(breakBefore);
        doc.markContentsDirty(block.position(), doc.characterCount() - block.position());
    }
}

// The report's input checksums (the Workflow Summary's "sha256:" cells) as XMP metadata, which the PDF keeps as
// plain text: `benchlens verify REPORT.pdf DIR` reads them back (models/report/verify.cpp).
QByteArray checksumXmp(const ReportDocument& report)
{
    const auto inlineText = [](const Inlines& parts) {
        std::string t;
        for (const auto& p : parts)
            t += p.text;
        return t;
    };
    const auto xml = [](const std::string& s) { return QString::fromStdString(s).toHtmlEscaped().toUtf8(); };
    QByteArray lines;
    for (const auto& b : report.blocks) {
        if (b.kind != ReportBlock::Kind::Table || b.table.header.size() != 3)
            continue;
        for (const auto& row : b.table.rows) {
            if (row.size() != 3)
                continue;
            const std::string hash = inlineText(row[2]);
            if (hash.rfind("sha256:", 0) == 0)
                lines += "benchlens-input " + xml(hash) + " " + xml(inlineText(row[0])) + "\n";
        }
    }
    lines += QByteArray::fromStdString(checksumLines(report));
    if (lines.isEmpty())
        return {};
    return "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
           "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:benchlens=\"urn:benchlens:report:1\"><dc:title>"
        + xml(report.title) + "</dc:title><benchlens:inputs>\n" + lines
        + "</benchlens:inputs></rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

// A heading of the laid-out document: where it is, for the table of contents and the outline.
struct PlacedHeading
{
    int level = 2;
    QString text;
    int block = 0; // block number in the QTextDocument
    int page = 0; // from 0
    double top = 0; // device pixels from the top of the page's body
    bool appendix = false;
};

// The SHA-256 of the report's input checksums ("sha256:<hex> <path>" lines, in the report's order), as hex: the
// running footer's input digest. Empty without checksums.
QString inputDigest(const ReportDocument& report)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    bool any = false;
    for (const auto& b : report.blocks) {
        if (b.kind != ReportBlock::Kind::Table || b.table.header.size() != 3)
            continue;
        for (const auto& row : b.table.rows) {
            if (row.size() != 3)
                continue;
            const std::string sum = plainText(row[2]);
            if (sum.rfind("sha256:", 0) != 0)
                continue;
            hash.addData(QByteArray::fromStdString(sum + " " + plainText(row[0]) + "\n"));
            any = true;
        }
    }
    for (const auto& [sum, path] : report.checksums) {
        hash.addData(QByteArray::fromStdString(sum + " " + path + "\n"));
        any = true;
    }
    return any ? QString::fromLatin1(hash.result().toHex()) : QString();
}

// PDF text string: UTF-16BE with its byte order mark, as hex.
QByteArray pdfText(const QString& s)
{
    QByteArray out = "<FEFF";
    for (const QChar c : s)
        out += QByteArray::number(c.unicode() + 0x10000, 16).mid(1).toUpper();
    return out + ">";
}

// Adds the document outline (bookmarks) to a PDF written by QPdfWriter, which has no API for one (Qt 6.4): an
// incremental update (ISO 32000-1, 7.5.6) appends the outline items, a new catalog that points to them and opens the
// outline, and a cross-reference section for those objects. `pageTops` are the PDF y (points from the bottom) of each
// heading. Returns the bytes unchanged when the file does not have the layout QPdfWriter writes.
QByteArray addOutline(
    const QByteArray& pdf, const std::vector<PlacedHeading>& headings, const std::vector<double>& pdfY)
{
    static const QRegularExpression rootRe(QStringLiteral("/Root (\\d+) 0 R"));
    static const QRegularExpression sizeRe(QStringLiteral("/Size (\\d+)"));
    static const QRegularExpression infoRe(QStringLiteral("/Info (\\d+) 0 R"));
    static const QRegularExpression startRe(QStringLiteral("startxref\\s+(\\d+)"));
    const qsizetype trailerAt = pdf.lastIndexOf("trailer");
    if (trailerAt < 0 || headings.empty())
        return pdf;
    const QString trailer = QString::fromLatin1(pdf.mid(trailerAt));
    const auto root = rootRe.match(trailer), size = sizeRe.match(trailer), start = startRe.match(trailer);
    const auto info = infoRe.match(trailer);
    if (!root.hasMatch() || !size.hasMatch() || !start.hasMatch())
        return pdf;
    const QByteArray rootObj = "\n" + root.captured(1).toLatin1() + " 0 obj\n";
    const qsizetype catalogAt = pdf.indexOf(rootObj);
    const qsizetype catalogEnd = catalogAt < 0 ? -1 : pdf.indexOf("endobj", catalogAt);
    if (catalogEnd < 0)
        return pdf;
    QByteArray catalog = pdf.mid(catalogAt + rootObj.size(), catalogEnd - catalogAt - rootObj.size()).trimmed();
    const qsizetype pagesAt = pdf.indexOf("/Type /Pages");
    const qsizetype kidsAt = pagesAt < 0 ? -1 : pdf.indexOf("/Kids", pagesAt);
    const qsizetype kidsEnd = kidsAt < 0 ? -1 : pdf.indexOf("]", kidsAt);
    if (!catalog.endsWith(">>") || kidsEnd < 0)
        return pdf;
    std::vector<QByteArray> pages;
    static const QRegularExpression refRe(QStringLiteral("(\\d+) 0 R"));
    for (const auto& m : refRe.globalMatch(QString::fromLatin1(pdf.mid(kidsAt, kidsEnd - kidsAt))))
        pages.push_back(m.captured(1).toLatin1());

    // Items: level-2 headings at the top, each deeper heading under the one above it.
    const int first = size.captured(1).toInt();
    const int outlinesObj = first;
    const auto objOf = [&](size_t i) { return QByteArray::number(first + 1 + static_cast<int>(i)); };
    const size_t n = headings.size();
    std::vector<std::optional<size_t>> parent(n), prev(n), next(n), firstChild(n), lastChild(n);
    std::vector<int> count(n, 0);
    std::optional<size_t> lastTop, lastTopChild;
    std::vector<size_t> top;
    for (size_t i = 0; i < n; ++i) {
        if (headings[i].level <= 2 || !lastTop) {
            prev[i] = lastTop;
            if (lastTop)
                next[*lastTop] = i;
            lastTop = i;
            lastTopChild.reset();
            top.push_back(i);
            continue;
        }
        parent[i] = lastTop;
        prev[i] = lastTopChild;
        if (lastTopChild)
            next[*lastTopChild] = i;
        else
            firstChild[*lastTop] = i;
        lastChild[*lastTop] = i;
        ++count[*lastTop];
        lastTopChild = i;
    }
    QByteArray out = pdf;
    if (!out.endsWith('\n'))
        out += '\n';
    std::vector<std::pair<int, qsizetype>> offsets; // object number, byte offset
    offsets.emplace_back(outlinesObj, out.size());
    out += QByteArray::number(outlinesObj) + " 0 obj\n<<\n/Type /Outlines\n/First " + objOf(top.front())
        + " 0 R\n/Last " + objOf(top.back()) + " 0 R\n/Count " + QByteArray::number(static_cast<int>(top.size()))
        + "\n>>\nendobj\n";
    const auto ref = [&](const std::optional<size_t>& i) { return objOf(*i) + " 0 R"; };
    for (size_t i = 0; i < n; ++i) {
        const PlacedHeading& h = headings[i];
        const size_t page = std::min(static_cast<size_t>(h.page), pages.size() - 1);
        offsets.emplace_back(first + 1 + static_cast<int>(i), out.size());
        out += objOf(i) + " 0 obj\n<<\n/Title " + pdfText(h.text) + "\n/Parent "
            + (parent[i] ? ref(parent[i]) : QByteArray::number(outlinesObj) + " 0 R") + "\n";
        if (prev[i])
            out += "/Prev " + ref(prev[i]) + "\n";
        if (next[i])
            out += "/Next " + ref(next[i]) + "\n";
        if (firstChild[i])
            out += "/First " + ref(firstChild[i]) + "\n/Last " + ref(lastChild[i]) + "\n/Count -"
                + QByteArray::number(count[i]) + "\n"; // closed: the sections show, their subsections on a click
        out += "/Dest [" + pages[page] + " 0 R /XYZ 0 " + QByteArray::number(pdfY[i], 'f', 1) + " null]\n>>\nendobj\n";
    }
    catalog.chop(2);
    const qsizetype catalogOffset = out.size();
    out += root.captured(1).toLatin1() + " 0 obj\n" + catalog + "/Outlines " + QByteArray::number(outlinesObj)
        + " 0 R\n/PageMode /UseOutlines\n>>\nendobj\n";
    const qsizetype xrefAt = out.size();
    const auto entry
        = [](qsizetype offset) { return QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n"; };
    out += "xref\n" + root.captured(1).toLatin1() + " 1\n" + entry(catalogOffset);
    out += QByteArray::number(first) + " " + QByteArray::number(static_cast<int>(offsets.size())) + "\n";
    for (const auto& [obj, offset] : offsets)
        out += entry(offset);
    out += "trailer\n<<\n/Size " + QByteArray::number(first + static_cast<int>(offsets.size())) + "\n/Root "
        + root.captured(1).toLatin1() + " 0 R\n";
    if (info.hasMatch())
        out += "/Info " + info.captured(1).toLatin1() + " 0 R\n";
    out += "/Prev " + start.captured(1).toLatin1() + "\n>>\nstartxref\n" + QByteArray::number(xrefAt) + "\n%%EOF\n";
    return out;
}

// Builds the QTextDocument of the report; `pageOf` gives the page number printed for each level-2 heading in the
// table of contents (empty: unknown yet). Returns the headings (levels 2 and 3) with their block numbers.
std::vector<PlacedHeading> buildPdfDocument(QTextDocument& doc, const ReportDocument& report,
    const QPaintDevice* device, QSizeF body, const std::vector<QString>& pageOf)
{
    PdfBuilder builder(doc, device, body);
    builder.title(report.title);
    std::vector<PlacedHeading> headings;
    for (const auto& b : report.blocks) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading: {
            builder.heading(b);
            if (b.level <= 3) {
                // A level-2 heading is followed by its rule.
                headings.push_back(
                    {b.level, qs(plainText(b.text)), doc.blockCount() - (b.level <= 2 ? 2 : 1), 0, 0, b.appendix});
            }
            break;
        }
        case ReportBlock::Kind::Contents: {
            std::vector<std::pair<QString, QString>> entries;
            for (const auto& h : report.blocks) {
                if (h.kind == ReportBlock::Kind::Heading && h.level == 2)
                    entries.emplace_back(
                        qs(plainText(h.text)), entries.size() < pageOf.size() ? pageOf[entries.size()] : QString());
            }
            builder.contents(entries);
            break;
        }
        case ReportBlock::Kind::Paragraph:
            builder.paragraph(b.text);
            break;
        case ReportBlock::Kind::Bullets:
            builder.bullets(b.items);
            break;
        case ReportBlock::Kind::Table:
            builder.table(b.table);
            break;
        case ReportBlock::Kind::Figure:
            builder.figure(b.figure);
            break;
        }
    }
    return headings;
}

// Lays the document out on the writer's pages and places its headings.
void layOut(QTextDocument& doc, std::vector<PlacedHeading>& headings, QPdfWriter& writer, QSizeF body,
    SvgTextObject& svgHandler)
{
    doc.documentLayout()->setPaintDevice(&writer);
    doc.documentLayout()->registerHandler(SvgTextObject::Type, &svgHandler);
    doc.setPageSize(body); // lays the document out once, on the writer's resolution
    keepHeadingsWithNext(doc, body.height(), writer.resolution());
    const int pages = std::max(1, doc.pageCount());
    for (auto& h : headings) {
        const QRectF r = doc.documentLayout()->blockBoundingRect(doc.findBlockByNumber(h.block));
        h.page = std::clamp(static_cast<int>(r.top() / body.height()), 0, pages - 1);
        h.top = r.top() - h.page * body.height();
    }
}
} // namespace

Result<std::string> renderReportPdf(const ReportDocument& report, const PdfOptions& options)
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return Error {"PDF export needs a QGuiApplication (fonts); this process has none"};

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(600);
    writer.setPageSize(QPageSize(options.pageSize == PdfPageSize::Letter ? QPageSize::Letter : QPageSize::A4));
    const QMarginsF marginsMm(18, 16, 18, 14);
    writer.setPageMargins(marginsMm, QPageLayout::Millimeter);
    writer.setTitle(qs(report.title));
    writer.setCreator(QStringLiteral("BenchLens ") + QString::fromLatin1(version()));
    if (const QByteArray xmp = checksumXmp(report); !xmp.isEmpty())
        writer.setDocumentXmpMetadata(xmp);

    const double dpi = writer.resolution();
    const double mm = dpi / 25.4;
    const double pageWidth = writer.width();
    const double pageHeight = writer.height();
    const double headerHeight = 8 * mm;
    const double footerHeight = 8 * mm;
    const QSizeF body(pageWidth, pageHeight - headerHeight - footerHeight);

    // Twice: the first layout finds the pages of the sections, the second prints them in the table of contents.
    // Each entry is one line whatever its number, so both layouts place everything alike. The content first, the
    // layout after: a layout attached while editing would re-layout on every insertion.
    SvgTextObject svgHandler;
    QTextDocument measure;
    std::vector<PlacedHeading> headings = buildPdfDocument(measure, report, &writer, body, {});
    layOut(measure, headings, writer, body, svgHandler);
    std::vector<QString> pageOf;
    for (const auto& h : headings) {
        if (h.level == 2)
            pageOf.push_back(QString::number(h.page + 1));
    }
    QTextDocument doc;
    headings = buildPdfDocument(doc, report, &writer, body, pageOf);
    layOut(doc, headings, writer, body, svgHandler);

    const int pages = std::max(1, doc.pageCount());
    // The section each page starts in (for the running header).
    std::vector<QString> sectionOfPage(static_cast<size_t>(pages));
    for (const auto& h : headings) {
        if (h.level != 2)
            continue;
        for (int p = h.page; p < pages; ++p)
            sectionOfPage[static_cast<size_t>(p)] = h.text;
    }
    const QString digest = inputDigest(report);
    const QString footerLeft = QStringLiteral("BenchLens ") + QString::fromLatin1(version())
        + (digest.isEmpty() ? QString() : QStringLiteral(" · inputs sha256:") + digest.left(16));

    QPainter painter(&writer);
    if (!painter.isActive())
        return Error {"cannot start the PDF"};
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setPointSizeF(7.5);
    small.setStyleStrategy(QFont::PreferNoShaping);
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            writer.newPage();
        painter.save();
        painter.translate(0, headerHeight - page * body.height());
        const QRectF clip(0, page * body.height(), body.width(), body.height());
        painter.setClipRect(clip);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = clip;
        context.palette.setColor(QPalette::Text, kInk);
        context.palette.setColor(QPalette::Dark, kRule);
        doc.documentLayout()->draw(&painter, context);
        painter.restore();

        painter.setFont(small);
        painter.setPen(kMuted);
        const QRectF header(0, 0, pageWidth, headerHeight - 2.5 * mm);
        if (page > 0) {
            painter.drawText(header, Qt::AlignLeft | Qt::AlignBottom, qs(report.title));
            painter.drawText(header, Qt::AlignRight | Qt::AlignBottom, sectionOfPage[static_cast<size_t>(page)]);
            painter.setPen(QPen(kRule, 0.3 * mm / 1.5));
            painter.drawLine(QPointF(0, headerHeight - 1.5 * mm), QPointF(pageWidth, headerHeight - 1.5 * mm));
            painter.setPen(kMuted);
        }
        const QRectF footer(0, pageHeight - footerHeight + 2.5 * mm, pageWidth, footerHeight - 2.5 * mm);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignTop, footerLeft);
        painter.drawText(
            footer, Qt::AlignRight | Qt::AlignTop, QStringLiteral("Page %1 of %2").arg(page + 1).arg(pages));
    }
    if (!painter.end())
        return Error {"cannot finish the PDF"};
    buffer.close();

    // Each heading's place in PDF points from the bottom of its page: the page's height less the top margin, the
    // running header and the heading's offset in the body.
    const double pagePts = writer.pageLayout().fullRect(QPageLayout::Point).height();
    const double toPts = 72.0 / dpi;
    std::vector<double> pdfY;
    for (const auto& h : headings)
        pdfY.push_back(pagePts - marginsMm.top() * 72 / 25.4 - (headerHeight + h.top) * toPts);
    return addOutline(bytes, headings, pdfY).toStdString();
}

std::string svgToPng(const std::string& svg, double scale)
{
    QSvgRenderer renderer(QByteArray::fromStdString(svg));
    QImage image((QSizeF(renderer.defaultSize()) * scale).toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        renderer.render(&painter);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes.toStdString();
}

} // namespace benchlens::ui

#include "pdf_writer.moc"
