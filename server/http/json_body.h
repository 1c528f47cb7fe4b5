#pragma once
// Strict reading of JSON request bodies: wrong media type, malformed JSON, wrong types, unknown
// fields and oversize strings are each a clear 4xx, before any handler logic runs.
#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "kete/result.h"

namespace kete::http {

// The body as a JSON object; an empty body is an empty object when allow_empty.
Result<boost::json::object> parse_json_object(const Request& request, bool allow_empty = false);

// Refuses any key not in `allowed`.
Result<Done> only_fields(const boost::json::object& body, std::initializer_list<std::string_view> allowed);

// A string field: absent gives nullopt (or an error when required); not a string, or longer than
// max_bytes, is an error naming the field.
Result<std::optional<std::string>> string_field(const boost::json::object& body, std::string_view key, bool required,
                                                std::size_t max_bytes = 1000);

}  // namespace kete::http
