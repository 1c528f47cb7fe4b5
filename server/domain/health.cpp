#include "domain/health.h"

#include "http/json_response.h"
#include "kete/version.h"

namespace kete::domain {

http::Response health() {
  return http::json_response(200, boost::json::object{{"status", "ok"}, {"version", kete::version()}});
}

}  // namespace kete::domain
