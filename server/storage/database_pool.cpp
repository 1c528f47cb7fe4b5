#include "storage/database_pool.h"

#include <atomic>

#include "storage/change_feed.h"

namespace kete::storage {
namespace {

// The connection this thread used last, so the common case takes no lock. Pools are told apart
// by a serial number, never by address (a new pool may reuse a freed one's address).
std::atomic<std::uint64_t> next_pool_serial{1};
struct ThreadSlot {
  std::uint64_t pool_serial = 0;
  SqliteDatabase* db = nullptr;
};
thread_local ThreadSlot this_thread_slot;

}  // namespace

Result<std::unique_ptr<DatabasePool>> DatabasePool::open(const std::string& path) {
  auto first = SqliteDatabase::open(path);
  if (!first) return first.error();
  std::unique_ptr<DatabasePool> pool(new DatabasePool(path));
  pool->serial_ = next_pool_serial.fetch_add(1);
  try {
    ChangeFeed feed(*first.value());
    pool->committed_.load(feed.heads(), feed.epoch());
  } catch (const StorageError& e) {
    return make_error(ErrorCode::internal, std::string("cannot read the change log: ") + e.what());
  }
  first.value()->attach(&pool->committed_);
  first.value()->share_writer_lock(&pool->writer_);
  pool->connections_.emplace(std::this_thread::get_id(), std::move(first.value()));
  return pool;
}

SqliteDatabase& DatabasePool::for_this_thread() {
  if (this_thread_slot.pool_serial == serial_) return *this_thread_slot.db;
  std::lock_guard lock(mutex_);
  auto& slot = connections_[std::this_thread::get_id()];
  if (!slot) {
    auto opened = SqliteDatabase::open(path_);
    if (!opened) throw StorageError(opened.error().message);
    slot = std::move(opened.value());
    slot->attach(&committed_);
    slot->share_writer_lock(&writer_);
  }
  this_thread_slot = {serial_, slot.get()};
  return *slot;
}

}  // namespace kete::storage
