#pragma once
// The product version every program and the /healthz answer report.
#include <string_view>

namespace kete {
std::string_view version();
}
