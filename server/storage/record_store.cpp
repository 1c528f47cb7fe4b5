#include "storage/record_store.h"

#include <algorithm>
#include <sstream>

#include "kete/time_format.h"
#include "storage/sqlite_database.h"

namespace kete::storage {
namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

}  // namespace

std::vector<std::string> parse_bucket_list(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string part; in >> part;) out.push_back(part);
  return out;
}

std::optional<StoredRecord> RecordStore::get(const scope::ReadScope& scope, std::string_view collection,
                                             std::string_view id) {
  auto q = db_.prepare(
      "SELECT id, collection, version, data, buckets, deleted, created_by, created_at, updated_by, updated_at "
      "FROM records WHERE id = ? AND collection = ? AND deleted = 0");
  q.bind(1, id).bind(2, collection);
  if (!q.step()) return std::nullopt;
  StoredRecord r{q.text(0), q.text(1), q.integer(2), q.text(3), parse_bucket_list(q.text(4)), q.integer(5) != 0,
                 q.text(6), q.text(7), q.text(8), q.text(9)};
  if (!scope.can_read(r.buckets)) return std::nullopt;
  return r;
}

bool RecordStore::id_taken(std::string_view id) {
  auto q = db_.prepare("SELECT 1 FROM records WHERE id = ?");
  q.bind(1, id);
  return q.step();
}

void RecordStore::insert(const StoredRecord& r) {
  db_.prepare(
         "INSERT INTO records(id, collection, version, data, buckets, deleted, created_by, created_at, updated_by, "
         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, r.id).bind(2, r.collection).bind(3, r.version).bind(4, r.data_json).bind(5, join(r.buckets))
      .bind(6, std::int64_t{r.deleted}).bind(7, r.created_by).bind(8, r.created_at).bind(9, r.updated_by)
      .bind(10, r.updated_at)
      .run();
  write_buckets(r);
  for (const auto& b : r.buckets) log_change(b, r, r.deleted);
}

void RecordStore::replace(const StoredRecord& r, const std::vector<std::string>& previous_buckets) {
  db_.prepare(
         "UPDATE records SET version = ?, data = ?, buckets = ?, deleted = ?, updated_by = ?, updated_at = ? "
         "WHERE id = ?")
      .bind(1, r.version).bind(2, r.data_json).bind(3, join(r.buckets)).bind(4, std::int64_t{r.deleted})
      .bind(5, r.updated_by).bind(6, r.updated_at).bind(7, r.id)
      .run();
  db_.prepare("DELETE FROM record_buckets WHERE record_id = ?").bind(1, r.id).run();
  write_buckets(r);
  for (const auto& b : r.buckets) log_change(b, r, r.deleted);
  // A record that left a bucket is a removal there, so its readers drop it.
  for (const auto& b : previous_buckets)
    if (std::find(r.buckets.begin(), r.buckets.end(), b) == r.buckets.end()) log_change(b, r, true);
}

void RecordStore::log_change(const std::string& bucket, const StoredRecord& r, bool removed) {
  // The per-bucket counter row is written in the same transaction as the record, so sequence
  // numbers are handed out in commit order (never a gap that a later commit fills).
  auto next = db_.prepare(
      "INSERT INTO bucket_seq(bucket, last_seq) VALUES (?, 1) "
      "ON CONFLICT(bucket) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq");
  next.bind(1, bucket);
  next.step();
  const std::int64_t seq = next.integer(0);
  next.run();
  db_.prepare("INSERT INTO change_log(bucket, seq, collection, record_id, version, deleted) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, bucket).bind(2, seq).bind(3, r.collection).bind(4, r.id).bind(5, r.version)
      .bind(6, std::int64_t{removed})
      .run();
  written_.emplace_back(bucket, seq);
  db_.note_head(bucket, seq);
}

void RecordStore::write_buckets(const StoredRecord& r) {
  auto insert = db_.prepare("INSERT OR IGNORE INTO record_buckets(bucket, record_id) VALUES (?, ?)");
  for (const auto& b : r.buckets) {
    insert.bind(1, b).bind(2, r.id);
    insert.run();
    insert.reset();
  }
}

std::optional<std::string> RecordStore::mutation_result(std::string_view user_id, std::string_view mutation_id) {
  auto q = db_.prepare("SELECT result FROM applied_mutations WHERE user_id = ? AND mutation_id = ?");
  q.bind(1, user_id).bind(2, mutation_id);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void RecordStore::remember_mutation(std::string_view user_id, std::string_view mutation_id,
                                    std::string_view result_json) {
  db_.prepare("INSERT INTO applied_mutations(user_id, mutation_id, result, applied_at) VALUES (?, ?, ?, ?)")
      .bind(1, user_id).bind(2, mutation_id).bind(3, result_json).bind(4, rfc3339_utc_now(true))
      .run();
}

}  // namespace kete::storage
