// Issue 16: one filter for every view. The filter bar writes the hub's filter; the Inventory (text), the Variants tree
// (text and metric, besides model and configuration: tested with the samples table in test_ui_window_consistency)
// and the parameter sweep's model box (the model filter) read it. Expected rows are worked out here from the Dataset.
#include "models/data/dataset.h"
#include "models/itemmodels/inventory_model.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/charts/chart_tab.h"
#include "ui/charts/charts_page.h"
#include "ui/main_window.h"
#include "ui/pages/inventory_page.h"
#include "ui/pages/report_page.h"
#include "ui/selection_hub.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QTest>
#include <QTreeView>
#include <QtCharts/QChart>

#include <gtest/gtest.h>
#include <set>
#include <string>

using namespace benchlens;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// The files (by path) the Inventory tree shows, and how many folders are empty of them.
std::set<std::string> shownFiles(const QAbstractItemModel& model, const QModelIndex& parent, int* emptyFolders)
{
    std::set<std::string> files;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex idx = model.index(r, 0, parent);
        if (idx.data(InventoryModel::FileIndexRole).toInt() >= 0) {
            files.insert(idx.data(InventoryModel::PathRole).toString().toStdString());
            continue;
        }
        const auto below = shownFiles(model, idx, emptyFolders);
        if (below.empty())
            ++*emptyFolders;
        files.insert(below.begin(), below.end());
    }
    return files;
}

} // namespace

// The text filter narrows the Inventory to the files whose path holds it (case-insensitive), with their folders and
// no empty folder; the count above says how many of all files match, and clearing the text brings every file back.
TEST(OneFilter, InventoryFollowsTheTextFilter)
{
    MainWindow window;
    test::showQuietly(window);
    ASSERT_TRUE(test::openAndWait(window, q(test::corpusDir())));
    const Dataset& ds = *window.hub()->dataset();
    auto* page = window.findChild<InventoryPage*>();
    ASSERT_NE(page, nullptr);
    for (const QString& text : {QStringLiteral("SWEEP"), QStringLiteral("json"), QStringLiteral("zzz-no-match")}) {
        window.hub()->setFilterText(text);
        QCoreApplication::processEvents();
        std::set<std::string> expected;
        for (const SourceFile& f : ds.files) {
            if (q(f.path).contains(text, Qt::CaseInsensitive))
                expected.insert(f.path);
        }
        int emptyFolders = 0;
        EXPECT_EQ(shownFiles(*page->view()->model(), {}, &emptyFolders), expected) << text.toStdString();
        EXPECT_EQ(emptyFolders, 0) << text.toStdString();
        EXPECT_TRUE(page->countText().endsWith(
            QStringLiteral(" · %1 of %2 files match “%3”").arg(expected.size()).arg(ds.files.size()).arg(text)))
            << page->countText().toStdString();
    }
    EXPECT_FALSE(window.hub()->filter().text.isEmpty());
    window.hub()->setFilterText(QString());
    QCoreApplication::processEvents();
    int emptyFolders = 0;
    EXPECT_EQ(shownFiles(*page->view()->model(), {}, &emptyFolders).size(), ds.files.size());
    EXPECT_FALSE(page->countText().contains(QStringLiteral("match")));
}

// The parameter sweep starts on a model that has a sweep (its grid measured in the charted metric), and its model box follows the filter bar's model filter:
// a model chosen there is the one swept (the box offers only it), "All models" offers every model again.
TEST(OneFilter, SweepFollowsTheModelFilterAndStartsOnASweep)
{
    MainWindow window;
    test::showQuietly(window);
    ASSERT_TRUE(test::openAndWait(window, q(test::corpusDir())));
    ASSERT_TRUE(window.showView(QStringLiteral("charts:sweep")));
    ChartsPage* charts = window.chartsPage();
    auto* modelBox = charts->tab(ChartsPage::Sweep)->findChildren<QComboBox*>().at(0);
    QCoreApplication::processEvents();
    // The model it starts on has a sweep of throughput, decided here from the Dataset: its variants with throughput
    // samples take at least two num_ctx values.
    const Dataset& ds = *window.hub()->dataset();
    const auto tput = ds.findMetric("throughput_tok_s");
    ASSERT_TRUE(tput);
    std::set<std::string> ctx;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        const Variant& v = ds.variants[ds.samples.variant[s]];
        if (ds.samples.metric[s] != tput->value || q(v.model) != modelBox->currentText())
            continue;
        for (const auto& [k, value] : v.config) {
            if (k == "num_ctx")
                ctx.insert(value);
        }
    }
    EXPECT_GE(ctx.size(), 2u) << modelBox->currentText().toStdString();
    EXPECT_FALSE(charts->sweepChart()->series().isEmpty());
    const int everyModel = modelBox->count();
    EXPECT_GE(everyModel, 6);

    window.hub()->setModelFilter(QStringLiteral("gemma3:270m"));
    QCoreApplication::processEvents();
    EXPECT_EQ(modelBox->count(), 1);
    EXPECT_EQ(modelBox->currentText(), QStringLiteral("gemma3:270m"));
    EXPECT_TRUE(charts->sweepChart()->title().contains(QStringLiteral("gemma3:270m")))
        << charts->sweepChart()->title().toStdString();
    EXPECT_EQ(charts->sweepChart()->series().size(), 4); // one line per num_gpu: 40, 60, 80, 999

    window.hub()->setModelFilter(QString());
    QCoreApplication::processEvents();
    EXPECT_EQ(modelBox->count(), everyModel);
    EXPECT_EQ(modelBox->currentText(), QStringLiteral("gemma3:270m")); // the choice is kept
}

// The scope (filtered view or whole folder) is part of the hub's filter state: the Report view's Scope box writes it
// and follows it, and the report covers what it says.
TEST(OneFilter, TheReportScopeIsTheHubs)
{
    MainWindow window;
    test::showQuietly(window);
    ASSERT_TRUE(test::openAndWait(window, q(test::sampleDir())));
    SelectionHub* hub = window.hub();
    ReportPage* report = window.reportPage();
    hub->setModelFilter(QStringLiteral("gemma3:4b-it-qat"));
    EXPECT_EQ(hub->scope(), ReportScope::FilteredView);
    EXPECT_EQ(report->scopeSelector(), QStringLiteral("model=gemma3:4b-it-qat"));
    QComboBox* box = nullptr;
    for (auto* c : report->findChildren<QComboBox*>()) {
        if (c->count() == 2 && c->itemText(1) == QStringLiteral("Whole folder"))
            box = c;
    }
    ASSERT_NE(box, nullptr);
    box->setCurrentIndex(1); // the user picks "Whole folder"
    EXPECT_EQ(hub->scope(), ReportScope::WholeFolder);
    EXPECT_EQ(report->scopeSelector(), QString());
    hub->setScope(ReportScope::FilteredView); // written elsewhere: the box follows
    EXPECT_EQ(box->currentIndex(), 0);
    EXPECT_EQ(report->scope(), ReportScope::FilteredView);
    EXPECT_EQ(q(hub->reportSelector()), QStringLiteral("model=gemma3:4b-it-qat"));
}
