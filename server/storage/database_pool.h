#pragma once
// One SQLite connection per thread over one database file (WAL: readers never block the writer),
// and the in-memory CommittedState that those connections publish their commits into.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "storage/committed_state.h"
#include "storage/sqlite_database.h"

namespace kete::storage {

class DatabasePool {
 public:
  // Opens the first connection, applying migrations; fails on a damaged or foreign file.
  static Result<std::unique_ptr<DatabasePool>> open(const std::string& path);

  SqliteDatabase& for_this_thread();
  const std::string& path() const { return path_; }
  const CommittedState& committed() const { return committed_; }

 private:
  explicit DatabasePool(std::string path) : path_(std::move(path)) {}
  std::string path_;
  std::uint64_t serial_ = 0;
  CommittedState committed_;
  std::mutex mutex_;
  std::timed_mutex writer_;  // see SqliteDatabase::share_writer_lock
  std::unordered_map<std::thread::id, std::unique_ptr<SqliteDatabase>> connections_;
};

}  // namespace kete::storage
