#pragma once
// Internal to the transport: a WebSocket over an accepted TLS stream that sends what its
// PushChannel queues, until the app or the server closes it.
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http/detail/connection_registry.h"
#include "http/https_server.h"

namespace kete::http::detail {

using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

boost::asio::awaitable<void> run_live_socket(TlsStream& stream,
                                             boost::beast::http::request<boost::beast::http::string_body> upgrade,
                                             PushChannel channel, ConnectionRegistry& registry);

}  // namespace kete::http::detail
