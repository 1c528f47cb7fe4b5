#include "http/json_response.h"

#include <boost/json/serialize.hpp>

namespace kete::http {

Response json_response(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

Response error_response(ErrorCode code, std::string_view message) {
  return json_response(http_status(code),
                       boost::json::object{{"error", boost::json::object{{"code", to_string(code)}, {"message", message}}}});
}

Response error_response(const Error& error) { return error_response(error.code, error.message); }

Response storage_full_response() {
  return error_response(ErrorCode::storage_full, "the server's disk is full; nothing was saved, try again later");
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace kete::http
