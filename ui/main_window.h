#pragma once

#include <QMainWindow>

#include <memory>

class QAbstractItemView;
class QFileSystemWatcher;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;

namespace benchlens {

class ChartsPage;
class ComparePage;
class DataExportAction;
class ReportPage;
class DiagnosticsModel;
class IngestJob;
class InventoryModel;
class SampleFilterProxy;
class SamplesModel;
class SelectionHub;
class VariantsModel;
struct LoadedFolder;
struct UserMap;

// The main window: menus, the filter bar, one tab per view (overview, inventory, samples, variants, charts,
// diagnostics, compare, report),
// and the status bar with the ingest progress. Ingest runs off the GUI thread (IngestJob); each new Dataset
// resets every model once. The open folder is watched and re-ingested (debounced) when files change.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum View
    {
        InventoryView,
        SamplesView,
        VariantsView,
        ChartsView,
        DiagnosticsView,
        CompareView,
        ReportView,
        OverviewView, // the first tab, where the window opens (Ctrl+0; the others keep Ctrl+1 … Ctrl+7)
        ViewCount
    };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // "inventory", "samples", "variants", "charts" (also "charts:latency", "charts:scatter", "charts:sweep"),
    // "diagnostics", "compare" (also "compare:pareto"), "report", "overview". Returns false for an unknown name.
    bool showView(const QString& name);
    void setCurrentView(View view);
    View currentView() const;

    QString folder() const { return m_root; }
    bool isLoading() const;

    SelectionHub* hub() const { return m_hub; }
    InventoryModel* inventoryModel() const { return m_inventory; }
    SamplesModel* samplesModel() const { return m_samples; }
    SampleFilterProxy* sampleProxy() const { return m_sampleProxy; }
    VariantsModel* variantsModel() const { return m_variants; }
    DiagnosticsModel* diagnosticsModel() const { return m_diagnostics; }
    ChartsPage* chartsPage() const { return m_charts; }
    ComparePage* comparePage() const { return m_compare; }
    ReportPage* reportPage() const { return m_report; }
    DataExportAction* dataExport() const { return m_dataExport; }
    QString statusSummary() const;
    // The table of the current view (what Edit > Copy Table and Copy Selection copy); null on a view without one.
    QAbstractItemView* currentTableView() const;
    void setWatchEnabled(bool on) { m_watchEnabled = on; }
    // Off for the screenshot mode and tests: no recent folders, last folder or geometry written to QSettings.
    void setPersistent(bool on) { m_persistent = on; }

    // The user's map for the open folder (benchlens.map/1): kept in QSettings under mappingSettingsKey(folder),
    // never in the folder, and applied on every read of it (open, F5, a change on disk).
    const UserMap& userMap() const { return *m_userMap; }
    static QString mappingSettingsKey(const QString& folder);
    // One rule ({"column": ..., "action": ...}; empty: forget the rules for `column`) replaces the rules for the same
    // column, is stored and the folder read again. False (and the reason in the status bar) for a bad rule.
    bool applyMapRule(const QString& column, const QString& ruleJson);
    // Replaces the folder's map with a benchlens.map/1 file / writes it to one; false with the reason in `error`.
    bool loadMapping(const QString& path, QString* error = nullptr);
    bool saveMapping(const QString& path, QString* error = nullptr) const;
    void clearMapping();

public slots:
    void openFolder(const QString& path);
    void reload();
    void cancelIngest();
    void chooseFolder();

signals:
    void folderLoaded(); // a new Dataset is shown
    void loadFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void onLoaded(const LoadedFolder& folder);
    void onIngestEnded();
    void updateProgress();
    void watch(const LoadedFolder& folder);
    void addRecent(const QString& path);
    void updateRecentMenu();
    void setMapping(const UserMap& map); // stores it for the open folder and reads the folder again

    SelectionHub* m_hub;
    IngestJob* m_job;
    std::unique_ptr<UserMap> m_userMap;
    InventoryModel* m_inventory;
    SamplesModel* m_samples;
    SampleFilterProxy* m_sampleProxy;
    VariantsModel* m_variants;
    DiagnosticsModel* m_diagnostics;
    QTabWidget* m_tabs;
    ChartsPage* m_charts;
    ComparePage* m_compare;
    ReportPage* m_report;
    DataExportAction* m_dataExport = nullptr;
    QWidget* m_pages[ViewCount] = {};

    QProgressBar* m_progress;
    QLabel* m_progressFile;
    QPushButton* m_cancel;
    QLabel* m_summary;
    QTimer* m_progressTimer;
    QTimer* m_reloadTimer;
    QFileSystemWatcher* m_watcher = nullptr;
    QMenu* m_recentMenu = nullptr;

    QString m_root; // the folder shown (or being opened)
    bool m_pendingReload = false;
    bool m_watchEnabled = true;
    bool m_persistent = true;
};

} // namespace benchlens
