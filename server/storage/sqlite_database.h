#pragma once
// A SQLite connection with prepared statements and an RAII transaction; the only SQL entry point.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kete/result.h"
#include "storage/committed_state.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kete::storage {


class Statement {
 public:
  // in_use: set while the statement is borrowed from the connection's cache, cleared when done.
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use = nullptr) : db_(db), stmt_(stmt), in_use_(in_use) {}
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);

  // true while there is a row to read; throws StorageError on failure.
  bool step();
  void run() { while (step()) {} }
  void reset();  // ready to bind and run again

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
};

struct StorageError : std::runtime_error {
  explicit StorageError(const std::string& what, bool is_busy = false, bool is_full = false)
      : std::runtime_error(what), busy(is_busy), full(is_full) {}
  bool busy;  // another connection held the lock beyond the busy timeout: worth trying again
  bool full;  // the disk (or the user's quota on it) is full: nothing was written
};

class SqliteDatabase {
 public:
  // Opens (creating if needed) the database in WAL mode and applies pending migrations.
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // Prepared once per connection and reused (reset and unbound) after each use.
  Statement prepare(std::string_view sql);
  void exec(std::string_view sql);
  sqlite3* handle() const { return db_; }

  // What this connection's writes change in the pool's CommittedState; published when the
  // enclosing Transaction commits (at once outside a transaction), dropped on rollback.
  void attach(CommittedState* committed) { committed_ = committed; }
  // Write transactions of the connections sharing `writer` queue on it in-process, instead of
  // polling SQLite's file lock with sleeps (which starves unlucky writers: seconds of tail
  // latency under load). Waiting longer than the busy timeout fails as busy, as before.
  void share_writer_lock(std::timed_mutex* writer) { writer_ = writer; }
  // A change to one user's sessions, password, two-factor or assignments; with no user, to what
  // everyone's scope is made of (tenants, the set of users, a tenant's two-factor rule).
  void note_identity_change(const std::string& user_id = {});
  void note_head(const std::string& bucket, std::int64_t seq);
  void note_epoch(const std::string& epoch);

 private:
  friend class Transaction;
  friend class Unflushed;
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  void publish_pending();
  struct Pending {
    std::vector<std::pair<std::string, std::int64_t>> heads;
    IdentityChanges identity;
    std::optional<std::string> epoch;
  };
  CommittedState* committed_ = nullptr;
  std::timed_mutex* writer_ = nullptr;
  bool in_transaction_ = false;
  bool flush_not_restored_ = false;  // an Unflushed could not go back: the next transaction does first
  Pending pending_;
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    std::unique_ptr<bool> in_use = std::make_unique<bool>(false);
  };
  sqlite3* db_;
  std::unordered_map<std::string, Cached> cache_;
};

// Within its scope, this connection's commits are not flushed to disk one by one (WAL with
// synchronous=NORMAL): a power cut may lose them, never corrupt the database, and they reach the
// disk with the next flushed commit or checkpoint. For records that need not outlive a power cut;
// opened outside any transaction.
class Unflushed {
 public:
  explicit Unflushed(SqliteDatabase& db);
  ~Unflushed();
  Unflushed(const Unflushed&) = delete;
  Unflushed& operator=(const Unflushed&) = delete;

 private:
  SqliteDatabase& db_;
};

// Rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(SqliteDatabase& db, bool immediate = true);
  ~Transaction();
  void commit();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  void release_writer();
  SqliteDatabase& db_;
  bool done_ = false;
  bool holds_writer_ = false;
};

}  // namespace kete::storage
