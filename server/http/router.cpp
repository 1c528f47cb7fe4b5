#include "http/router.h"

#include <string_view>

#include "http/json_response.h"

namespace kete::http {
namespace {

bool match(std::string_view pattern, std::string_view path, RouteMatch& out) {
  out.params.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const auto pattern_end = pattern.find('/');
    const auto path_end = path.find('/');
    const auto want = pattern.substr(0, pattern_end);
    const auto have = path.substr(0, path_end);
    if (want == "{}") {
      if (have.empty()) return false;
      out.params.emplace_back(have);
    } else if (want != have) {
      return false;
    }
    pattern = pattern_end == std::string_view::npos ? std::string_view{} : pattern.substr(pattern_end);
    path = path_end == std::string_view::npos ? std::string_view{} : path.substr(path_end);
  }
  return true;
}

}  // namespace

Response Router::dispatch(const Request& request) const {
  RouteMatch found;
  bool path_known = false;
  for (const auto& route : routes_) {
    if (!match(route.pattern, request.path, found)) continue;
    path_known = true;
    if (route.method != request.method) continue;
    if (route.access == Access::open) return route.handler(request, found, scope::Caller{});
    if (!access_check_) return error_response(ErrorCode::unauthorized, "sign in first");
    auto caller = access_check_(route.access, request);
    if (!caller) return error_response(caller.error());
    Response response = route.handler(request, found, caller.value());
    response.log_user_id = caller->user_id;
    return response;
  }
  if (path_known) {
    return error_response(ErrorCode::method_not_allowed, "method not allowed on this path");
  }
  return error_response(ErrorCode::not_found, "no such resource");
}

bool Router::streams_body(const Request& request) const {
  RouteMatch found;
  for (const auto& route : routes_)
    if (route.method == request.method && match(route.pattern, request.path, found)) return route.streams_body;
  return false;
}

}  // namespace kete::http
