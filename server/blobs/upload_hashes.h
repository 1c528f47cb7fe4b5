#pragma once
// Per-upload claims, per-hash locks and running SHA-256 states. A chunk that continues an upload where its state
// stopped is hashed as it arrives, so completing a large upload does not read it all again; any
// other case (a retried chunk, a restart of the server) drops the state and the file is hashed
// from disk at the end.
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace kete::blobs {

class UploadHashes {
 public:
  UploadHashes();
  ~UploadHashes();
  UploadHashes(const UploadHashes&) = delete;
  UploadHashes& operator=(const UploadHashes&) = delete;

  // One request at a time writes an upload (one user's upload of one hash, `key`), for as long as
  // its body takes to arrive. Held while it is held; empty when another request still held it
  // after `wait` (a retry whose earlier connection has not yet reached its read deadline), when
  // `give_up` said so meanwhile (checked a few times a second), or at once when another request
  // already waits for it: one waiter per upload, so that retries cannot pile up.
  class Claim {
   public:
    Claim() = default;
    Claim(UploadHashes* owner, std::string key) : owner_(owner), key_(std::move(key)) {}
    Claim(Claim&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)), key_(std::move(other.key_)) {}
    Claim& operator=(Claim&&) = delete;
    ~Claim();
    explicit operator bool() const { return owner_ != nullptr; }

   private:
    UploadHashes* owner_ = nullptr;
    std::string key_;
  };
  Claim claim(const std::string& key, std::chrono::milliseconds wait, const std::function<bool()>& give_up = {});

  // What one hash's uploads share (completing into the one stored file, collection) happens
  // under this lock, held briefly and never while a body arrives. Taken after a claim, if both.
  std::mutex& lock_for(std::string_view sha256);

  // feed() and finish() are called holding the upload's claim.
  // Bytes [offset, offset + data.size()) of the upload `key`; a gap or overlap forgets the state.
  void feed(const std::string& key, std::int64_t offset, std::string_view data);
  // The hex digest when the state covers exactly `total` bytes; empty otherwise. Forgets it.
  std::string finish(const std::string& key, std::int64_t total);
  void forget(const std::string& key);

  struct State;  // a running SHA-256

 private:
  std::array<std::mutex, 64> stripes_;
  std::mutex claims_mutex_;
  std::condition_variable claim_released_;
  std::set<std::string, std::less<>> claimed_;
  std::set<std::string, std::less<>> waiting_;
  std::mutex states_mutex_;
  std::map<std::string, std::unique_ptr<State>> states_;
};

// Hex SHA-256 of a file's first `length` bytes, read in chunks; empty when it cannot be read.
std::string sha256_of_file(const std::string& path, std::int64_t length);

}  // namespace kete::blobs
