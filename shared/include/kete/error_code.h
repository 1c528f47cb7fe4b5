#pragma once
// The error codes of the HTTP contract (DESIGN.md §4), shared by server and apps.
#include <optional>
#include <string_view>

namespace kete {

enum class ErrorCode {
  bad_request,
  unauthorized,
  invalid_credentials,  // 401: unknown e-mail and wrong password alike
  totp_required,        // 401: password right, second factor missing or wrong
  forbidden,
  not_found,
  method_not_allowed,
  conflict,
  payload_too_large,
  unsupported_media_type,
  rate_limited,
  storage_full,         // 507: the server's disk is full; nothing was saved, try again later
  busy,                 // 503: something else is doing this very thing right now; try again shortly
  internal,
};

std::string_view to_string(ErrorCode code);
std::optional<ErrorCode> error_code_from_string(std::string_view text);
int http_status(ErrorCode code);

}  // namespace kete
