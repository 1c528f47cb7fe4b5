#include "http/json_body.h"

#include <boost/json/parse.hpp>

namespace kete::http {

Result<boost::json::object> parse_json_object(const Request& request, bool allow_empty) {
  if (request.body.empty() && allow_empty) return boost::json::object{};
  if (auto type = request.header("content-type")) {
    const std::string_view media = type->substr(0, type->find(';'));
    if (media != "application/json")
      return make_error(ErrorCode::unsupported_media_type, "send the body as application/json");
  }
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto value = boost::json::parse(request.body, ec, {}, options);
  if (ec) return make_error(ErrorCode::bad_request, "the body is not valid JSON");
  if (!value.is_object()) return make_error(ErrorCode::bad_request, "the body must be a JSON object");
  return std::move(value.as_object());
}

Result<Done> only_fields(const boost::json::object& body, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : body) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) return make_error(ErrorCode::bad_request, "unknown field '" + std::string(key) + "'");
  }
  return Done{};
}

Result<std::optional<std::string>> string_field(const boost::json::object& body, std::string_view key, bool required,
                                                std::size_t max_bytes) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) {
    if (required) return make_error(ErrorCode::bad_request, "field '" + std::string(key) + "' is required");
    return std::optional<std::string>{};
  }
  if (!v->is_string()) return make_error(ErrorCode::bad_request, "field '" + std::string(key) + "' must be a string");
  const auto& s = v->as_string();
  if (s.size() > max_bytes)
    return make_error(ErrorCode::bad_request,
                      "field '" + std::string(key) + "' is longer than " + std::to_string(max_bytes) + " bytes");
  if (required && s.empty()) return make_error(ErrorCode::bad_request, "field '" + std::string(key) + "' is empty");
  return std::optional<std::string>(std::string(s));
}

}  // namespace kete::http
