// libFuzzer target: the blob API's range headers. Whatever the bytes, a parsed range must be
// inside the file (or the upload) it describes: that is what keeps reads and writes in bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "blobs/content_range.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::int64_t file_size = 0;
  if (size >= 8) {
    std::memcpy(&file_size, data, 8);
    file_size = file_size < 0 ? -(file_size + 1) : file_size;
    data += 8;
    size -= 8;
  }
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto r = kete::blobs::parse_content_range(text)) {
    if (r->first < 0 || r->first > r->last || r->last >= r->total || r->length() <= 0) std::abort();
  }
  if (const auto r = kete::blobs::parse_range(text, file_size)) {
    if (r->first < 0 || r->length <= 0 || r->first > file_size || r->length > file_size - r->first) std::abort();
  }
  return 0;
}
