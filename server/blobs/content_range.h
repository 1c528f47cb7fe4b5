#pragma once
// The two range headers of the blob API, parsed strictly (anything unusual is refused).
#include <cstdint>
#include <optional>
#include <string_view>

namespace kete::blobs {

// Request "Content-Range: bytes FIRST-LAST/TOTAL" on an upload chunk.
struct ContentRange {
  std::int64_t first = 0;
  std::int64_t last = 0;  // inclusive
  std::int64_t total = 0;
  std::int64_t length() const { return last - first + 1; }
};
std::optional<ContentRange> parse_content_range(std::string_view header);

// Request "Range: bytes=FIRST-[LAST]" or "bytes=-SUFFIX" on a download (one range only),
// resolved against the blob's size; nullopt when it cannot be satisfied or is malformed.
struct ByteRange {
  std::int64_t first = 0;
  std::int64_t length = 0;
};
std::optional<ByteRange> parse_range(std::string_view header, std::int64_t size);

}  // namespace kete::blobs
