// The PDF writer on its own: a table longer than one part keeps every row, each number whole on one line, and its
// header at the top of each part.
#include "models/report/report_document.h"
#include "ui/report/pdf_writer.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <fmt/format.h>

#include <fstream>
#include <gtest/gtest.h>

using namespace benchlens;

TEST(PdfWriter, ALongTableKeepsEveryRowWithItsNumbersWhole)
{
    ReportDocument doc;
    doc.title = "Long table";
    doc.heading(2, "1. Rows");
    ReportTable t;
    t.header = {"Variant", "n", "mean", "median", "p95", "p99", "stddev", "CV", "95% CI of mean", "failed", "sources"};
    t.numeric = {false, true, true, true, true, true, true, true, false, true, false};
    const size_t rows = 700;
    const auto number = [](double v) { return fmt::format("{:.2f}", v); };
    for (size_t i = 0; i < rows; ++i) {
        const double x = double(i);
        t.rows.push_back({{code(fmt::format("gemma3:latest-instruct-q4_K_M num_ctx={} num_gpu=999 temperature=0.{}",
                              1024 << (i % 3), i % 10))},
            {text(std::to_string(10 + i))}, {text(number(6099.81 + x))}, {text(number(127.54 + x))},
            {text(number(24017.31 + x))}, {text(number(28793.12 + x))}, {text(number(13353.38 + x))}, {text("218.9%")},
            {text(number(-10480.60 - x) + " – " + number(22680.23 + x))}, {text("25")},
            {sourceRef(fmt::format("S{}", 1 + i % 90)), sourceRef("S63"), sourceRef("S120")}});
    }
    doc.table(t);
    const auto pdf = ui::renderReportPdf(doc, {});
    ASSERT_TRUE(pdf) << pdf.error();
    QTemporaryDir tmp;
    const std::string path = tmp.filePath(QStringLiteral("long.pdf")).toStdString();
    std::ofstream(path, std::ios::binary) << pdf.value();

    QProcess p;
    p.start(
        QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QString::fromStdString(path), QStringLiteral("-")});
    ASSERT_TRUE(p.waitForFinished(60000));
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    // Each row's mean, p95, p99 and stddev are whole tokens of the text: never "12121.0" on one line and "3" on the
    // next.
    for (size_t i = 0; i < rows; ++i) {
        for (const double v : {6099.81 + double(i), 24017.31 + double(i), 28793.12 + double(i), 13353.38 + double(i)}) {
            const QString whole = QString::fromStdString(number(v));
            EXPECT_TRUE(text.contains(QRegularExpression(
                QStringLiteral("(^|\\s)") + QRegularExpression::escape(whole) + QStringLiteral("(\\s|$)"))))
                << whole.toStdString();
        }
    }
    // The header tops every page and every part (700 rows: three parts of at most 300).
    const qsizetype pages = text.count(QLatin1Char('\f'));
    const qsizetype headers = text.count(QRegularExpression(QStringLiteral("Variant +n +mean")));
    EXPECT_GE(pages, 10);
    EXPECT_GE(headers, pages);
    EXPECT_LE(headers, pages + 2);
}
