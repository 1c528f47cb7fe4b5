#include "domain/blob_handlers.h"

#include <fcntl.h>
#include <cerrno>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "blobs/content_range.h"
#include "blobs/sniff.h"
#include "domain/audit.h"
#include "http/json_response.h"
#include "kete/hex.h"
#include "kete/time_format.h"
#include "log/logger.h"
#include "scope/bucket_rules.h"
#include "storage/audit_writer.h"
#include "storage/blob_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {
namespace fs = std::filesystem;
namespace {

http::Response not_found() { return http::error_response(ErrorCode::not_found, "no such blob"); }

// Writes `data` at `offset` and cuts the file there. Not flushed per chunk (a flush per 16 MiB
// costs more than receiving it): a crash of the server loses nothing the kernel holds, and bytes
// a power cut loses are caught by the hash check at the end, which discards the upload. The
// complete file is flushed before it is acknowledged (sync_file).
// On failure the file is cut back to the `kept` bytes already acknowledged, so that a full disk
// gets back what the failed chunk took, and errno says why.
bool write_chunk(const fs::path& path, std::int64_t offset, std::string_view data, std::int64_t kept) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = true;
  std::size_t done = 0;
  while (ok && done < data.size()) {
    const auto n = ::pwrite(fd, data.data() + done, data.size() - done, static_cast<off_t>(offset) + static_cast<off_t>(done));
    if (n <= 0) ok = false; else done += static_cast<std::size_t>(n);
  }
  ok = ok && ::ftruncate(fd, static_cast<off_t>(offset) + static_cast<off_t>(data.size())) == 0;
#ifdef __linux__
  // Starts writing the chunk out now, without waiting: the flush of the complete file at the end
  // then has little left to do, instead of a whole file's worth of dirty pages.
  if (ok) ::sync_file_range(fd, static_cast<off_t>(offset), static_cast<off_t>(data.size()), SYNC_FILE_RANGE_WRITE);
#endif
  const int failure = errno;
  if (!ok && ::ftruncate(fd, static_cast<off_t>(kept)) != 0) {
    // Nothing more to do: the next chunk at `kept` cuts the file again.
  }
  ::close(fd);
  errno = failure;
  return ok;
}

bool disk_full() { return errno == ENOSPC || errno == EDQUOT; }

http::Response not_stored() {
  if (disk_full()) return http::storage_full_response();
  return http::error_response(ErrorCode::internal, "the server could not store the upload");
}

// A directory's entries (a new file, a rename) reach the disk only when it is flushed too.
bool sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

bool sync_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fdatasync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string read_head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

// A complete blob the caller may read: one it uploaded, or one a record it can read refers to
// (`via`, the first such record; empty for the uploader). Nothing otherwise, exactly as for a
// blob that does not exist. The one rule behind HEAD, GET and referring to a blob in a record.
struct ReadableBlob {
  storage::BlobInfo info;
  std::optional<storage::BlobReference> via;
};

std::optional<ReadableBlob> readable_blob(storage::BlobStore& store, const scope::Caller& caller, const std::string& sha) {
  auto info = store.blob(sha);
  if (!info) return std::nullopt;
  auto refs = store.readable_references(sha, scope::ReadScope(caller));
  if (!refs.empty()) return ReadableBlob{*info, std::move(refs.front())};
  if (store.owned_by(sha, caller.user_id)) return ReadableBlob{*info, std::nullopt};
  return std::nullopt;
}

void add_offsets(http::Response& r, std::int64_t received, std::int64_t total) {
  r.headers.emplace_back("Upload-Offset", std::to_string(received));
  r.headers.emplace_back("Upload-Length", std::to_string(total));
}

http::Response offset_answer(int status, const std::string& sha, std::int64_t received, std::int64_t total) {
  auto r = http::json_response(status, boost::json::object{{"sha256", sha}, {"received", received}, {"total", total}});
  add_offsets(r, received, total);
  return r;
}

// HEAD: headers only; `length` is what a GET would send. Upload-Complete (as in the IETF
// resumable-upload draft) tells a finished blob from an upload that has every byte but was
// never recorded.
http::Response head_answer(std::int64_t received, std::int64_t total, std::int64_t length, bool complete) {
  http::Response r;
  add_offsets(r, received, total);
  r.headers.emplace_back("Upload-Complete", complete ? "?1" : "?0");
  r.head_content_length = static_cast<std::uint64_t>(length);
  return r;
}

}  // namespace

http::Response put_blob(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                        const std::string& sha) {
  if (!is_sha256_hex(sha)) return http::error_response(ErrorCode::bad_request, "a blob is named by its lower-case hex SHA-256");
  blobs::ContentRange range{0, static_cast<std::int64_t>(request.body.size()) - 1,
                            static_cast<std::int64_t>(request.body.size())};
  if (auto header = request.header("content-range")) {
    auto parsed = blobs::parse_content_range(*header);
    if (!parsed) return http::error_response(ErrorCode::bad_request, "Content-Range must be 'bytes FIRST-LAST/TOTAL'");
    if (parsed->length() != static_cast<std::int64_t>(request.body.size()))
      return http::error_response(ErrorCode::bad_request, "the body's length does not match its Content-Range");
    range = *parsed;
  }
  const auto& limits = ctx.blob_settings;
  if (range.total > limits.max_bytes)
    return http::error_response(ErrorCode::payload_too_large,
                                "files may be at most " + std::to_string(limits.max_bytes) + " bytes on this server");

  const auto now = unix_now();
  const std::string key = storage::upload_key(caller.user_id, sha);
  std::lock_guard lock(ctx.upload_hashes.lock_for(sha));
  auto& db = ctx.db();
  storage::BlobStore store(db, ctx.data_dir);
  auto state = store.upload(caller.user_id, sha);
  if (!state || (range.first == 0 && state->total != range.total)) {
    if (range.first != 0)
      return offset_answer(409, sha, 0, range.total);  // nothing of it here: start at byte 0
    storage::Transaction tx(db);
    if (state) store.drop_upload(caller.user_id, sha);
    if (store.tenant_usage(caller.tenant_id) + range.total > limits.tenant_quota_bytes)
      return http::error_response(ErrorCode::payload_too_large, "this would go over your organisation's storage quota");
    store.start_upload(caller.user_id, sha, range.total, now);
    tx.commit();
    ctx.upload_hashes.forget(key);
    state = storage::UploadState{range.total, 0};
  }
  if (state->total != range.total)
    return http::error_response(ErrorCode::bad_request, "the total size differs from the upload in progress; start again at byte 0");
  if (range.first > state->received) return offset_answer(409, sha, state->received, state->total);

  const auto partial = store.partial_path(caller.user_id, sha);
  // Hashed on a second thread while the chunk is written: the two take a third of a chunk's
  // handling together, and the connection waits for both.
  auto hashing = std::async(std::launch::async, [&] { ctx.upload_hashes.feed(key, range.first, request.body); });
  const bool written = write_chunk(partial, range.first, request.body, state->received);
  const int write_errno = errno;
  hashing.get();
  if (!written) {
    ctx.upload_hashes.forget(key);  // it went past what is on disk: hashed from the file at the end instead
    errno = write_errno;
    return not_stored();
  }
  const std::int64_t received = range.first + static_cast<std::int64_t>(request.body.size());
  if (received < state->total) {
    store.set_received(caller.user_id, sha, received, now);
    return offset_answer(200, sha, received, state->total);
  }

  // Complete: the bytes must hash to the name, or they are thrown away.
  auto digest = ctx.upload_hashes.finish(key, state->total);
  if (digest.empty()) digest = blobs::sha256_of_file(partial.string(), state->total);
  std::error_code ec;
  if (digest != sha) {
    fs::remove(partial, ec);
    store.drop_upload(caller.user_id, sha);
    return http::error_response(ErrorCode::bad_request,
                                "the bytes received do not hash to " + sha + "; the upload was discarded, send it again");
  }
  storage::BlobInfo info{sha, state->total, blobs::sniff_mime(read_head(partial))};
  const auto final_path = store.blob_path(sha);
  const bool moved = !fs::exists(final_path, ec);
  if (moved) {
    fs::create_directories(final_path.parent_path(), ec);
    if (!sync_file(partial)) return not_stored();
    fs::rename(partial, final_path, ec);
    if (ec) errno = ec.value();
    if (ec || !sync_directory(final_path.parent_path())) return not_stored();
  }
  try {
    storage::Transaction tx(db);
    if (auto existing = store.blob(sha)) info.mime = existing->mime;
    store.complete(caller.user_id, info, now);
    tx.commit();
  } catch (...) {
    // Not recorded: put the bytes back where the upload can be finished again.
    if (moved) fs::rename(final_path, partial, ec);
    throw;
  }
  if (!moved) fs::remove(partial, ec);  // stored once per hash; the uploader still sent every byte
  auto r = http::json_response(201, boost::json::object{{"sha256", sha}, {"size", info.size}, {"mime", info.mime}});
  add_offsets(r, info.size, info.size);
  return r;
}

http::Response head_blob(ServerContext& ctx, const scope::Caller& caller, const std::string& sha) {
  if (!is_sha256_hex(sha)) return not_found();
  auto& db = ctx.db();
  storage::BlobStore store(db, ctx.data_dir);
  std::optional<storage::UploadState> state;
  std::optional<ReadableBlob> blob;
  {
    storage::Transaction read(db, false);
    state = store.upload(caller.user_id, sha);
    if (!state) blob = readable_blob(store, caller, sha);
    read.commit();
  }
  if (state) return head_answer(state->received, state->total, 0, false);
  if (!blob) return not_found();
  auto r = head_answer(blob->info.size, blob->info.size, blob->info.size, true);
  r.content_type = blob->info.mime;
  r.headers.emplace_back("Accept-Ranges", "bytes");
  return r;
}

http::Response get_blob(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                        const std::string& sha) {
  if (!is_sha256_hex(sha)) return not_found();
  auto& db = ctx.db();
  storage::BlobStore store(db, ctx.data_dir);
  std::optional<ReadableBlob> blob;
  {
    storage::Transaction read(db, false);
    blob = readable_blob(store, caller, sha);
    read.commit();
  }
  if (!blob) return not_found();
  const auto& info = blob->info;
  const auto& via = blob->via;

  http::Response r;
  r.content_type = info.mime;
  r.headers.emplace_back("Content-Disposition", "attachment");
  r.headers.emplace_back("Accept-Ranges", "bytes");
  r.headers.emplace_back("ETag", "\"" + sha + "\"");
  blobs::ByteRange range{0, info.size};
  if (auto header = request.header("range")) {
    auto parsed = blobs::parse_range(*header, info.size);
    if (!parsed) {
      auto e = http::error_response(ErrorCode::bad_request, "the requested range is not in this file");
      e.status = 416;
      e.headers.emplace_back("Content-Range", "bytes */" + std::to_string(info.size));
      return e;
    }
    range = *parsed;
    r.status = 206;
    r.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                std::to_string(range.first + range.length - 1) + "/" +
                                                std::to_string(info.size));
  }
  if (via) audit_record_read(ctx.read_audit, caller, request, "read_blob", via->buckets, via->collection, via->record_id, sha);
  r.file = http::FileSlice{store.blob_path(sha).string(), static_cast<std::uint64_t>(range.first),
                           static_cast<std::uint64_t>(range.length)};
  return r;
}

std::optional<storage::BlobInfo> usable_blob(ServerContext& ctx, const scope::Caller& caller, const std::string& sha) {
  storage::BlobStore store(ctx.db(), ctx.data_dir);
  auto blob = readable_blob(store, caller, sha);
  if (!blob) return std::nullopt;
  return blob->info;
}

SweepResult sweep_blobs(ServerContext& ctx, std::int64_t now) {
  SweepResult result;
  auto& db = ctx.db();
  storage::BlobStore store(db, ctx.data_dir);
  std::error_code ec;
  for (;;) {
    std::vector<std::string> gone;
    {
      storage::Transaction tx(db);
      gone = store.take_unreferenced(now - ctx.blob_settings.gc_grace_seconds, 100);
      tx.commit();
    }
    for (const auto& sha : gone) {
      std::lock_guard lock(ctx.upload_hashes.lock_for(sha));
      // A new upload of the same bytes may have completed since: it keeps the file.
      bool uploaded_again = false;
      {
        storage::Transaction read(db, false);
        uploaded_again = store.blob(sha).has_value();
        read.commit();
      }
      if (!uploaded_again && !fs::remove(store.blob_path(sha), ec) && ec)
        log::error("blob_not_removed", {{"sha256", sha}, {"error", ec.message()}});
    }
    result.blobs_removed += static_cast<int>(gone.size());
    if (gone.size() < 100) break;
  }
  // Abandoned uploads, each under its hash's lock so that a chunk arriving meanwhile either
  // comes first (and the upload is no longer idle) or finds the upload gone.
  const auto idle_before = now - ctx.blob_settings.stale_upload_seconds;
  for (const auto& [user, sha] : store.idle_uploads(idle_before, 1000)) {
    std::lock_guard lock(ctx.upload_hashes.lock_for(sha));
    storage::Transaction tx(db);
    if (!store.drop_upload_if_idle(user, sha, idle_before)) continue;
    tx.commit();
    if (!fs::remove(store.partial_path(user, sha), ec) && ec)
      log::error("upload_not_removed", {{"user_id", user}, {"sha256", sha}, {"error", ec.message()}});
    ctx.upload_hashes.forget(storage::upload_key(user, sha));
    ++result.uploads_dropped;
  }
  return result;
}

}  // namespace kete::domain
