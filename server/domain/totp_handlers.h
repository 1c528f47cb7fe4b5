#pragma once
// Two-factor sign-in: enrolment by the user, and the requirement an admin sets per tenant
// (the business's own tenant covers all internal users).
#include <string>

#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"

namespace kete::domain {

http::Response totp_enrol(ServerContext& ctx, const http::Request& request, const scope::Caller& caller);
http::Response totp_confirm(ServerContext& ctx, const http::Request& request, const scope::Caller& caller);
// Turning one's own two-factor sign-in off takes the password and a current code, and is refused
// where the organisation requires it.
http::Response totp_disable(ServerContext& ctx, const http::Request& request, const scope::Caller& caller);
// An admin's reset for someone who lost their phone: two-factor off, every session of theirs ended.
http::Response reset_totp(ServerContext& ctx, const http::Request& request, const scope::Caller& admin,
                          const std::string& user_id);
http::Response require_totp(ServerContext& ctx, const http::Request& request, const scope::Caller& admin,
                            const std::string& tenant_id);

}  // namespace kete::domain
