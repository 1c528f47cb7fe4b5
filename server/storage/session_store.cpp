#include "storage/session_store.h"

#include <sqlite3.h>

#include "storage/sqlite_database.h"

namespace kete::storage {
namespace {

constexpr const char* kColumns = "id, user_id, device, remote_address, created_at, last_seen_at, absolute_expires_at";

SessionRow read_row(const Statement& s) {
  return SessionRow{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.integer(5), s.integer(6)};
}

}  // namespace

void SessionStore::create(const SessionRow& row, const std::string& token_sha256_hex) {
  db_.prepare(
         "INSERT INTO sessions(id, token_sha256, user_id, device, remote_address, created_at, last_seen_at, "
         "absolute_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, row.id).bind(2, token_sha256_hex).bind(3, row.user_id).bind(4, row.device)
      .bind(5, row.remote_address).bind(6, row.created_at).bind(7, row.last_seen_at).bind(8, row.absolute_expires_at)
      .run();
}

std::optional<SessionRow> SessionStore::find_open(const std::string& token_sha256_hex) {
  auto q = db_.prepare(std::string("SELECT ") + kColumns + " FROM sessions WHERE token_sha256 = ? AND ended_at IS NULL");
  q.bind(1, token_sha256_hex);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

std::optional<SessionRow> SessionStore::by_id(const std::string& session_id) {
  auto q = db_.prepare(std::string("SELECT ") + kColumns + " FROM sessions WHERE id = ? AND ended_at IS NULL");
  q.bind(1, session_id);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

void SessionStore::touch(const std::string& session_id, std::int64_t now) {
  db_.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?").bind(1, now).bind(2, session_id).run();
}

void SessionStore::end(const std::string& session_id, std::int64_t now) {
  auto q = db_.prepare("UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL RETURNING user_id");
  q.bind(1, now).bind(2, session_id);
  std::string user_id;
  if (q.step()) user_id = q.text(0);
  q.run();
  if (!user_id.empty()) db_.note_identity_change(user_id);
}

int SessionStore::end_all_for_user(const std::string& user_id, const std::string& keep, std::int64_t now) {
  db_.prepare("UPDATE sessions SET ended_at = ? WHERE user_id = ? AND id != ? AND ended_at IS NULL")
      .bind(1, now).bind(2, user_id).bind(3, keep)
      .run();
  db_.note_identity_change(user_id);
  return sqlite3_changes(db_.handle());
}

std::vector<SessionRow> SessionStore::open_for_user(const std::string& user_id, std::int64_t idle_cutoff,
                                                    std::int64_t now) {
  auto q = db_.prepare(std::string("SELECT ") + kColumns +
                       " FROM sessions WHERE user_id = ? AND ended_at IS NULL AND last_seen_at >= ? AND "
                       "absolute_expires_at > ? ORDER BY last_seen_at DESC");
  q.bind(1, user_id).bind(2, idle_cutoff).bind(3, now);
  std::vector<SessionRow> out;
  while (q.step()) out.push_back(read_row(q));
  return out;
}

std::int64_t SessionStore::record_failure(const std::string& kind, const std::string& key, std::int64_t now) {
  db_.prepare("INSERT INTO auth_failures(kind, key, at) VALUES (?, ?, ?)").bind(1, kind).bind(2, key).bind(3, now).run();
  return sqlite3_last_insert_rowid(db_.handle());
}

void SessionStore::forget_failure(std::int64_t row) {
  db_.prepare("DELETE FROM auth_failures WHERE rowid = ?").bind(1, row).run();
}

std::pair<int, std::int64_t> SessionStore::failures_since(const std::string& kind, const std::string& key,
                                                          std::int64_t since) {
  auto q = db_.prepare("SELECT count(*), coalesce(min(at), 0) FROM auth_failures WHERE kind = ? AND key = ? AND at >= ?");
  q.bind(1, kind).bind(2, key).bind(3, since);
  q.step();
  return {static_cast<int>(q.integer(0)), q.integer(1)};
}

void SessionStore::clear_failures(const std::string& kind, const std::string& key) {
  db_.prepare("DELETE FROM auth_failures WHERE kind = ? AND key = ?").bind(1, kind).bind(2, key).run();
}

void SessionStore::forget_failures_before(std::int64_t cutoff) {
  db_.prepare("DELETE FROM auth_failures WHERE at < ?").bind(1, cutoff).run();
}

}  // namespace kete::storage
