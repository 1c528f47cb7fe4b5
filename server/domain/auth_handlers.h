#pragma once
// Sign-in, sign-out, who am I, sessions, password change and invite acceptance.
#include <string>

#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"

namespace kete::domain {

http::Response login(ServerContext& ctx, const http::Request& request);
http::Response logout(ServerContext& ctx, const scope::Caller& caller);
http::Response me(const scope::Caller& caller);
// Sessions of `user_id` (the caller's own, or anyone's for an admin).
http::Response list_sessions(ServerContext& ctx, const scope::Caller& caller, const std::string& user_id);
http::Response end_session(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                           const std::string& session_id);
http::Response change_password(ServerContext& ctx, const http::Request& request, const scope::Caller& caller);
http::Response accept_invite(ServerContext& ctx, const http::Request& request);

}  // namespace kete::domain
