#pragma once
// The --data folder: created when missing, checked writable, its database opened and migrated.
#include <filesystem>
#include <memory>

#include "kete/result.h"
#include "storage/database_pool.h"

namespace kete::cli {

Result<std::filesystem::path> prepare_data_folder(const std::string& dir);
Result<std::unique_ptr<storage::DatabasePool>> open_database(const std::filesystem::path& data_dir);

// An open data folder, held by this process alone: one kete-server (or one command) at a time,
// so the server's in-memory view of what is committed can never be bypassed by another writer.
class DataFolder {
  std::shared_ptr<void> lock_;  // first in, last out: released after the database is closed

 public:
  DataFolder(std::filesystem::path dir, std::unique_ptr<storage::DatabasePool> databases, std::shared_ptr<void> lock);
  std::filesystem::path dir;
  std::unique_ptr<storage::DatabasePool> databases;
};
// Both of the above, plus the folder's lock, as every command needs them.
Result<DataFolder> open_data_folder(const std::string& dir);

}  // namespace kete::cli
