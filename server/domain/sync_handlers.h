#pragma once
// POST /api/v1/sync/pull: the changes of every bucket the caller may read since their cursors.
#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"

namespace kete::domain {

http::Response pull(ServerContext& ctx, const http::Request& request, const scope::Caller& caller);

}  // namespace kete::domain
