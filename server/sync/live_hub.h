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

  std::uint64_t subscribe(scope::Caller caller, Send send);
  void unsubscribe(std::uint64_t id);
  // Tells every subscriber that may read a bucket its new newest seq.
  void notify(const std::vector<std::pair<std::string, std::int64_t>>& heads);
  std::size_t size() const;

 private:
  struct Subscriber {
    scope::Caller caller;
    Send send;
  };
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Subscriber> subscribers_;
};

}  // namespace kete::sync
