#pragma once
// One count of failed password and code checks for every route that checks them (sign-in,
// password change, two-factor set-up and removal, invitations), so that no route is an
// unthrottled oracle: an account's failures, and an address's, lock all of them alike.
//
// A try is counted before it is checked, in the same transaction as the look at the count, and
// forgiven once it turns out right: tries sent at once (a password check takes tens of
// milliseconds) are counted together, and never get past the limit between look and count.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"

namespace kete::domain {

// What a try counted against; see begin_attempt.
struct Attempt {
  std::vector<std::int64_t> rows;
};

// The key an account's failures are counted under.
std::string account_key(const scope::Caller& caller);

// Counts a try against the account (unless empty) and the address: 429 with Retry-After when
// either is at its limit already (nothing is counted then), nothing when the try may go ahead.
std::optional<http::Response> begin_attempt(ServerContext& ctx, const std::string& account_key,
                                            const std::string& address, Attempt& attempt);
// The try was right: it does not count as a failure.
void forgive_attempt(ServerContext& ctx, const Attempt& attempt);
// The try was wrong: it stays counted, and the audit log says so.
void audit_failure(ServerContext& ctx, const scope::Caller& actor, const http::Request& request,
                   const std::string& action, const std::string& detail);

// The caller's own password, checked as a sign-in checks it: an error answer, or nothing when it
// is right. `action` names the audit entry of a failure.
std::optional<http::Response> check_own_password(ServerContext& ctx, const http::Request& request,
                                                 const scope::Caller& caller, const std::string& password,
                                                 const std::string& action);

}  // namespace kete::domain
