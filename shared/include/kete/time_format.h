#pragma once
// RFC 3339 UTC timestamps, the only time format on the wire and in storage.
#include <chrono>
#include <cstdint>
#include <string>

namespace kete {

std::string rfc3339_utc(std::chrono::system_clock::time_point when, bool with_millis = false);
inline std::string rfc3339_utc_now(bool with_millis = false) {
  return rfc3339_utc(std::chrono::system_clock::now(), with_millis);
}

// Whole seconds since 1970 (UTC): what sessions, uploads and limits count in.
inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace kete
