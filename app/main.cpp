// benchlens: one binary. Subcommands run on a QCoreApplication (no display needed), except `report -o FILE.pdf`,
// which typesets with fonts and needs a QGuiApplication (always on the offscreen platform, see below); no
// arguments, a folder, --demo or --screenshot run the GUI on a QApplication (offscreen for --screenshot without a
// display).
#include "app/cli/commands.h"
#include "models/util/version.h"
#include "ui/gui_app.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace benchlens {
const char* gitDescribe(); // generated at build time: cmake/GitDescribe.cmake
}

namespace {
// `benchlens --help`, `-h` and `help [COMMAND]`: the usage, which main prints itself.
bool isHelp(const std::string& arg)
{
    return arg == "--help" || arg == "-h" || arg == "help";
}

int run(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    const bool subcommand
        = !args.empty() && (benchlens::cli::findSubcommand(args[0]) || isHelp(args[0]) || args[0] == "--version");
    if (!subcommand && benchlens::gui::wantsGui(args))
        return benchlens::gui::run(argc, argv);

    // A PDF report, and the PNG copies of a Markdown report's figures, need fonts, hence a QGuiApplication, but never
    // a window: the offscreen platform (unless the caller chose one) works without a display, cannot fail on an
    // unreachable X server, and gives the same layout (96 dpi) on every machine.
    const bool reportNeedsFonts = args[0] == "report"
        && std::any_of(
            args.begin(), args.end(), [](const std::string& a) { return a.ends_with(".pdf") || a.ends_with(".md"); });
    if (reportNeedsFonts && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    std::unique_ptr<QCoreApplication> app = reportNeedsFonts ? std::make_unique<QGuiApplication>(argc, argv)
                                                             : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("BenchLens"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(benchlens::version()));

    if (args.empty() || isHelp(args[0])) {
        // `benchlens help report` is `benchlens report --help`.
        if (args.size() > 1 && args[0] == "help") {
            if (const auto* command = benchlens::cli::findSubcommand(args[1])) {
                benchlens::cli::printSubcommandUsage(*command);
                return benchlens::cli::Success;
            }
        }
        benchlens::cli::printUsage();
        return args.empty() ? benchlens::cli::UsageError : benchlens::cli::Success;
    }
    if (args[0] == "--version") {
        std::cout << benchlens::cli::versionLine(benchlens::gitDescribe()) << "\n";
        return benchlens::cli::Success;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (const auto* sub = benchlens::cli::findSubcommand(command))
        return sub->run(args);
    std::cerr << "benchlens: unknown command or folder '" << command << "'\nRun 'benchlens --help' for usage.\n";
    return benchlens::cli::UsageError;
}
} // namespace

int main(int argc, char** argv)
{
    // The last resort: an exception that reached here is a bug, reported as one (exit 2) instead of an abort with
    // nothing said. Bad input never gets here: it becomes diagnostics, and the rest of the folder is still read.
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "benchlens: internal error (please report it): " << e.what() << "\n";
    } catch (...) {
        std::cerr << "benchlens: internal error (please report it): unknown exception\n";
    }
    return 2;
}
