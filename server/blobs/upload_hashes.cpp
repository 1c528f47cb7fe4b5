#include "blobs/upload_hashes.h"

#include <openssl/evp.h>

#include <fstream>
#include <functional>
#include <vector>

namespace kete::blobs {
namespace {

constexpr std::size_t kMaxStates = 10'000;

std::string hex(const unsigned char* p, unsigned n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < n; ++i) {
    out.push_back(digits[p[i] >> 4]);
    out.push_back(digits[p[i] & 15]);
  }
  return out;
}

}  // namespace

struct UploadHashes::State {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::int64_t offset = 0;
  State() { EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr); }
  ~State() { EVP_MD_CTX_free(ctx); }
};

UploadHashes::UploadHashes() = default;
UploadHashes::~UploadHashes() = default;

std::mutex& UploadHashes::lock_for(std::string_view sha256) {
  return stripes_[std::hash<std::string_view>{}(sha256) % stripes_.size()];
}

void UploadHashes::feed(const std::string& key, std::int64_t offset, std::string_view data) {
  std::lock_guard lock(states_mutex_);
  auto it = states_.find(key);
  if (it == states_.end()) {
    if (offset != 0) return;
    if (states_.size() >= kMaxStates) return;  // hashed from disk at the end instead
    it = states_.emplace(key, std::make_unique<State>()).first;
  }
  if (it->second->offset != offset) {
    states_.erase(it);
    return;
  }
  EVP_DigestUpdate(it->second->ctx, data.data(), data.size());
  it->second->offset += static_cast<std::int64_t>(data.size());
}

std::string UploadHashes::finish(const std::string& key, std::int64_t total) {
  std::unique_ptr<State> state;
  {
    std::lock_guard lock(states_mutex_);
    auto it = states_.find(key);
    if (it == states_.end()) return {};
    state = std::move(it->second);
    states_.erase(it);
  }
  if (state->offset != total) return {};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_DigestFinal_ex(state->ctx, digest, &n);
  return hex(digest, n);
}

void UploadHashes::forget(const std::string& key) {
  std::lock_guard lock(states_mutex_);
  states_.erase(key);
}

std::string sha256_of_file(const std::string& path, std::int64_t length) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  UploadHashes::State state;
  std::vector<char> buffer(1 << 20);
  std::int64_t left = length;
  while (left > 0) {
    const auto want = static_cast<std::streamsize>(std::min<std::int64_t>(left, static_cast<std::int64_t>(buffer.size())));
    if (!in.read(buffer.data(), want)) return {};
    EVP_DigestUpdate(state.ctx, buffer.data(), static_cast<std::size_t>(want));
    left -= want;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_DigestFinal_ex(state.ctx, digest, &n);
  return hex(digest, n);
}

}  // namespace kete::blobs
