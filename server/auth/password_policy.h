#pragma once
// What a new password must be: at least 12 characters and not a well-known one.
#include <string_view>

#include "kete/result.h"

namespace kete::auth {

inline constexpr std::size_t kMinimumPasswordLength = 12;
inline constexpr std::size_t kMaximumPasswordLength = 1024;

Result<Done> check_new_password(std::string_view password);

}  // namespace kete::auth
