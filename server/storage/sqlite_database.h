#pragma once
// A SQLite connection with prepared statements and an RAII transaction; the only SQL entry point.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kete/result.h"

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
  using std::runtime_error::runtime_error;
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

 private:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    std::unique_ptr<bool> in_use = std::make_unique<bool>(false);
  };
  sqlite3* db_;
  std::unordered_map<std::string, Cached> cache_;
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
  SqliteDatabase& db_;
  bool done_ = false;
};

}  // namespace kete::storage
