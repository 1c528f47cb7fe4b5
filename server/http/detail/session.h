#pragma once
// Internal to the transport: one TLS connection serving requests until it closes.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <atomic>

#include "http/detail/connection_registry.h"
#include "http/https_server.h"

namespace kete::http::detail {

// Threads that read large request bodies (file chunks) with blocking reads, and send large files
// with blocking writes; see session.cpp.
struct BodyReaders {
  static constexpr int kThreads = 4;
  boost::asio::thread_pool pool{kThreads};
  std::atomic<int> busy{0};
};

// The threads that run handlers that hash a password (sign-in, invitations, password change):
// argon2id takes a core for tens of milliseconds, so anonymous callers get these few threads and
// a short queue, and a full queue is told to come back (429) rather than waited for.
struct PasswordHashing {
  static constexpr int kThreads = 2;
  static constexpr int kMaxWaiting = 16;
  boost::asio::thread_pool pool{kThreads};
  std::atomic<int> in_flight{0};
};

// `blocking` runs the handlers of requests with large bodies read whole; a body its handler takes
// piece by piece (a file chunk) is read, and its handler run, on one of `readers`.
boost::asio::awaitable<void> run_session(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
                                         boost::asio::thread_pool::executor_type blocking, BodyReaders& readers,
                                         PasswordHashing& hashing, const RequestHandlers& handlers, const UpgradeHandler& upgrade,
                                         ConnectionRegistry& registry, const ListenOptions& options);

}  // namespace kete::http::detail
