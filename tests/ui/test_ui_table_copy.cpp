// Issue 16: Copy Table copies the whole table as shown (filter and sort applied), Copy Selection the selected rows,
// each row self-contained (a metric row names its variant), as CSV and Markdown. Driven through the real window on
// the corpus; the expected rows are worked out here from the Dataset and Analysis (which variants the filter keeps,
// their order under the sort, their statistics), not through the item models or the proxies.
#include "models/data/dataset.h"
#include "models/itemmodels/table_text.h"
#include "models/itemmodels/variants_model.h"
#include "models/parsers/csv_parser.h"
#include "models/stats/analysis.h"
#include "models/util/escape.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/main_window.h"
#include "ui/selection_hub.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace benchlens;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

using Rows = std::vector<std::vector<std::string>>;

// The clipboard's CSV, header first, read by the project's CSV parser (RFC 4180 quoting).
Rows clipboardCsv()
{
    const std::string text = QApplication::clipboard()->text().toStdString();
    Rows rows;
    csv::parse(text, ',', [&](const csv::Row& row) {
        rows.emplace_back(row.fields.begin(), row.fields.end());
        return true;
    });
    return rows;
}

void trigger(MainWindow& window, const QString& text)
{
    bool found = false;
    for (QAction* a : window.findChildren<QAction*>()) {
        if (a->text() == text) {
            a->trigger();
            found = true;
            break;
        }
    }
    ASSERT_TRUE(found) << text.toStdString();
}

// The model with the most variants that have statistics: a filter that keeps several rows and drops others.
std::string busiestModel(const Dataset& ds, const Analysis& an)
{
    std::map<std::string, std::set<uint32_t>> variants;
    for (const MetricStats& ms : an.stats)
        variants[ds.variants[ms.variant].model].insert(ms.variant);
    std::string best;
    size_t most = 0;
    for (const auto& [model, vs] : variants) {
        if (!model.empty() && vs.size() > most) {
            most = vs.size();
            best = model;
        }
    }
    return best;
}

// Whether a displayed number (rounded for display) is `expected`.
bool sameNumber(const std::string& shown, double expected)
{
    const double v = std::stod(shown);
    return std::abs(v - expected) <= 5e-3 * std::max(1.0, std::abs(expected));
}

struct Window
{
    MainWindow window;
    const Dataset* ds = nullptr;
    const Analysis* an = nullptr;

    bool open()
    {
        test::showQuietly(window);
        if (!test::openAndWait(window, q(test::corpusDir())))
            return false;
        ds = window.hub()->folder().dataset.get();
        an = window.hub()->folder().analysis.get();
        return ds && an;
    }
};

} // namespace

// The Variants tree filtered to one model and sorted by n (descending): Copy Table as CSV holds every kept variant
// with all its metric rows, each metric row naming its variant, in the sorted order.
TEST(TableCopy, VariantsTableAsShownWithTheVariantInEveryRow)
{
    Window w;
    ASSERT_TRUE(w.open());
    const Dataset& ds = *w.ds;
    const Analysis& an = *w.an;
    const std::string model = busiestModel(ds, an);
    ASSERT_FALSE(model.empty());
    w.window.hub()->setModelFilter(q(model));
    w.window.setCurrentView(MainWindow::VariantsView);
    auto* view = qobject_cast<QTreeView*>(w.window.currentTableView());
    ASSERT_NE(view, nullptr);
    view->sortByColumn(VariantsModel::NColumn, Qt::DescendingOrder);
    QApplication::processEvents();

    // Expected: the variants of `model` with statistics, by observations (descending; ties in variant order, as a
    // stable sort keeps them), each followed by its metrics by n (descending; ties in metric order).
    std::vector<uint32_t> variants;
    std::map<uint32_t, std::vector<const MetricStats*>> metrics;
    for (const MetricStats& ms : an.stats) {
        if (ds.variants[ms.variant].model != model)
            continue;
        if (metrics[ms.variant].empty())
            variants.push_back(ms.variant);
        metrics[ms.variant].push_back(&ms);
    }
    std::stable_sort(variants.begin(), variants.end(),
        [&](uint32_t a, uint32_t b) { return ds.variants[a].observations > ds.variants[b].observations; });
    size_t expectedRows = 0;
    for (auto& [v, list] : metrics) {
        std::stable_sort(list.begin(), list.end(),
            [](const MetricStats* a, const MetricStats* b) { return a->summary.n > b->summary.n; });
        expectedRows += 1 + list.size();
    }
    ASSERT_GE(variants.size(), 2u);

    trigger(w.window, QStringLiteral("Copy Table as &CSV"));
    const Rows rows = clipboardCsv();
    ASSERT_EQ(rows.size(), expectedRows + 1);
    const std::vector<std::string> header = {"Variant", "Metric", "Unit", "n", "Mean", "Median", "p95", "Std dev", "CV",
        "Min", "Max", "95% CI", "Failed", "Runs", "Files"};
    EXPECT_EQ(rows[0], header);
    size_t r = 1;
    for (const uint32_t v : variants) {
        const Variant& var = ds.variants[v];
        ASSERT_EQ(rows[r].size(), header.size());
        EXPECT_EQ(rows[r][0], var.id);
        EXPECT_EQ(rows[r][1], "");
        EXPECT_EQ(rows[r][3], std::to_string(var.observations));
        EXPECT_EQ(rows[r][12], std::to_string(var.failedObservations));
        EXPECT_EQ(rows[r][13], std::to_string(var.runs.size()));
        EXPECT_EQ(rows[r][14], std::to_string(var.files.size()));
        ++r;
        for (const MetricStats* ms : metrics[v]) {
            ASSERT_EQ(rows[r].size(), header.size());
            EXPECT_EQ(rows[r][0], var.id) << "a metric row names its variant";
            EXPECT_EQ(rows[r][1], ds.metrics[ms->metric].id);
            EXPECT_EQ(rows[r][2], ds.metrics[ms->metric].unit);
            EXPECT_EQ(rows[r][3], std::to_string(ms->summary.n));
            EXPECT_TRUE(sameNumber(rows[r][4], ms->summary.mean)) << rows[r][4] << " vs " << ms->summary.mean;
            EXPECT_TRUE(sameNumber(rows[r][9], ms->summary.min)) << rows[r][9];
            EXPECT_TRUE(sameNumber(rows[r][10], ms->summary.max)) << rows[r][10];
            ++r;
        }
    }

    // As Markdown: the same rows, each cell escaped as the report escapes it.
    trigger(w.window, QStringLiteral("Copy Table as &Markdown"));
    const QStringList md = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(static_cast<size_t>(md.size()), expectedRows + 2);
    EXPECT_TRUE(md[0].startsWith(QStringLiteral("| Variant | Metric | Unit | n | Mean |")));
    const MetricStats* first = metrics[variants[0]].front();
    EXPECT_TRUE(md[3].startsWith(
        QStringLiteral("| %1 | %2 | %3 | %4 | ")
            .arg(q(escapeMarkdown(ds.variants[variants[0]].id)), q(escapeMarkdown(ds.metrics[first->metric].id)),
                q(escapeMarkdown(ds.metrics[first->metric].unit)))
            .arg(first->summary.n)))
        << md[3].toStdString();
}

// Ctrl+A then Copy Selection gives the table (every row is selected); a selection made out of order (a metric row of
// the second variant, then the first variant's row) comes out in the view's order, the metric row naming its variant.
TEST(TableCopy, SelectionInViewOrderAndSelfContained)
{
    Window w;
    ASSERT_TRUE(w.open());
    w.window.hub()->setModelFilter(q(busiestModel(*w.ds, *w.an)));
    w.window.setCurrentView(MainWindow::VariantsView);
    auto* view = qobject_cast<QTreeView*>(w.window.currentTableView());
    ASSERT_NE(view, nullptr);
    view->expandAll();
    QApplication::processEvents();

    trigger(w.window, QStringLiteral("Copy Table as &CSV"));
    const QString table = QApplication::clipboard()->text();
    view->setFocus();
    view->selectAll();
    trigger(w.window, QStringLiteral("Copy &Selection as CSV"));
    EXPECT_EQ(QApplication::clipboard()->text(), table);

    QAbstractItemModel* m = view->model();
    ASSERT_GE(m->rowCount(), 2);
    const QModelIndex firstVariant = m->index(0, 0);
    const QModelIndex secondVariant = m->index(1, 0);
    ASSERT_GE(m->rowCount(secondVariant), 1);
    const QModelIndex metricRow = m->index(0, 0, secondVariant);
    const Dataset& ds = *w.ds;
    const Variant& v1 = ds.variants[static_cast<size_t>(firstVariant.data(VariantsModel::VariantRole).toInt())];
    const Variant& v2 = ds.variants[static_cast<size_t>(secondVariant.data(VariantsModel::VariantRole).toInt())];
    const std::string metric = ds.metrics[static_cast<size_t>(metricRow.data(VariantsModel::MetricRole).toInt())].id;
    view->selectionModel()->clearSelection();
    view->selectionModel()->select(metricRow, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(firstVariant, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    trigger(w.window, QStringLiteral("Copy &Selection as CSV"));
    const Rows rows = clipboardCsv();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1][0], v1.id);
    EXPECT_EQ(rows[1][1], "");
    EXPECT_EQ(rows[2][0], v2.id);
    EXPECT_EQ(rows[2][1], metric);

    // Nothing selected: Copy Selection leaves the clipboard alone.
    view->selectionModel()->clearSelection();
    QApplication::clipboard()->setText(QStringLiteral("kept"));
    trigger(w.window, QStringLiteral("Copy &Selection as CSV"));
    EXPECT_EQ(QApplication::clipboard()->text(), QStringLiteral("kept"));
}

// The Samples table filtered to one model and one metric and sorted by value (descending): Copy Table holds exactly
// those samples, in that order, with their variant, metric, value and file.
TEST(TableCopy, SamplesTableFilteredAndSorted)
{
    Window w;
    ASSERT_TRUE(w.open());
    const Dataset& ds = *w.ds;
    const std::string model = busiestModel(ds, *w.an);
    const auto ttft = ds.findMetric("ttft_ms");
    ASSERT_TRUE(ttft.has_value());
    w.window.hub()->setModelFilter(q(model));
    w.window.hub()->setMetricFilter(QStringLiteral("ttft_ms"));
    w.window.setCurrentView(MainWindow::SamplesView);
    auto* view = qobject_cast<QTableView*>(w.window.currentTableView());
    ASSERT_NE(view, nullptr);
    QApplication::processEvents();
    view->sortByColumn(3, Qt::DescendingOrder); // the Value column
    QApplication::processEvents();

    std::vector<size_t> expected;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        if (ds.samples.metric[s] == ttft->value && ds.variants[ds.samples.variant[s]].model == model)
            expected.push_back(s);
    }
    std::stable_sort(expected.begin(), expected.end(),
        [&](size_t a, size_t b) { return ds.samples.value[a] > ds.samples.value[b]; });
    ASSERT_GE(expected.size(), 10u);

    trigger(w.window, QStringLiteral("Copy Table as &CSV"));
    const Rows rows = clipboardCsv();
    ASSERT_EQ(rows.size(), expected.size() + 1);
    const std::vector<std::string>& header = rows[0];
    ASSERT_GE(header.size(), 7u);
    EXPECT_EQ(header[0], "Variant");
    const auto col = [&](const std::string& name) {
        return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const size_t metricCol = col("Metric"), valueCol = col("Value"), fileCol = col("Source file");
    ASSERT_LT(fileCol, header.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const size_t s = expected[i];
        const auto& row = rows[i + 1];
        EXPECT_EQ(row[0], ds.variants[ds.samples.variant[s]].id) << i;
        EXPECT_EQ(row[metricCol], "ttft_ms");
        EXPECT_TRUE(sameNumber(row[valueCol], ds.samples.value[s])) << row[valueCol] << " vs " << ds.samples.value[s];
        EXPECT_EQ(row[fileCol], ds.files[ds.samples.file[s]].path);
    }
}

// The Inventory tree: a file row names its folder (the path from the top), so every file of the folder is a row
// of its own.
TEST(TableCopy, InventoryRowsCarryTheirPath)
{
    Window w;
    ASSERT_TRUE(w.open());
    w.window.setCurrentView(MainWindow::InventoryView);
    ASSERT_NE(w.window.currentTableView(), nullptr);
    trigger(w.window, QStringLiteral("Copy Table as &CSV"));
    const Rows rows = clipboardCsv();
    std::set<std::string> first;
    for (size_t r = 1; r < rows.size(); ++r)
        first.insert(rows[r][0]);
    ASSERT_GT(w.ds->files.size(), 20u);
    for (const SourceFile& f : w.ds->files)
        EXPECT_TRUE(first.count(f.path)) << f.path;
    // One row per file and per folder below the root.
    EXPECT_EQ(rows.size() - 1, w.ds->files.size() + w.ds->inventory.directories.size() - 1);
}
