#pragma once
// The --data folder: created when missing, checked writable, its database opened and migrated.
#include <filesystem>
#include <memory>

#include "kete/result.h"
#include "storage/database_pool.h"

namespace kete::cli {

Result<std::filesystem::path> prepare_data_folder(const std::string& dir);
Result<std::unique_ptr<storage::DatabasePool>> open_database(const std::filesystem::path& data_dir);

}  // namespace kete::cli
