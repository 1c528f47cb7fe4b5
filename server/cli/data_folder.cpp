#include "cli/data_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <boost/interprocess/sync/file_lock.hpp>
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
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const bool written = fd >= 0 && ::write(fd, "ok", 2) == 2;
  const int failure = errno;
  if (fd >= 0) ::close(fd);
  fs::remove(probe, ec);
  if (!written) {
    if (failure == ENOSPC || failure == EDQUOT)
      return make_error(ErrorCode::bad_request, "data folder " + path.string() + " is on a full disk; free some space and start again");
    return make_error(ErrorCode::bad_request, "data folder " + path.string() + " is not writable: " + std::strerror(failure));
  }
  fs::create_directories(path / "blobs", ec);
  if (ec) return make_error(ErrorCode::bad_request, "cannot create " + (path / "blobs").string() + ": " + ec.message());
  return path;
}

Result<std::unique_ptr<storage::DatabasePool>> open_database(const fs::path& data_dir) {
  return storage::DatabasePool::open((data_dir / "kete.db").string());
}

DataFolder::DataFolder(fs::path d, std::unique_ptr<storage::DatabasePool> pool, std::shared_ptr<void> held)
    : lock_(std::move(held)), dir(std::move(d)), databases(std::move(pool)) {}

Result<DataFolder> open_data_folder(const std::string& dir) {
  auto path = prepare_data_folder(dir);
  if (!path) return path.error();
  const fs::path lock_path = path.value() / "kete.lock";
  { std::ofstream touch(lock_path, std::ios::app); }
  std::shared_ptr<boost::interprocess::file_lock> lock;
  bool held = false;
  try {
    lock = std::make_shared<boost::interprocess::file_lock>(lock_path.string().c_str());
    held = lock->try_lock();
  } catch (const boost::interprocess::interprocess_exception& e) {
    return make_error(ErrorCode::internal, "cannot lock " + lock_path.string() + ": " + e.what());
  }
  if (!held)
    return make_error(ErrorCode::conflict,
                      "another kete-server is using " + path.value().string() +
                          " (serving it, or running a command on it). Stop it first; while it serves, add "
                          "users through its admin API (POST /api/v1/users)");
  auto pool = open_database(path.value());
  if (!pool) return pool.error();
  return DataFolder(path.value(), std::move(pool.value()), std::move(lock));
}

}  // namespace kete::cli
