#include "storage/change_feed.h"

#include "storage/sqlite_database.h"

namespace kete::storage {

std::vector<Change> ChangeFeed::since(const std::string& bucket, std::int64_t after_seq, int limit) {
  auto q = db_.prepare(
      "SELECT bucket, seq, collection, record_id, version, deleted FROM change_log "
      "WHERE bucket = ? AND seq > ? ORDER BY seq LIMIT ?");
  q.bind(1, bucket).bind(2, after_seq).bind(3, static_cast<std::int64_t>(limit));
  std::vector<Change> out;
  while (q.step()) out.push_back(Change{q.text(0), q.integer(1), q.text(2), q.text(3), q.integer(4), q.integer(5) != 0});
  return out;
}

std::int64_t ChangeFeed::head(const std::string& bucket) {
  auto q = db_.prepare("SELECT last_seq FROM bucket_seq WHERE bucket = ?");
  q.bind(1, bucket);
  return q.step() ? q.integer(0) : 0;
}

std::vector<std::pair<std::string, std::int64_t>> ChangeFeed::heads() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  auto q = db_.prepare("SELECT bucket, last_seq FROM bucket_seq ORDER BY bucket");
  while (q.step()) out.emplace_back(q.text(0), q.integer(1));
  return out;
}

std::string ChangeFeed::epoch() {
  auto q = db_.prepare("SELECT value FROM meta WHERE key = 'epoch'");
  return q.step() ? q.text(0) : std::string();
}

std::string ChangeFeed::renew_epoch() {
  db_.prepare("UPDATE meta SET value = lower(hex(randomblob(16))) WHERE key = 'epoch'").run();
  auto renewed = epoch();
  db_.note_epoch(renewed);
  return renewed;
}

}  // namespace kete::storage
