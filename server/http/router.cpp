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

RouteTraits Router::describe(std::string_view method, std::string_view path) const {
  RouteMatch found;
  for (const auto& route : routes_)
    if (route.method == method && match(route.pattern, path, found))
      return RouteTraits{route.streams_body, route.hashes_passwords, route.access == Access::open, true, route.max_body_bytes};
  return RouteTraits{false, false, true, false, kSmallBodyBytes};
}

std::optional<Response> Router::check_sign_in(const Request& head) const {
  if (!access_check_) return error_response(ErrorCode::unauthorized, "sign in first");
  // Signed in is enough here: what the role may do is the dispatch's to decide (and to audit).
  auto caller = access_check_(Access::enrolling, head);
  if (!caller) return error_response(caller.error());
  return std::nullopt;
}

}  // namespace kete::http
