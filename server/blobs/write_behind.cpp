#include "blobs/write_behind.h"

namespace kete::blobs {

WriteBehind::WriteBehind(std::function<bool(std::string_view)> store) : store_(std::move(store)) {
  for (int i = 0; i < kBuffers; ++i) {
    buffers_.emplace_back(kPieceBytes);
    free_.push_back(i);
  }
  thread_ = std::thread([this] { run(); });
}

WriteBehind::~WriteBehind() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

char* WriteBehind::buffer() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return failed_ || !free_.empty(); });
  if (failed_) return nullptr;
  filling_ = free_.front();
  free_.pop_front();
  return buffers_[static_cast<std::size_t>(filling_)].data();
}

void WriteBehind::hand_over(std::size_t size) {
  {
    std::lock_guard lock(mutex_);
    if (filling_ < 0) return;
    full_.emplace_back(filling_, size);
    filling_ = -1;
    ++busy_;
  }
  changed_.notify_all();
}

bool WriteBehind::finish() {
  std::unique_lock lock(mutex_);
  if (filling_ >= 0) {  // taken and never handed over
    free_.push_back(filling_);
    filling_ = -1;
  }
  changed_.wait(lock, [&] { return busy_ == 0; });
  return !failed_;
}

void WriteBehind::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return closing_ || !full_.empty(); });
    if (full_.empty()) return;  // closing, and everything handed over is stored
    const auto [index, size] = full_.front();
    full_.pop_front();
    const bool skip = failed_;
    lock.unlock();
    bool stored = skip;
    if (!skip) {
      try {
        stored = store_(std::string_view(buffers_[static_cast<std::size_t>(index)].data(), size));
      } catch (...) {
        stored = false;
      }
    }
    lock.lock();
    if (!stored) failed_ = true;
    free_.push_back(index);
    --busy_;
    changed_.notify_all();
  }
}

}  // namespace kete::blobs
