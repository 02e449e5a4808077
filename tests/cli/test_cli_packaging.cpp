// The man page and the bash completion against the CLI's own subcommand table (app/cli/commands.cpp), so that
// neither can drift from what the parser accepts; per-command --help, --version, and the command-line manners
// (no colour and no progress line when stderr is not a terminal).
#include "app/cli/commands.h"
#include "tests/support/cli_run.h"
#include "tests/support/test_paths.h"

#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <set>
#include <sstream>

using namespace benchlens;

namespace {

std::string packagingFile(const char* name)
{
    return test::readFile(std::string(BENCHLENS_PACKAGING_DIR) + "/" + name);
}

using Proc = test::CliRun;
using test::runBenchlens;

std::set<std::string> words(const std::string& text)
{
    std::set<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;)
        out.insert(w);
    return out;
}

std::set<std::string> optionsOf(const cli::Subcommand& c)
{
    std::set<std::string> out(c.valueOptions.begin(), c.valueOptions.end());
    out.insert(c.flags.begin(), c.flags.end());
    return out;
}

// The man page as text: roff's "\-" is "-".
std::string manText()
{
    return QString::fromStdString(packagingFile("benchlens.1"))
        .replace(QStringLiteral("\\-"), QStringLiteral("-"))
        .toStdString();
}
} // namespace

TEST(Packaging, CompletionMatchesTheSubcommandTable)
{
    const std::string completion = packagingFile("benchlens.bash-completion");
    const QString text = QString::fromStdString(completion);
    // The command list, in the table's order.
    const auto commands = QRegularExpression(QStringLiteral("local commands=\"([^\"]*)\"")).match(text);
    ASSERT_TRUE(commands.hasMatch());
    std::string names;
    for (const auto& c : cli::subcommands())
        names.append(names.empty() ? "" : " ").append(c.name);
    EXPECT_EQ(commands.captured(1).toStdString(), names);
    // Each command's options, as a set.
    for (const auto& c : cli::subcommands()) {
        const auto line = QRegularExpression(QStringLiteral("\\n    %1\\) opts=\"([^\"]*)\"")
                                                 .arg(QRegularExpression::escape(QString::fromLatin1(c.name))))
                              .match(text);
        ASSERT_TRUE(line.hasMatch()) << c.name;
        EXPECT_EQ(words(line.captured(1).toStdString()), optionsOf(c)) << c.name;
    }
    // The GUI's options.
    const auto gui = QRegularExpression(QStringLiteral("local gui=\"([^\"]*)\"")).match(text);
    ASSERT_TRUE(gui.hasMatch());
    const auto guiOptions = cli::guiOptions();
    EXPECT_EQ(words(gui.captured(1).toStdString()), std::set<std::string>(guiOptions.begin(), guiOptions.end()));
}

TEST(Packaging, ManPageSynopsisMatchesTheSubcommandTable)
{
    const std::string man = manText();
    const size_t synopsis = man.find(".SH SYNOPSIS");
    const size_t description = man.find(".SH DESCRIPTION");
    ASSERT_NE(synopsis, std::string::npos);
    ASSERT_NE(description, std::string::npos);
    std::set<std::string> documented;
    for (const auto& c : cli::subcommands()) {
        // ".B benchlens NAME" up to the next ".br": every option of the command (--output as "-o").
        const std::string head = std::string(".B benchlens ") + c.name + "\n";
        const size_t start = man.find(head, synopsis);
        ASSERT_TRUE(start != std::string::npos && start < description) << c.name << " has no synopsis";
        const std::string block = man.substr(start, man.find("\n.br", start) + 1 - start);
        for (const std::string& option : optionsOf(c)) {
            if (option == "--output")
                continue;
            // ".B -o\n", ".RB [ --filter\n", ".RB [ --json ]\n"
            const bool found = block.find(" " + option + "\n") != std::string::npos
                || block.find(" " + option + " ]\n") != std::string::npos;
            EXPECT_TRUE(found) << c.name << " " << option;
        }
        documented.insert(c.name);
    }
    // No synopsis of a command the CLI does not have.
    const QRegularExpression any(QStringLiteral("\\n\\.B benchlens ([a-z][a-z-]*)\\n"));
    const QString section = QString::fromStdString(man.substr(synopsis, description - synopsis));
    for (auto it = any.globalMatch(section); it.hasNext();) {
        const std::string name = it.next().captured(1).toStdString();
        EXPECT_TRUE(cli::findSubcommand(name)) << "the man page documents '" << name << "'";
    }
    EXPECT_NE(man.find("--output is the long form"), std::string::npos);
    EXPECT_NE(man.find("NO_COLOR"), std::string::npos);
}

TEST(Packaging, EverySubcommandHasItsOwnHelp)
{
    for (const auto& c : cli::subcommands()) {
        const Proc r = runBenchlens({QString::fromLatin1(c.name), QStringLiteral("--help")});
        EXPECT_EQ(r.exitCode, 0) << c.name;
        EXPECT_TRUE(r.out.starts_with(std::string("Usage: benchlens ") + c.usage + "\n")) << r.out;
        for (const std::string& option : optionsOf(c))
            EXPECT_NE(r.out.find(" " + option), std::string::npos) << c.name << " " << option;
        // `benchlens help NAME` is the same.
        EXPECT_EQ(runBenchlens({QStringLiteral("help"), QString::fromLatin1(c.name)}).out, r.out) << c.name;
    }
    // A usage error names the command's own help.
    const Proc bad = runBenchlens({QStringLiteral("report"), QStringLiteral("--bogus")});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("Run 'benchlens report --help' for usage."), std::string::npos) << bad.err;
}

TEST(Packaging, VersionNamesTheProjectVersionAndTheCheckout)
{
    const Proc r = runBenchlens({QStringLiteral("--version")});
    EXPECT_EQ(r.exitCode, 0);
    // The project version of CMakeLists.txt; built from a git checkout, `git describe` in parentheses.
    const std::string cmake = test::readFile(std::string(BENCHLENS_PACKAGING_DIR) + "/../CMakeLists.txt");
    const auto version = QRegularExpression(QStringLiteral("project\\(BenchLens VERSION ([0-9.]+)"))
                             .match(QString::fromStdString(cmake))
                             .captured(1)
                             .toStdString();
    ASSERT_FALSE(version.empty());
    EXPECT_TRUE(r.out.starts_with("benchlens " + version)) << r.out;
    if (QFileInfo::exists(QStringLiteral(BENCHLENS_PACKAGING_DIR "/../.git"))) {
        EXPECT_TRUE(QRegularExpression(QStringLiteral("^benchlens [0-9.]+ \\(git [0-9a-zA-Z._-]+\\)\\n$"))
                        .match(QString::fromStdString(r.out))
                        .hasMatch())
            << r.out;
    }
}

TEST(Packaging, NoColourNorProgressWhenStderrIsNotATerminal)
{
    // The corpus has warnings; stderr is a pipe here: plain 'warning: FILE: message' lines, no escape codes,
    // no carriage returns of a progress line.
    const Proc r = runBenchlens({QStringLiteral("summarize"), QString::fromStdString(test::corpusDir())});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.err.find("warning: "), std::string::npos);
    EXPECT_EQ(r.err.find('\033'), std::string::npos);
    EXPECT_EQ(r.err.find('\r'), std::string::npos);
}

// stderr a terminal: `script` (util-linux, Debian's essential bsdutils) runs benchlens on a pseudo-terminal.
static std::string onATerminal(const std::string& command, bool noColour)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (noColour)
        env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    else
        env.remove(QStringLiteral("NO_COLOR"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("script"),
        {QStringLiteral("-qec"), QString::fromStdString(command + " >/dev/null"), QStringLiteral("/dev/null")});
    EXPECT_TRUE(p.waitForFinished(120000));
    EXPECT_EQ(p.exitCode(), 0);
    return p.readAllStandardOutput().toStdString();
}

TEST(Packaging, ColourOnATerminalNeverWithNoColor)
{
    const std::string command = test::binary() + " summarize " + test::corpusDir();
    const std::string coloured = onATerminal(command, false);
    EXPECT_NE(coloured.find("\033[33mwarning\033[0m: "), std::string::npos) << coloured.substr(0, 300);
    EXPECT_NE(coloured.find("\033[1;31merror\033[0m: "), std::string::npos) << coloured.substr(0, 300);
    const std::string plain = onATerminal(command, true);
    EXPECT_NE(plain.find("warning: "), std::string::npos);
    EXPECT_EQ(plain.find("\033[3"), std::string::npos) << plain.substr(0, 300);
    // --quiet: never a progress line (a carriage return without its line feed).
    const std::string quiet = onATerminal(command + " --quiet", false);
    EXPECT_EQ(QString::fromStdString(quiet).remove(QStringLiteral("\r\n")).indexOf(QLatin1Char('\r')), -1);
}

TEST(Packaging, DashWritesToStandardOutput)
{
    const Proc toStdout = runBenchlens({QStringLiteral("summarize"), QString::fromStdString(test::sampleDir()),
        QStringLiteral("--json"), QStringLiteral("-o"), QStringLiteral("-")});
    const Proc plain = runBenchlens(
        {QStringLiteral("summarize"), QString::fromStdString(test::sampleDir()), QStringLiteral("--json")});
    EXPECT_EQ(toStdout.exitCode, 0);
    EXPECT_TRUE(toStdout.out.starts_with("{")) << toStdout.out.substr(0, 100);
    EXPECT_EQ(toStdout.out, plain.out);
}

TEST(Packaging, DesktopEntryOpensFolders)
{
    const std::string desktop = packagingFile("benchlens.desktop");
    EXPECT_NE(desktop.find("\nExec=benchlens %f\n"), std::string::npos);
    EXPECT_NE(desktop.find("\nMimeType=inode/directory;\n"), std::string::npos);
    EXPECT_NE(desktop.find("\nIcon=benchlens\n"), std::string::npos);
}
