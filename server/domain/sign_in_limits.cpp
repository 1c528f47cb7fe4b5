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

std::optional<http::Response> locked_out(ServerContext& ctx, const std::string& account_key,
                                         const std::string& address, std::int64_t now) {
  const auto& settings = ctx.auth;
  storage::SessionStore sessions(ctx.db());
  const auto since = now - settings.failure_window_seconds;
  for (auto [kind, key, limit] : {std::tuple{"account", account_key, settings.account_failure_limit},
                                  std::tuple{"address", address, settings.address_failure_limit}}) {
    if (key.empty()) continue;
    auto [count, oldest] = sessions.failures_since(kind, key, since);
    if (count < limit) continue;
    auto r = http::error_response(ErrorCode::rate_limited, "too many failed attempts; try again later");
    r.headers.emplace_back("Retry-After", std::to_string(std::max<std::int64_t>(oldest + settings.failure_window_seconds - now, 1)));
    return r;
  }
  return std::nullopt;
}

void count_failure(ServerContext& ctx, const scope::Caller& actor, const http::Request& request,
                   const std::string& account_key, const std::string& action, const std::string& detail) {
  auto& db = ctx.db();
  const auto now = unix_now();
  storage::SessionStore sessions(db);
  storage::Transaction tx(db);
  if (!account_key.empty()) sessions.record_failure("account", account_key, now);
  sessions.record_failure("address", request.remote_address, now);
  sessions.forget_failures_before(now - 24 * 3600);
  audit(db, actor, request, action, "failed", {actor.tenant_id, actor.user_id}, detail);
  tx.commit();
}

std::optional<http::Response> check_own_password(ServerContext& ctx, const http::Request& request,
                                                 const scope::Caller& caller, const std::string& password,
                                                 const std::string& action) {
  const std::string account_key = normalize_email(caller.email).value_or(caller.email);
  if (auto refused = locked_out(ctx, account_key, request.remote_address, unix_now())) return refused;
  auto user = storage::IdentityStore(ctx.db()).user_by_id(caller.user_id);
  if (user && !user->password_hash.empty() && auth::verify_password(password, user->password_hash)) return std::nullopt;
  count_failure(ctx, caller, request, account_key, action, "wrong password");
  return http::error_response(ErrorCode::forbidden, "the password is not right");
}

}  // namespace kete::domain
