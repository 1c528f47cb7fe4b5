#include <condition_variable>
#include <ctime>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "kete/time_format.h"
#include "cli/data_folder.h"
#include "cli/server_config.h"
#include "domain/blob_handlers.h"
#include "http/tls_certificate.h"
#include "kete/version.h"
#include "log/logger.h"
#include "routes.h"
#include "server_context.h"

namespace kete::cli {
namespace {

class BlobSweeper {
 public:
  explicit BlobSweeper(ServerContext& ctx) : ctx_(ctx), thread_([this] { run(); }) {}
  ~BlobSweeper() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      lock.unlock();
      try {
        const auto swept = domain::sweep_blobs(ctx_, unix_now());
        if (swept.blobs_removed || swept.uploads_dropped || swept.strays_removed)
          log::info("blobs_swept", {{"blobs_removed", swept.blobs_removed}, {"uploads_dropped", swept.uploads_dropped},
                                    {"strays_removed", swept.strays_removed}});
      } catch (const std::exception& e) {
        log::error("blob_sweep_failed", {{"what", e.what()}});
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::seconds(ctx_.blob_settings.gc_interval_seconds), [this] { return stop_; });
    }
  }
  ServerContext& ctx_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

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

  ServerContext context(data->dir, *data->databases, config->auth, config->blobs);
  // Unreferenced blobs and abandoned uploads are swept at start and then every interval.
  BlobSweeper sweeper(context);
  auto result = http::run_https_server(config->listen, tls, make_request_handlers(context), make_upgrade_handler(context),
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
