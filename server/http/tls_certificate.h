#pragma once
// The server's TLS identity: a self-signed ECDSA certificate made on first start, and the
// SHA-256 fingerprint the apps pin on first contact.
#include <filesystem>
#include <string>

#include "kete/result.h"

namespace kete::http {

struct CertificateInfo {
  std::string certificate_pem_path;
  std::string private_key_pem_path;
  std::string sha256_fingerprint;  // "AB:CD:...", as `openssl x509 -fingerprint -sha256` prints it
  bool created = false;
};

// Uses DIR/tls/{certificate,private-key}.pem, making them when absent.
Result<CertificateInfo> ensure_self_signed_certificate(const std::filesystem::path& data_dir);
Result<std::string> certificate_fingerprint(const std::string& certificate_pem_path);

}  // namespace kete::http
