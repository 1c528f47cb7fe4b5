#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/data_folder.h"
#include "domain/demo_business.h"
#include "storage/identity_store.h"
#include "storage/record_store.h"
#include "storage/sqlite_database.h"

namespace kete::cli {

int run_seed_demo(const Options& options) {
  auto data = open_data_folder(options.data_dir);
  if (!data) return print_error(data.error().message), 1;

  auto& db = data->databases->for_this_thread();
  storage::IdentityStore identities(db);
  storage::RecordStore records(db);
  storage::Transaction tx(db);
  bool already = false;
  auto logins = domain::seed_demo_business(identities, records, already);
  if (!logins) return print_error(logins.error().message), 1;
  tx.commit();

  std::cout << (already ? "demo business already present in " : "demo business created in ") << data->dir.string()
            << "\n\nDemo logins (password for all: " << domain::kDemoPassword << ")\n";
  for (const auto& l : logins.value())
    std::cout << "  " << std::left << std::setw(8) << l.role << " " << std::setw(32) << l.email << " " << l.who << "\n";
  std::cout << std::flush;
  return 0;
}

}  // namespace kete::cli
