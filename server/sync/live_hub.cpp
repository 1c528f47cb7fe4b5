#include "sync/live_hub.h"

#include <boost/json/serialize.hpp>
#include <boost/json/object.hpp>

#include "scope/bucket_rules.h"

namespace kete::sync {

std::uint64_t LiveHub::subscribe(scope::Caller caller, Send send, Close close) {
  std::lock_guard lock(mutex_);
  const auto id = next_id_++;
  subscribers_.emplace(id, Subscriber{std::move(caller), std::move(send), std::move(close)});
  return id;
}

void LiveHub::close_session(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  for (auto& [id, sub] : subscribers_)
    if (sub.caller.session_id == session_id) sub.close();
}

void LiveHub::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(id);
}

void LiveHub::notify(const std::vector<std::pair<std::string, std::int64_t>>& heads, const Generation& current_generation) {
  if (heads.empty()) return;
  // Only the newest seq of each bucket matters to an app.
  std::map<std::string, std::int64_t> newest;
  for (const auto& [bucket, seq] : heads) newest[bucket] = std::max(newest[bucket], seq);
  std::lock_guard lock(mutex_);
  for (auto& [id, sub] : subscribers_) {
    if (sub.stale) continue;
    if (sub.caller.identity_generation != current_generation(sub.caller.user_id)) {
      sub.stale = true;
      sub.send(R"({"scope":"changed"})");
      sub.close();  // nothing more is said under a scope that may be gone: the app reconnects
      continue;
    }
    for (const auto& [bucket, seq] : newest)
      if (scope::can_read_bucket(sub.caller, bucket))
        sub.send(boost::json::serialize(boost::json::object{{"bucket", bucket}, {"seq", seq}}));
  }
}

void LiveHub::close_user(const std::string& user_id, const std::string& keep_session) {
  std::lock_guard lock(mutex_);
  for (auto& [id, sub] : subscribers_)
    if (sub.caller.user_id == user_id && sub.caller.session_id != keep_session) sub.close();
}

std::size_t LiveHub::size() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

}  // namespace kete::sync
