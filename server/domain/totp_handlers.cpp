#include "domain/totp_handlers.h"
#include "kete/time_format.h"


#include <cctype>
#include <ctime>

#include "auth/random.h"
#include "auth/totp.h"
#include "domain/audit.h"
#include "http/json_body.h"
#include "http/json_response.h"
#include "kete/uuid.h"
#include "storage/identity_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {
namespace {

std::string uri_escape(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

}  // namespace

http::Response totp_enrol(ServerContext& ctx, const http::Request& request, const scope::Caller& caller) {
  if (caller.totp_enabled) return http::error_response(ErrorCode::conflict, "two-factor sign-in is already set up");
  const std::string secret = auth::base32_encode(auth::random_bytes(20));
  auto& db = ctx.db();
  storage::Transaction tx(db);
  storage::IdentityStore(db).set_totp(caller.user_id, secret, false);
  audit(db, caller, request, "totp_enrol", "ok", {caller.tenant_id, caller.user_id});
  tx.commit();
  const std::string uri = "otpauth://totp/" + uri_escape("Kete:" + caller.email) + "?secret=" + secret +
                          "&issuer=Kete&algorithm=SHA1&digits=6&period=30";
  return http::json_response(200, boost::json::object{{"secret", secret}, {"otpauth_uri", uri}});
}

http::Response totp_confirm(ServerContext& ctx, const http::Request& request, const scope::Caller& caller) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"code"}); !ok) return http::error_response(ok.error());
  auto code = http::string_field(*body, "code", true, 10);
  if (!code) return http::error_response(code.error());
  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  auto user = identities.user_by_id(caller.user_id);
  if (!user || user->totp_secret.empty()) return http::error_response(ErrorCode::conflict, "start enrolment first");
  if (user->totp_enabled) return http::error_response(ErrorCode::conflict, "two-factor sign-in is already set up");
  const auto secret = auth::base32_decode(user->totp_secret).value_or("");
  const auto step = auth::verify_totp(secret, **code, unix_now(), 0);
  if (!step) return http::error_response(ErrorCode::bad_request, "the code is not right; check the time on your phone");
  storage::Transaction tx(db);
  identities.set_totp(caller.user_id, user->totp_secret, true);
  identities.set_totp_last_step(caller.user_id, *step);
  audit(db, caller, request, "totp_confirm", "ok", {caller.tenant_id, caller.user_id});
  tx.commit();
  return http::no_content();
}

http::Response require_totp(ServerContext& ctx, const http::Request& request, const scope::Caller& admin,
                            const std::string& tenant_id) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"required"}); !ok) return http::error_response(ok.error());
  const auto* required = body->if_contains("required");
  if (!required || !required->is_bool()) return http::error_response(ErrorCode::bad_request, "field 'required' must be true or false");
  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  if (!is_canonical_uuid(tenant_id) || !identities.tenant_by_id(tenant_id))
    return http::error_response(ErrorCode::not_found, "no such tenant");
  storage::Transaction tx(db);
  identities.set_require_totp(tenant_id, required->as_bool());
  audit(db, admin, request, "require_totp", "ok", {tenant_id, ""}, required->as_bool() ? "on" : "off");
  tx.commit();
  return http::no_content();
}

}  // namespace kete::domain
