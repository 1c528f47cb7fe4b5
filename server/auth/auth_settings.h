#pragma once
// Session lifetimes and sign-in limits; defaults per the security model, tunable in --config.
#include <cstdint>

namespace kete::auth {

struct AuthSettings {
  std::int64_t idle_timeout_seconds = 12 * 3600;
  std::int64_t absolute_timeout_seconds = 30 * 24 * 3600;
  int account_failure_limit = 10;  // failed sign-ins for one account within the window
  int address_failure_limit = 50;  // failed sign-ins from one address within the window
  std::int64_t failure_window_seconds = 15 * 60;
  std::int64_t invite_lifetime_seconds = 7 * 24 * 3600;
};

}  // namespace kete::auth
