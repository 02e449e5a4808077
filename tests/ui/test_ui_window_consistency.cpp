// Issue 16: the window must never hang or lie. The exact sequences a user reported, driven through the real window
// offscreen with the same clicks and keys, and the samples table checked against a count made here from the
// Dataset, independently of the proxies.
#include "models/data/dataset.h"
#include "models/itemmodels/sample_filter_proxy.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/variants_model.h"
#include "tests/support/test_paths.h"
#include "tests/support/window_helpers.h"
#include "ui/filter_bar.h"
#include "ui/main_window.h"
#include "ui/pages/samples_page.h"
#include "ui/pages/variants_page.h"
#include "ui/selection_hub.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include <cstdio>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>

using namespace benchlens;

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// A shown, active window on `folder`: shortcuts reach it as a user's keys do.
bool openActive(MainWindow& window, const QString& folder)
{
    test::showQuietly(window);
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    return QTest::qWaitForWindowActive(&window) && test::openAndWait(window, folder);
}

// A key as the user presses it: to the focused widget of the (active) window.
void press(MainWindow& window, int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
    QTest::keyClick(target, static_cast<Qt::Key>(key), modifiers);
}

int allRows(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    int n = 0;
    for (int r = 0; r < model.rowCount(parent); ++r)
        n += 1 + allRows(model, model.index(r, 0, parent));
    return n;
}

void clickRow(QAbstractItemView* view, const QModelIndex& index, Qt::MouseButton button = Qt::LeftButton)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), button, {}, view->visualRect(index).center());
}

// Right-clicks `index` and chooses the action `text` in the context menu that opens. The press selects the row as
// a user's does; the menu is asked for as the platform's context-menu event does (the offscreen platform sends none).
void chooseFromContextMenu(QAbstractItemView* view, const QModelIndex& index, const QString& text)
{
    clickRow(view, index, Qt::RightButton);
    bool chosen = false;
    QTimer::singleShot(0, view, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        for (QAction* a : menu ? menu->actions() : QList<QAction*>()) {
            if (a->text() == text) {
                chosen = true;
                a->trigger();
            }
        }
        if (menu)
            menu->close();
    });
    emit view->customContextMenuRequested(view->visualRect(index).center());
    EXPECT_TRUE(chosen) << text.toStdString();
    // The closed menu gives the activation back to the window (the offscreen platform does not).
    QApplication::setActiveWindow(view->window());
    view->setFocus();
    EXPECT_TRUE(QTest::qWaitForWindowActive(view->window()));
}

QToolButton* clearSelectionButton(MainWindow& window)
{
    for (auto* b : window.findChild<FilterBar*>()->findChildren<QToolButton*>()) {
        if (b->text() == QStringLiteral("Clear selection"))
            return b;
    }
    return nullptr;
}

void typeFilter(MainWindow& window, const QString& text)
{
    press(window, Qt::Key_F, Qt::ControlModifier);
    QLineEdit* edit = window.findChild<FilterBar*>()->textEdit();
    EXPECT_EQ(QApplication::focusWidget(), edit);
    press(window, Qt::Key_A, Qt::ControlModifier);
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    // The filter bar applies typing after a pause.
    EXPECT_TRUE(QTest::qWaitFor([&] { return window.hub()->filter().text == text; }, 5000));
}

// Whether a variant passes the model filter and every configuration filter (the variant's value, the last one
// listed for a key), decided here.
bool passesModelAndConfig(const Variant& v, const SampleFilter& f)
{
    if (!f.model.isEmpty() && q(v.model) != f.model)
        return false;
    for (const auto& [key, value] : f.config) {
        std::string has;
        bool found = false;
        for (const auto& [k, val] : v.config) {
            if (q(k) == key) {
                has = val;
                found = true;
            }
        }
        if (!found || q(has) != value)
            return false;
    }
    return true;
}

// Whether sample `s` passes the text and metric filters, decided here: the metric is the chosen one and the text is a
// case-insensitive part of the variant id, the file path or the metric id.
bool passesTextAndMetric(const Dataset& ds, const SampleFilter& f, size_t s)
{
    const std::string& metric = ds.metrics[ds.samples.metric[s]].id;
    if (!f.metric.isEmpty() && q(metric) != f.metric)
        return false;
    const auto has = [&](const std::string& text) { return q(text).contains(f.text, Qt::CaseInsensitive); };
    return f.text.isEmpty() || has(ds.variants[ds.samples.variant[s]].id) || has(ds.files[ds.samples.file[s]].path)
        || has(metric);
}

// The samples the hub's filter lets through, decided here from the Dataset alone (not through SampleFilter or the
// proxy): the selection, the model, every configuration filter (the variant's value, the last one listed for a
// key), the metric, and the text as a case-insensitive part of the variant id, the file path or the metric id.
std::set<int> expectedSamples(const Dataset& ds, const SampleFilter& f)
{
    std::set<int> rows;
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        const Variant& v = ds.variants[ds.samples.variant[s]];
        if (f.variant && f.variant->value != ds.samples.variant[s])
            continue;
        if (f.file && f.file->value != ds.samples.file[s])
            continue;
        if (!passesModelAndConfig(v, f) || !passesTextAndMetric(ds, f, s))
            continue;
        rows.insert(static_cast<int>(s));
    }
    return rows;
}

// What the samples table shows: the sample behind every row of the view's model, and the count above it.
struct Shown
{
    std::set<int> rows;
    int rowCount = 0;
    QString count;
};

Shown shownSamples(MainWindow& window)
{
    auto* page = window.findChild<SamplesPage*>();
    const QAbstractItemModel* model = page->view()->model();
    Shown shown;
    shown.rowCount = model->rowCount();
    for (int r = 0; r < shown.rowCount; ++r)
        shown.rows.insert(model->index(r, 0).data(SamplesModel::SampleRole).toInt());
    shown.count = page->countText();
    return shown;
}

// The table shows exactly the samples the filter lets through, and the count says how many.
void expectSamplesTableTrue(MainWindow& window, const char* step)
{
    const Dataset& ds = *window.hub()->dataset();
    const SampleFilter& f = window.hub()->filter();
    SCOPED_TRACE(QStringLiteral("%1: text '%2', model '%3', metric '%4', %5 configuration filters, variant %6, file %7")
                     .arg(QString::fromUtf8(step), f.text, f.model, f.metric)
                     .arg(f.config.size())
                     .arg(window.hub()->variant())
                     .arg(window.hub()->file())
                     .toStdString());
    const std::set<int> expected = expectedSamples(ds, window.hub()->filter());
    const Shown shown = shownSamples(window);
    EXPECT_EQ(shown.rowCount, static_cast<int>(expected.size()));
    EXPECT_EQ(shown.rows, expected);
    EXPECT_EQ(shown.count, QStringLiteral("%1 of %2 samples").arg(expected.size()).arg(ds.samples.size()));
}

} // namespace

// Issue 16, bug 1: Variants → click a row → Ctrl+A → Ctrl+2 → Clear selection (also Esc) never returned: clearing
// the selection refiltered the Variants proxy with invalidate(), whose layoutChanged makes the tree's selection model
// hold one persistent index per selected cell, and Qt 6.4 destroys those in quadratic time. The filter change must
// not re-lay out the tree (no layoutAboutToBeChanged), and the tree keeps its selection.
TEST(WindowConsistency, VariantsSelectAllThenClearSelectionReturns)
{
    MainWindow window;
    ASSERT_TRUE(openActive(window, q(test::corpusDir())));
    window.setCurrentView(MainWindow::VariantsView);
    QTreeView* tree = window.findChild<VariantsPage*>()->view();
    QSignalSpy relayout(tree->model(), &QAbstractItemModel::layoutAboutToBeChanged);
    clickRow(tree, tree->model()->index(1, 0));
    ASSERT_GE(window.hub()->variant(), 0);
    press(window, Qt::Key_A, Qt::ControlModifier);
    const auto selectedRows = tree->selectionModel()->selectedRows().size();
    ASSERT_EQ(selectedRows, allRows(*tree->model())); // every variant row and its metric rows
    press(window, Qt::Key_2, Qt::ControlModifier);
    ASSERT_EQ(window.currentView(), MainWindow::SamplesView);
    QTest::mouseClick(clearSelectionButton(window), Qt::LeftButton);
    EXPECT_EQ(window.hub()->variant(), -1);
    EXPECT_EQ(relayout.size(), 0);
    EXPECT_EQ(tree->selectionModel()->selectedRows().size(), selectedRows);
    expectSamplesTableTrue(window, "after Clear selection");

    // The same with Esc, and with the Variants tree expanded (a selected cell per column of every metric row).
    window.setCurrentView(MainWindow::VariantsView);
    tree->expandAll();
    clickRow(tree, tree->model()->index(2, 0));
    press(window, Qt::Key_A, Qt::ControlModifier);
    press(window, Qt::Key_2, Qt::ControlModifier);
    press(window, Qt::Key_Escape);
    EXPECT_EQ(window.hub()->variant(), -1);
    EXPECT_EQ(relayout.size(), 0);
    expectSamplesTableTrue(window, "after Esc");
}

// Issue 16, bug 2 (first sequence): text filter "quantization" → right-click Set variant as baseline → Esc →
// Ctrl+F, Ctrl+A, type "quantization=q8" showed "−45 of 1476 samples" over a blank grid.
TEST(WindowConsistency, SamplesCountAfterBaselineEscAndRetypedFilter)
{
    MainWindow window;
    ASSERT_TRUE(openActive(window, q(test::corpusDir())));
    window.setCurrentView(MainWindow::SamplesView);
    QTableView* table = window.findChild<SamplesPage*>()->view();
    typeFilter(window, QStringLiteral("quantization"));
    expectSamplesTableTrue(window, "text filter");
    EXPECT_GT(table->model()->rowCount(), 0);
    chooseFromContextMenu(table, table->model()->index(0, 0), QStringLiteral("Set variant as baseline"));
    expectSamplesTableTrue(window, "baseline set");
    window.setCurrentView(MainWindow::SamplesView);
    table->setFocus();
    press(window, Qt::Key_Escape);
    EXPECT_EQ(window.hub()->variant(), -1);
    expectSamplesTableTrue(window, "Esc");
    typeFilter(window, QStringLiteral("quantization=q8"));
    expectSamplesTableTrue(window, "retyped filter");
}

namespace {

QComboBox* filterCombo(MainWindow& window, int which) // 0: model, 1: metric (the filter bar's order)
{
    return window.findChild<FilterBar*>()->findChildren<QComboBox*>().at(which);
}

// What the Variants tree lists, decided here: per variant with observations (a metric row in the tree's source), of
// the chosen model and with every configuration filter's value, the metrics (with a row in the source) of which a
// sample passes the text and metric filters; a variant is listed when one of its metrics is.
std::map<int, std::set<int>> expectedVariants(MainWindow& window)
{
    const Dataset& ds = *window.hub()->dataset();
    const SampleFilter& f = window.hub()->filter();
    const VariantsModel& model = *window.variantsModel();
    std::map<int, std::set<int>> passing; // variant -> metrics with a passing sample
    for (size_t s = 0; s < ds.samples.size(); ++s) {
        if (passesTextAndMetric(ds, f, s))
            passing[static_cast<int>(ds.samples.variant[s])].insert(static_cast<int>(ds.samples.metric[s]));
    }
    std::map<int, std::set<int>> rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex idx = model.index(r, 0);
        const int v = idx.data(VariantsModel::VariantRole).toInt();
        const Variant& variant = ds.variants[static_cast<size_t>(v)];
        if (model.rowCount(idx) == 0 || !passesModelAndConfig(variant, f))
            continue;
        std::set<int> metrics;
        for (int m = 0; m < model.rowCount(idx); ++m) {
            const int metric = model.index(m, 0, idx).data(VariantsModel::MetricRole).toInt();
            if (passing[v].count(metric))
                metrics.insert(metric);
        }
        if (!metrics.empty())
            rows[v] = metrics;
    }
    return rows;
}

void expectVariantsTreeTrue(MainWindow& window, const char* step)
{
    SCOPED_TRACE(step);
    auto* page = window.findChild<VariantsPage*>();
    const QAbstractItemModel* tree = page->view()->model();
    std::map<int, std::set<int>> shown;
    for (int r = 0; r < tree->rowCount(); ++r) {
        const QModelIndex idx = tree->index(r, 0);
        std::set<int>& metrics = shown[idx.data(VariantsModel::VariantRole).toInt()];
        for (int m = 0; m < tree->rowCount(idx); ++m)
            metrics.insert(tree->index(m, 0, idx).data(VariantsModel::MetricRole).toInt());
    }
    EXPECT_EQ(tree->rowCount(), static_cast<int>(shown.size()));
    const auto expected = expectedVariants(window);
    EXPECT_EQ(shown, expected);
    int withObservations = 0;
    for (int r = 0; r < window.variantsModel()->rowCount(); ++r)
        withObservations += window.variantsModel()->rowCount(window.variantsModel()->index(r, 0)) > 0;
    EXPECT_EQ(page->countText(), QStringLiteral("%1 of %2 variants").arg(expected.size()).arg(withObservations));
}

} // namespace

// Issue 16, bug 2 (second sequence): the metric and num_gpu=80 filters, rows selected and cleared in Variants, then
// the text filter edited and F5: the table said "-264 of 1476", and after F5 listed 21 throughput samples of 213.
TEST(WindowConsistency, SamplesCountAfterMetricConfigVariantsSelectionsAndReload)
{
    MainWindow window;
    ASSERT_TRUE(openActive(window, q(test::corpusDir())));
    QComboBox* metric = filterCombo(window, 1);
    const int tput = metric->findData(QStringLiteral("throughput_tok_s"));
    ASSERT_GE(tput, 0);
    metric->setCurrentIndex(tput);
    expectSamplesTableTrue(window, "metric filter");
    window.hub()->setConfigFilter(QStringLiteral("num_gpu"), QStringLiteral("80")); // the filter bar's menu action
    expectSamplesTableTrue(window, "num_gpu=80");
    expectVariantsTreeTrue(window, "num_gpu=80");
    window.setCurrentView(MainWindow::VariantsView);
    QTreeView* tree = window.findChild<VariantsPage*>()->view();
    ASSERT_GE(tree->model()->rowCount(), 2);
    for (int row : {0, 1}) {
        clickRow(tree, tree->model()->index(row, 0));
        expectSamplesTableTrue(window, "a variant clicked");
        press(window, Qt::Key_A, Qt::ControlModifier);
        press(window, Qt::Key_Escape);
        expectSamplesTableTrue(window, "cleared");
    }
    window.hub()->setConfigFilter(QStringLiteral("num_gpu"), QString());
    expectSamplesTableTrue(window, "num_gpu any");
    expectVariantsTreeTrue(window, "num_gpu any");
    clickRow(tree, tree->model()->index(3, 0));
    window.setCurrentView(MainWindow::SamplesView);
    typeFilter(window, QStringLiteral("llama"));
    expectSamplesTableTrue(window, "text filter");
    QSignalSpy loaded(&window, &MainWindow::folderLoaded);
    press(window, Qt::Key_F5);
    ASSERT_TRUE(loaded.wait(120000));
    expectSamplesTableTrue(window, "F5");
    window.hub()->clearSelection();
    typeFilter(window, QString());
    expectSamplesTableTrue(window, "every throughput sample");
    // Counted from chimeraforge by `benchlens summarize --json`: 213 throughput samples.
    EXPECT_EQ(window.findChild<SamplesPage*>()->view()->model()->rowCount(), 213);
}

// Random sequences of what a user does to the filter, the selection and the tables, each step checked against the
// recomputations above: the count shown equals the rows shown, and the rows are the filter's.
TEST(WindowConsistency, RandomFilterSelectionSortAndReloadSequencesAgree)
{
    MainWindow window;
    ASSERT_TRUE(openActive(window, q(test::sampleDir())));
    QTableView* table = window.findChild<SamplesPage*>()->view();
    QTreeView* tree = window.findChild<VariantsPage*>()->view();
    SelectionHub* hub = window.hub();
    std::mt19937 rng(16); // fixed seed: a failure replays
    const auto pick = [&](int n) { return n <= 0 ? 0 : std::uniform_int_distribution<int>(0, n - 1)(rng); };
    // Filter texts: parts of what the text filter searches, and one that matches nothing.
    QStringList texts = {QString(), QStringLiteral("zzz-no-match")};
    for (const auto& v : hub->dataset()->variants)
        texts << q(v.id).left(1 + pick(int(v.id.size())));
    for (const auto& m : hub->dataset()->metrics)
        texts << q(m.id).mid(pick(int(m.id.size())));
    std::vector<std::pair<QString, QString>> configs;
    for (const auto& v : hub->dataset()->variants) {
        for (const auto& [k, value] : v.config)
            configs.emplace_back(q(k), q(value));
    }
    const int sequences = 2000;
    const int steps = 8;
    int reloads = 0;
    for (int s = 0; s < sequences && !HasFailure(); ++s) {
        for (int step = 0; step < steps && !HasFailure(); ++step) {
            const int action = s % 100 == 99 && step == 0 ? 10 : pick(10); // a reload in every 100th sequence
            switch (action) {
            case 0:
                hub->setFilterText(texts[pick(int(texts.size()))]);
                break;
            case 1:
                filterCombo(window, 0)->setCurrentIndex(pick(filterCombo(window, 0)->count()));
                break;
            case 2:
                filterCombo(window, 1)->setCurrentIndex(pick(filterCombo(window, 1)->count()));
                break;
            case 3: {
                const auto& [key, value] = configs[size_t(pick(int(configs.size())))];
                hub->setConfigFilter(key, pick(3) == 0 ? QString() : value);
                break;
            }
            case 4:
                if (tree->model()->rowCount() > 0)
                    tree->setCurrentIndex(tree->model()->index(pick(tree->model()->rowCount()), 0));
                break;
            case 5:
                if (table->model()->rowCount() > 0)
                    table->setCurrentIndex(table->model()->index(pick(table->model()->rowCount()), 0));
                break;
            case 6:
                (pick(2) ? static_cast<QAbstractItemView*>(tree) : table)->selectAll();
                break;
            case 7:
                hub->clearSelection();
                break;
            case 8:
                table->sortByColumn(
                    pick(table->model()->columnCount()), pick(2) ? Qt::AscendingOrder : Qt::DescendingOrder);
                break;
            case 9:
                tree->sortByColumn(
                    pick(VariantsModel::ColumnCount), pick(2) ? Qt::AscendingOrder : Qt::DescendingOrder);
                break;
            default: {
                QSignalSpy loaded(&window, &MainWindow::folderLoaded);
                window.reload();
                ASSERT_TRUE(loaded.wait(120000));
                ++reloads;
            }
            }
            QCoreApplication::processEvents(); // a filter set during a refilter is applied next
            const std::string where = "sequence " + std::to_string(s) + ", step " + std::to_string(step) + ", action "
                + std::to_string(action);
            expectSamplesTableTrue(window, where.c_str());
            expectVariantsTreeTrue(window, where.c_str());
        }
        if (pick(4) == 0)
            hub->clearConfigFilters();
    }
    std::fprintf(stderr, "%d random sequences of %d steps, %d reloads\n", sequences, steps, reloads);
}
