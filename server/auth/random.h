#pragma once
// Cryptographically random ids, salts and tokens (OpenSSL's CSPRNG).
#include <cstddef>
#include <string>

namespace kete::auth {

std::string random_bytes(std::size_t count);
std::string random_uuid();                 // RFC 4122 version 4, lower case
std::string random_token_hex(std::size_t bytes);

std::string to_hex(std::string_view bytes);
std::string sha256(std::string_view bytes);  // raw 32 bytes

}  // namespace kete::auth
