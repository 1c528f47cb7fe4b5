#pragma once
// The admin calls of DESIGN.md §4: tenants, users (with password or invite), assignments, audit.
#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"

namespace kete::domain {

http::Response create_tenant(ServerContext& ctx, const http::Request& request, const scope::Caller& admin);
http::Response list_tenants(ServerContext& ctx);
http::Response create_user(ServerContext& ctx, const http::Request& request, const scope::Caller& admin);
// assign == false removes the assignment.
http::Response change_assignment(ServerContext& ctx, const http::Request& request, const scope::Caller& admin, bool assign);
// Admins read every entry; a client's users read the entries about their own tenant.
http::Response read_audit(ServerContext& ctx, const http::Request& request, const scope::Caller& caller);

}  // namespace kete::domain
