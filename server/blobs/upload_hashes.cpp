#include "blobs/upload_hashes.h"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <vector>

#include "auth/random.h"

namespace kete::blobs {
namespace {

constexpr std::size_t kMaxStates = 10'000;

}  // namespace

struct UploadHashes::State {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::int64_t offset = 0;
  State() { EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr); }
  ~State() { EVP_MD_CTX_free(ctx); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  void update(const char* data, std::size_t size) { EVP_DigestUpdate(ctx, data, size); }
  std::string hex_digest() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_DigestFinal_ex(ctx, digest, &n);
    return auth::to_hex(std::string_view(reinterpret_cast<const char*>(digest), n));
  }
};

UploadHashes::UploadHashes() = default;
UploadHashes::~UploadHashes() = default;

UploadHashes::Claim UploadHashes::claim(const std::string& key, std::chrono::milliseconds wait,
                                        const std::function<bool()>& give_up) {
  std::unique_lock lock(claims_mutex_);
  if (claimed_.contains(key)) {
    if (wait.count() <= 0 || waiting_.contains(key)) return {};
    waiting_.insert(key);
    struct NoLongerWaiting {  // however the wait ends (under the lock, which wait_for gives back)
      std::set<std::string, std::less<>>& waiting;
      const std::string& key;
      ~NoLongerWaiting() { waiting.erase(key); }
    } no_longer_waiting{waiting_, key};
    const auto until = std::chrono::steady_clock::now() + wait;
    while (claimed_.contains(key) && std::chrono::steady_clock::now() < until && !(give_up && give_up()))
      claim_released_.wait_for(lock, std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(250),
                                                                                   until - std::chrono::steady_clock::now()));
    if (claimed_.contains(key)) return {};
  }
  claimed_.insert(key);
  return Claim(this, key);
}

UploadHashes::Claim::~Claim() {
  if (!owner_) return;
  {
    std::lock_guard lock(owner_->claims_mutex_);
    owner_->claimed_.erase(key_);
  }
  owner_->claim_released_.notify_all();
}

std::mutex& UploadHashes::lock_for(std::string_view sha256) {
  return stripes_[std::hash<std::string_view>{}(sha256) % stripes_.size()];
}

void UploadHashes::feed(const std::string& key, std::int64_t offset, std::string_view data) {
  State* state = nullptr;
  {
    std::lock_guard lock(states_mutex_);
    auto it = states_.find(key);
    if (it == states_.end()) {
      if (offset != 0 || states_.size() >= kMaxStates) return;  // hashed from disk at the end instead
      it = states_.emplace(key, std::make_unique<State>()).first;
    }
    if (it->second->offset != offset) {
      states_.erase(it);
      return;
    }
    state = it->second.get();
  }
  // Hashed outside the map's lock: the caller holds the upload's claim, the only way to this state.
  state->update(data.data(), data.size());
  state->offset += static_cast<std::int64_t>(data.size());
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
  return state->offset == total ? state->hex_digest() : std::string();
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
    state.update(buffer.data(), static_cast<std::size_t>(want));
    left -= want;
  }
  return state.hex_digest();
}

}  // namespace kete::blobs
