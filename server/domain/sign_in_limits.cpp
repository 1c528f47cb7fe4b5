#include "domain/sign_in_limits.h"

#include <algorithm>
#include <tuple>

#include "auth/password_hash.h"
#include "domain/audit.h"
#include "http/json_response.h"
#include "kete/email_address.h"
#include "kete/time_format.h"
#include "storage/identity_store.h"
#include "storage/session_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {

std::string account_key(const scope::Caller& caller) { return normalize_email(caller.email).value_or(caller.email); }

std::optional<http::Response> begin_attempt(ServerContext& ctx, const std::string& account_key,
                                            const std::string& address, Attempt& attempt) {
  const auto& settings = ctx.auth;
  auto& db = ctx.db();
  const auto now = unix_now();
  storage::SessionStore sessions(db);
  storage::Transaction tx(db);
  const auto since = now - settings.failure_window_seconds;
  for (auto [kind, key, limit] : {std::tuple{"account", account_key, settings.account_failure_limit},
                                  std::tuple{"address", address, settings.address_failure_limit}}) {
    if (key.empty()) continue;
    auto [count, oldest] = sessions.failures_since(kind, key, since);
    if (count < limit) continue;
    auto r = http::error_response(ErrorCode::rate_limited, "too many failed attempts; try again later");
    r.headers.emplace_back("Retry-After", std::to_string(std::max<std::int64_t>(oldest + settings.failure_window_seconds - now, 1)));
    return r;  // rolled back: nothing counted
  }
  for (auto [kind, key] : {std::pair{"account", account_key}, std::pair{"address", address}})
    if (!key.empty()) attempt.rows.push_back(sessions.record_failure(kind, key, now));
  sessions.forget_failures_before(now - 24 * 3600);
  tx.commit();
  return std::nullopt;
}

void forgive_attempt(ServerContext& ctx, const Attempt& attempt) {
  auto& db = ctx.db();
  storage::SessionStore sessions(db);
  storage::Transaction tx(db);
  for (const auto row : attempt.rows) sessions.forget_failure(row);
  tx.commit();
}

void audit_failure(ServerContext& ctx, const scope::Caller& actor, const http::Request& request,
                   const std::string& action, const std::string& detail) {
  audit(ctx.db(), actor, request, action, "failed", {actor.tenant_id, actor.user_id}, detail);
}

std::optional<http::Response> check_own_password(ServerContext& ctx, const http::Request& request,
                                                 const scope::Caller& caller, const std::string& password,
                                                 const std::string& action) {
  Attempt attempt;
  if (auto refused = begin_attempt(ctx, account_key(caller), request.remote_address, attempt)) return refused;
  auto user = storage::IdentityStore(ctx.db()).user_by_id(caller.user_id);
  if (user && !user->password_hash.empty() && auth::verify_password(password, user->password_hash)) {
    forgive_attempt(ctx, attempt);
    return std::nullopt;
  }
  audit_failure(ctx, caller, request, action, "wrong password");
  return http::error_response(ErrorCode::forbidden, "the password is not right");
}

}  // namespace kete::domain
