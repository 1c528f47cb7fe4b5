#pragma once
// Stores the pieces of a body on a thread of its own while the next piece arrives: receiving a
// file chunk (decrypting it) and storing it (copying it into the page cache, hashing it) then run
// on two cores instead of one after the other. A few fixed buffers: memory stays flat.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

namespace kete::blobs {

class WriteBehind {
 public:
  static constexpr std::size_t kPieceBytes = 512 * 1024;
  static constexpr int kBuffers = 4;

  // `store` runs on the second thread, once per piece, in order; false stops storing.
  explicit WriteBehind(std::function<bool(std::string_view)> store);
  ~WriteBehind();  // waits for what was handed over
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

  // A free buffer of kPieceBytes to fill, once one is free; nullptr once storing has failed.
  char* buffer();
  // The buffer from buffer() holds `size` bytes: store them.
  void hand_over(std::size_t size);
  // Waits until every piece handed over is stored: false when one was not.
  bool finish();

 private:
  void run();

  std::function<bool(std::string_view)> store_;
  std::vector<std::vector<char>> buffers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::pair<int, std::size_t>> full_;  // buffer index, bytes
  std::deque<int> free_;
  int filling_ = -1;
  bool closing_ = false;
  bool failed_ = false;
  int busy_ = 0;  // pieces handed over and not yet stored
  std::thread thread_;
};

}  // namespace kete::blobs
