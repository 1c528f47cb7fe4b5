// GCC 12 reports asio's coroutine frame allocator as a mismatched new/delete (a known false
// positive of its inlining analysis); the frames are allocated and freed by the same asio code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <exception>
#include <fstream>
#include <vector>
#include <memory>
#include <optional>

#include "http/detail/live_socket.h"
#include "http/detail/session.h"
#include "http/json_response.h"
#include "log/logger.h"

namespace kete::http::detail {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using Stream = beast::ssl_stream<beast::tcp_stream>;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

namespace {

// A body this large is a file chunk: its handler writes and flushes it to disk (see
// blocking in run_session).
constexpr std::size_t kBlockingBodyBytes = 256 * 1024;

// Room in the connection's buffer while a body of at least kRoomyBodyBytes arrives: enough for a
// whole TLS record per read. A buffer left as small as the header took reads a body 512 bytes at
// a time, 33 reads per record (135,164 SSL_read calls for 64 MiB instead of 7,992), and each read
// costs about as much as decrypting its bytes. Given back once the connection goes idle.
constexpr std::size_t kBodyReadBytes = 64 * 1024;

// After an answer given from a request's header alone, how much of its unread body is taken and
// dropped (and for how long) before the connection is closed.
constexpr std::size_t kLingerBufferBytes = 16 * 1024;
constexpr std::size_t kLingerBytes = 1024 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kRoomyBodyBytes = 16 * 1024;

Request to_request_head(const bhttp::request_header<>& in, const std::string& remote) {
  Request r;
  r.method = std::string(in.method_string());
  std::string_view target = in.target();
  auto q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.remote_address = remote;
  return r;
}

Request to_request(bhttp::request<bhttp::string_body>&& in, const std::string& remote) {
  Request r = to_request_head(in, remote);
  r.body = std::move(in.body());
  return r;
}

template <class Body>
void set_fields(bhttp::response<Body>& out, const Response& in, bool keep_alive) {
  out.set(bhttp::field::server, "kete");
  // Every answer is private to its caller and never rendered as a page.
  out.set(bhttp::field::cache_control, "no-store");
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Strict-Transport-Security", "max-age=31536000");
  out.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  out.set("Referrer-Policy", "no-referrer");
  if (!in.content_type.empty()) out.set(bhttp::field::content_type, in.content_type);
  for (const auto& [name, value] : in.headers) out.set(name, value);
  out.keep_alive(keep_alive);
}

bhttp::response<bhttp::string_body> to_beast(Response&& in, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(in.status), version};
  set_fields(out, in, keep_alive);
  out.body() = std::move(in.body);
  out.prepare_payload();
  return out;
}

// A large body (a file chunk) is read on a reader thread with plain blocking reads: the TLS
// layer then decrypts record after record straight off the socket, where reading it on the event
// loop pays an asynchronous round trip per 16 KiB record (measured: a third of the speed).
// Blocking reads have no deadline of their own: a watchdog on the event loop shuts the socket
// down at the body's read deadline, or when the server stops, which wakes the read with an
// error and ends the connection. A slow client holds a reader thread at most that long, and
// only BodyReaders::kThreads of them at once; the next large bodies are read on the event loop.
// Large files are sent from the same threads the same way (write_streamed).

// When the blocking reads of a body (or the current write of a file) must be over: set and
// cleared by the thread using the socket (a streamed body's clock runs only while its body is
// being read, not while its handler waits or finishes), looked at by the watchdog on the event
// loop.
struct BlockingDeadline {
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::rep kNever = Clock::time_point::max().time_since_epoch().count();
  std::atomic<Clock::rep> at{kNever};
  std::atomic<bool> cut{false};  // the watchdog shut the socket down: deadline passed, or the server stops

  void start(Clock::duration timeout) { at = (Clock::now() + timeout).time_since_epoch().count(); }
  void stop() { at = kNever; }
  bool passed() const { return Clock::now().time_since_epoch().count() >= at.load(); }
};

// The watchdog runs on the connection's own thread, like the session, so never at the same time.
struct Watchdog : std::enable_shared_from_this<Watchdog> {
  Watchdog(net::any_io_executor executor, int socket, std::shared_ptr<BlockingDeadline> until, ConnectionRegistry& connections)
      : timer(std::move(executor)), fd(socket), deadline(std::move(until)), registry(connections) {}
  void arm() {
    timer.expires_after(std::chrono::milliseconds(250));
    timer.async_wait([self = shared_from_this()](boost::system::error_code) { self->check(); });
  }
  void check() {
    if (finished) return;
    if (!deadline->passed() && !registry.stopping()) return arm();
    deadline->cut = true;
    ::shutdown(fd, SHUT_RDWR);
  }
  net::steady_timer timer;
  int fd;
  std::shared_ptr<BlockingDeadline> deadline;
  ConnectionRegistry& registry;
  bool finished = false;
};

// Runs `work` (blocking reads or writes of this stream, and whatever goes with them) on a reader
// thread, under a watchdog: its error, or a timeout when the watchdog had to cut the socket.
template <class Work>
net::awaitable<boost::system::error_code> on_reader_thread(Stream& stream, BodyReaders& readers, ConnectionRegistry& registry,
                                                           std::shared_ptr<BlockingDeadline> deadline, Work work) {
  auto& tcp = beast::get_lowest_layer(stream);
  tcp.expires_never();
  auto watchdog = std::make_shared<Watchdog>(co_await net::this_coro::executor, tcp.socket().native_handle(), deadline, registry);
  watchdog->arm();
  // However the work ends, the watchdog stands down before this socket can be closed.
  struct StandDown {
    Watchdog& dog;
    ~StandDown() {
      dog.finished = true;
      dog.timer.cancel();
    }
  } stand_down{*watchdog};
  auto ec = co_await net::co_spawn(
      readers.pool.get_executor(), [&]() -> net::awaitable<boost::system::error_code> { co_return work(); },
      net::use_awaitable);
  co_return deadline->cut && ec ? boost::system::error_code(beast::error::timeout) : ec;
}

net::awaitable<boost::system::error_code> read_body_blocking(Stream& stream, beast::flat_buffer& buffer,
                                                             bhttp::request_parser<bhttp::string_body>& parser,
                                                             BodyReaders& readers, ConnectionRegistry& registry,
                                                             std::chrono::steady_clock::duration timeout) {
  auto deadline = std::make_shared<BlockingDeadline>();
  deadline->start(timeout);
  co_return co_await on_reader_thread(stream, readers, registry, deadline, [&] {
    boost::system::error_code read_ec;
    try {
      bhttp::read(stream, buffer, parser, read_ec);
    } catch (const std::bad_alloc&) {  // a body as large as max_body_bytes, with memory short
      read_ec = make_error_code(boost::system::errc::not_enough_memory);
    }
    return read_ec;
  });
}

// The body of a request whose handler takes it piece by piece, read with blocking reads on a
// reader thread as the handler asks for each piece. A client that asked to be told to go on
// (Expect: 100-continue) is told so only when the handler asks for the first piece: a request
// refused from its header costs no byte of its body. The read deadline counts from that first
// piece until the last: not while the handler waits for its turn, nor while it finishes.
class StreamedBody final : public BodyReader {
 public:
  StreamedBody(Stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::string_body>&& header,
               bool expects_continue, BlockingDeadline& deadline, std::chrono::steady_clock::duration timeout)
      : stream_(stream), buffer_(buffer), parser_(std::move(header)), must_continue_(expects_continue),
        deadline_(deadline), timeout_(timeout) {}

  std::size_t read(char* into, std::size_t size) override {
    if (failed_ || parser_.is_done() || size == 0) return 0;
    if (!started_) {
      started_ = true;
      deadline_.start(timeout_);
    }
    struct StopWhenOver {  // the body is over once it is complete or broken
      StreamedBody& body;
      ~StopWhenOver() {
        if (body.failed_ || body.parser_.is_done()) body.deadline_.stop();
      }
    } stop_when_over{*this};
    try {
      if (must_continue_) {
        must_continue_ = false;
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser_.get().version()};
        bhttp::write(stream_, go_on, ec_);
        if (ec_) return fail();
      }
      auto& body = parser_.get().body();
      body.data = into;
      body.size = size;
      bhttp::read(stream_, buffer_, parser_, ec_);
      if (ec_ == bhttp::error::need_buffer) ec_ = {};  // `into` is full
      const std::size_t filled = size - body.size;
      if (ec_) fail();  // what arrived before the break still counts; the next read gives 0
      return filled;
    } catch (const std::bad_alloc&) {
      ec_ = make_error_code(boost::system::errc::not_enough_memory);
      return fail();
    }
  }
  bool failed() const override { return failed_; }
  bool stopped() const override { return deadline_.cut || client_left(); }

  // Once the handler has answered: reads and drops whatever it left of the body, so that the
  // connection can carry the next request. False when it cannot: the body broke, or the client
  // still waits to be told to go on and will not send it.
  bool read_rest() {
    if (must_continue_ && !parser_.is_done()) return false;
    std::vector<char> dropped(64 * 1024);
    while (read(dropped.data(), dropped.size()) > 0) {
    }
    return !failed_;
  }
  boost::system::error_code error() const { return ec_; }

 private:
  // The client closed or reset its end, seen without reading from the socket (so nothing of the
  // body is taken): a request waiting for its turn then gives its place up at once, instead of
  // holding it for a client that is gone until its read deadline. A client that shuts down only
  // its sending side while it waits for the answer counts as gone too; HTTP clients do not.
  bool client_left() const {
#ifdef POLLRDHUP
    pollfd socket{beast::get_lowest_layer(stream_).socket().native_handle(), POLLRDHUP, 0};
    return ::poll(&socket, 1, 0) == 1 && (socket.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
#else
    return false;
#endif
  }

  std::size_t fail() {
    failed_ = true;
    if (!ec_) ec_ = make_error_code(boost::system::errc::io_error);
    return 0;
  }

  Stream& stream_;
  beast::flat_buffer& buffer_;
  bhttp::request_parser<bhttp::buffer_body> parser_;
  bool must_continue_;
  BlockingDeadline& deadline_;
  std::chrono::steady_clock::duration timeout_;
  bool started_ = false;
  bool failed_ = false;
  boost::system::error_code ec_;
};

// One of `limit` places counted by `count` (a reader thread for a large body or file, a turn
// among the requests that hash passwords), when one is free and wanted; given back however the
// work ends.
class CountedPlace {
 public:
  CountedPlace(std::atomic<int>& count, bool wanted, int limit)
      : count_(count), held_(wanted && count.fetch_add(1) < limit) {
    if (wanted && !held_) count_.fetch_sub(1);
  }
  ~CountedPlace() {
    if (held_) count_.fetch_sub(1);
  }
  CountedPlace(const CountedPlace&) = delete;
  CountedPlace& operator=(const CountedPlace&) = delete;
  bool held() const { return held_; }

 private:
  std::atomic<int>& count_;
  bool held_;
};

// A header whose body is a file slice (or, for HEAD, nothing at all), then the slice 256 KiB at
// a time: memory stays flat whatever the file's size. A large file is written with blocking
// writes on a reader thread, for the reason large bodies are read there: through the event loop
// each 16 KiB TLS record costs an asynchronous round trip (a 256 MiB download took 0.54-0.72 s
// that way, 0.45-0.56 s this way, with less processor time). Downloads take at most half of those
// threads, so that a few slow downloads never leave uploads without one. Each 256 KiB must be
// taken by the client within the write deadline; the watchdog cuts a connection that stalls, so
// a client that stops reading holds a thread at most that long. `blocked` is the session's flag
// that another thread is using the socket.
net::awaitable<boost::system::error_code> write_streamed(Stream& stream, const Response& in, unsigned version,
                                                         bool keep_alive, std::chrono::steady_clock::duration timeout,
                                                         BodyReaders& readers, ConnectionRegistry& registry, bool& blocked) {
  bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(in.status), version};
  set_fields(out, in, keep_alive);
  out.content_length(in.file ? in.file->length : in.head_content_length.value_or(0));
  bhttp::response_serializer<bhttp::empty_body> serializer{out};
  beast::get_lowest_layer(stream).expires_after(timeout);
  auto [header_ec, header_bytes] = co_await bhttp::async_write_header(stream, serializer, use_tuple);
  if (header_ec || !in.file) co_return header_ec;
  std::ifstream file(in.file->path, std::ios::binary);
  if (!file || !file.seekg(static_cast<std::streamoff>(in.file->offset)))
    co_return make_error_code(boost::system::errc::io_error);
  std::vector<char> chunk(256 * 1024);
  std::uint64_t left = in.file->length;
  auto next = [&]() -> std::size_t {  // the next piece of the file into `chunk`; 0 when it cannot be read
    const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, chunk.size()));
    if (!file.read(chunk.data(), want)) return 0;
    left -= static_cast<std::uint64_t>(want);
    return static_cast<std::size_t>(want);
  };
  const auto unreadable = make_error_code(boost::system::errc::io_error);

  CountedPlace slot(readers.busy, left >= kBlockingBodyBytes, BodyReaders::kThreads / 2);
  if (slot.held()) {
    auto deadline = std::make_shared<BlockingDeadline>();
    blocked = true;
    auto ec = co_await on_reader_thread(stream, readers, registry, deadline, [&] {
      boost::system::error_code write_ec;
      while (left > 0 && !write_ec) {
        const auto n = next();
        if (n == 0) return unreadable;
        deadline->start(timeout);
        net::write(stream, net::buffer(chunk.data(), n), write_ec);
      }
      return write_ec;
    });
    blocked = false;
    co_return ec;
  }
  while (left > 0) {
    const auto n = next();
    if (n == 0) co_return unreadable;
    beast::get_lowest_layer(stream).expires_after(timeout);  // per piece: a large file may take long in all
    auto [ec, written] = co_await net::async_write(stream, net::buffer(chunk.data(), n), use_tuple);
    if (ec) co_return ec;
  }
  co_return boost::system::error_code{};
}

Response safe_handle(const Handler& handler, const Request& request) {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    log::error("handler_exception", {{"path", request.path}, {"what", e.what()}});
  } catch (...) {
    log::error("handler_exception", {{"path", request.path}});
  }
  return error_response(ErrorCode::internal, "internal error");
}


// A request whose handler takes its body piece by piece: the handler runs on a reader thread and
// reads the body as it arrives. `answer` is false when the body broke (nothing is answered then);
// `reusable` when the connection can carry the next request.
struct Streamed {
  Response response;
  bool answer = false;
  bool reusable = false;
};

net::awaitable<Streamed> handle_streamed(Stream& stream, beast::flat_buffer& buffer,
                                         bhttp::request_parser<bhttp::string_body>&& parser, bool expects_continue,
                                         Request& head, const Handler& handler, BodyReaders& readers,
                                         ConnectionRegistry& registry, std::chrono::steady_clock::duration timeout) {
  Streamed out;
  auto deadline = std::make_shared<BlockingDeadline>();  // started by the first read of the body
  StreamedBody body(stream, buffer, std::move(parser), expects_continue, *deadline, timeout);
  head.body_reader = &body;
  co_await on_reader_thread(stream, readers, registry, deadline, [&] {
    out.response = safe_handle(handler, head);
    out.reusable = body.read_rest();
    return body.error();
  });
  head.body_reader = nullptr;
  out.answer = !body.failed();
  co_return out;
}
}  // namespace

net::awaitable<void> run_session(net::ip::tcp::socket socket, net::ssl::context& tls,
                                 net::thread_pool::executor_type blocking, BodyReaders& readers, PasswordHashing& hashing,
                                 const RequestHandlers& handlers,
                                 const UpgradeHandler& upgrade, ConnectionRegistry& registry,
                                 const ListenOptions& options) {
  boost::system::error_code ec;
  auto peer = socket.remote_endpoint(ec);
  const std::string remote = ec ? std::string("unknown") : peer.address().to_string();

  // Shared so that a cancel posted by shutdown never outlives the stream it cancels.
  auto owned = std::make_shared<Stream>(std::move(socket), tls);
  Stream& stream = *owned;
  // While a reader thread reads this socket, cancelling it here would touch it from two threads
  // (and not wake the read): the watchdog ends that read when the server stops. Only used on
  // this connection's thread.
  auto reading_blocked = std::make_shared<bool>(false);
  ConnectionRegistry::Registration registration(registry, registry.add([weak = std::weak_ptr<Stream>(owned), reading_blocked] {
    if (auto s = weak.lock())
      net::post(s->get_executor(), [weak, reading_blocked] {
        if (auto alive = weak.lock(); alive && !*reading_blocked) beast::get_lowest_layer(*alive).cancel();
      });
  }));

  beast::get_lowest_layer(stream).expires_after(options.handshake_timeout);
  auto [handshake_ec] = co_await stream.async_handshake(net::ssl::stream_base::server, use_tuple);
  if (handshake_ec) co_return;

  beast::flat_buffer buffer;
  while (!registry.stopping()) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(options.max_body_bytes);
    parser.header_limit(32 * 1024);

    beast::get_lowest_layer(stream).expires_after(options.idle_timeout);
    auto [header_ec, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
    const auto started = std::chrono::steady_clock::now();
    boost::system::error_code read_ec = header_ec;
    std::optional<Streamed> streamed;
    std::optional<Response> early;  // answered from the header alone; the body is never read
    unsigned version_of_streamed = 11;
    std::string method = "-", path = "-";
    RouteTraits traits;
    if (!read_ec && handlers.describe) {
      const std::string_view target = parser.get().target();
      traits = handlers.describe(parser.get().method_string(), target.substr(0, target.find('?')));
    }
    if (!read_ec && !parser.is_done()) {
      // What may be read of the body, and from whom, is known before any byte of it: a large body
      // is read only for a route that takes it, and for a route that needs a sign-in only when
      // the header's token signs someone in. Small bodies (what every route takes) are read as
      // they come, so that a pull pays nothing for this.
      const std::size_t limit =
          traits.max_body_bytes ? std::min(traits.max_body_bytes, options.max_body_bytes) : options.max_body_bytes;
      parser.body_limit(limit);
      const auto length = parser.content_length();
      if (!traits.routed && (!length || *length > kSmallBodyBytes)) {
        early = safe_handle(handlers.handle, to_request_head(parser.get(), remote));  // 404 or 405, whatever the body
      } else if (length && *length > limit) {
        early = error_response(ErrorCode::payload_too_large, "request body is larger than this call accepts");
      } else if (!traits.open && (!length || *length > kSmallBodyBytes) && handlers.check_sign_in) {
        early = handlers.check_sign_in(to_request_head(parser.get(), remote));
      }
      if (early) {
        method = std::string(parser.get().method_string());
        const std::string_view target = parser.get().target();
        path = std::string(target.substr(0, target.find('?')));
      }
    }
    if (!read_ec && !parser.is_done() && !early) {
      beast::get_lowest_layer(stream).expires_after(options.read_timeout);
      if (parser.content_length().value_or(kRoomyBodyBytes) >= kRoomyBodyBytes) buffer.reserve(kBodyReadBytes);
      // A client that asks first (curl does for large bodies) is told to go on, instead of
      // waiting a second for an answer that never comes. A body over the limit was refused above.
      const bool expects_continue = beast::iequals(parser.get()[bhttp::field::expect], "100-continue");
      const bool large = parser.content_length() && *parser.content_length() >= kBlockingBodyBytes;
      CountedPlace slot(readers.busy, large, BodyReaders::kThreads);
      std::optional<Request> head;
      if (slot.held() && traits.streams_body) head = to_request_head(parser.get(), remote);
      if (head) {
        head->body_length = *parser.content_length();
        method = head->method;
        path = head->path;
        const unsigned head_version = parser.get().version();
        const bool head_keep_alive = parser.get().keep_alive();
        *reading_blocked = true;
        streamed = co_await handle_streamed(stream, buffer, std::move(parser), expects_continue, *head, handlers.handle,
                                            readers, registry, options.read_timeout);
        *reading_blocked = false;
        streamed->reusable = streamed->reusable && head_keep_alive;
        read_ec = {};
        version_of_streamed = head_version;
      } else {
        if (expects_continue) {
          bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
          auto [continue_ec, continue_bytes] = co_await bhttp::async_write(stream, go_on, use_tuple);
          read_ec = continue_ec;
        }
        if (!read_ec && slot.held()) {
          *reading_blocked = true;
          read_ec = co_await read_body_blocking(stream, buffer, parser, readers, registry, options.read_timeout);
          *reading_blocked = false;
        } else if (!read_ec) {
          auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
          read_ec = body_ec;
        }
      }
    }

    Response response;
    bool keep_alive = false;
    unsigned version = 11;
    if (early) {
      response = std::move(*early);  // the unread body ends the connection: keep_alive stays false
      version = parser.get().version();
    } else if (streamed) {
      if (!streamed->answer) break;  // the body broke off: nobody to answer
      response = std::move(streamed->response);
      keep_alive = streamed->reusable;
      version = version_of_streamed;
    } else if (read_ec == bhttp::error::end_of_stream || read_ec == net::error::operation_aborted ||
        read_ec == beast::error::timeout || read_ec == net::ssl::error::stream_truncated ||
        read_ec == net::error::eof || read_ec == net::error::connection_reset) {
      break;
    } else if (read_ec == bhttp::error::body_limit) {
      response = error_response(ErrorCode::payload_too_large, "request body is larger than this call accepts");
    } else if (read_ec) {
      if (read_ec.category() != bhttp::make_error_code(bhttp::error::bad_target).category())
        break;  // a transport failure, nothing to answer
      response = error_response(ErrorCode::bad_request, "malformed HTTP request");
    } else {
      auto message = parser.release();
      version = message.version();
      keep_alive = message.keep_alive();
      if (beast::websocket::is_upgrade(message) && upgrade) {
        auto copy = message;
        Request request = to_request(std::move(copy), remote);
        auto channel = upgrade(request);
        if (channel) {
          log::request(request.method, request.path, 101, 0, "", remote);
          co_await run_live_socket(stream, std::move(message), std::move(channel.value()), registry);
          co_return;
        }
        method = request.method;
        path = request.path;
        response = error_response(channel.error());
        keep_alive = false;
      } else {
        Request request = to_request(std::move(message), remote);
        method = request.method;
        path = request.path;
        // A large body's handler works for long; so may one that takes file bodies even when this
        // body is small (the last chunk of an upload flushes, and may hash, the whole file). Either
        // runs off this thread, which every other connection on it is waiting for. Password
        // hashing runs on its own small pool, so that anonymous sign-in attempts can take at most
        // those threads, never the connections' threads nor the file pool.
        if (traits.hashes_passwords) {
          // A turn: running on one of the pool's threads, or one of the few waiting for one.
          CountedPlace turn(hashing.in_flight, true, PasswordHashing::kThreads + PasswordHashing::kMaxWaiting);
          if (!turn.held()) {
            response = error_response(ErrorCode::rate_limited, "the server is busy checking passwords; try again in a moment");
            response.headers.emplace_back("Retry-After", "1");
          } else {
            response = co_await net::co_spawn(
                hashing.pool.get_executor(), [&]() -> net::awaitable<Response> { co_return safe_handle(handlers.handle, request); },
                net::use_awaitable);
          }
        } else if (request.body.size() >= kBlockingBodyBytes || traits.streams_body) {
          response = co_await net::co_spawn(
              blocking, [&]() -> net::awaitable<Response> { co_return safe_handle(handlers.handle, request); },
              net::use_awaitable);
        } else {
          response = safe_handle(handlers.handle, request);
        }
      }
    }

    const int status = response.status;
    const std::string user = response.log_user_id;
    const bool keep = keep_alive && !registry.stopping();
    if (method == "HEAD") {
      // Whatever answered (a handler, an error, the router): a HEAD answer is its header only,
      // saying how long the body of a GET would be. A body here would corrupt the connection.
      if (!response.head_content_length)
        response.head_content_length = response.file ? response.file->length : response.body.size();
      response.body.clear();
      response.file.reset();
    }
    boost::system::error_code write_ec;
    if (response.file || response.head_content_length) {
      write_ec = co_await write_streamed(stream, response, version, keep, options.write_timeout, readers, registry, *reading_blocked);
    } else {
      auto out = to_beast(std::move(response), version, keep);
      beast::get_lowest_layer(stream).expires_after(options.write_timeout);
      auto [sent_ec, written] = co_await bhttp::async_write(stream, out, use_tuple);
      write_ec = sent_ec;
    }
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    log::request(method, path, status, static_cast<double>(micros) / 1000.0, user, remote);
    if (early && !write_ec) {
      // The body is on its way; closing with it unread makes the kernel reset the connection,
      // which can destroy the answer before the client reads it. So what comes is read and
      // dropped for a moment first (as nginx's lingering close does), a bounded amount into a
      // small buffer: the refusal still costs no memory, and little time.
      std::vector<char> scratch(kLingerBufferBytes);
      std::size_t dropped = 0;
      beast::get_lowest_layer(stream).expires_after(kLingerTime);
      while (dropped < kLingerBytes) {
        auto [linger_ec, n] = co_await stream.async_read_some(net::buffer(scratch), use_tuple);
        if (linger_ec) break;
        dropped += n;
      }
      break;
    }
    if (write_ec || !keep) break;
    if (buffer.size() == 0 && buffer.capacity() >= kBodyReadBytes) buffer.shrink_to_fit();  // idle: no large buffer
  }

  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
  co_await stream.async_shutdown(use_tuple);
}

}  // namespace kete::http::detail
