#include "http/tls_certificate.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "auth/random.h"

namespace kete::http {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509_free>>;
using FilePtr = std::unique_ptr<FILE, Deleter<std::fclose>>;

std::string local_host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return {};
  return name;
}

void add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  if (X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str())) {
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
}

Result<Done> make_certificate(const std::string& cert_path, const std::string& key_path) {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return make_error(ErrorCode::internal, "cannot generate an ECDSA key");
  CertPtr cert(X509_new());
  X509_set_version(cert.get(), 2);
  const std::string serial = auth::random_bytes(16);
  BIGNUM* bn = BN_bin2bn(reinterpret_cast<const unsigned char*>(serial.data()), 16, nullptr);
  BN_clear_bit(bn, 127);  // keep the serial positive
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60 * 60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 3650);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  const std::string host = local_host_name();
  const std::string cn = host.empty() ? "kete-server" : host;
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Kete"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  std::string san = "DNS:localhost,IP:127.0.0.1,IP:::1";
  if (!host.empty() && host != "localhost") san += ",DNS:" + host;
  add_extension(cert.get(), NID_subject_alt_name, san);
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return make_error(ErrorCode::internal, "cannot sign the certificate");

  // The key file is created private (0600) before a byte is written to it.
  const mode_t old_mask = umask(077);
  FilePtr key_file(std::fopen(key_path.c_str(), "wx"));
  umask(old_mask);
  if (!key_file || PEM_write_PrivateKey(key_file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return make_error(ErrorCode::internal, "cannot write " + key_path);
  FilePtr cert_file(std::fopen(cert_path.c_str(), "wx"));
  if (!cert_file || PEM_write_X509(cert_file.get(), cert.get()) != 1)
    return make_error(ErrorCode::internal, "cannot write " + cert_path);
  return Done{};
}

}  // namespace

Result<std::string> certificate_fingerprint(const std::string& certificate_pem_path) {
  FilePtr file(std::fopen(certificate_pem_path.c_str(), "r"));
  if (!file) return make_error(ErrorCode::internal, "cannot read certificate " + certificate_pem_path);
  CertPtr cert(PEM_read_X509(file.get(), nullptr, nullptr, nullptr));
  if (!cert) return make_error(ErrorCode::internal, "certificate " + certificate_pem_path + " is not a PEM certificate");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  X509_digest(cert.get(), EVP_sha256(), digest, &length);
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    if (i) out += ':';
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

Result<CertificateInfo> ensure_self_signed_certificate(const std::filesystem::path& data_dir) {
  const auto dir = data_dir / "tls";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error(ErrorCode::internal, "cannot create " + dir.string() + ": " + ec.message());
  CertificateInfo info{(dir / "certificate.pem").string(), (dir / "private-key.pem").string(), {}, false};
  const bool have_cert = std::filesystem::exists(info.certificate_pem_path);
  const bool have_key = std::filesystem::exists(info.private_key_pem_path);
  if (have_cert != have_key)
    return make_error(ErrorCode::internal, "only one of " + info.certificate_pem_path + " and " +
                                               info.private_key_pem_path + " exists; restore the other or remove both");
  if (!have_cert) {
    if (auto made = make_certificate(info.certificate_pem_path, info.private_key_pem_path); !made) return made.error();
    info.created = true;
  }
  auto fingerprint = certificate_fingerprint(info.certificate_pem_path);
  if (!fingerprint) return fingerprint.error();
  info.sha256_fingerprint = fingerprint.value();
  return info;
}

}  // namespace kete::http
