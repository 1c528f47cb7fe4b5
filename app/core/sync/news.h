#pragma once
// What arrived that the person should hear of: messages from the other side (for staff, from
// clients; for a client, from the business) and, for staff, files clients sent. Only what is
// newer than the last thing told — a mark kept with the cache, set to "now" at the first sign-in
// on a computer — so what was there before is never news, and nothing is told twice.
#include <QStringList>

namespace kete::app {

class LocalStore;

// The lines to tell, oldest first; moves the mark past them.
QStringList takeNews(LocalStore& store, bool staff);
// Starts the mark at `now` for a cache that has none (called when the cache opens).
void startNews(LocalStore& store);

}  // namespace kete::app
