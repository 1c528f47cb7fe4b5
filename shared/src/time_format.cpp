#include "kete/time_format.h"

#include <cstdio>
#include <ctime>

namespace kete {

std::string rfc3339_utc(std::chrono::system_clock::time_point when, bool with_millis) {
  const auto t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (with_millis) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count() % 1000;
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%03d", static_cast<int>(ms));
  }
  return std::string(buf, static_cast<std::size_t>(n)) + "Z";
}

}  // namespace kete
