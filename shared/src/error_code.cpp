#include "kete/error_code.h"

#include <array>
#include <utility>

namespace kete {
namespace {

struct Entry {
  ErrorCode code;
  std::string_view name;
  int status;
};

constexpr std::array kEntries{
    Entry{ErrorCode::bad_request, "bad_request", 400},
    Entry{ErrorCode::unauthorized, "unauthorized", 401},
    Entry{ErrorCode::invalid_credentials, "invalid_credentials", 401},
    Entry{ErrorCode::totp_required, "totp_required", 401},
    Entry{ErrorCode::forbidden, "forbidden", 403},
    Entry{ErrorCode::not_found, "not_found", 404},
    Entry{ErrorCode::method_not_allowed, "method_not_allowed", 405},
    Entry{ErrorCode::conflict, "conflict", 409},
    Entry{ErrorCode::payload_too_large, "payload_too_large", 413},
    Entry{ErrorCode::unsupported_media_type, "unsupported_media_type", 415},
    Entry{ErrorCode::rate_limited, "rate_limited", 429},
    Entry{ErrorCode::storage_full, "storage_full", 507},
    Entry{ErrorCode::busy, "busy", 503},
    Entry{ErrorCode::internal, "internal", 500},
};

const Entry& entry(ErrorCode code) {
  for (const auto& e : kEntries)
    if (e.code == code) return e;
  return kEntries.back();
}

}  // namespace

std::string_view to_string(ErrorCode code) { return entry(code).name; }

int http_status(ErrorCode code) { return entry(code).status; }

std::optional<ErrorCode> error_code_from_string(std::string_view text) {
  for (const auto& e : kEntries)
    if (e.name == text) return e.code;
  return std::nullopt;
}

}  // namespace kete
