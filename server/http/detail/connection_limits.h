#pragma once
// Internal to the transport: how many connections are open, in all and per address, so that a
// flood of idle connections (or one address alone) cannot take every descriptor the server has.
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kete::http::detail {

class ConnectionLimits {
 public:
  ConnectionLimits(std::size_t total, std::size_t per_address) : total_(total), per_address_(per_address) {}

  // Holds one connection's place until it is destroyed.
  class Place {
   public:
    Place(ConnectionLimits& limits, std::string address) : limits_(&limits), address_(std::move(address)) {}
    Place(Place&& other) noexcept : limits_(other.limits_), address_(std::move(other.address_)) { other.limits_ = nullptr; }
    Place(const Place&) = delete;
    Place& operator=(const Place&) = delete;
    Place& operator=(Place&&) = delete;
    ~Place() {
      if (limits_) limits_->leave(address_);
    }

   private:
    ConnectionLimits* limits_;
    std::string address_;
  };

  // A place for a new connection from `address`, or nothing when the server or that address is
  // at its limit.
  std::optional<Place> admit(const std::string& address) {
    std::lock_guard lock(mutex_);
    if (open_ >= total_) return std::nullopt;
    auto& mine = per_address_open_[address];
    if (mine >= per_address_) {
      if (mine == 0) per_address_open_.erase(address);
      return std::nullopt;
    }
    ++mine;
    ++open_;
    return Place(*this, address);
  }

  std::size_t total() const { return total_; }
  std::size_t per_address() const { return per_address_; }

 private:
  void leave(const std::string& address) {
    std::lock_guard lock(mutex_);
    --open_;
    if (auto it = per_address_open_.find(address); it != per_address_open_.end() && --it->second == 0)
      per_address_open_.erase(it);
  }

  std::mutex mutex_;
  std::size_t total_;
  std::size_t per_address_;
  std::size_t open_ = 0;
  std::map<std::string, std::size_t> per_address_open_;
};

}  // namespace kete::http::detail
