#include "kete/file_types.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace kete {
namespace {

bool starts(std::string_view s, std::string_view magic) { return s.substr(0, magic.size()) == magic; }

// Valid UTF-8 without control characters other than tab, CR, LF, FF: plain text.
bool looks_like_text(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
      if (c == 0x7f) return false;
      ++i;
      continue;
    }
    const int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0 || c == 0xC0 || c == 0xC1) return false;
    if (i + static_cast<std::size_t>(extra) >= s.size()) return true;  // cut off at the end of the head
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0xC0) != 0x80) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

}  // namespace

std::string sniff_mime(std::string_view h) {
  using namespace std::string_view_literals;
  if (starts(h, "%PDF-")) return "application/pdf";
  if (starts(h, "\x89PNG\r\n\x1a\n"sv)) return "image/png";
  if (starts(h, "\xFF\xD8\xFF"sv)) return "image/jpeg";
  if (starts(h, "GIF87a") || starts(h, "GIF89a")) return "image/gif";
  if (starts(h, "RIFF") && h.size() >= 12 && h.substr(8, 4) == "WEBP") return "image/webp";
  if (starts(h, "II*\0"sv) || starts(h, "MM\0*"sv)) return "image/tiff";
  if (starts(h, "PK\x03\x04"sv)) {
    // Office Open XML files are zip archives whose first entry names their kind.
    if (h.find("word/") != std::string_view::npos) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (h.find("xl/") != std::string_view::npos) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (h.find("ppt/") != std::string_view::npos) return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    return "application/zip";
  }
  if (starts(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) return "application/x-ole-storage";  // also .msi
  // Programs and scripts are named as such, so that no app ever hands one to the desktop.
  if (starts(h, "MZ")) return "application/vnd.microsoft.portable-executable";
  if (starts(h, "\x7F" "ELF"sv)) return "application/x-executable";
  if (starts(h, "\xFE\xED\xFA\xCE"sv) || starts(h, "\xFE\xED\xFA\xCF"sv) || starts(h, "\xCE\xFA\xED\xFE"sv) ||
      starts(h, "\xCF\xFA\xED\xFE"sv) || starts(h, "\xCA\xFE\xBA\xBE"sv))
    return "application/x-mach-binary";  // CAFEBABE is also a Java class: a program either way
  if (starts(h, "L\0\0\0\x01\x14\x02\0"sv)) return "application/x-ms-shortcut";
  if (starts(h, "#!")) return "text/x-script";
  if (starts(h, "\xEF\xBB\xBF"sv)) h.remove_prefix(3);
  if (looks_like_text(h)) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool is_program_type(std::string_view mime) {
  static constexpr std::array<std::string_view, 14> kPrograms{
      "application/vnd.microsoft.portable-executable", "application/x-msdownload", "application/x-ms-dos-executable",
      "application/x-executable", "application/x-mach-binary", "application/x-ms-shortcut", "application/x-sh",
      "application/x-shellscript", "application/javascript", "text/javascript", "text/x-script", "application/x-msi",
      "application/java-archive", "application/x-bat"};
  std::string lower;
  for (char c : mime) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto first = lower.find_first_not_of(' ');
  if (first == std::string::npos) return false;
  lower = lower.substr(first, lower.find_last_not_of(' ') - first + 1);
  return std::find(kPrograms.begin(), kPrograms.end(), lower) != kPrograms.end();
}

}  // namespace kete
