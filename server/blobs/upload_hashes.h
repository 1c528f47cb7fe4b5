#pragma once
// Per-upload locks and running SHA-256 states. A chunk that continues an upload where its state
// stopped is hashed as it arrives, so completing a large upload does not read it all again; any
// other case (a retried chunk, a restart of the server) drops the state and the file is hashed
// from disk at the end.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace kete::blobs {

class UploadHashes {
 public:
  UploadHashes();
  ~UploadHashes();
  UploadHashes(const UploadHashes&) = delete;
  UploadHashes& operator=(const UploadHashes&) = delete;

  // Everything about one hash (its uploads, completion, collection) happens under this lock;
  // feed() and finish() must be called holding it.
  std::mutex& lock_for(std::string_view sha256);

  // Bytes [offset, offset + data.size()) of the upload `key`; a gap or overlap forgets the state.
  void feed(const std::string& key, std::int64_t offset, std::string_view data);
  // The hex digest when the state covers exactly `total` bytes; empty otherwise. Forgets it.
  std::string finish(const std::string& key, std::int64_t total);
  void forget(const std::string& key);

  struct State;  // a running SHA-256

 private:
  std::array<std::mutex, 64> stripes_;
  std::mutex states_mutex_;
  std::map<std::string, std::unique_ptr<State>> states_;
};

// Hex SHA-256 of a file's first `length` bytes, read in chunks; empty when it cannot be read.
std::string sha256_of_file(const std::string& path, std::int64_t length);

}  // namespace kete::blobs
