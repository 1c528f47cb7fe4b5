#include "domain/auth_handlers.h"

#include <ctime>

#include "auth/authenticator.h"
#include "auth/password_hash.h"
#include "auth/password_policy.h"
#include "auth/random.h"
#include "auth/totp.h"
#include "domain/audit.h"
#include "domain/sign_in_limits.h"
#include "http/json_body.h"
#include "http/json_response.h"
#include "kete/email_address.h"
#include "kete/time_format.h"
#include "storage/identity_store.h"
#include "storage/session_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {
namespace {

std::string rfc3339(std::int64_t seconds) {
  return rfc3339_utc(std::chrono::system_clock::time_point(std::chrono::seconds(seconds)));
}

// A real argon2id hash of nothing anyone knows, so an unknown e-mail costs the same time as a
// wrong password.
const std::string& decoy_hash() {
  static const std::string hash = auth::hash_password(auth::random_token_hex(16));
  return hash;
}

boost::json::object user_json(const scope::Caller& c) {
  boost::json::object out{{"id", c.user_id},
          {"email", c.email},
          {"name", c.name},
          {"role", c.role},
          {"tenant", boost::json::object{{"id", c.tenant_id}, {"kind", c.tenant_kind}, {"name", c.tenant_name}}},
          {"totp_enabled", c.totp_enabled},
          {"totp_enrolment_required", c.must_enrol_totp}};
  if (c.tenant_kind == "client") out["sees_invoices"] = c.sees_invoices;  // the app shows or hides its invoices
  return out;
}

boost::json::object session_json(const storage::SessionRow& s, const std::string& current_id) {
  return {{"id", s.id},
          {"device", s.device},
          {"created_at", rfc3339(s.created_at)},
          {"last_seen_at", rfc3339(s.last_seen_at)},
          {"expires_at", rfc3339(s.absolute_expires_at)},
          {"current", s.id == current_id}};
}

}  // namespace

http::Response login(ServerContext& ctx, const http::Request& request) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"email", "password", "totp", "device"}); !ok) return http::error_response(ok.error());
  auto email_field = http::string_field(*body, "email", true, 254);
  auto password = http::string_field(*body, "password", true, auth::kMaximumPasswordLength);
  auto device = http::string_field(*body, "device", false, 100);
  auto totp = http::string_field(*body, "totp", false, 10);
  for (const auto* f : {&email_field, &password, &device, &totp})
    if (!*f) return http::error_response(f->error());

  auto& db = ctx.db();
  const auto now = unix_now();
  const auto& settings = ctx.auth;
  const std::string account_key = normalize_email(**email_field).value_or(**email_field);
  Attempt attempt;
  if (auto refused = begin_attempt(ctx, account_key, request.remote_address, attempt)) return *refused;

  storage::IdentityStore identities(db);
  auto user = identities.user_by_email(account_key);
  const std::string& hash = user && !user->password_hash.empty() ? user->password_hash : decoy_hash();
  const bool password_ok = auth::verify_password(**password, hash) && user && !user->password_hash.empty();
  scope::Caller who;  // as far as a failed sign-in knows who it was
  if (user) who.user_id = user->id, who.name = user->name, who.tenant_id = user->tenant_id;
  if (!password_ok) {
    audit_failure(ctx, who, request, "sign_in", user ? "wrong password" : "unknown e-mail");
    return http::error_response(ErrorCode::invalid_credentials, "the e-mail address or password is not right");
  }

  std::optional<std::int64_t> step;
  if (user->totp_enabled) {
    if (!totp->has_value() || totp->value().empty()) {  // the right password, and the app asks for the code next
      forgive_attempt(ctx, attempt);
      return http::error_response(ErrorCode::totp_required, "enter the code from your authenticator app");
    }
    const auto secret = auth::base32_decode(user->totp_secret).value_or("");
    step = auth::verify_totp(secret, **totp, now, user->totp_last_step);
    if (!step) {
      audit_failure(ctx, who, request, "sign_in", "wrong two-factor code");
      return http::error_response(ErrorCode::totp_required, "the two-factor code is not right");
    }
  }

  auto caller = auth::load_caller(db, user->id);
  if (!caller) return http::error_response(ErrorCode::invalid_credentials, "the e-mail address or password is not right");
  const std::string token = auth::random_token_hex(32);
  storage::SessionRow row{auth::random_uuid(), user->id, device->value_or(""), request.remote_address, now, now,
                          now + settings.absolute_timeout_seconds};
  bool replayed = false;
  {
    storage::SessionStore sessions(db);
    storage::Transaction tx(db);
    // The code is used in the transaction that makes the session, and only if no request has
    // used it (or a later one) before: two sign-ins sent at once with one code make one session.
    if (step && !identities.use_totp_step(user->id, *step)) {
      replayed = true;
    } else {
      sessions.clear_failures("account", account_key);
      for (const auto counted : attempt.rows) sessions.forget_failure(counted);  // the address's count of this try
      sessions.create(row, auth::token_hash(token));
      caller->session_id = row.id;
      audit(db, *caller, request, "sign_in", "ok", {caller->tenant_id, caller->user_id}, row.device);
      tx.commit();
    }
  }
  if (replayed) {
    audit_failure(ctx, who, request, "sign_in", "two-factor code used already");
    return http::error_response(ErrorCode::totp_required, "that two-factor code has been used; wait for the next one");
  }
  auto response = http::json_response(200, boost::json::object{{"token", token},
                                                               {"expires_at", rfc3339(row.absolute_expires_at)},
                                                               {"idle_timeout_seconds", settings.idle_timeout_seconds},
                                                               {"user", user_json(*caller)}});
  response.log_user_id = caller->user_id;
  return response;
}

http::Response logout(ServerContext& ctx, const scope::Caller& caller) {
  storage::SessionStore(ctx.db()).end(caller.session_id, unix_now());
  ctx.live.close_session(caller.session_id);
  return http::no_content();
}

http::Response me(const scope::Caller& caller) { return http::json_response(200, user_json(caller)); }

http::Response list_sessions(ServerContext& ctx, const scope::Caller& caller, const std::string& user_id) {
  if (user_id != caller.user_id && !caller.admin()) return http::error_response(ErrorCode::not_found, "no such user");
  const auto now = unix_now();
  auto rows = storage::SessionStore(ctx.db()).open_for_user(user_id, now - ctx.auth.idle_timeout_seconds, now);
  boost::json::array list;
  for (const auto& s : rows) list.push_back(session_json(s, caller.session_id));
  return http::json_response(200, boost::json::object{{"sessions", std::move(list)}});
}

http::Response end_session(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                           const std::string& session_id) {
  auto& db = ctx.db();
  storage::SessionStore sessions(db);
  auto session = sessions.by_id(session_id);
  // Someone else's session is, to a non-admin, a session that does not exist.
  if (!session || (session->user_id != caller.user_id && !caller.admin()))
    return http::error_response(ErrorCode::not_found, "no such session");
  storage::Transaction tx(db);
  sessions.end(session_id, unix_now());
  if (session->user_id != caller.user_id) audit(db, caller, request, "end_session", "ok", {"", session->user_id});
  tx.commit();
  ctx.live.close_session(session_id);
  return http::no_content();
}

http::Response change_password(ServerContext& ctx, const http::Request& request, const scope::Caller& caller) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"current_password", "new_password"}); !ok) return http::error_response(ok.error());
  auto current = http::string_field(*body, "current_password", true, auth::kMaximumPasswordLength);
  auto next = http::string_field(*body, "new_password", true, auth::kMaximumPasswordLength);
  if (!current) return http::error_response(current.error());
  if (!next) return http::error_response(next.error());
  if (auto ok = auth::check_new_password(**next); !ok) return http::error_response(ok.error());
  // A wrong current password counts against the account as a failed sign-in does: a stolen
  // session token is not a way to guess the password at leisure.
  if (auto refused = check_own_password(ctx, request, caller, **current, "change_password")) return *refused;
  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  const std::string phc = auth::hash_password(**next);
  storage::Transaction tx(db);
  identities.set_password_hash(caller.user_id, phc);
  const int ended = storage::SessionStore(db).end_all_for_user(caller.user_id, caller.session_id, unix_now());
  audit(db, caller, request, "change_password", "ok", {caller.tenant_id, caller.user_id},
        "ended " + std::to_string(ended) + " other session(s)");
  tx.commit();
  ctx.live.close_user(caller.user_id, caller.session_id);
  return http::no_content();
}

http::Response accept_invite(ServerContext& ctx, const http::Request& request) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"code", "password"}); !ok) return http::error_response(ok.error());
  auto code = http::string_field(*body, "code", true, 128);
  auto password = http::string_field(*body, "password", true, auth::kMaximumPasswordLength);
  if (!code) return http::error_response(code.error());
  if (!password) return http::error_response(password.error());
  if (auto ok = auth::check_new_password(**password); !ok) return http::error_response(ok.error());
  // Guessing codes is limited per address like sign-ins, and a code is looked up before any
  // password is hashed: a wrong code costs the server a lookup, not an argon2 run.
  const auto now = unix_now();
  Attempt attempt;
  if (auto refused = begin_attempt(ctx, {}, request.remote_address, attempt)) return *refused;
  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  const std::string code_hash = auth::token_hash(**code);
  if (!identities.invite_open(code_hash, now)) {
    audit_failure(ctx, {}, request, "accept_invite", "unknown, used or expired code");
    return http::error_response(ErrorCode::not_found, "the invite code is unknown, used or expired");
  }
  forgive_attempt(ctx, attempt);
  const std::string phc = auth::hash_password(**password);
  storage::Transaction tx(db);
  auto user_id = identities.take_invite(code_hash, unix_now());  // taken once, even by two at once
  if (!user_id) return http::error_response(ErrorCode::not_found, "the invite code is unknown, used or expired");
  identities.set_password_hash(*user_id, phc);
  auto user = auth::load_caller(db, *user_id);
  if (user) audit(db, *user, request, "accept_invite", "ok", {user->tenant_id, user->user_id});
  tx.commit();
  return http::no_content();
}

}  // namespace kete::domain
