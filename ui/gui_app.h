#pragma once

#include <span>
#include <string>
#include <vector>

namespace benchlens::gui {

// The options of the GUI mode (`benchlens DIR ...`): the table its parser reads, and the one the CLI's completion
// and man page are checked against. Value options take the next argument, flags do not.
std::span<const std::string> guiValueOptions();
std::span<const std::string> guiFlags();

// Whether the arguments ask for the GUI rather than a CLI subcommand: none, a folder, --demo, --screenshot.
bool wantsGui(const std::vector<std::string>& args);

// Runs the GUI: `benchlens [DIR | --demo] [--screenshot FILE.png [--view NAME] [--size WxH]]`. Creates the
// QApplication (offscreen for --screenshot when there is no display). Exit codes as the CLI: 0 success, 1 usage
// error (or no display), 2 folder unreadable, 3 screenshot could not be written.
int run(int argc, char** argv);

} // namespace benchlens::gui
