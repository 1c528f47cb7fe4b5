#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <algorithm>
#include <deque>
#include <memory>

#include "http/detail/live_socket.h"

namespace kete::http::detail {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

namespace {

constexpr std::size_t kMaxQueued = 256;  // a slow reader loses old hints, never memory

// Everything shared between the writer, the reader and senders on other threads; touched only on
// the connection's strand.
struct Outbox {
  explicit Outbox(const net::any_io_executor& executor) : wake(executor) {}
  std::deque<std::string> queue;
  net::steady_timer wake;
  bool closed = false;
  bool close_when_sent = false;  // the server closes once the queue is empty
  bool reader_done = false;
};

}  // namespace

net::awaitable<void> run_live_socket(TlsStream& stream, beast::http::request<beast::http::string_body> upgrade,
                                     PushChannel channel, ConnectionRegistry& registry) {
  websocket::stream<TlsStream&> ws{stream};
  beast::get_lowest_layer(stream).expires_never();  // the websocket keeps its own timeouts and pings
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(beast::http::field::server, "kete"); }));
  auto [accept_ec] = co_await ws.async_accept(upgrade, use_tuple);
  if (accept_ec) co_return;

  auto executor = co_await net::this_coro::executor;
  auto box = std::make_shared<Outbox>(executor);
  auto send = [weak = std::weak_ptr<Outbox>(box), executor](std::string message) {
    net::post(executor, [weak, message = std::move(message)]() mutable {
      auto b = weak.lock();
      if (!b || b->closed) return;
      if (b->queue.size() >= kMaxQueued) b->queue.pop_front();
      b->queue.push_back(std::move(message));
      b->wake.cancel();
    });
  };
  auto close_soon = [weak = std::weak_ptr<Outbox>(box), executor] {
    net::post(executor, [weak] {
      if (auto b = weak.lock(); b && !b->closed) {
        b->close_when_sent = true;
        b->wake.cancel();
      }
    });
  };
  auto close = channel.open(send, close_soon);

  // The reader answers pings and notices the app closing; the app sends nothing else.
  net::co_spawn(
      executor,
      [&ws, box]() -> net::awaitable<void> {
        beast::flat_buffer buffer;
        for (;;) {
          auto [ec, n] = co_await ws.async_read(buffer, use_tuple);
          if (ec) break;
          buffer.consume(buffer.size());
        }
        box->closed = true;
        box->reader_done = true;
        box->wake.cancel();
      },
      net::detached);

  // A socket lives no longer than the session that opened it: asked at once, and again when the
  // time its answer gave is up.
  using Clock = net::steady_timer::clock_type;
  auto next_check = Clock::now();
  bool session_over = false;
  while (!box->closed && !registry.stopping()) {
    if (channel.still_valid && Clock::now() >= next_check) {
      const auto left = channel.still_valid();
      if (!left) {
        session_over = true;
        break;
      }
      next_check = Clock::now() + std::min(*left, channel.recheck_every);
    }
    while (!box->queue.empty() && !box->closed) {
      std::string message = std::move(box->queue.front());
      box->queue.pop_front();
      ws.text(true);
      auto [ec, n] = co_await ws.async_write(net::buffer(message), use_tuple);
      if (ec) box->closed = true;
    }
    if (box->closed || box->close_when_sent) break;
    box->wake.expires_at(channel.still_valid ? next_check : net::steady_timer::time_point::max());
    co_await box->wake.async_wait(use_tuple);
  }
  if (!box->closed && (session_over || box->close_when_sent)) {
    // Said in words the app can show; it reconnects (and, with its session gone, is told to sign in).
    box->closed = true;
    const websocket::close_reason reason(session_over ? websocket::close_code::policy_error : websocket::close_code::normal,
                                         session_over ? "session ended" : "scope changed");
    co_await ws.async_close(reason, use_tuple);  // a peer that does not answer is cut by the websocket timeout
  }
  if (close) close();
  box->closed = true;
  // The reader holds a reference to `ws`: wait until it has finished before leaving.
  if (!box->reader_done) beast::get_lowest_layer(stream).cancel();
  while (!box->reader_done) {
    box->wake.expires_at(net::steady_timer::time_point::max());
    co_await box->wake.async_wait(use_tuple);
  }
}

}  // namespace kete::http::detail
