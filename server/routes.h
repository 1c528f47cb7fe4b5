#pragma once
// Builds the request handler: the dispatch table of every route the server answers.
#include "http/https_server.h"
#include "server_context.h"

namespace kete {

http::Handler make_request_handler(ServerContext& context);
// GET /api/v1/sync/live: a signed-in app's live-hint socket.
http::UpgradeHandler make_upgrade_handler(ServerContext& context);

}  // namespace kete
