#include "blobs/write_behind.h"

#include <cstdint>

namespace kete::blobs {

WriteBehind::WriteBehind(std::vector<Stage> stages)
    : stages_(std::move(stages)),
      storage_(new char[kBuffers * kPieceBytes + kBufferAlignment]),
      users_(kBuffers, 0),
      queues_(stages_.size()) {
  const auto start = reinterpret_cast<std::uintptr_t>(storage_.get());
  char* first = storage_.get() + (kBufferAlignment - start % kBufferAlignment) % kBufferAlignment;
  for (int i = 0; i < kBuffers; ++i) {
    buffers_.push_back(first + static_cast<std::size_t>(i) * kPieceBytes);
    free_.push_back(i);
  }
  for (std::size_t stage = 0; stage < stages_.size(); ++stage) threads_.emplace_back([this, stage] { run(stage); });
}

WriteBehind::~WriteBehind() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  for (auto& thread : threads_) thread.join();
}

char* WriteBehind::buffer() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return failed_ || !free_.empty(); });
  if (failed_) return nullptr;
  filling_ = free_.front();
  free_.pop_front();
  return buffers_[static_cast<std::size_t>(filling_)];
}

void WriteBehind::hand_over(std::size_t size) {
  {
    std::lock_guard lock(mutex_);
    if (filling_ < 0) return;
    for (auto& queue : queues_) queue.emplace_back(filling_, size);
    users_[static_cast<std::size_t>(filling_)] = static_cast<int>(stages_.size());
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

void WriteBehind::run(std::size_t stage) {
  auto& queue = queues_[stage];
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return closing_ || !queue.empty(); });
    if (queue.empty()) return;  // closing, and everything handed over is done
    const auto [index, size] = queue.front();
    queue.pop_front();
    const bool skip = failed_;
    lock.unlock();
    bool done = skip;
    if (!skip) {
      try {
        done = stages_[stage](std::string_view(buffers_[static_cast<std::size_t>(index)], size));
      } catch (...) {
        done = false;
      }
    }
    lock.lock();
    if (!done) failed_ = true;
    if (--users_[static_cast<std::size_t>(index)] == 0) {
      free_.push_back(index);
      --busy_;
    }
    changed_.notify_all();
  }
}

}  // namespace kete::blobs
