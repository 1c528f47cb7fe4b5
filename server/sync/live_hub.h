#pragma once
// The open live-update sockets and who is behind each: after a commit, every socket whose
// person may read a changed bucket gets a {"bucket","seq"} hint so that app pulls at once.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "scope/caller.h"

namespace kete::sync {

class LiveHub {
 public:
  using Send = std::function<void(std::string message)>;  // thread-safe; queues one text message
  using Close = std::function<void()>;                     // thread-safe; closes once the queue has gone

  std::uint64_t subscribe(scope::Caller caller, Send send, Close close);
  void unsubscribe(std::uint64_t id);
  using Generation = std::function<std::uint64_t(const std::string& user_id)>;
  // Tells every subscriber that may read a bucket its new newest seq. A subscriber whose identity
  // changed since it connected (an unassignment, invoice access switched off) is judged by a
  // scope that may be gone: it gets one {"scope":"changed"} instead, no bucket names, and pulls
  // (and reconnects with its new scope) on it.
  void notify(const std::vector<std::pair<std::string, std::int64_t>>& heads, const Generation& current_generation);
  // Closes the sockets a session opened, once it has ended (signed out, or ended from elsewhere).
  void close_session(const std::string& session_id);
  // Closes every socket of a person whose sessions all ended (except `keep`, the caller's own).
  void close_user(const std::string& user_id, const std::string& keep_session);
  std::size_t size() const;

 private:
  struct Subscriber {
    scope::Caller caller;
    Send send;
    Close close;
    bool stale = false;  // told once that its scope changed; hears nothing more until it reconnects
  };
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Subscriber> subscribers_;
};

}  // namespace kete::sync
