#pragma once
// Sign-in names are e-mail addresses, compared without regard to case.
#include <optional>
#include <string>
#include <string_view>

namespace kete {

// The address in lower case, or nothing when it cannot be an e-mail address.
std::optional<std::string> normalize_email(std::string_view text);

}  // namespace kete
