#include "blobs/content_range.h"

#include <charconv>

namespace kete::blobs {
namespace {

// A run of digits (no sign, no spaces), at most 18 of them so it fits without overflow.
std::optional<std::int64_t> number(std::string_view& text) {
  std::size_t n = 0;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9') ++n;
  if (n == 0 || n > 18) return std::nullopt;
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + n, value);
  text.remove_prefix(n);
  return value;
}

bool take(std::string_view& text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::optional<ContentRange> parse_content_range(std::string_view h) {
  if (!take(h, "bytes ")) return std::nullopt;
  auto first = number(h);
  if (!first || !take(h, "-")) return std::nullopt;
  auto last = number(h);
  if (!last || !take(h, "/")) return std::nullopt;
  auto total = number(h);
  if (!total || !h.empty()) return std::nullopt;
  if (*first > *last || *last >= *total) return std::nullopt;
  return ContentRange{*first, *last, *total};
}

std::optional<ByteRange> parse_range(std::string_view h, std::int64_t size) {
  if (!take(h, "bytes=")) return std::nullopt;
  if (take(h, "-")) {
    auto suffix = number(h);
    if (!suffix || !h.empty() || *suffix == 0 || size == 0) return std::nullopt;
    const auto length = std::min(*suffix, size);
    return ByteRange{size - length, length};
  }
  auto first = number(h);
  if (!first || !take(h, "-")) return std::nullopt;
  std::int64_t last = size - 1;
  if (!h.empty()) {
    auto l = number(h);
    if (!l || !h.empty()) return std::nullopt;
    last = std::min(*l, size - 1);
  }
  if (*first >= size || *first > last) return std::nullopt;
  return ByteRange{*first, last - *first + 1};
}

}  // namespace kete::blobs
