#pragma once
// What arrived that the person should hear of: messages from the other side (for staff, from
// clients; for a client, from the business) and, for staff, files clients sent. Only what is
// newer than the last thing told — a mark kept with the cache — so what was there at the first
// sign-in on a computer is never news, and nothing is told twice. The mark is always a time the
// server wrote, never this computer's clock, which may be hours off the server's.
#include <QStringList>

namespace kete::app {

class LocalStore;

// The lines to tell, oldest first; moves the mark past them.
QStringList takeNews(LocalStore& store, bool staff);
// Marks a cache that has no mark yet as new: the first takeNews (after the first sync) then sets
// the mark to the newest server time in the cache and tells nothing (called when the cache opens).
void startNews(LocalStore& store);

}  // namespace kete::app
