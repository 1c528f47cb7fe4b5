#include "storage/database_pool.h"

namespace kete::storage {

Result<std::unique_ptr<DatabasePool>> DatabasePool::open(const std::string& path) {
  auto first = SqliteDatabase::open(path);
  if (!first) return first.error();
  std::unique_ptr<DatabasePool> pool(new DatabasePool(path));
  pool->connections_.emplace(std::this_thread::get_id(), std::move(first.value()));
  return pool;
}

SqliteDatabase& DatabasePool::for_this_thread() {
  std::lock_guard lock(mutex_);
  auto& slot = connections_[std::this_thread::get_id()];
  if (!slot) {
    auto opened = SqliteDatabase::open(path_);
    if (!opened) throw StorageError(opened.error().message);
    slot = std::move(opened.value());
  }
  return *slot;
}

}  // namespace kete::storage
