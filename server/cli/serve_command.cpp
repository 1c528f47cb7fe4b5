#include <iostream>

#include "cli/commands.h"
#include "cli/data_folder.h"
#include "cli/server_config.h"
#include "http/tls_certificate.h"
#include "kete/version.h"
#include "log/logger.h"
#include "routes.h"
#include "server_context.h"

namespace kete::cli {

int run_serve(const Options& options) {
  auto config = load_server_config(options.config_file);
  if (!config) return print_error(config.error().message), 2;
  if (!options.listen.empty()) {
    if (auto ok = apply_listen_address(options.listen, config->listen); !ok)
      return print_error(ok.error().message), 2;
  }
  auto data = open_data_folder(options.data_dir);
  if (!data) return print_error(data.error().message), 1;

  http::TlsFiles tls{config->tls_certificate, config->tls_private_key};
  std::string fingerprint;
  bool created = false;
  if (tls.certificate_pem.empty()) {
    auto cert = http::ensure_self_signed_certificate(data->dir);
    if (!cert) return print_error(cert.error().message), 1;
    tls = {cert->certificate_pem_path, cert->private_key_pem_path};
    fingerprint = cert->sha256_fingerprint;
    created = cert->created;
  } else {
    auto fp = http::certificate_fingerprint(tls.certificate_pem);
    if (!fp) return print_error(fp.error().message), 1;
    fingerprint = fp.value();
  }

  std::cout << "kete-server " << kete::version() << "\n"
            << "data folder: " << data->dir.string() << "\n"
            << "certificate: " << tls.certificate_pem << (created ? " (new, self-signed)" : "") << "\n"
            << "certificate SHA-256 fingerprint: " << fingerprint << std::endl;

  ServerContext context(data->dir, *data->databases, config->auth);
  auto handler = make_request_handler(context);
  auto result = http::run_https_server(config->listen, tls, handler, make_upgrade_handler(context),
                                      [](const std::string& host, std::uint16_t port) {
    const bool v6 = host.find(':') != std::string::npos;
    std::cout << "listening on https://" << (v6 ? "[" + host + "]" : host) << ":" << port << std::endl;
    log::info("listening", {{"host", host}, {"port", port}});
  });
  if (!result) return print_error(result.error().message), 1;
  std::cout << "stopped" << std::endl;
  return 0;
}

}  // namespace kete::cli
