// benchlens: one binary. Subcommands run on a QCoreApplication (no display needed), except `report -o FILE.pdf`,
// which typesets with fonts and needs a QGuiApplication (always on the offscreen platform, see below); no
// arguments, a folder, --demo or --screenshot run the GUI on a QApplication (offscreen for --screenshot without a
// display).
#include "cli/commands.h"
#include "gui_app.h"
#include "util/version.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {
int run(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    const bool subcommand = !args.empty()
        && (args[0] == "summarize" || args[0] == "report" || args[0] == "compare" || args[0] == "sweep"
            || args[0] == "verify" || args[0] == "generate-sample" || args[0] == "--help" || args[0] == "-h"
            || args[0] == "help" || args[0] == "--version");
    if (!subcommand && benchlens::gui::wantsGui(args))
        return benchlens::gui::run(argc, argv);

    // A PDF report, and the PNG copies of a Markdown report's figures, need fonts, hence a QGuiApplication, but never
    // a window: the offscreen platform (unless the caller chose one) works without a display, cannot fail on an
    // unreachable X server, and gives the same layout (96 dpi) on every machine.
    const bool pdfReport = args[0] == "report" && std::any_of(args.begin(), args.end(), [](const std::string& a) {
        return a.ends_with(".pdf") || a.ends_with(".md");
    });
    if (pdfReport && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    std::unique_ptr<QCoreApplication> app
        = pdfReport ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("BenchLens"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(benchlens::version()));

    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        benchlens::cli::printUsage();
        return args.empty() ? benchlens::cli::UsageError : benchlens::cli::Success;
    }
    if (args[0] == "--version") {
        std::cout << "benchlens " << benchlens::version() << "\n";
        return benchlens::cli::Success;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "summarize")
        return benchlens::cli::summarize(args);
    if (command == "report")
        return benchlens::cli::report(args);
    if (command == "compare")
        return benchlens::cli::compare(args);
    if (command == "verify")
        return benchlens::cli::verify(args);
    if (command == "generate-sample")
        return benchlens::cli::generateSample(args);
    if (command == "sweep")
        return benchlens::cli::sweep(args);
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
