#include "routes.h"

#include <memory>

#include "domain/health.h"
#include "http/json_response.h"
#include "http/router.h"

namespace kete {

http::Handler make_request_handler(ServerContext& /*context*/) {
  auto router = std::make_shared<http::Router>();
  using http::Access;
  router->add({"GET", "/healthz", Access::open, [](const auto&, const auto&) { return domain::health(); }});

  // Until sessions exist, nothing that needs a signed-in caller is served.
  router->set_access_check([](Access, const http::Request&) -> std::optional<http::Response> {
    return http::error_response(ErrorCode::unauthorized, "sign in first");
  });
  return [router](const http::Request& request) { return router->dispatch(request); };
}

}  // namespace kete
