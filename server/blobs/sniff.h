#pragma once
// The content type of a file decided from its first bytes, never from a name or a header a user
// sent. Only types the apps open are named; anything else is application/octet-stream, and
// nothing is ever served as HTML or script.
#include <string>
#include <string_view>

namespace kete::blobs {

std::string sniff_mime(std::string_view head);  // head: the first (up to) 512 bytes

}  // namespace kete::blobs
