#pragma once
// Runs the HTTPS listener and its sessions until SIGINT/SIGTERM. Beast stays behind this header.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <string>

#include "http/message.h"
#include "kete/result.h"

namespace kete::http {

struct ListenOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  std::chrono::seconds handshake_timeout{5};  // a connection that never completes TLS holds a descriptor
  std::chrono::seconds read_timeout{30};   // from the first byte of a request to its end
  std::chrono::seconds idle_timeout{75};   // a keep-alive connection waiting for its next request
  std::chrono::seconds write_timeout{60};  // for an answer, or for each 256 KiB of a file, to be taken
  int threads = 0;  // 0: one per core
  // Open connections at once, in all and from one address (an IPv6 one: its /64); 0: from the
  // descriptors the process may open (leaving room for its files), at most 20,000, and 256 from
  // one address.
  std::size_t max_connections = 0;
  std::size_t max_connections_per_address = 0;
};

struct TlsFiles {
  std::string certificate_pem;
  std::string private_key_pem;
};

using Handler = std::function<Response(const Request&)>;

// The body every route takes at the least (sign-in and the other small JSON calls take no more):
// a request's header is looked at before its body only when the body may be larger.
constexpr std::size_t kSmallBodyBytes = 16 * 1024;

// What the route a request goes to needs, known from its method and path before any byte of its
// body is read.
struct RouteTraits {
  // The handler takes a large body piece by piece as it arrives (Request::body_reader) rather
  // than whole; it may answer without reading the body at all (a refusal), and then no byte of
  // it is asked for.
  bool streams_body = false;
  // The handler hashes a password (argon2id, tens of milliseconds of a core): it runs on a small
  // pool of its own, never on a connection's thread, and is refused when that pool is full.
  bool hashes_passwords = false;
  bool open = true;                // anyone may call it; otherwise the token is checked before a large body is read
  bool routed = true;              // some route takes this path (else the answer is 404 or 405, from the header)
  std::size_t max_body_bytes = 0;  // 0: the server's max_body_bytes; otherwise the smaller of the two
};
using DescribeRoute = std::function<RouteTraits(std::string_view method, std::string_view path)>;
// A request's header alone, for a route that is not open: an answer when its token signs nobody
// in (then its body is never read), nothing when it does.
using CheckSignIn = std::function<std::optional<Response>(const Request& head)>;
struct RequestHandlers {
  Handler handle;
  DescribeRoute describe;
  CheckSignIn check_sign_in;
};

// A WebSocket on which only the server speaks (live hints). `open` runs once the socket is
// accepted, with two thread-safe functions: one queues a text message, the other closes the
// socket once what is queued has gone. It returns what to run when the socket closes.
// `still_valid` is asked at once and then again when the time it answers is up (at most every
// `recheck_every`): how much longer the socket may stay open, or nothing when its session has
// ended or expired, and then it is closed.
struct PushChannel {
  std::function<std::function<void()>(std::function<void(std::string)> send, std::function<void()> close)> open;
  std::function<std::optional<std::chrono::seconds>()> still_valid;
  std::chrono::seconds recheck_every{30};
};
// Decides a WebSocket upgrade request: a channel, or an error answered over plain HTTP.
using UpgradeHandler = std::function<Result<PushChannel>(const Request&)>;
using ListeningCallback = std::function<void(const std::string& host, std::uint16_t port)>;

// Blocks until a shutdown signal; returns an error (never throws) when it cannot start.
Result<Done> run_https_server(const ListenOptions& options, const TlsFiles& tls, RequestHandlers handlers,
                              UpgradeHandler upgrade, ListeningCallback on_listening);

}  // namespace kete::http
