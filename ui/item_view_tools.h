#pragma once

#include <QString>

class QAbstractItemView;
class QModelIndex;
class QWidget;

namespace benchlens {

class SelectionHub;
enum class TableFormat;

// Opens a file with the desktop's default application / opens its folder. Return false when nothing could be opened.
bool openFile(const QString& absolutePath);
bool showInFolder(const QString& absolutePath);

// Context menu and keys for a table or tree whose model answers `fileRole` and `variantRole` (-1 to skip):
// select the variant/file everywhere, open the file, show it in its folder, copy the selection or the table as CSV
// or Markdown (Ctrl+C: the selection as CSV).
void installItemViewTools(QAbstractItemView* view, SelectionHub* hub, int fileRole, int variantRole);

// Copies the table as the view shows it (its filter, sort and visible columns; every row, collapsed tree children
// too) to the clipboard, as tableText writes it: each row self-contained.
void copyViewTable(QAbstractItemView* view, TableFormat format);
// Copies the view's selected rows, in the view's order, the same way; false (the clipboard unchanged) when none is
// selected.
bool copyViewSelection(QAbstractItemView* view, TableFormat format);

// Makes `idx` the view's current item and scrolls to it (to the centre when `centered`), with `syncing` set while
// it does: the page's own current-changed handler then does not echo the selection back to the hub.
void showCurrent(QAbstractItemView* view, const QModelIndex& idx, bool& syncing, bool centered = false);

} // namespace benchlens
