#pragma once
// The business's view of its clients: which clients an internal user looks after, with their
// contacts, and whether each contact sees invoices (DESIGN.md §2: staff see assigned clients).
#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"

namespace kete::domain {

// GET /api/v1/clients — the clients the caller looks after (admins: all), with their contacts.
http::Response list_clients(ServerContext& ctx, const scope::Caller& caller);
// PATCH /api/v1/users/<id> {"sees_invoices": bool} — by an admin or staff assigned to the
// contact's company; anyone else gets the same 404 as for a user that does not exist.
http::Response update_contact(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                              const std::string& user_id);

}  // namespace kete::domain
