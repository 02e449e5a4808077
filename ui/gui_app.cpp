#include "ui/gui_app.h"

#include "models/util/command_line.h"
#include "models/util/version.h"
#include "resources/samplegen/sample_generator.h"
#include "ui/main_window.h"
#include "ui/pages/compare_page.h"
#include "ui/pages/report_page.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QPalette>
#include <QPixmap>
#include <QSaveFile>
#include <QSettings>
#include <QStyle>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

namespace benchlens::gui {

namespace {

struct Options
{
    QString folder;
    bool demo = false;
    QString screenshot;
    QString view = QStringLiteral("overview"); // where the window opens
    QSize size {1400, 900};
    QString palette; // "light" or "dark": Qt's Fusion style with that palette; "" = the desktop's
    QString baseline; // the Compare view's baseline and candidates (selectors)
    QStringList candidates;
    QString error;
};

// The options of the GUI mode, split by the shared command-line parser (models/util/command_line.h), then checked:
// --size, a second folder, "-". A line with several errors names the parser's error (unknown option, missing value)
// first, wherever it stands.
Options parse(const std::vector<std::string>& args)
{
    Options o;
    const CommandLine line = parseCommandLine(args, guiValueOptions(), guiFlags());
    if (!line.error.empty()) {
        o.error = QString::fromStdString(line.error);
        return o;
    }
    // The GUI mode has no --help of its own (`benchlens --help` is the CLI's) and no standard output for "-".
    if (line.help || std::count(line.positional.begin(), line.positional.end(), std::string("-")) > 0) {
        const auto it = std::find_if(args.begin(), args.end(),
            [&](const std::string& a) { return line.help ? (a == "--help" || a == "-h") : a == "-"; });
        o.error = QStringLiteral("unknown option ") + QString::fromStdString(*it);
        return o;
    }
    if (line.positional.size() > 1) {
        o.error = QStringLiteral("one folder at a time");
        return o;
    }
    if (!line.positional.empty())
        o.folder = QString::fromStdString(line.positional.front());
    o.demo = line.has("--demo");
    o.screenshot = QString::fromStdString(line.value("--screenshot"));
    if (line.has("--view"))
        o.view = QString::fromStdString(line.value("--view"));
    if (line.has("--palette")) {
        o.palette = QString::fromStdString(line.value("--palette"));
        if (o.palette != QStringLiteral("light") && o.palette != QStringLiteral("dark")) {
            o.error = QStringLiteral("--palette wants light or dark");
            return o;
        }
    }
    o.baseline = QString::fromStdString(line.value("--baseline"));
    for (const std::string& c : line.values("--candidate"))
        o.candidates << QString::fromStdString(c);
    if (line.has("--size")) {
        const QStringList wh = QString::fromStdString(line.value("--size")).split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
        const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 200 || h < 150 || w > 10000 || h > 10000) {
            o.error = QStringLiteral("--size wants WxH, e.g. 1400x900");
            return o;
        }
        o.size = QSize(w, h);
    }
    if (o.error.isEmpty() && o.demo && !o.folder.isEmpty())
        o.error = QStringLiteral("--demo opens the sample folder: give no folder with it");
    if (o.error.isEmpty() && !o.candidates.isEmpty() && o.baseline.isEmpty())
        o.error = QStringLiteral("--candidate needs a --baseline");
    if (o.error.isEmpty() && !o.screenshot.isEmpty() && o.folder.isEmpty() && !o.demo)
        o.error = QStringLiteral("--screenshot needs a folder (or --demo)");
    return o;
}

bool hasDisplay()
{
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform) {
        const std::string p = platform;
        return p.rfind("offscreen", 0) != 0 && p.rfind("minimal", 0) != 0;
    }
    return std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY");
}

// Qt's Fusion style with a light or a dark palette, whatever the desktop's theme: what --palette picks (screenshots
// of both on any machine, a dark window under a desktop without a dark theme).
void usePalette(bool dark)
{
    QApplication::setStyle(QStringLiteral("Fusion"));
    QPalette p = QApplication::style()->standardPalette();
    if (dark) {
        const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), disabled(130, 130, 130);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, QColor(40, 40, 43));
        p.setColor(QPalette::ToolTipBase, window);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, disabled);
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, window);
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, QColor(255, 90, 90));
        p.setColor(QPalette::Light, QColor(70, 70, 74));
        p.setColor(QPalette::Midlight, QColor(60, 60, 64));
        p.setColor(QPalette::Mid, QColor(40, 40, 43));
        p.setColor(QPalette::Dark, QColor(25, 25, 27));
        p.setColor(QPalette::Shadow, QColor(10, 10, 10));
        p.setColor(QPalette::Highlight, QColor(42, 130, 218));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(110, 170, 255));
        p.setColor(QPalette::LinkVisited, QColor(180, 140, 255));
        for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, disabled);
    }
    QApplication::setPalette(p);
}

int usage(const QString& message)
{
    std::cerr << "benchlens: " << message.toStdString() << "\nRun 'benchlens --help' for usage.\n";
    return 1;
}

// The bundled sample: <build>/sample beside the binary's build tree, else generated into a temporary folder.
QString demoFolder(std::unique_ptr<QTemporaryDir>& temp)
{
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString& candidate :
        {appDir.filePath(QStringLiteral("../sample")), appDir.filePath(QStringLiteral("sample"))}) {
        if (QFileInfo::exists(candidate + QStringLiteral("/.generated")))
            return QDir::cleanPath(candidate);
    }
    temp = std::make_unique<QTemporaryDir>();
    if (!temp->isValid())
        return {};
    const QString dir = temp->filePath(QStringLiteral("sample"));
    if (!samplegen::writeSampleFolder(dir.toStdString()))
        return {};
    return dir;
}

} // namespace

std::span<const std::string> guiValueOptions()
{
    static const std::vector<std::string> options
        = {"--screenshot", "--view", "--size", "--palette", "--baseline", "--candidate"};
    return options;
}

std::span<const std::string> guiFlags()
{
    static const std::vector<std::string> flags = {"--demo"};
    return flags;
}

bool wantsGui(const std::vector<std::string>& args)
{
    if (args.empty())
        return true;
    const std::string& a = args[0];
    if (a == "--demo" || a == "--screenshot")
        return true;
    if (!a.empty() && a[0] == '-')
        return false;
    // A folder: anything that exists as a directory (subcommand names are checked before this).
    return QFileInfo(QString::fromStdString(a)).isDir();
}

namespace {
// The last resort for an exception thrown in a slot or an event handler: Qt does not allow one to pass through its
// event loop, so it is reported here and the window goes on, instead of the program ending.
class GuardedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override
    {
        try {
            return QApplication::notify(receiver, event);
        } catch (const std::exception& e) {
            std::cerr << "benchlens: internal error (please report it): " << e.what() << "\n";
        } catch (...) {
            std::cerr << "benchlens: internal error (please report it): unknown exception\n";
        }
        return false;
    }
};
} // namespace

int run(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    const Options options = parse(args);
    if (!options.error.isEmpty())
        return usage(options.error);
    const bool screenshot = !options.screenshot.isEmpty();
    if (!hasDisplay()) {
        if (screenshot) {
            if (!std::getenv("QT_QPA_PLATFORM"))
                setenv("QT_QPA_PLATFORM", "offscreen", 1);
        } else {
            std::cerr << "benchlens: no display available (neither DISPLAY nor WAYLAND_DISPLAY is set, or "
                         "QT_QPA_PLATFORM is offscreen), so the window cannot be shown.\n"
                         "Use 'benchlens summarize DIR' or 'benchlens report DIR -o FILE.md', or render the window "
                         "with 'benchlens DIR --screenshot FILE.png'.\n";
            if (args.empty()) {
                std::cerr << "\n";
                return usage(QStringLiteral("no folder or command given"));
            }
            return 1;
        }
    }

    GuardedApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("BenchLens"));
    QApplication::setOrganizationName(QStringLiteral("BenchLens"));
    QApplication::setApplicationVersion(QString::fromLatin1(version()));
    QApplication::setDesktopFileName(QStringLiteral("benchlens"));
    // The installed theme icon when there is one, else the SVG compiled in (packaging/icons/benchlens.svg).
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("benchlens"), QIcon(QStringLiteral(":/benchlens/benchlens.svg"))));

    if (!options.palette.isEmpty())
        usePalette(options.palette == QStringLiteral("dark"));

    std::unique_ptr<QTemporaryDir> tempSample;
    QString folder = options.folder;
    if (options.demo) {
        folder = demoFolder(tempSample);
        if (folder.isEmpty()) {
            std::cerr << "benchlens: could not find or generate the sample folder\n";
            return 2;
        }
    }
    if (!folder.isEmpty() && !QFileInfo(folder).isDir()) {
        std::cerr << "benchlens: " << folder.toStdString() << " is not a readable folder\n";
        return 2;
    }

    MainWindow window;
    // The Compare view's selection, set once the folder is read (selectors refer to its variants and runs).
    const auto applyComparison = [&] {
        if (options.baseline.isEmpty())
            return;
        ComparePage* page = window.comparePage();
        page->setBaseline(options.baseline);
        for (const QString& c : options.candidates)
            page->addCandidate(c);
        page->recomputeNow();
    };
    if (screenshot) {
        window.setWatchEnabled(false);
        window.setPersistent(false);
        window.resize(options.size);
        window.show();
        if (!window.showView(options.view))
            return usage(QStringLiteral("unknown --view ") + options.view
                + QStringLiteral(" (overview, inventory, samples, variants, charts[:latency|:scatter|:sweep], "
                                 "diagnostics, compare[:pareto], report)"));
        int exitCode = 0;
        QObject::connect(&window, &MainWindow::folderLoaded, &window, [&] {
            applyComparison();
            window.showView(options.view);
            // The report is rebuilt after a debounce; the screenshot wants it now.
            if (options.view == QStringLiteral("report"))
                window.reportPage()->rebuildNow();
            // One turn of the event loop lets layouts and charts settle before grabbing.
            QTimer::singleShot(50, &window, [&] {
                const QPixmap pixmap = window.grab();
                QSaveFile file(options.screenshot);
                if (!file.open(QIODevice::WriteOnly) || !pixmap.save(&file, "PNG") || !file.commit()) {
                    std::cerr << "benchlens: could not write " << options.screenshot.toStdString() << "\n";
                    exitCode = 3;
                } else {
                    std::cout << "Screenshot of " << window.folder().toStdString() << " (" << options.view.toStdString()
                              << ") written to " << options.screenshot.toStdString() << "\n";
                }
                QApplication::exit(exitCode);
            });
        });
        QObject::connect(&window, &MainWindow::loadFailed, &window, [&](const QString& message) {
            std::cerr << "benchlens: could not read " << folder.toStdString() << ": " << message.toStdString() << "\n";
            QApplication::exit(2);
        });
        window.openFolder(folder);
        return QApplication::exec();
    }

    window.show();
    if (folder.isEmpty()) {
        const QString last = QSettings().value(QStringLiteral("lastFolder")).toString();
        if (!last.isEmpty() && QFileInfo(last).isDir())
            folder = last;
    }
    if (!folder.isEmpty()) {
        if (!options.baseline.isEmpty()) {
            auto* once = new QObject(&window);
            QObject::connect(&window, &MainWindow::folderLoaded, once, [&, once] {
                applyComparison();
                window.setCurrentView(MainWindow::CompareView);
                once->deleteLater();
            });
        }
        window.openFolder(folder);
    }
    return QApplication::exec();
}

} // namespace benchlens::gui
