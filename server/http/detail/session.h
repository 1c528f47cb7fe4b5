#pragma once
// Internal to the transport: one TLS connection serving requests until it closes.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "http/detail/connection_registry.h"
#include "http/https_server.h"

namespace kete::http::detail {

boost::asio::awaitable<void> run_session(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
                                         const Handler& handler, const UpgradeHandler& upgrade,
                                         ConnectionRegistry& registry, const ListenOptions& options);

}  // namespace kete::http::detail
