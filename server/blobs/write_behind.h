#pragma once
// Hands the pieces of a body to stages that each run on a thread of their own while the next
// piece arrives: receiving a file chunk (decrypting it), hashing it and storing it (writing it to
// disk) then run side by side instead of one after the other. Hashing is the
// slowest of the three on processors without SHA instructions, so it gets a thread to itself.
// A few fixed buffers: memory stays flat. They start on a page boundary, so that a stage may
// write them straight to disk, past the page cache (see ChunkFile in blob_handlers.cpp).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

namespace kete::blobs {

class WriteBehind {
 public:
  static constexpr std::size_t kPieceBytes = 512 * 1024;
  static constexpr int kBuffers = 4;
  static constexpr std::size_t kBufferAlignment = 4096;
  using Stage = std::function<bool(std::string_view)>;

  // Each stage runs on a thread of its own, once per piece, in order; the stages take the same
  // piece side by side, and its buffer is reused once all of them are done with it. false from a
  // stage stops every stage before its next piece.
  explicit WriteBehind(std::vector<Stage> stages);
  explicit WriteBehind(Stage store) : WriteBehind(std::vector<Stage>{std::move(store)}) {}
  ~WriteBehind();  // waits for what was handed over
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

  // A free buffer of kPieceBytes to fill, starting at a multiple of kBufferAlignment, once one is
  // free; nullptr once a stage has failed.
  char* buffer();
  // The buffer from buffer() holds `size` bytes: hand them to every stage.
  void hand_over(std::size_t size);
  // Waits until every stage is done with every piece handed over: false when one failed.
  bool finish();

 private:
  void run(std::size_t stage);

  std::vector<Stage> stages_;
  // One allocation for all the buffers (separately aligned ones left the allocator's heaps too
  // fragmented to give memory back).
  std::unique_ptr<char[]> storage_;
  std::vector<char*> buffers_;
  std::vector<int> users_;  // per buffer: stages not yet done with it
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::deque<std::pair<int, std::size_t>>> queues_;  // per stage: buffer index, bytes
  std::deque<int> free_;
  int filling_ = -1;
  bool closing_ = false;
  bool failed_ = false;
  int busy_ = 0;  // pieces handed over that some stage has not yet done
  std::vector<std::thread> threads_;
};

}  // namespace kete::blobs
