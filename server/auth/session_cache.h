#pragma once
// Signed-in callers kept in memory, so that a request from a known session costs no database
// read. The authenticator uses an entry only while the caller's identity generation is still
// current (storage/committed_state.h), before its session's absolute expiry, and while its last
// touch is recent; otherwise the request takes the full path through the database, which
// refreshes the entry.
//
// It also keeps each user's readable bucket list under the same rule: for an admin of a large
// business that list costs real queries, and an up-to-date pull needs nothing else.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "scope/caller.h"

namespace kete::auth {

struct CachedSession {
  scope::Caller caller;  // with session_id
  std::int64_t last_seen_at = 0;
  std::int64_t absolute_expires_at = 0;
};

class SessionCache {
 public:
  using Buckets = std::shared_ptr<const std::vector<std::string>>;

  std::optional<CachedSession> find(const std::string& token_hash) const;
  void put(const std::string& token_hash, CachedSession session);

  Buckets buckets(const std::string& user_id, std::uint64_t generation) const;
  void put_buckets(const std::string& user_id, Buckets buckets, std::uint64_t generation);

 private:
  static constexpr std::size_t kMaxEntries = 50'000;  // beyond this, start again (no eviction order needed)
  struct BucketList {
    Buckets value;
    std::uint64_t generation;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, CachedSession> sessions_;
  std::unordered_map<std::string, BucketList> buckets_;
};

}  // namespace kete::auth
