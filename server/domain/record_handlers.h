#pragma once
// GET /api/v1/records/<collection>/<id> and POST /api/v1/sync/push.
#include <string>

#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"

namespace kete::domain {

http::Response read_record(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                           const std::string& collection, const std::string& id);
http::Response push(ServerContext& ctx, const http::Request& request, const scope::Caller& caller);

}  // namespace kete::domain
