#include "auth/authenticator.h"

#include <algorithm>

#include "auth/random.h"
#include "kete/hex.h"
#include "auth/session_cache.h"
#include "storage/committed_state.h"
#include "storage/identity_store.h"
#include "storage/session_store.h"
#include "storage/sqlite_database.h"

namespace kete::auth {
namespace {

constexpr std::int64_t kTouchEverySeconds = 60;

}  // namespace

std::string token_hash(std::string_view token) { return to_hex(sha256(token)); }

std::int64_t seconds_left(const storage::SessionRow& session, const AuthSettings& settings, std::int64_t now) {
  // Idle: over once more than idle_timeout_seconds have passed since it was last seen.
  return std::min(session.last_seen_at + settings.idle_timeout_seconds + 1, session.absolute_expires_at) - now;
}

std::int64_t seconds_left(storage::SqliteDatabase& db, const std::string& session_id, const AuthSettings& settings,
                          std::int64_t now) {
  auto session = storage::SessionStore(db).by_id(session_id);
  return session ? seconds_left(*session, settings, now) : 0;
}

std::optional<scope::Caller> load_caller(storage::SqliteDatabase& db, const std::string& user_id) {
  storage::IdentityStore identities(db);
  auto user = identities.user_by_id(user_id);
  if (!user) return std::nullopt;
  auto tenant = identities.tenant_by_id(user->tenant_id);
  if (!tenant) return std::nullopt;
  scope::Caller c;
  c.user_id = user->id;
  c.email = user->email;
  c.name = user->name;
  c.role = user->role;
  c.tenant_id = tenant->id;
  c.tenant_kind = tenant->kind;
  c.tenant_name = tenant->name;
  c.manager_id = user->manager_id;
  c.totp_enabled = user->totp_enabled;
  c.sees_invoices = user->sees_invoices;
  c.must_enrol_totp = tenant->require_totp && !user->totp_enabled;
  if (c.internal() && !c.admin()) c.assigned_client_tenants = identities.assigned_tenants(user->id);
  return c;
}

Result<scope::Caller> authenticate(const http::Request& request, storage::SqliteDatabase& db,
                                   const storage::CommittedState& committed, SessionCache& cache,
                                   const AuthSettings& settings, std::int64_t now) {
  const auto header = request.header("authorization");
  if (!header || header->substr(0, 7) != "Bearer ")
    return make_error(ErrorCode::unauthorized, "sign in first (no bearer token)");
  const std::string_view token = header->substr(7);
  if (!is_lower_hex(token, 64)) return make_error(ErrorCode::unauthorized, "the session token is not valid");

  const std::int64_t touch_every = std::min(kTouchEverySeconds, settings.idle_timeout_seconds / 4);
  const std::string hash = token_hash(token);
  if (auto hit = cache.find(hash); hit && hit->caller.identity_generation == committed.identity_generation(hit->caller.user_id) &&
                                     now - hit->last_seen_at < touch_every && now < hit->absolute_expires_at)
    return std::move(hit->caller);
  // Read before the database: if anyone's identity changes while we read, what we read may be
  // stale, and neither it nor a bucket list made from it is cached.
  const auto changes_before = committed.identity_changes();

  storage::SessionStore sessions(db);
  std::optional<storage::SessionRow> session;
  std::optional<scope::Caller> caller;
  {
    // One read transaction for all of it: SQLite then takes its file locks once, not per query.
    storage::Transaction read(db, false);
    session = sessions.find_open(hash);
    if (session) caller = load_caller(db, session->user_id);
    read.commit();
  }
  if (!session) return make_error(ErrorCode::unauthorized, "the session token is not valid");
  if (seconds_left(*session, settings, now) <= 0) {
    sessions.end(session->id, now);
    return make_error(ErrorCode::unauthorized, "the session has expired; sign in again");
  }
  if (!caller) return make_error(ErrorCode::unauthorized, "the session token is not valid");
  caller->session_id = session->id;
  const auto generation = committed.identity_generation(caller->user_id);
  const bool unchanged = committed.identity_changes() == changes_before;
  caller->identity_generation = unchanged ? generation : 0;  // 0: not to be cached
  std::int64_t last_seen = session->last_seen_at;
  if (now - last_seen >= touch_every) {
    sessions.touch(session->id, now);
    last_seen = now;
  }
  if (unchanged) cache.put(hash, CachedSession{*caller, last_seen, session->absolute_expires_at});
  return std::move(*caller);
}

}  // namespace kete::auth
