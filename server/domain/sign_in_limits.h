#pragma once
// One count of failed password and code checks for every route that checks them (sign-in,
// password change, two-factor set-up and removal, invitations), so that no route is an
// unthrottled oracle: an account's failures, and an address's, lock all of them alike.
#include <optional>
#include <string>

#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"

namespace kete::domain {

// 429 with Retry-After when the account (may be empty) or the address has failed too often
// within the window; nothing when a try may go ahead.
std::optional<http::Response> locked_out(ServerContext& ctx, const std::string& account_key,
                                         const std::string& address, std::int64_t now);
// Counts one failure against the account (unless empty) and the address, in its own transaction
// with its audit entry.
void count_failure(ServerContext& ctx, const scope::Caller& actor, const http::Request& request,
                   const std::string& account_key, const std::string& action, const std::string& detail);

// The caller's own password, checked as a sign-in checks it (lockout first, failures counted):
// an error answer, or nothing when it is right. `action` names the audit entry of a failure.
std::optional<http::Response> check_own_password(ServerContext& ctx, const http::Request& request,
                                                 const scope::Caller& caller, const std::string& password,
                                                 const std::string& action);

}  // namespace kete::domain
