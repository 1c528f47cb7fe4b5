#include "auth/session_cache.h"

namespace kete::auth {

std::optional<CachedSession> SessionCache::find(const std::string& token_hash) const {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token_hash);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

void SessionCache::put(const std::string& token_hash, CachedSession session) {
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kMaxEntries) sessions_.clear();
  sessions_[token_hash] = std::move(session);
}

SessionCache::Buckets SessionCache::buckets(const std::string& user_id, std::uint64_t generation) const {
  if (generation == 0) return nullptr;
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(user_id);
  if (it == buckets_.end() || it->second.generation != generation) return nullptr;
  return it->second.value;
}

void SessionCache::put_buckets(const std::string& user_id, Buckets buckets, std::uint64_t generation) {
  if (generation == 0) return;  // read while identities changed: not to be kept
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxEntries) buckets_.clear();
  buckets_[user_id] = BucketList{std::move(buckets), generation};
}

}  // namespace kete::auth
