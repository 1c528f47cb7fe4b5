#include "cli/server_config.h"

#include <boost/json/parse.hpp>
#include <charconv>
#include <fstream>
#include <sstream>

namespace kete::cli {
namespace {

Error config_error(const std::string& path, const std::string& message) {
  return make_error(ErrorCode::bad_request, "config " + path + ": " + message);
}

Result<std::int64_t> positive_integer(const boost::json::value& v, const std::string& path, const std::string& key) {
  if (!v.is_int64() || v.as_int64() <= 0) return config_error(path, "'" + key + "' must be a positive integer");
  return v.as_int64();
}

Result<std::int64_t> non_negative_integer(const boost::json::value& v, const std::string& path, const std::string& key) {
  if (!v.is_int64() || v.as_int64() < 0) return config_error(path, "'" + key + "' must be zero or a positive integer");
  return v.as_int64();
}

}  // namespace

Result<Done> apply_listen_address(const std::string& text, http::ListenOptions& options) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size())
    return make_error(ErrorCode::bad_request, "listen address '" + text + "' must be HOST:PORT");
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535)
    return make_error(ErrorCode::bad_request, "listen port '" + port_text + "' must be a number from 0 to 65535");
  if (host.empty()) return make_error(ErrorCode::bad_request, "listen address '" + text + "' has no host");
  options.host = host;
  options.port = static_cast<std::uint16_t>(port);
  return Done{};
}

Result<ServerConfig> load_server_config(const std::string& path) {
  ServerConfig config;
  if (path.empty()) return config;
  std::ifstream in(path);
  if (!in) return config_error(path, "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(text.str(), ec);
  if (ec) return config_error(path, "is not valid JSON (" + ec.message() + ")");
  if (!doc.is_object()) return config_error(path, "must hold a JSON object");
  for (const auto& [key_sv, value] : doc.as_object()) {
    const std::string key(key_sv);
    if (key == "listen") {
      if (!value.is_string()) return config_error(path, "'listen' must be a string HOST:PORT");
      if (auto ok = apply_listen_address(std::string(value.as_string()), config.listen); !ok)
        return config_error(path, ok.error().message);
    } else if (key == "max_body_bytes") {
      auto n = positive_integer(value, path, key);
      if (!n) return n.error();
      config.listen.max_body_bytes = static_cast<std::size_t>(n.value());
    } else if (key == "threads") {
      auto n = positive_integer(value, path, key);
      if (!n) return n.error();
      config.listen.threads = static_cast<int>(n.value());
    } else if (key == "max_connections" || key == "max_connections_per_address") {
      auto n = positive_integer(value, path, key);
      if (!n) return n.error();
      (key == "max_connections" ? config.listen.max_connections : config.listen.max_connections_per_address) =
          static_cast<std::size_t>(n.value());
    } else if (key == "read_timeout_seconds" || key == "idle_timeout_seconds" || key == "write_timeout_seconds" ||
               key == "handshake_timeout_seconds") {
      auto n = positive_integer(value, path, key);
      if (!n) return n.error();
      (key == "read_timeout_seconds"        ? config.listen.read_timeout
       : key == "idle_timeout_seconds"      ? config.listen.idle_timeout
       : key == "handshake_timeout_seconds" ? config.listen.handshake_timeout
                                            : config.listen.write_timeout) = std::chrono::seconds(n.value());
    } else if (key == "session_idle_timeout_seconds" || key == "session_absolute_timeout_seconds") {
      auto n = positive_integer(value, path, key);
      if (!n) return n.error();
      (key == "session_idle_timeout_seconds" ? config.auth.idle_timeout_seconds
                                             : config.auth.absolute_timeout_seconds) = n.value();
    } else if (key == "max_blob_bytes" || key == "tenant_quota_bytes" || key == "blob_gc_grace_seconds" ||
               key == "blob_gc_interval_seconds") {
      auto n = key == "blob_gc_grace_seconds" ? non_negative_integer(value, path, key) : positive_integer(value, path, key);
      if (!n) return n.error();
      (key == "max_blob_bytes"          ? config.blobs.max_bytes
       : key == "tenant_quota_bytes"    ? config.blobs.tenant_quota_bytes
       : key == "blob_gc_grace_seconds" ? config.blobs.gc_grace_seconds
                                        : config.blobs.gc_interval_seconds) = n.value();
    } else if (key == "tls_certificate" || key == "tls_private_key") {
      if (!value.is_string()) return config_error(path, "'" + key + "' must be a file path");
      (key == "tls_certificate" ? config.tls_certificate : config.tls_private_key) = std::string(value.as_string());
    } else {
      return config_error(path, "unknown setting '" + key + "'");
    }
  }
  if (config.tls_certificate.empty() != config.tls_private_key.empty())
    return config_error(path, "set both 'tls_certificate' and 'tls_private_key', or neither");
  return config;
}

}  // namespace kete::cli
