#pragma once
// The optional --config FILE (JSON): listen address, limits, timeouts and TLS files.
#include <string>

#include "auth/auth_settings.h"
#include "blobs/blob_settings.h"
#include "http/https_server.h"
#include "kete/result.h"

namespace kete::cli {

struct ServerConfig {
  http::ListenOptions listen;
  auth::AuthSettings auth;
  blobs::BlobSettings blobs;
  std::string tls_certificate;  // both empty: the self-signed certificate in the data folder
  std::string tls_private_key;
};

Result<ServerConfig> load_server_config(const std::string& path);
// "127.0.0.1:8443", "[::1]:8443"; port 0 picks a free port.
Result<Done> apply_listen_address(const std::string& text, http::ListenOptions& options);

}  // namespace kete::cli
