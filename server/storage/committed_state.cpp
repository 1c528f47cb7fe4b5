#include "storage/committed_state.h"

#include <algorithm>
#include <mutex>

namespace kete::storage {

void CommittedState::load(const std::vector<std::pair<std::string, std::int64_t>>& heads, std::string epoch) {
  std::unique_lock lock(mutex_);
  heads_.clear();
  for (const auto& [bucket, seq] : heads) heads_[bucket] = seq;
  epoch_ = std::move(epoch);
}

std::int64_t CommittedState::head(const std::string& bucket) const {
  std::shared_lock lock(mutex_);
  const auto it = heads_.find(bucket);
  return it == heads_.end() ? 0 : it->second;
}

std::string CommittedState::epoch() const {
  std::shared_lock lock(mutex_);
  return epoch_;
}

std::uint64_t CommittedState::identity_generation(const std::string& user_id) const {
  std::shared_lock lock(mutex_);
  const auto it = users_.find(user_id);
  return global_ + (it == users_.end() ? 0 : it->second);
}

void CommittedState::publish(const std::vector<std::pair<std::string, std::int64_t>>& heads,
                             const IdentityChanges& identity, const std::string* new_epoch) {
  if (heads.empty() && identity.empty() && !new_epoch) return;
  {
    std::unique_lock lock(mutex_);
    for (const auto& [bucket, seq] : heads) {
      auto& head = heads_[bucket];
      head = std::max(head, seq);
    }
    if (new_epoch) epoch_ = *new_epoch;
    if (identity.global) ++global_;
    for (const auto& user : identity.users) ++users_[user];
    // Inside the lock: whoever reads a generation after this sees the change count moved too.
    if (!identity.empty()) changes_.fetch_add(1, std::memory_order_acq_rel);
  }
}

}  // namespace kete::storage
