#pragma once
// Records of every collection, their buckets, and the mutations already applied. Reading takes
// a ReadScope: a record outside it is returned exactly as a record that does not exist.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scope/bucket_rules.h"

namespace kete::storage {

class SqliteDatabase;

struct StoredRecord {
  std::string id;
  std::string collection;
  std::int64_t version = 0;
  std::string data_json;
  std::vector<std::string> buckets;
  bool deleted = false;
  std::string created_by;
  std::string created_at;
  std::string updated_by;
  std::string updated_at;
};

// The space-separated bucket list kept in records.buckets.
std::vector<std::string> parse_bucket_list(const std::string& text);

class RecordStore {
 public:
  explicit RecordStore(SqliteDatabase& db) : db_(db) {}

  // A live record of that collection that the scope can read; nothing otherwise.
  std::optional<StoredRecord> get(const scope::ReadScope& scope, std::string_view collection, std::string_view id);
  // Whether any record, in any scope, has this id (ids are unique across collections and tenants).
  bool id_taken(std::string_view id);
  // Both also append to the change log of every bucket the record is in, and of every bucket it
  // left, in the caller's transaction.
  void insert(const StoredRecord& record);
  void replace(const StoredRecord& record, const std::vector<std::string>& previous_buckets);

  // Every (bucket, seq) this store object appended, for live hints after the commit.
  const std::vector<std::pair<std::string, std::int64_t>>& changes_written() const { return written_; }

  std::optional<std::string> mutation_result(std::string_view user_id, std::string_view mutation_id);
  void remember_mutation(std::string_view user_id, std::string_view mutation_id, std::string_view result_json);

 private:
  void write_buckets(const StoredRecord& record);
  void log_change(const std::string& bucket, const StoredRecord& record, bool removed);
  SqliteDatabase& db_;
  std::vector<std::pair<std::string, std::int64_t>> written_;
};

}  // namespace kete::storage
