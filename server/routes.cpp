#include "routes.h"
#include "kete/time_format.h"

#include <ctime>
#include <memory>

#include "auth/authenticator.h"
#include "domain/admin_handlers.h"
#include "domain/audit.h"
#include "domain/auth_handlers.h"
#include "domain/client_handlers.h"
#include "domain/blob_handlers.h"
#include "domain/health.h"
#include "domain/record_handlers.h"
#include "domain/sync_handlers.h"
#include "domain/totp_handlers.h"
#include "http/json_response.h"
#include "http/router.h"
#include "log/logger.h"
#include "storage/sqlite_database.h"

namespace kete {
namespace {

// A pull names a cursor per bucket: an admin of a business with thousands of clients sends a few
// hundred kilobytes. Every other JSON call but push takes http::kSmallBodyBytes.
constexpr std::size_t kPullBodyBytes = 8 * 1024 * 1024;

// The authentication stage, run before any handler of a non-open route (and before a live socket).
Result<scope::Caller> check_access(ServerContext& c, http::Access access, const http::Request& request) {
  auto& db = c.db();
  auto caller = auth::authenticate(request, db, c.committed(), c.sessions, c.auth, unix_now());
  if (!caller) return caller;
  if (caller->must_enrol_totp && access != http::Access::enrolling)
    return make_error(ErrorCode::forbidden, "set up two-factor sign-in first (POST /api/v1/auth/totp/enrol)");
  if (access == http::Access::admin && !caller->admin()) {
    domain::audit_denial(c, caller.value(), request, "admin_call", {}, request.method + " " + request.path);
    return make_error(ErrorCode::forbidden, "only an admin may do that");
  }
  return caller;
}

}  // namespace

http::RequestHandlers make_request_handlers(ServerContext& ctx) {
  auto router = std::make_shared<http::Router>();
  using http::Access;
  using http::Request;
  using http::RouteMatch;
  using scope::Caller;
  auto& c = ctx;

  // The dispatch table: every route, the access it needs, the body it takes and whether it hashes
  // passwords (and so runs on their pool). Nothing else decides who may call what.
  router->add({"GET", "/healthz", Access::open, [](auto&, auto&, auto&) { return domain::health(); }});
  router->add({"POST", "/api/v1/auth/login", Access::open,
               [&c](const Request& r, auto&, auto&) { return domain::login(c, r); }}).hashes_passwords = true;
  router->add({"POST", "/api/v1/auth/invite/accept", Access::open,
               [&c](const Request& r, auto&, auto&) { return domain::accept_invite(c, r); }}).hashes_passwords = true;
  router->add({"POST", "/api/v1/auth/logout", Access::enrolling,
               [&c](auto&, auto&, const Caller& who) { return domain::logout(c, who); }});
  router->add({"GET", "/api/v1/me", Access::enrolling, [](auto&, auto&, const Caller& who) { return domain::me(who); }});
  router->add({"POST", "/api/v1/auth/totp/enrol", Access::enrolling,
               [&c](const Request& r, auto&, const Caller& who) { return domain::totp_enrol(c, r, who); }}).hashes_passwords = true;
  router->add({"POST", "/api/v1/auth/totp/confirm", Access::enrolling,
               [&c](const Request& r, auto&, const Caller& who) { return domain::totp_confirm(c, r, who); }});
  router->add({"POST", "/api/v1/auth/totp/disable", Access::signed_in,
               [&c](const Request& r, auto&, const Caller& who) { return domain::totp_disable(c, r, who); }}).hashes_passwords = true;
  router->add({"DELETE", "/api/v1/users/{}/totp", Access::admin,
               [&c](const Request& r, const RouteMatch& m, const Caller& who) { return domain::reset_totp(c, r, who, m.params[0]); }});
  router->add({"PUT", "/api/v1/tenants/{}/totp", Access::admin,
               [&c](const Request& r, const RouteMatch& m, const Caller& who) {
                 return domain::require_totp(c, r, who, m.params[0]);
               }});
  router->add({"GET", "/api/v1/auth/sessions", Access::signed_in,
               [&c](auto&, auto&, const Caller& who) { return domain::list_sessions(c, who, who.user_id); }});
  router->add({"DELETE", "/api/v1/auth/sessions/{}", Access::signed_in,
               [&c](const Request& r, const RouteMatch& m, const Caller& who) {
                 return domain::end_session(c, r, who, m.params[0]);
               }});
  router->add({"POST", "/api/v1/auth/password", Access::signed_in,
               [&c](const Request& r, auto&, const Caller& who) { return domain::change_password(c, r, who); }}).hashes_passwords = true;
  router->add({"GET", "/api/v1/users/{}/sessions", Access::admin,
               [&c](auto&, const RouteMatch& m, const Caller& who) { return domain::list_sessions(c, who, m.params[0]); }});
  router->add({"POST", "/api/v1/tenants", Access::admin,
               [&c](const Request& r, auto&, const Caller& who) { return domain::create_tenant(c, r, who); }});
  router->add({"GET", "/api/v1/tenants", Access::admin, [&c](auto&, auto&, auto&) { return domain::list_tenants(c); }});
  router->add({"POST", "/api/v1/users", Access::admin,
               [&c](const Request& r, auto&, const Caller& who) { return domain::create_user(c, r, who); }}).hashes_passwords = true;
  router->add({"GET", "/api/v1/clients", Access::signed_in,
               [&c](auto&, auto&, const Caller& who) { return domain::list_clients(c, who); }});
  router->add({"PATCH", "/api/v1/users/{}", Access::signed_in,
               [&c](const Request& r, const RouteMatch& m, const Caller& who) {
                 return domain::update_contact(c, r, who, m.params[0]);
               }});
  router->add({"POST", "/api/v1/assignments", Access::admin,
               [&c](const Request& r, auto&, const Caller& who) { return domain::change_assignment(c, r, who, true); }});
  router->add({"DELETE", "/api/v1/assignments", Access::admin,
               [&c](const Request& r, auto&, const Caller& who) { return domain::change_assignment(c, r, who, false); }});
  router->add({"GET", "/api/v1/audit", Access::signed_in,
               [&c](const Request& r, auto&, const Caller& who) { return domain::read_audit(c, r, who); }});
  router->add({"GET", "/api/v1/records/{}/{}", Access::signed_in,
               [&c](const Request& r, const RouteMatch& m, const Caller& who) {
                 return domain::read_record(c, r, who, m.params[0], m.params[1]);
               }});
  // A file chunk is written and hashed piece by piece as it arrives; refused from its header alone
  // (sign-in, range, size, quota) before any byte of it is asked for.
  router->add({"PUT", "/api/v1/blobs/{}", Access::signed_in,
               [&c](const Request& r, const RouteMatch& m, const Caller& who) { return domain::put_blob(c, r, who, m.params[0]); },
               true}).max_body_bytes = 0;
  router->add({"HEAD", "/api/v1/blobs/{}", Access::signed_in,
               [&c](auto&, const RouteMatch& m, const Caller& who) { return domain::head_blob(c, who, m.params[0]); }});
  router->add({"GET", "/api/v1/blobs/{}", Access::signed_in,
               [&c](const Request& r, const RouteMatch& m, const Caller& who) { return domain::get_blob(c, r, who, m.params[0]); }});
  router->add({"POST", "/api/v1/sync/pull", Access::signed_in,
               [&c](const Request& r, auto&, const Caller& who) { return domain::pull(c, r, who); }}).max_body_bytes = kPullBodyBytes;
  router->add({"POST", "/api/v1/sync/push", Access::signed_in,
               [&c](const Request& r, auto&, const Caller& who) { return domain::push(c, r, who); }}).max_body_bytes = 0;

  router->set_access_check([&c](Access access, const Request& request) { return check_access(c, access, request); });
  auto handle = [router](const http::Request& request) {
    try {
      return router->dispatch(request);
    } catch (const storage::StorageError& e) {
      if (!e.full) throw;
      // Whatever the request was, its transaction was rolled back: say so plainly, so that the
      // apps keep the work and try again later.
      log::error("storage_full", {{"path", request.path}, {"what", e.what()}});
      return http::storage_full_response();
    }
  };
  return {handle, [router](std::string_view method, std::string_view path) { return router->describe(method, path); },
          [router](const http::Request& head) { return router->check_sign_in(head); }};
}

http::UpgradeHandler make_upgrade_handler(ServerContext& ctx) {
  return [&ctx](const http::Request& request) -> Result<http::PushChannel> {
    if (request.path != "/api/v1/sync/live") return make_error(ErrorCode::not_found, "no such resource");
    auto caller = check_access(ctx, http::Access::signed_in, request);
    if (!caller) return caller.error();
    const std::string session_id = caller->session_id;
    return http::PushChannel{
        [&ctx, who = caller.value()](std::function<void(std::string)> send, std::function<void()> close) {
          const auto id = ctx.live.subscribe(who, std::move(send), std::move(close));
          return std::function<void()>([&ctx, id] { ctx.live.unsubscribe(id); });
        },
        [&ctx, session_id]() -> std::optional<std::chrono::seconds> {
          const auto left = auth::seconds_left(ctx.db(), session_id, ctx.auth, unix_now());
          if (left <= 0) return std::nullopt;
          return std::chrono::seconds(left);
        }};
  };
}

}  // namespace kete
