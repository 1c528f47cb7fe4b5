#include "domain/totp_handlers.h"
#include "kete/time_format.h"


#include <cctype>
#include <ctime>

#include "auth/random.h"
#include "auth/totp.h"
#include "auth/password_policy.h"
#include "domain/audit.h"
#include "domain/sign_in_limits.h"
#include "storage/session_store.h"
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

// The password of the person at the keyboard, asked again before two-factor sign-in is set up or
// taken off: a stolen session token alone can neither attach its own authenticator (and lock
// the owner out) nor remove the owner's.
std::optional<http::Response> password_again(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                                             const boost::json::object& body, const std::string& action) {
  auto password = http::string_field(body, "password", true, auth::kMaximumPasswordLength);
  if (!password) return http::error_response(password.error());
  return check_own_password(ctx, request, caller, **password, action);
}

}  // namespace

http::Response totp_enrol(ServerContext& ctx, const http::Request& request, const scope::Caller& caller) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"password"}); !ok) return http::error_response(ok.error());
  if (caller.totp_enabled) return http::error_response(ErrorCode::conflict, "two-factor sign-in is already set up");
  if (auto refused = password_again(ctx, request, caller, *body, "totp_enrol")) return *refused;
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
  Attempt attempt;
  if (auto refused = begin_attempt(ctx, account_key(caller), request.remote_address, attempt)) return *refused;
  const auto step = auth::verify_totp(secret, **code, unix_now(), 0);
  if (!step) {
    audit_failure(ctx, caller, request, "totp_confirm", "wrong two-factor code");
    return http::error_response(ErrorCode::bad_request, "the code is not right; check the time on your phone");
  }
  forgive_attempt(ctx, attempt);
  storage::Transaction tx(db);
  identities.set_totp(caller.user_id, user->totp_secret, true);  // last step 0: the use below always takes
  identities.use_totp_step(caller.user_id, *step);
  audit(db, caller, request, "totp_confirm", "ok", {caller.tenant_id, caller.user_id});
  tx.commit();
  return http::no_content();
}

http::Response totp_disable(ServerContext& ctx, const http::Request& request, const scope::Caller& caller) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"password", "code"}); !ok) return http::error_response(ok.error());
  auto code = http::string_field(*body, "code", true, 10);
  if (!code) return http::error_response(code.error());
  if (!caller.totp_enabled) return http::error_response(ErrorCode::conflict, "two-factor sign-in is not set up");
  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  if (auto tenant = identities.tenant_by_id(caller.tenant_id); tenant && tenant->require_totp)
    return http::error_response(ErrorCode::forbidden,
                                "your organisation requires two-factor sign-in; if you lost your phone, ask an admin to reset it");
  if (auto refused = password_again(ctx, request, caller, *body, "totp_disable")) return *refused;
  auto user = identities.user_by_id(caller.user_id);
  const auto secret = auth::base32_decode(user ? user->totp_secret : "").value_or("");
  Attempt attempt;
  if (auto refused = begin_attempt(ctx, account_key(caller), request.remote_address, attempt)) return *refused;
  const auto step = user ? auth::verify_totp(secret, **code, unix_now(), user->totp_last_step) : std::nullopt;
  bool used = false;
  if (step) {
    // The code is used, and two-factor cleared, in one transaction: a code sent twice works once.
    storage::Transaction tx(db);
    used = identities.use_totp_step(caller.user_id, *step);
    if (used) {
      identities.clear_totp(caller.user_id);
      audit(db, caller, request, "totp_disable", "ok", {caller.tenant_id, caller.user_id});
      tx.commit();
    }
  }
  if (!used) {
    audit_failure(ctx, caller, request, "totp_disable", "wrong two-factor code");
    return http::error_response(ErrorCode::forbidden, "the two-factor code is not right");
  }
  forgive_attempt(ctx, attempt);
  return http::no_content();
}

http::Response reset_totp(ServerContext& ctx, const http::Request& request, const scope::Caller& admin,
                          const std::string& user_id) {
  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  auto user = is_canonical_uuid(user_id) ? identities.user_by_id(user_id) : std::nullopt;
  if (!user) return http::error_response(ErrorCode::not_found, "no such user");
  // Whoever holds the lost phone may also hold a signed-in app: every session of theirs ends, and
  // they set two-factor up again at their next sign-in (when their organisation requires it).
  storage::Transaction tx(db);
  identities.clear_totp(user_id);
  const int ended = storage::SessionStore(db).end_all_for_user(user_id, user_id == admin.user_id ? admin.session_id : "",
                                                                unix_now());
  audit(db, admin, request, "reset_totp", "ok", {user->tenant_id, user_id},
        "ended " + std::to_string(ended) + " session(s)");
  tx.commit();
  ctx.live.close_user(user_id, user_id == admin.user_id ? admin.session_id : "");
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
