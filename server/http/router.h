#pragma once
// The dispatch table: each route names its method, path and the access it needs, so that the
// authentication stage runs before any handler and no handler can forget it.
#include <functional>
#include <string>
#include <vector>

#include "http/https_server.h"
#include "http/message.h"
#include "kete/result.h"
#include "scope/caller.h"

namespace kete::http {

// open: anyone; enrolling: signed in, even while two-factor enrolment is still owed;
// signed_in: signed in and enrolled where required; admin: an enrolled admin.
enum class Access { open, enrolling, signed_in, admin };

struct RouteMatch {
  std::vector<std::string> params;  // the path segments matched by "{}"
};

using RouteHandler = std::function<Response(const Request&, const RouteMatch&, const scope::Caller&)>;
// Runs before the handler of every route that is not open: who is calling, or why not.
using AccessCheck = std::function<Result<scope::Caller>(Access, const Request&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/records/{}/{}": "{}" matches one non-empty segment
  Access access;
  RouteHandler handler;
  bool streams_body = false;  // the handler reads a large body itself as it arrives (BodyReader)
  bool hashes_passwords = false;  // see RouteTraits
  std::size_t max_body_bytes = kSmallBodyBytes;  // 0: the server's own limit
};

class Router {
 public:
  Route& add(Route route) { return routes_.emplace_back(std::move(route)); }
  void set_access_check(AccessCheck check) { access_check_ = std::move(check); }
  Response dispatch(const Request& request) const;
  // What the route this method and path go to needs (https_server.h); a path no route takes is
  // open and takes a small body, since its answer is a 404 anyway.
  RouteTraits describe(std::string_view method, std::string_view path) const;
  // For a route that is not open: the refusal a request's header earns when its token signs
  // nobody in; nothing when it does.
  std::optional<Response> check_sign_in(const Request& head) const;

 private:
  std::vector<Route> routes_;
  AccessCheck access_check_;
};

}  // namespace kete::http
