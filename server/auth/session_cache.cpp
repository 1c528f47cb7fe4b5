#include "auth/session_cache.h"

namespace kete::auth {

std::optional<CachedSession> SessionCache::find(const std::string& token_hash, std::uint64_t generation) const {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token_hash);
  if (it == sessions_.end() || it->second.generation != generation) return std::nullopt;
  return it->second.value;
}

void SessionCache::put(const std::string& token_hash, CachedSession session, std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kMaxEntries) sessions_.clear();
  sessions_[token_hash] = Session{std::move(session), generation};
}

void SessionCache::forget(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token_hash);
}

SessionCache::Buckets SessionCache::buckets(const std::string& user_id, std::uint64_t generation) const {
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(user_id);
  if (it == buckets_.end() || it->second.generation != generation) return nullptr;
  return it->second.value;
}

void SessionCache::put_buckets(const std::string& user_id, Buckets buckets, std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxEntries) buckets_.clear();
  buckets_[user_id] = BucketList{std::move(buckets), generation};
}

}  // namespace kete::auth
