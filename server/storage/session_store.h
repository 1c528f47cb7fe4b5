#pragma once
// Sign-in sessions (only the SHA-256 of each token is kept) and failed sign-ins for rate limits.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kete::storage {

class SqliteDatabase;

struct SessionRow {
  std::string id;
  std::string user_id;
  std::string device;
  std::string remote_address;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t absolute_expires_at = 0;
};

class SessionStore {
 public:
  explicit SessionStore(SqliteDatabase& db) : db_(db) {}

  void create(const SessionRow& row, const std::string& token_sha256_hex);
  // A session that has not ended; expiry is the caller's decision.
  std::optional<SessionRow> find_open(const std::string& token_sha256_hex);
  void touch(const std::string& session_id, std::int64_t now);
  void end(const std::string& session_id, std::int64_t now);
  // Ends every open session of the user except `keep` (may be empty); returns how many.
  int end_all_for_user(const std::string& user_id, const std::string& keep, std::int64_t now);
  std::vector<SessionRow> open_for_user(const std::string& user_id, std::int64_t idle_cutoff, std::int64_t now);
  std::optional<SessionRow> by_id(const std::string& session_id);

  // Returns the row, so that a try counted before it was checked can be forgiven when it succeeds.
  std::int64_t record_failure(const std::string& kind, const std::string& key, std::int64_t now);
  void forget_failure(std::int64_t row);
  // Failures since `since`, and the oldest of them (0 when none).
  std::pair<int, std::int64_t> failures_since(const std::string& kind, const std::string& key, std::int64_t since);
  void clear_failures(const std::string& kind, const std::string& key);
  void forget_failures_before(std::int64_t cutoff);

 private:
  SqliteDatabase& db_;
};

}  // namespace kete::storage
