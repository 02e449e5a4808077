#pragma once

#include <QString>

class QAbstractItemView;
class QModelIndex;
class QWidget;

namespace benchlens {

class SelectionHub;

// Opens a file with the desktop's default application / opens its folder. Return false when nothing could be opened.
bool openFile(const QString& absolutePath);
bool showInFolder(const QString& absolutePath);

// Context menu and keys for a table or tree whose model answers `fileRole` and `variantRole` (-1 to skip):
// select the variant/file everywhere, open the file, show it in its folder, copy the rows as CSV or Markdown.
void installItemViewTools(QAbstractItemView* view, SelectionHub* hub, int fileRole, int variantRole);

// Copies the view's selected rows (all rows when none are selected) as CSV or Markdown to the clipboard.
void copyViewRows(QAbstractItemView* view, bool markdown);

// Makes `idx` the view's current item and scrolls to it (to the centre when `centered`), with `syncing` set while
// it does: the page's own current-changed handler then does not echo the selection back to the hub.
void showCurrent(QAbstractItemView* view, const QModelIndex& idx, bool& syncing, bool centered = false);

} // namespace benchlens
