#include "cli/data_folder.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace kete::cli {
namespace fs = std::filesystem;

Result<fs::path> prepare_data_folder(const std::string& dir) {
  std::error_code ec;
  fs::path path = fs::absolute(dir, ec);
  if (ec) return make_error(ErrorCode::bad_request, "data folder " + dir + ": " + ec.message());
  if (fs::exists(path, ec) && !fs::is_directory(path, ec))
    return make_error(ErrorCode::bad_request, "data folder " + path.string() + " exists but is not a folder");
  fs::create_directories(path, ec);
  if (ec) return make_error(ErrorCode::bad_request, "cannot create data folder " + path.string() + ": " + ec.message());
  fs::permissions(path, fs::perms::others_all, fs::perm_options::remove, ec);
  const fs::path probe = path / (".write-test-" + std::to_string(::getpid()));
  {
    std::ofstream out(probe);
    if (!out || !(out << "ok") || !out.flush())
      return make_error(ErrorCode::bad_request, "data folder " + path.string() + " is not writable");
  }
  fs::remove(probe, ec);
  fs::create_directories(path / "blobs", ec);
  if (ec) return make_error(ErrorCode::bad_request, "cannot create " + (path / "blobs").string() + ": " + ec.message());
  return path;
}

Result<std::unique_ptr<storage::DatabasePool>> open_database(const fs::path& data_dir) {
  return storage::DatabasePool::open((data_dir / "kete.db").string());
}

Result<DataFolder> open_data_folder(const std::string& dir) {
  auto path = prepare_data_folder(dir);
  if (!path) return path.error();
  auto pool = open_database(path.value());
  if (!pool) return pool.error();
  return DataFolder{path.value(), std::move(pool.value())};
}

}  // namespace kete::cli
