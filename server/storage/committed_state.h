#pragma once
// What has been committed to one database, kept in memory for the hot read paths: every bucket's
// newest seq, the epoch, and a generation that moves after every commit that changes sessions,
// users, tenants or assignments. Connections publish into it only after their COMMIT succeeded,
// so it never runs ahead of the database; caches keyed on the generation are dropped by the
// first commit that could make them wrong.
//
// It is sound because one server process owns the data folder (see cli/data_folder.h): nothing
// else writes the database while it serves.
#include <atomic>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kete::storage {

class CommittedState {
 public:
  void load(const std::vector<std::pair<std::string, std::int64_t>>& heads, std::string epoch);

  std::int64_t head(const std::string& bucket) const;  // 0 for a bucket never written
  std::string epoch() const;
  std::uint64_t identity_generation() const { return generation_.load(std::memory_order_acquire); }

  // After a commit: heads only move forward, whatever order two commits publish in.
  void publish(const std::vector<std::pair<std::string, std::int64_t>>& heads, bool identity_changed,
               const std::string* new_epoch);

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::int64_t> heads_;
  std::string epoch_;
  std::atomic<std::uint64_t> generation_{1};
};

}  // namespace kete::storage
