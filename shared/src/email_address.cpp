#include "kete/email_address.h"

#include <algorithm>

namespace kete {

std::optional<std::string> normalize_email(std::string_view text) {
  if (text.size() < 3 || text.size() > 254) return std::nullopt;
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= text.size() || text.find('@', at + 1) != std::string_view::npos)
    return std::nullopt;
  const auto domain = text.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') return std::nullopt;
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') return std::nullopt;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

}  // namespace kete
