#pragma once
// Lower-case hex on the wire: blobs are named by their SHA-256, session tokens are hex.
#include <cstddef>
#include <string_view>

namespace kete {

bool is_lower_hex(std::string_view text, std::size_t length);  // exactly `length` of [0-9a-f]
inline bool is_sha256_hex(std::string_view text) { return is_lower_hex(text, 64); }

}  // namespace kete
