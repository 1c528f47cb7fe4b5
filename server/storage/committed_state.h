#pragma once
// What has been committed to one database, kept in memory for the hot read paths: every bucket's
// newest seq, the epoch, and identity generations that move after every commit changing sessions,
// users, tenants or assignments. Connections publish into it only after their COMMIT succeeded,
// so it never runs ahead of the database; caches keyed on a generation are dropped by the first
// commit that could make them wrong.
//
// Generations: a global one (tenants, new users: what an admin's bucket list is made of, and a
// tenant's two-factor rule) and one per user (their sessions, password, two-factor, assignments).
// identity_generation(user) is their sum: both only grow, so it changes whenever either does.
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

struct IdentityChanges {
  bool global = false;
  std::vector<std::string> users;
  bool empty() const { return !global && users.empty(); }
};

class CommittedState {
 public:
  void load(const std::vector<std::pair<std::string, std::int64_t>>& heads, std::string epoch);

  std::int64_t head(const std::string& bucket) const;  // 0 for a bucket never written
  std::string epoch() const;
  std::uint64_t identity_generation(const std::string& user_id) const;
  // Moves with every identity change of anyone: a reader that sees the same value before and
  // after its database read knows nothing changed meanwhile.
  std::uint64_t identity_changes() const { return changes_.load(std::memory_order_acquire); }

  // After a commit: heads only move forward, whatever order two commits publish in.
  void publish(const std::vector<std::pair<std::string, std::int64_t>>& heads, const IdentityChanges& identity,
               const std::string* new_epoch);

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::int64_t> heads_;
  std::string epoch_;
  std::uint64_t global_ = 1;
  std::unordered_map<std::string, std::uint64_t> users_;
  std::atomic<std::uint64_t> changes_{1};
};

}  // namespace kete::storage
