// The Report view's Narrative panel against the replaying Ollama test server: Generate returns at once and the text
// streams in, the check's marks are in the text (with their reasons), the calls' metrics are shown, the export
// includes the narrative only when asked, and without a server the reason is shown.
#include "models/llm/narrative.h"
#include "tests/support/ollama_test_server.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/main_window.h"
#include "ui/narrative/narrative_panel.h"
#include "ui/pages/report_page.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextEdit>

#include <gtest/gtest.h>

using namespace benchlens;
using test::exportAndWait;
using test::OllamaTestServer;
using test::openAndWait;
using test::showQuietly;

namespace {
std::string streamFile(const std::string& name)
{
    return test::readFile(test::testDataDir() + "/ollama_streams/" + name);
}
} // namespace

TEST(NarrativePanel, StreamsMarksTheCheckShowsMetricsAndIsExportedOnlyWhenIncluded)
{
    OllamaTestServer server;
    server.queueChat(OllamaTestServer::streamReply(streamFile("analyst_normal.ndjson"), 200, 5));
    server.queueChat(OllamaTestServer::streamReply(streamFile("writer_planted.ndjson"), 200, 5));
    MainWindow window;
    showQuietly(window);
    ASSERT_TRUE(openAndWait(window, QString::fromStdString(test::sampleDir())));
    ReportPage* page = window.reportPage();
    page->rebuildNow();
    NarrativePanel* panel = page->narrative();
    ASSERT_TRUE(panel);
    panel->endpointEdit()->setText(QString::fromStdString(server.url()));
    panel->modelBox()->setCurrentText(QStringLiteral("gemma3"));
    panel->optionsEdit()->setText(QStringLiteral("num_ctx=4096 temperature=0.2"));

    // The model list comes from /api/tags.
    QSignalSpy refreshed(panel, &NarrativePanel::modelsRefreshed);
    panel->refreshModels();
    ASSERT_TRUE(refreshed.wait(30000));
    EXPECT_EQ(panel->modelBox()->count(), 2);
    panel->modelBox()->setCurrentText(QStringLiteral("gemma3"));

    QSignalSpy finished(panel, &NarrativePanel::finished);
    bool streamedWhileRunning = false;
    QObject::connect(panel->output(), &QTextEdit::textChanged, panel, [&] {
        streamedWhileRunning = streamedWhileRunning
            || (panel->isRunning() && panel->output()->toPlainText().contains(QStringLiteral("The folder holds")));
    });
    panel->generate();
    EXPECT_TRUE(finished.isEmpty()); // Generate returns at once: the calls run on the event loop
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_TRUE(streamedWhileRunning);
    ASSERT_TRUE(panel->result());
    EXPECT_FALSE(panel->result()->skipped) << panel->result()->skipReason;
    EXPECT_EQ(panel->result()->statusText(), "1 unverified");
    EXPECT_TRUE(panel->statusLabel()->text().contains(QStringLiteral("Narrative 1 unverified")))
        << panel->statusLabel()->text().toStdString();

    // The planted sentence is highlighted, its reason as the tooltip; a verified one is not.
    QTextDocument* text = panel->output()->document();
    const QTextCursor planted = text->find(QStringLiteral("The median TTFT of the slowest variant is 412.5 ms."));
    ASSERT_FALSE(planted.isNull());
    EXPECT_EQ(planted.charFormat().toolTip(), QStringLiteral("412.5 ms matches no fact"));
    EXPECT_TRUE(planted.charFormat().hasProperty(QTextFormat::BackgroundBrush));
    const QTextCursor verified = text->find(QStringLiteral("The best mean throughput is 119.43 tok/s"));
    ASSERT_FALSE(verified.isNull());
    EXPECT_TRUE(verified.charFormat().toolTip().isEmpty());

    if (auto* tabs = window.findChild<QTabWidget*>())
        tabs->setCurrentWidget(page);
    window.grab().save(QString::fromStdString(test::buildDir() + "/narrative_panel.png")); // for a person to look at

    // Metrics from the recorded final objects: writer 143 tokens / 4.987654321 s.
    const QString writerRate = QString::number(143 / 4.987654321, 'f', 2) + QStringLiteral(" tok/s");
    EXPECT_TRUE(panel->metricsLabel()->text().contains(writerRate)) << panel->metricsLabel()->text().toStdString();
    EXPECT_TRUE(panel->metricsLabel()->text().contains(QStringLiteral("total 2861.5 ms"))); // 2861543917 ns

    QTemporaryDir tmp;
    const QString without = tmp.filePath(QStringLiteral("plain.md"));
    ASSERT_TRUE(exportAndWait(page, without));
    EXPECT_EQ(test::readFile(without.toStdString()).find("Narrative"), std::string::npos);
    EXPECT_FALSE(QFile::exists(tmp.filePath(QStringLiteral("plain.narrative.json"))));

    panel->setIncludeInExport(true);
    const QString with = tmp.filePath(QStringLiteral("with.md"));
    ASSERT_TRUE(exportAndWait(page, with));
    const std::string md = test::readFile(with.toStdString());
    EXPECT_NE(md.find("## 5. Narrative"), std::string::npos);
    EXPECT_NE(md.find("(412.5 ms matches no fact)"), std::string::npos);
    EXPECT_TRUE(QFile::exists(tmp.filePath(QStringLiteral("with.narrative.json"))));
}

TEST(NarrativePanel, WithoutAServerTheReasonIsShown)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("http://127.0.0.1:") + QString::number(closed.serverPort());
    closed.close();
    MainWindow window;
    showQuietly(window);
    ASSERT_TRUE(openAndWait(window, QString::fromStdString(test::sampleDir())));
    ReportPage* page = window.reportPage();
    page->rebuildNow();
    NarrativePanel* panel = page->narrative();
    panel->endpointEdit()->setText(url);
    QSignalSpy finished(panel, &NarrativePanel::finished);
    panel->generate();
    EXPECT_TRUE(finished.isEmpty());
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_TRUE(panel->result()->skipped);
    EXPECT_TRUE(panel->statusLabel()->text().contains(QStringLiteral("no Ollama server is running at ") + url))
        << panel->statusLabel()->text().toStdString();

    // A remote host is refused before anything is sent.
    panel->endpointEdit()->setText(QStringLiteral("gpu-box.lan"));
    panel->generate();
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_TRUE(panel->statusLabel()->text().contains(QStringLiteral("is not on this machine")));
}
