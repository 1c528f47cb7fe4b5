#include "auth/password_hash.h"

#include <argon2.h>

#include <stdexcept>

#include "auth/random.h"

namespace kete::auth {
namespace {

// OWASP's argon2id floor: 19 MiB memory, two passes, one lane.
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kIterations = 2;
constexpr uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

}  // namespace

std::string hash_password(std::string_view password) {
  const std::string salt = random_bytes(kSaltBytes);
  const std::size_t length = argon2_encodedlen(kIterations, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(length, '\0');
  const int rc = argon2id_hash_encoded(kIterations, kMemoryKiB, kLanes, password.data(), password.size(), salt.data(),
                                       salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(std::string_view password, const std::string& phc) {
  if (phc.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(phc.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace kete::auth
