#include "storage/sqlite_database.h"

#include <sqlite3.h>

#include <cerrno>
#include <chrono>

#include "storage/committed_state.h"
#include "storage/migrations.h"

namespace kete::storage {
namespace {

constexpr int kBusyTimeoutMs = 5000;

bool busy_code(int code) { return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED; }

// SQLite names a full disk SQLITE_FULL in most places, but a failed write of the journal or the
// shared-memory index can surface as an I/O error carrying ENOSPC.
bool full_code(sqlite3* db, int code) {
  if ((code & 0xff) == SQLITE_FULL) return true;
  const int errno_value = sqlite3_system_errno(db);
  return (code & 0xff) == SQLITE_IOERR && (errno_value == ENOSPC || errno_value == EDQUOT);
}

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  const int code = sqlite3_extended_errcode(db);
  throw StorageError(std::string(what) + ": " + sqlite3_errmsg(db), busy_code(code), full_code(db, code));
}

}  // namespace

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), in_use_(other.in_use_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (!stmt_) return;
  if (in_use_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "step");
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(raw));
  if (rc != SQLITE_OK)
    return make_error(ErrorCode::internal, "cannot open database " + path + ": " + sqlite3_errstr(rc));
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  try {
    // Reading the schema is the first thing that notices a file that is not a database.
    db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    if (auto applied = apply_migrations(*db); !applied) return applied.error();
  } catch (const StorageError& e) {
    return make_error(ErrorCode::internal,
                      "database " + path + " is damaged or not a Kete database (" + e.what() + ")");
  }
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Statement SqliteDatabase::prepare(std::string_view sql) {
  auto& cached = cache_[std::string(sql)];
  if (cached.stmt && !*cached.in_use) {
    *cached.in_use = true;
    return Statement(db_, cached.stmt, cached.in_use.get());
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    fail(db_, "prepare");
  if (cached.stmt) return Statement(db_, stmt);  // the cached one is busy (nested use): a private copy
  cached.stmt = stmt;
  *cached.in_use = true;
  return Statement(db_, stmt, cached.in_use.get());
}

void SqliteDatabase::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string copy(sql);
  if (sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    const int code = sqlite3_extended_errcode(db_);
    throw StorageError(text, busy_code(code), full_code(db_, code));
  }
}

void SqliteDatabase::note_identity_change(const std::string& user_id) {
  if (user_id.empty()) pending_.identity.global = true;
  else pending_.identity.users.push_back(user_id);
  if (!in_transaction_) publish_pending();
}

void SqliteDatabase::note_head(const std::string& bucket, std::int64_t seq) {
  pending_.heads.emplace_back(bucket, seq);
  if (!in_transaction_) publish_pending();
}

void SqliteDatabase::note_epoch(const std::string& epoch) {
  pending_.epoch = epoch;
  if (!in_transaction_) publish_pending();
}

void SqliteDatabase::publish_pending() {
  if (committed_) committed_->publish(pending_.heads, pending_.identity, pending_.epoch ? &*pending_.epoch : nullptr);
  pending_ = Pending{};
}

Unflushed::Unflushed(SqliteDatabase& db) : db_(db) {
  db_.prepare("PRAGMA synchronous=NORMAL").run();
  db_.flush_not_restored_ = false;  // this one's end goes back
}

Unflushed::~Unflushed() {
  try {
    db_.prepare("PRAGMA synchronous=FULL").run();
  } catch (...) {
    // Never left unflushed for good: the next transaction on this connection goes back first,
    // or fails.
    db_.flush_not_restored_ = true;
  }
}

// Through the statement cache: a transaction per request must not mean parsing SQL per request.
Transaction::Transaction(SqliteDatabase& db, bool immediate) : db_(db) {
  if (db_.flush_not_restored_ && !db_.in_transaction_) {
    db_.prepare("PRAGMA synchronous=FULL").run();
    db_.flush_not_restored_ = false;
  }
  // Nested in an open transaction, BEGIN fails below as it always did; never wait on our own turn.
  if (immediate && db_.writer_ && !db_.in_transaction_) {
    if (!db_.writer_->try_lock_for(std::chrono::milliseconds(kBusyTimeoutMs)))
      throw StorageError("another write held the database for too long", true);
    holds_writer_ = true;
  }
  try {
    db_.prepare(immediate ? "BEGIN IMMEDIATE" : "BEGIN").run();
  } catch (...) {
    release_writer();
    throw;
  }
  db_.in_transaction_ = true;
  db_.pending_ = {};
}

Transaction::~Transaction() {
  if (!done_) {
    db_.in_transaction_ = false;
    db_.pending_ = {};
    try {
      db_.prepare("ROLLBACK").run();
    } catch (...) {
    }
  }
  release_writer();
}

void Transaction::release_writer() {
  if (holds_writer_) db_.writer_->unlock();
  holds_writer_ = false;
}

void Transaction::commit() {
  db_.prepare("COMMIT").run();
  done_ = true;
  db_.in_transaction_ = false;
  release_writer();
  db_.publish_pending();
}

}  // namespace kete::storage
