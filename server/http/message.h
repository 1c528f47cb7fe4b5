#pragma once
// Transport-free HTTP request and response: handlers are pure functions from one to the other,
// and never see Beast or the TLS stream.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kete::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A large body that has not been read yet: a handler that takes it this way (Route::streams_body)
// gets it piece by piece as it arrives, so that a file chunk is written and hashed while still in
// the processor's cache, and never held whole.
class BodyReader {
 public:
  virtual ~BodyReader() = default;
  // Reads the next bytes of the body into `into`, filling it unless the body ends first: how many.
  // 0 at the end of the body. When the body breaks off (the connection broke or its deadline
  // passed) failed() says so, and the bytes that arrived before the break are the last given.
  virtual std::size_t read(char* into, std::size_t size) = 0;
  virtual bool failed() const = 0;
  // The server is stopping, the read deadline cut the connection, or the client closed or reset
  // its end: a handler waiting for something before it reads should give up.
  virtual bool stopped() const = 0;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // target without the query string, percent-decoding left to handlers
  std::string query;   // after '?', may be empty
  HeaderList headers;  // names in lower case
  std::string body;                    // empty when body_reader is set
  BodyReader* body_reader = nullptr;   // set only for a streamed body, for the handler's call
  std::uint64_t body_length = 0;       // a streamed body's Content-Length
  std::string remote_address;

  std::optional<std::string_view> header(std::string_view lower_name) const;
};

// A part of a file sent as the body, streamed in chunks: never loaded whole.
struct FileSlice {
  std::string path;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  HeaderList headers;
  std::string body;
  std::optional<FileSlice> file;                     // when set, the body (instead of `body`)
  std::optional<std::uint64_t> head_content_length;  // answering HEAD: the length GET would send
  // For the request log only: who made the request, once authentication knows it.
  std::string log_user_id;
};

}  // namespace kete::http
