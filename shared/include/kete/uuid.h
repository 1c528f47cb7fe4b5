#pragma once
// Record and user ids are UUID strings in canonical lower-case 8-4-4-4-12 form.
#include <string_view>

namespace kete {

bool is_canonical_uuid(std::string_view text);


}  // namespace kete
