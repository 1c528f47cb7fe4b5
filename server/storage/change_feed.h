#pragma once
// Reading the per-bucket change logs that RecordStore writes; each read is a range scan on
// (bucket, seq).
#include <cstdint>
#include <string>
#include <vector>

namespace kete::storage {

class SqliteDatabase;

struct Change {
  std::string bucket;
  std::int64_t seq = 0;
  std::string collection;
  std::string record_id;
  std::int64_t version = 0;
  bool removed = false;  // deleted, or moved out of this bucket
};

class ChangeFeed {
 public:
  explicit ChangeFeed(SqliteDatabase& db) : db_(db) {}

  std::vector<Change> since(const std::string& bucket, std::int64_t after_seq, int limit);
  std::int64_t head(const std::string& bucket);  // the bucket's newest seq, 0 when empty
  std::vector<std::pair<std::string, std::int64_t>> heads();  // every bucket's newest seq
  std::string epoch();                           // made when the database was created
  std::string renew_epoch();                     // after a restore: every app starts again from zero

 private:
  SqliteDatabase& db_;
};

}  // namespace kete::storage
