#pragma once
// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as every
// authenticator app produces them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kete::auth {

std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);

std::string totp_code(std::string_view secret, std::int64_t step);
// The step the code matches within one step either side of `unix_time`, if it is later than
// `last_used_step` (a code is good once).
std::optional<std::int64_t> verify_totp(std::string_view secret, std::string_view code, std::int64_t unix_time,
                                        std::int64_t last_used_step);

}  // namespace kete::auth
