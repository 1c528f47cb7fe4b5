#pragma once
// argon2id password hashes stored as PHC strings, so parameters can rise without a migration.
#include <string>
#include <string_view>

namespace kete::auth {

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& phc);

}  // namespace kete::auth
