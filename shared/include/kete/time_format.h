#pragma once
// RFC 3339 UTC timestamps, the only time format on the wire and in storage.
#include <chrono>
#include <string>

namespace kete {

std::string rfc3339_utc(std::chrono::system_clock::time_point when, bool with_millis = false);
inline std::string rfc3339_utc_now(bool with_millis = false) {
  return rfc3339_utc(std::chrono::system_clock::now(), with_millis);
}

}  // namespace kete
