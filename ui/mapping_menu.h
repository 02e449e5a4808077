#pragma once

class QMenu;

namespace benchlens {

class SelectionHub;

// The right-click corrections of how a file's columns / fields are read (the user's map, models/data/user_map.h):
// adds "Map a column of this file" to `menu`, one entry per source name of `file` (the names nothing was read
// from first), each offering "Treat as <metric>", "This is a parameter", "The model is in this column", "Ignore"
// and, for a name already mapped, "Forget my mapping". The choice goes to SelectionHub::requestMapRule; the main
// window keeps the map per folder and reads the folder again.
void addMappingMenu(QMenu& menu, SelectionHub* hub, int file);

} // namespace benchlens
