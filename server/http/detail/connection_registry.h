#pragma once
// Tracks the open connections so that shutdown can cancel every one of them.
#include <atomic>
#include <functional>
#include <list>
#include <mutex>

namespace kete::http::detail {

class ConnectionRegistry {
 public:
  using Canceller = std::function<void()>;
  using Handle = std::list<Canceller>::iterator;

  class Registration {
   public:
    Registration(ConnectionRegistry& registry, Handle handle) : registry_(registry), handle_(handle) {}
    ~Registration() { registry_.remove(handle_); }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    ConnectionRegistry& registry_;
    Handle handle_;
  };

  Handle add(Canceller cancel) {
    std::lock_guard lock(mutex_);
    return cancellers_.insert(cancellers_.end(), std::move(cancel));
  }

  void remove(Handle handle) {
    std::lock_guard lock(mutex_);
    cancellers_.erase(handle);
  }

  // Stops new requests on every connection and cancels what each is waiting for.
  void stop_all() {
    stopping_ = true;
    std::lock_guard lock(mutex_);
    for (auto& cancel : cancellers_) cancel();
  }

  bool stopping() const { return stopping_; }

 private:
  std::mutex mutex_;
  std::list<Canceller> cancellers_;
  std::atomic<bool> stopping_{false};
};

}  // namespace kete::http::detail
