// The PDF writer: builds a QTextDocument from the ReportDocument with QTextCursor (not from HTML, so that table
// header rows repeat across pages and figures stay vector), lays it out on the QPdfWriter's pages and paints each
// page with its running header and footer.
#include "ui/report/pdf_writer.h"

#include "models/report/report_document.h"
#include "models/util/version.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>
#include <QTextObjectInterface>
#include <QTextTable>

#include <algorithm>
#include <cmath>
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
            cc.insertText(qs(t.header[static_cast<size_t>(c)]), headText);
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
                    const QString text = part.kind == Inline::Kind::SourceRef ? refLabel(part) : qs(part.text);
                    const QStringList words = text.split(QLatin1Char(' '));
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
            measure({Inline {Inline::Kind::Text, t.header[c]}}, true);
            for (const auto& row : t.rows)
                measure(c < row.size() ? row[c] : Inlines(), false);
            minimum[c] = room(numeric ? std::max(minimum[c], natural[c]) : minimum[c]);
            natural[c] = std::max(room(natural[c]), minimum[c]);
        }
        double least = 0, wanted = 0;
        for (size_t c = 0; c < cols; ++c) {
            least += minimum[c];
            wanted += natural[c] - minimum[c];
        }
        // In wide tables the label column (long variant ids) gets up to 30% of the width before any sharing, as
        // much of it as the other columns' minimums leave.
        if (cols > 6 && !t.numeric.empty() && !t.numeric[0]) {
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

    void figure(const ReportFigure& f)
    {
        QTextBlockFormat block;
        block.setAlignment(Qt::AlignHCenter);
        block.setTopMargin(8);
        block.setNonBreakableLines(true);
        newBlock(block, m_base);
        // Margins, borders and paddings are CSS pixels (1/96 in) that QTextDocumentLayout scales to the paint device;
        // an object's size is in device pixels. CSS pixels to device pixels, shrunk to the text width and to most of a
        // page's height.
        double w = f.width * m_dpi / 96.0;
        double h = f.height * m_dpi / 96.0;
        const double fit = std::min({1.0, m_body.width() / w, 0.85 * m_body.height() / h});
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
            QString s = qs(p.text);
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
};

// Keeps each heading with what follows it: a heading with less room under it, on its page, than about three
// lines of text starts the next page instead. QTextDocument has no keep-with-next, so the laid-out document is
// walked and the few headings that need it get a page break before them. After each one, everything from it on is
// laid out again: Qt 6.4's own relayout of a paginated document after a block format change misplaces what follows
// (tables and figures vanished from the pages).
void keepHeadingsWithNext(QTextDocument& doc, double pageHeight, double dpi)
{
    const double threeLines = 42.0 / 72 * dpi;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0)
            continue;
        const QRectF r = doc.documentLayout()->blockBoundingRect(block);
        const double pageEnd = (std::floor(r.top() / pageHeight) + 1) * pageHeight;
        if (pageEnd - r.bottom() >= threeLines)
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
    if (lines.isEmpty())
        return {};
    return "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
           "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:benchlens=\"urn:benchlens:report:1\"><dc:title>"
        + xml(report.title) + "</dc:title><benchlens:inputs>\n" + lines
        + "</benchlens:inputs></rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
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
    writer.setPageMargins(QMarginsF(18, 16, 18, 14), QPageLayout::Millimeter);
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

    // The content first, the layout after: a layout attached while editing would re-layout on every insertion.
    QTextDocument doc;
    PdfBuilder builder(doc, &writer, body);
    builder.title(report.title);
    std::vector<std::pair<int, QString>> sections; // block number of each level-2 heading, its text
    for (const auto& b : report.blocks) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading: {
            builder.heading(b);
            if (b.level <= 2) {
                QString t;
                for (const auto& part : b.text)
                    t += qs(part.text);
                sections.emplace_back(doc.blockCount() - 2, t); // the heading, before its rule
            }
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

    SvgTextObject svgHandler;
    doc.documentLayout()->setPaintDevice(&writer);
    doc.documentLayout()->registerHandler(SvgTextObject::Type, &svgHandler);
    doc.setPageSize(body); // lays the document out once, on the writer's resolution
    keepHeadingsWithNext(doc, body.height(), dpi);

    const int pages = std::max(1, doc.pageCount());
    // The section each page starts in (for the running header).
    std::vector<QString> sectionOfPage(static_cast<size_t>(pages));
    for (const auto& [blockNumber, text] : sections) {
        const QRectF r = doc.documentLayout()->blockBoundingRect(doc.findBlockByNumber(blockNumber));
        const int page = std::clamp(static_cast<int>(r.top() / body.height()), 0, pages - 1);
        for (int p = page; p < pages; ++p)
            sectionOfPage[static_cast<size_t>(p)] = text;
    }

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
        painter.drawText(
            footer, Qt::AlignLeft | Qt::AlignTop, QStringLiteral("BenchLens ") + QString::fromLatin1(version()));
        painter.drawText(
            footer, Qt::AlignRight | Qt::AlignTop, QStringLiteral("Page %1 of %2").arg(page + 1).arg(pages));
    }
    if (!painter.end())
        return Error {"cannot finish the PDF"};
    buffer.close();
    return bytes.toStdString();
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
