#pragma once
// What kind of file some bytes are, decided from their first bytes, never from a name or a header
// a user sent: the server names every stored file's type this way, and the apps ask the same
// question of a file before they hand it to the desktop. Document types the apps open and the
// programs and scripts they never open are named; anything else is application/octet-stream,
// and nothing is ever called HTML.
#include <string>
#include <string_view>

namespace kete {

std::string sniff_mime(std::string_view head);  // head: the first (up to) 512 bytes

// A program or a script, by type: the ones sniff_mime names, and the names other systems give
// them (which records written by older servers or other tools may carry).
bool is_program_type(std::string_view mime);

}  // namespace kete
