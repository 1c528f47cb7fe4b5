#pragma once
// Structured logs: one JSON object per line on standard error, safe from any thread.
#include <boost/json/object.hpp>
#include <string_view>

namespace kete::log {

void info(std::string_view event, boost::json::object fields = {});
void warn(std::string_view event, boost::json::object fields = {});
void error(std::string_view event, boost::json::object fields = {});

// The one line written per HTTP request. Never given a query string or a header.
void request(std::string_view method, std::string_view path, int status, double duration_ms,
             std::string_view user_id, std::string_view remote);

}  // namespace kete::log
