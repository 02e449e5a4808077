#include "ui/main_window.h"

#include "models/data/dataset.h"
#include "models/data/user_map.h"
#include "models/itemmodels/diagnostics_model.h"
#include "models/itemmodels/inventory_model.h"
#include "models/itemmodels/sample_filter_proxy.h"
#include "models/itemmodels/samples_model.h"
#include "models/itemmodels/table_text.h"
#include "models/itemmodels/variants_model.h"
#include "models/jobs/ingest_job.h"
#include "models/stats/headlines.h"
#include "ui/charts/charts_page.h"
#include "ui/charts/compare_charts_widget.h"
#include "ui/data_export_action.h"
#include "ui/filter_bar.h"
#include "ui/item_view_tools.h"
#include "ui/pages/compare_page.h"
#include "ui/pages/diagnostics_page.h"
#include "ui/pages/inventory_page.h"
#include "ui/pages/overview_page.h"
#include "ui/pages/report_page.h"
#include "ui/pages/samples_page.h"
#include "ui/pages/variants_page.h"
#include "ui/selection_hub.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

namespace benchlens {

namespace {
const auto kRecentKey = QStringLiteral("recentFolders");
const auto kGeometryKey = QStringLiteral("mainWindow/geometry");
const auto kStateKey = QStringLiteral("mainWindow/state");
constexpr int kMaxRecent = 10;
// inotify watches are a shared, limited resource: a huge folder is watched at its top levels only.
constexpr int kMaxWatchedPaths = 2000;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_hub(new SelectionHub(this))
    , m_job(new IngestJob(this))
    , m_userMap(std::make_unique<UserMap>())
    , m_inventory(new InventoryModel(this))
    , m_samples(new SamplesModel(this))
    , m_sampleProxy(new SampleFilterProxy(this))
    , m_variants(new VariantsModel(this))
    , m_diagnostics(new DiagnosticsModel(this))
{
    setWindowTitle(tr("BenchLens"));
    setAcceptDrops(true);
    connect(m_hub, &SelectionHub::mapRuleRequested, this,
        [this](const QString& column, const QString& rule) { applyMapRule(column, rule); });
    m_sampleProxy->setSamplesModel(m_samples);
    // The samples table applies the hub's filter; everything else reads it from the hub.
    connect(m_hub, &SelectionHub::filterChanged, m_sampleProxy, [this] { m_sampleProxy->setFilter(m_hub->filter()); });

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* filterBar = new FilterBar(m_hub);
    layout->addWidget(filterBar);
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_pages[InventoryView] = new InventoryPage(m_hub, m_inventory);
    m_pages[SamplesView] = new SamplesPage(m_hub, m_samples, m_sampleProxy);
    m_pages[VariantsView] = new VariantsPage(m_hub, m_variants, m_sampleProxy);
    m_charts = new ChartsPage(m_hub);
    m_pages[ChartsView] = m_charts;
    m_pages[DiagnosticsView] = new DiagnosticsPage(m_hub, m_diagnostics);
    m_compare = new ComparePage(m_hub);
    m_pages[CompareView] = m_compare;
    m_report = new ReportPage(m_hub);
    m_pages[ReportView] = m_report;
    auto* overview = new OverviewPage(m_hub);
    m_pages[OverviewView] = overview;
    connect(overview, &OverviewPage::viewRequested, this, [this](const QString& name) { showView(name); });
    m_tabs->addTab(m_pages[OverviewView], tr("&Overview"));
    m_tabs->addTab(m_pages[InventoryView], tr("&Inventory"));
    m_tabs->addTab(m_pages[SamplesView], tr("&Samples"));
    m_tabs->addTab(m_pages[VariantsView], tr("&Variants"));
    m_tabs->addTab(m_pages[ChartsView], tr("C&harts"));
    m_tabs->addTab(m_pages[DiagnosticsView], tr("&Diagnostics"));
    m_tabs->addTab(m_pages[CompareView], tr("Co&mpare"));
    m_tabs->addTab(m_pages[ReportView], tr("&Report"));
    // "Compare with baseline" anywhere shows the comparison.
    connect(m_compare, &ComparePage::candidateAdded, this, [this] { setCurrentView(CompareView); });
    connect(m_report, &ReportPage::exported, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(path)), 15000);
    });
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    // Status bar: progress + current file + Cancel while ingesting, the summary afterwards.
    m_progress = new QProgressBar;
    m_progress->setMaximumWidth(220);
    m_progress->setFormat(QStringLiteral("%v / %m files"));
    m_progressFile = new QLabel;
    m_progressFile->setMinimumWidth(100);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop reading the folder (Esc)"));
    m_summary = new QLabel(tr("Open a folder of benchmark results: File > Open Folder (Ctrl+O), or drop it here."));
    statusBar()->addWidget(m_summary, 1);
    statusBar()->addWidget(m_progressFile, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    m_progress->hide();
    m_progressFile->hide();
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancelIngest);

    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, &MainWindow::updateProgress);
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(1000); // debounce: a benchmark appends many times per second
    connect(m_reloadTimer, &QTimer::timeout, this, [this] {
        if (m_job->isRunning())
            m_pendingReload = true;
        else
            reload();
    });

    connect(m_job, &IngestJob::finished, this, &MainWindow::onLoaded);
    connect(m_job, &IngestJob::failed, this, [this](const QString& root, const QString& message) {
        onIngestEnded();
        m_summary->setText(tr("Could not open %1: %2").arg(QDir::toNativeSeparators(root), message));
        emit loadFailed(message);
    });
    connect(m_job, &IngestJob::cancelled, this, [this](const QString&) {
        onIngestEnded();
        m_summary->setText(m_hub->dataset() ? statusSummary() + tr(" — reload cancelled") : tr("Cancelled."));
        emit loadFailed(tr("cancelled"));
    });

    m_dataExport = new DataExportAction(m_hub, this);
    connect(m_dataExport, &DataExportAction::exported, this, [this](const QStringList& files) {
        statusBar()->showMessage(tr("Exported %1").arg(files.join(QStringLiteral(", "))), 10000);
    });
    createMenus();
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
    updateRecentMenu();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Folder…"), this, &MainWindow::chooseFolder);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QAction* reloadAction = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    // F5 and the platform's Refresh, once each: on Linux Refresh is F5 too, and a key bound twice in one action is
    // an "ambiguous shortcut" that does nothing (F5 did not reload, issue 16).
    QList<QKeySequence> reloadKeys = QKeySequence::keyBindings(QKeySequence::Refresh);
    if (!reloadKeys.contains(QKeySequence(Qt::Key_F5)))
        reloadKeys.prepend(QKeySequence(Qt::Key_F5));
    reloadAction->setShortcuts(reloadKeys);
    file->addSeparator();
    file->addAction(tr("Load &Mapping…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load a mapping (benchlens.map/1)"), QString(), tr("Mappings (*.json);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !loadMapping(path, &error))
            QMessageBox::warning(this, tr("Mapping not loaded"), error);
    });
    file->addAction(tr("Save M&apping…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the folder's mapping (benchlens.map/1)"), QString(), tr("Mappings (*.json)"));
        QString error;
        if (path.isEmpty())
            return;
        if (!m_root.isEmpty() && QFileInfo(path).absoluteFilePath().startsWith(m_root + QLatin1Char('/'))) {
            QMessageBox::warning(
                this, tr("Mapping not saved"), tr("BenchLens never writes inside the folder it reads."));
            return;
        }
        if (!saveMapping(path, &error))
            QMessageBox::warning(this, tr("Mapping not saved"), error);
    });
    file->addAction(tr("&Clear Mapping"), this, &MainWindow::clearMapping);
    file->addSeparator();
    QAction* exportReport = file->addAction(tr("&Export Report…"), m_report, &ReportPage::chooseExportFile);
    exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Export &Data…"), m_dataExport, &DataExportAction::choose);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    // Ctrl+C (the selection as CSV) belongs to each table (installItemViewTools): a second window-wide Ctrl+C here
    // would make the shortcut ambiguous.
    edit->addAction(
        tr("Copy &Selection as CSV"), this, [this] { copyViewSelection(currentTableView(), TableFormat::Csv); });
    edit->addAction(tr("Copy Selection as Mar&kdown"), this,
        [this] { copyViewSelection(currentTableView(), TableFormat::Markdown); });
    QAction* copyCsv = edit->addAction(
        tr("Copy Table as &CSV"), this, [this] { copyViewTable(currentTableView(), TableFormat::Csv); });
    copyCsv->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QAction* copyMd = edit->addAction(
        tr("Copy Table as &Markdown"), this, [this] { copyViewTable(currentTableView(), TableFormat::Markdown); });
    copyMd->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    edit->addSeparator();
    QAction* find = edit->addAction(tr("&Filter…"), this, [this] {
        if (auto* bar = findChild<FilterBar*>()) {
            bar->textEdit()->setFocus();
            bar->textEdit()->selectAll();
        }
    });
    find->setShortcut(QKeySequence::Find);
    QAction* clear = edit->addAction(tr("Clear &Selection"), this, [this] {
        if (m_job->isRunning())
            cancelIngest();
        else
            m_hub->clearSelection();
    });
    clear->setShortcut(QKeySequence(Qt::Key_Escape));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QString names[ViewCount] = {tr("&Inventory"), tr("&Samples"), tr("&Variants"), tr("C&harts"),
        tr("&Diagnostics"), tr("Co&mpare"), tr("&Report"), tr("&Overview")};
    // In the tabs' order: the Overview (Ctrl+0) first.
    for (const int i : {int(OverviewView), 0, 1, 2, 3, 4, 5, 6}) {
        QAction* a = view->addAction(names[i], this, [this, i] { setCurrentView(static_cast<View>(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(i == OverviewView ? Qt::Key_0 : Qt::Key_1 + i)));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About BenchLens"), this, [this] {
        QMessageBox::about(this, tr("About BenchLens"),
            tr("<b>BenchLens %1</b><p>Analyzes folders of LLM-inference benchmark artifacts. Every number is computed "
               "from the files and traced to its source.</p>")
                .arg(QCoreApplication::applicationVersion()));
    });
}

bool MainWindow::showView(const QString& name)
{
    static const QStringList views = {QStringLiteral("inventory"), QStringLiteral("samples"),
        QStringLiteral("variants"), QStringLiteral("charts"), QStringLiteral("diagnostics"), QStringLiteral("compare"),
        QStringLiteral("report"), QStringLiteral("overview")};
    static_assert(ViewCount == 8, "a name per view");
    const QString base = name.section(QLatin1Char(':'), 0, 0);
    const QString sub = name.section(QLatin1Char(':'), 1);
    const auto i = views.indexOf(base);
    if (i < 0)
        return false;
    setCurrentView(static_cast<View>(i));
    if (i == ChartsView) {
        static const QStringList tabs = {QString(), QStringLiteral("throughput"), QStringLiteral("latency"),
            QStringLiteral("scatter"), QStringLiteral("sweep")};
        const auto t = tabs.indexOf(sub);
        if (t < 0)
            return false;
        m_charts->setCurrentTab(t == 0 ? 0 : static_cast<int>(t) - 1);
    } else if (i == CompareView) {
        if (sub == QStringLiteral("pareto"))
            m_compare->charts()->setCurrentIndex(1);
        else if (!sub.isEmpty())
            return false;
        else
            m_compare->charts()->setCurrentIndex(0);
    } else if (!sub.isEmpty()) {
        return false;
    }
    return true;
}

void MainWindow::setCurrentView(View view)
{
    m_tabs->setCurrentWidget(m_pages[view]);
}

MainWindow::View MainWindow::currentView() const
{
    const auto* page = m_tabs->currentWidget();
    return static_cast<View>(std::find(std::begin(m_pages), std::end(m_pages), page) - std::begin(m_pages));
}

bool MainWindow::isLoading() const
{
    return m_job->isRunning();
}

void MainWindow::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of benchmark results"), m_root);
    if (!dir.isEmpty())
        openFolder(dir);
}

void MainWindow::openFolder(const QString& path)
{
    const QFileInfo info(path);
    m_root = info.absoluteFilePath();
    setWindowTitle(tr("%1 — BenchLens").arg(QDir::toNativeSeparators(m_root)));
    m_pendingReload = false;
    *m_userMap = UserMap {};
    const QString stored = QSettings().value(mappingSettingsKey(m_root)).toString();
    if (!stored.isEmpty()) {
        const QByteArray bytes = stored.toUtf8();
        auto parsed = parseUserMap(std::string_view(bytes.constData(), size_t(bytes.size())), "settings");
        if (parsed) {
            *m_userMap = std::move(parsed).value();
            m_userMap->source = tr("the window's mapping for this folder").toStdString();
        } else {
            statusBar()->showMessage(
                tr("The stored mapping of this folder is not used: %1").arg(QString::fromStdString(parsed.error())),
                15000);
        }
    }
    m_job->start(m_root, m_userMap.get());
    m_progress->setRange(0, 0);
    m_progress->show();
    m_progressFile->show();
    m_cancel->show();
    m_summary->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(m_root)));
    m_progressTimer->start();
}

QString MainWindow::mappingSettingsKey(const QString& folder)
{
    // A hash of the folder's absolute path: a QSettings key must not hold '/' or '\\'.
    const QByteArray path = QFileInfo(folder).absoluteFilePath().toUtf8();
    return QStringLiteral("userMaps/")
        + QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex().left(32));
}

void MainWindow::setMapping(const UserMap& map)
{
    if (m_root.isEmpty())
        return;
    QSettings settings;
    if (map.empty())
        settings.remove(mappingSettingsKey(m_root));
    else
        settings.setValue(mappingSettingsKey(m_root), QString::fromStdString(userMapJson(map)));
    reload();
}

bool MainWindow::applyMapRule(const QString& column, const QString& ruleJson)
{
    UserMap map = *m_userMap;
    const std::string name = column.toStdString();
    std::erase_if(map.rules, [&](const UserMapRule& r) { return r.column == name && r.files.empty(); });
    if (!ruleJson.isEmpty()) {
        const std::string doc
            = std::string(R"({"schema": "benchlens.map/1", "rules": [)") + ruleJson.toStdString() + "]}";
        auto parsed = parseUserMap(doc, column.toStdString());
        if (!parsed) {
            statusBar()->showMessage(tr("Not mapped: %1").arg(QString::fromStdString(parsed.error())), 15000);
            return false;
        }
        // Before the rules of the map that are scoped to files: the newest choice for this name wins.
        map.rules.insert(map.rules.begin(), parsed.value().rules.front());
    }
    setMapping(map);
    return true;
}

bool MainWindow::loadMapping(const QString& path, QString* error)
{
    auto parsed = loadUserMap(path.toStdString());
    if (!parsed) {
        if (error)
            *error = QString::fromStdString(parsed.error());
        return false;
    }
    setMapping(parsed.value());
    return true;
}

bool MainWindow::saveMapping(const QString& path, QString* error) const
{
    QSaveFile file(path);
    const std::string text = userMapJson(*m_userMap);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void MainWindow::clearMapping()
{
    setMapping({});
}

void MainWindow::reload()
{
    if (!m_root.isEmpty())
        openFolder(m_root);
}

void MainWindow::cancelIngest()
{
    m_job->cancel();
}

void MainWindow::updateProgress()
{
    const IngestJob::Progress p = m_job->progress();
    if (p.total > 0) {
        m_progress->setRange(0, static_cast<int>(p.total));
        m_progress->setValue(static_cast<int>(p.done));
    }
    m_progressFile->setText(p.file);
}

void MainWindow::onIngestEnded()
{
    m_progressTimer->stop();
    m_progress->hide();
    m_progressFile->hide();
    m_cancel->hide();
    if (m_pendingReload) {
        m_pendingReload = false;
        QTimer::singleShot(0, this, &MainWindow::reload);
    }
}

void MainWindow::onLoaded(const LoadedFolder& folder)
{
    onIngestEnded();
    // One reset per model per Dataset, in any order among them (each model and proxy judges rows on its own Dataset
    // and the hub's filter value); the hub goes last, since the pages that follow it read the models.
    m_inventory->setDataset(folder.dataset);
    m_samples->setDataset(folder.dataset);
    m_variants->setDataset(folder.dataset, folder.analysis);
    m_diagnostics->setDataset(folder.dataset);
    m_hub->setFolder(folder);
    m_summary->setText(statusSummary());
    if (m_persistent) {
        addRecent(folder.root);
        QSettings().setValue(QStringLiteral("lastFolder"), folder.root);
    }
    watch(folder);
    emit folderLoaded();
}

QString MainWindow::statusSummary() const
{
    const Dataset* ds = m_hub->dataset();
    if (!ds)
        return {};
    const FolderTotals totals = folderTotals(*ds);
    return tr("%1 files · %2 variants · %3 samples · %4 failed · %5 diagnostics · read in %6 s")
        .arg(ds->inventory.files)
        .arg(ds->variants.size())
        .arg(ds->samples.size())
        .arg(totals.failed)
        .arg(totals.warnings)
        .arg(m_hub->folder().elapsedMs / 1000.0, 0, 'f', 2);
}

void MainWindow::watch(const LoadedFolder& folder)
{
    if (!m_watchEnabled)
        return;
    delete m_watcher;
    m_watcher = new QFileSystemWatcher(this);
    QStringList paths;
    const QDir root(folder.root);
    for (const auto& d : folder.dataset->inventory.directories)
        paths << (d.empty() ? folder.root : root.filePath(QString::fromStdString(d)));
    // Files too, so that a benchmark appending to its CSV refreshes the charts.
    for (const auto& f : folder.dataset->files) {
        if (paths.size() >= kMaxWatchedPaths)
            break;
        paths << root.filePath(QString::fromStdString(f.path));
    }
    if (paths.size() > kMaxWatchedPaths)
        paths.resize(kMaxWatchedPaths);
    m_watcher->addPaths(paths);
    const auto changed = [this] { m_reloadTimer->start(); };
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { openFolder(path); });
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Menu"), this, [this] {
            QSettings().remove(kRecentKey);
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

QAbstractItemView* MainWindow::currentTableView() const
{
    QWidget* page = m_tabs->currentWidget();
    if (page == m_compare)
        return m_compare->view();
    return page ? page->findChild<QAbstractItemView*>() : nullptr;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_persistent) {
        QSettings settings;
        settings.setValue(kGeometryKey, saveGeometry());
        settings.setValue(kStateKey, saveState());
    }
    m_job->cancel();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile() && QFileInfo(urls.front().toLocalFile()).isDir())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile()) {
        openFolder(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace benchlens
