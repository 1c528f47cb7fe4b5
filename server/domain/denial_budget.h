#pragma once
// How many denied requests of one person the audit log takes in a window: denials are worth
// keeping, but a caller looping on refused writes must not be able to fill the log (and the disk).
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace kete::domain {

class DenialBudget {
 public:
  static constexpr int kPerWindow = 200;
  static constexpr std::int64_t kWindowSeconds = 600;

  enum class Verdict { write, write_last, skip };  // write_last: the one that says the rest are left out

  Verdict take(const std::string& user_id, std::int64_t now) {
    std::lock_guard lock(mutex_);
    if (spent_.size() > 100000) spent_.clear();  // a bound on the bound's own memory
    auto& s = spent_[user_id];
    if (now - s.window_start >= kWindowSeconds) s = {now, 0};
    ++s.count;
    if (s.count < kPerWindow) return Verdict::write;
    return s.count == kPerWindow ? Verdict::write_last : Verdict::skip;
  }

 private:
  struct Spent {
    std::int64_t window_start = 0;
    int count = 0;
  };
  std::mutex mutex_;
  std::map<std::string, Spent> spent_;
};

}  // namespace kete::domain
