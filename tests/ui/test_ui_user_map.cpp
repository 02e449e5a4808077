// The window's corrections of how columns are read (ui/mapping_menu.h, MainWindow::applyMapRule): the right-click
// action on a "not understood" file, the mapping kept per folder in QSettings (outside the folder) and applied again
// on reload and reopen, and saved to / loaded from a file. Expected values are read from the raw file here.
#include "models/data/dataset.h"
#include "models/data/user_map.h"
#include "tests/support/window_helpers.h"
#include "ui/mapping_menu.h"
#include "ui/selection_hub.h"

#include <QAction>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <numeric>

namespace benchlens {
namespace {

const std::string kFile = "reports/llama3/baseline_system_metrics.json";

// The "memory_used_gb" members of the raw file's system snapshots (metrics[i].system).
std::vector<double> rawMemoryGb()
{
    const auto doc = nlohmann::json::parse(test::readFile(test::corpusDir() + "/" + kFile));
    std::vector<double> out;
    for (const auto& m : doc.at("metrics"))
        out.push_back(m.at("system").at("memory_used_gb").get<double>());
    return out;
}

std::vector<double> samplesOf(const Dataset& ds, const char* metric)
{
    std::vector<double> out;
    const auto m = ds.findMetric(metric);
    for (size_t s = 0; m && s < ds.samples.size(); ++s) {
        if (ds.samples.metric[s] == m->value)
            out.push_back(ds.samples.value[s]);
    }
    return out;
}

QAction* findAction(QMenu& menu, const QString& column, const QString& text)
{
    for (QMenu* m : menu.findChildren<QMenu*>()) {
        if (m->objectName() != column)
            continue;
        for (QAction* a : m->actions()) {
            if (a->text() == text)
                return a;
        }
    }
    return nullptr;
}

TEST(UserMapWindow, RightClickMapsAColumnKeptPerFolderAndReappliedOnReopen)
{
    QTemporaryDir dir;
    const QString folder = dir.path() + QStringLiteral("/folder");
    const QString target = folder + QLatin1Char('/') + QString::fromStdString(kFile);
    QDir().mkpath(QFileInfo(target).path());
    ASSERT_TRUE(QFile::copy(QString::fromStdString(test::corpusDir() + "/" + kFile), target));
    QSettings().remove(MainWindow::mappingSettingsKey(folder));

    const std::vector<double> raw = rawMemoryGb();
    ASSERT_EQ(raw.size(), 6u);
    const double expectedMeanMb = std::accumulate(raw.begin(), raw.end(), 0.0) / double(raw.size()) * 1000;

    MainWindow window;
    test::showQuietly(window);
    ASSERT_TRUE(test::openAndWait(window, folder));
    const Dataset* ds = window.hub()->dataset();
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->files.size(), 1u);
    EXPECT_EQ(ds->files[0].status, FileStatus::NotUnderstood);

    // The menu the Inventory and Samples views show on a file's row.
    QMenu menu;
    addMappingMenu(menu, window.hub(), 0);
    QAction* gb = findAction(menu, QStringLiteral("memory_used_gb"), QStringLiteral("Treat as memory (GB)"));
    ASSERT_TRUE(gb);
    QSignalSpy loaded(&window, &MainWindow::folderLoaded);
    gb->trigger();
    ASSERT_TRUE(loaded.wait(120000));
    ds = window.hub()->dataset();
    EXPECT_EQ(ds->files[0].status, FileStatus::Ok);
    std::vector<double> mb = samplesOf(*ds, "memory_mb");
    ASSERT_EQ(mb.size(), raw.size());
    EXPECT_NEAR(std::accumulate(mb.begin(), mb.end(), 0.0) / double(mb.size()), expectedMeanMb, 1e-6);
    ASSERT_EQ(ds->userMap.rules.size(), 1u);
    EXPECT_EQ(ds->userMapUse.at(0).values, raw.size());
    // Nothing was written into the folder.
    EXPECT_EQ(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 1);

    // F5 reads the folder again with the mapping.
    window.reload();
    ASSERT_TRUE(loaded.wait(120000));
    EXPECT_EQ(samplesOf(*window.hub()->dataset(), "memory_mb").size(), raw.size());

    // Saved to a file outside the folder, cleared, loaded back.
    const QString saved = dir.path() + QStringLiteral("/mine.map.json");
    ASSERT_TRUE(window.saveMapping(saved));
    window.clearMapping();
    ASSERT_TRUE(loaded.wait(120000));
    EXPECT_TRUE(samplesOf(*window.hub()->dataset(), "memory_mb").empty());
    ASSERT_TRUE(window.loadMapping(saved));
    ASSERT_TRUE(loaded.wait(120000));
    EXPECT_EQ(samplesOf(*window.hub()->dataset(), "memory_mb").size(), raw.size());

    // Another window on the same folder (a restart) applies the stored mapping.
    {
        MainWindow again;
        test::showQuietly(again);
        ASSERT_TRUE(test::openAndWait(again, folder));
        EXPECT_EQ(samplesOf(*again.hub()->dataset(), "memory_mb").size(), raw.size());

        // "Ignore" on the mapped column replaces its rule; "Forget my mapping" drops it.
        QMenu second;
        addMappingMenu(second, again.hub(), 0);
        QAction* ignore = findAction(second, QStringLiteral("memory_used_gb"), QStringLiteral("Ignore"));
        ASSERT_TRUE(ignore);
        QSignalSpy reloaded(&again, &MainWindow::folderLoaded);
        ignore->trigger();
        ASSERT_TRUE(reloaded.wait(120000));
        ASSERT_EQ(again.userMap().rules.size(), 1u);
        EXPECT_EQ(again.userMap().rules[0].action, UserMapRule::Action::Ignore);
        EXPECT_TRUE(samplesOf(*again.hub()->dataset(), "memory_mb").empty());
        QMenu third;
        addMappingMenu(third, again.hub(), 0);
        QAction* forget = findAction(third, QStringLiteral("memory_used_gb"), QStringLiteral("Forget my mapping"));
        ASSERT_TRUE(forget);
        forget->trigger();
        ASSERT_TRUE(reloaded.wait(120000));
        EXPECT_TRUE(again.userMap().empty());
    }
    EXPECT_FALSE(QSettings().contains(MainWindow::mappingSettingsKey(folder)));
    // A file that is not a map is refused with the reason.
    QString error;
    EXPECT_FALSE(window.loadMapping(target, &error));
    EXPECT_NE(error.indexOf(QStringLiteral("\"schema\" must be \"benchlens.map/1\"")), -1) << error.toStdString();
}

} // namespace
} // namespace benchlens
