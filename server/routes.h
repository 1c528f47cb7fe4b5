#pragma once
// Builds the request handler: the dispatch table of every route the server answers.
#include "http/https_server.h"
#include "server_context.h"

namespace kete {

http::Handler make_request_handler(ServerContext& context);

}  // namespace kete
