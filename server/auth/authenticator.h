#pragma once
// Turns a request's bearer token into the Caller it belongs to, or a 401.
#include <cstdint>

#include "auth/auth_settings.h"
#include "http/message.h"
#include "kete/result.h"
#include "scope/caller.h"

namespace kete::storage {
class SqliteDatabase;
class CommittedState;
struct SessionRow;
}

namespace kete::auth {

class SessionCache;

// A session seen in the last minute answers from the cache (see session_cache.h); the rest is
// read in one transaction, checked for idle and absolute expiry, touched and cached.
Result<scope::Caller> authenticate(const http::Request& request, storage::SqliteDatabase& db,
                                   const storage::CommittedState& committed, SessionCache& cache,
                                   const AuthSettings& settings, std::int64_t now);
// Loads everything scope needs about a user (tenant, assignments); nothing when the user is gone.
std::optional<scope::Caller> load_caller(storage::SqliteDatabase& db, const std::string& user_id);

std::string token_hash(std::string_view token);

// Seconds until a session ends, by whichever of its idle and absolute limits comes first; 0 or
// less once it has. The one rule for requests and for live sockets alike.
std::int64_t seconds_left(const storage::SessionRow& session, const AuthSettings& settings, std::int64_t now);
// The same for a session by its id: 0 when it has ended or does not exist.
std::int64_t seconds_left(storage::SqliteDatabase& db, const std::string& session_id, const AuthSettings& settings,
                          std::int64_t now);  // hex SHA-256, what the sessions table keeps

}  // namespace kete::auth
