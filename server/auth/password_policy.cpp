#include "auth/password_policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace kete::auth {
namespace {

// Passwords of 12+ characters that breach corpora show most often; compared case-insensitively.
constexpr std::array<std::string_view, 24> kCommon{
    "123456789012", "1234567890123", "12345678910", "qwertyuiopas", "qwerty123456", "password1234",
    "password12345", "passwordpassword", "iloveyou1234", "123123123123", "111111111111", "000000000000",
    "abcdefghijkl", "abc123abc123", "qwertyqwerty", "1q2w3e4r5t6y", "letmein12345", "welcome12345",
    "administrator", "changeme1234", "aotearoa1234", "newzealand123", "password123!", "qazwsxedcrfv"};

}  // namespace

Result<Done> check_new_password(std::string_view password) {
  if (password.size() < kMinimumPasswordLength)
    return make_error(ErrorCode::bad_request, "password must be at least 12 characters");
  if (password.size() > kMaximumPasswordLength)
    return make_error(ErrorCode::bad_request, "password must be at most 1024 characters");
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(kCommon.begin(), kCommon.end(), lower) != kCommon.end())
    return make_error(ErrorCode::bad_request, "password is too common; choose another");
  return Done{};
}

}  // namespace kete::auth
