#include <iostream>

#include "cli/commands.h"
#include "cli/data_folder.h"
#include "storage/change_feed.h"
#include "storage/sqlite_database.h"

namespace kete::cli {

// A restored backup hands out sequence numbers the apps have already seen; a new epoch tells
// every app to drop its cursors and pull from zero, keeping its unsent changes.
int run_new_epoch(const Options& options) {
  auto data = open_data_folder(options.data_dir);
  if (!data) return print_error(data.error().message), 1;
  auto& db = data->databases->for_this_thread();
  storage::Transaction tx(db);
  const std::string epoch = storage::ChangeFeed(db).renew_epoch();
  tx.commit();
  std::cout << "new sync epoch " << epoch << ": apps will resync from scratch at their next pull" << std::endl;
  return 0;
}

}  // namespace kete::cli
