#pragma once
// The --data folder: created when missing, checked writable, its database opened and migrated.
#include <filesystem>
#include <memory>

#include "kete/result.h"
#include "storage/database_pool.h"

namespace kete::cli {

Result<std::filesystem::path> prepare_data_folder(const std::string& dir);
Result<std::unique_ptr<storage::DatabasePool>> open_database(const std::filesystem::path& data_dir);

struct DataFolder {
  std::filesystem::path dir;
  std::unique_ptr<storage::DatabasePool> databases;
};
// Both of the above, as every command needs them.
Result<DataFolder> open_data_folder(const std::string& dir);

}  // namespace kete::cli
