#pragma once
// Builds the request handler: the dispatch table of every route the server answers.
#include "http/https_server.h"
#include "server_context.h"

namespace kete {

// The dispatch of every request, and which routes take their body piece by piece.
http::RequestHandlers make_request_handlers(ServerContext& context);
// GET /api/v1/sync/live: a signed-in app's live-hint socket.
http::UpgradeHandler make_upgrade_handler(ServerContext& context);

}  // namespace kete
