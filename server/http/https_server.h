#pragma once
// Runs the HTTPS listener and its sessions until SIGINT/SIGTERM. Beast stays behind this header.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "http/message.h"
#include "kete/result.h"

namespace kete::http {

struct ListenOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  std::chrono::seconds handshake_timeout{15};
  std::chrono::seconds read_timeout{30};   // from the first byte of a request to its end
  std::chrono::seconds idle_timeout{75};   // a keep-alive connection waiting for its next request
  std::chrono::seconds write_timeout{60};  // for an answer, or for each 256 KiB of a file, to be taken
  int threads = 0;  // 0: one per core
};

struct TlsFiles {
  std::string certificate_pem;
  std::string private_key_pem;
};

using Handler = std::function<Response(const Request&)>;
// Says from a request's header alone whether its handler takes a large body piece by piece as it
// arrives (Request::body_reader) rather than whole. Such a handler may answer without reading the
// body at all (a refusal), and then no byte of it is asked for.
using StreamsBody = std::function<bool(const Request&)>;
struct RequestHandlers {
  Handler handle;
  StreamsBody streams_body;
};

// A WebSocket on which only the server speaks (live hints). `open` runs once the socket is
// accepted, with a thread-safe function that queues one text message; it returns what to run
// when the socket closes.
struct PushChannel {
  std::function<std::function<void()>(std::function<void(std::string)> send)> open;
};
// Decides a WebSocket upgrade request: a channel, or an error answered over plain HTTP.
using UpgradeHandler = std::function<Result<PushChannel>(const Request&)>;
using ListeningCallback = std::function<void(const std::string& host, std::uint16_t port)>;

// Blocks until a shutdown signal; returns an error (never throws) when it cannot start.
Result<Done> run_https_server(const ListenOptions& options, const TlsFiles& tls, RequestHandlers handlers,
                              UpgradeHandler upgrade, ListeningCallback on_listening);

}  // namespace kete::http
