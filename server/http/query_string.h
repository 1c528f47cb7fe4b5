#pragma once
// Query-string parsing for the few GET calls that take filters.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kete::http {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

QueryParams parse_query(std::string_view query);  // percent- and '+'-decoded
std::string query_value(const QueryParams& params, std::string_view key);  // empty when absent

}  // namespace kete::http
