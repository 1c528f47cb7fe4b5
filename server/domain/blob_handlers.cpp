#include "domain/blob_handlers.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "blobs/content_range.h"
#include "blobs/sniff.h"
#include "domain/audit.h"
#include "http/json_response.h"
#include "scope/bucket_rules.h"
#include "storage/audit_writer.h"
#include "storage/blob_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {
namespace fs = std::filesystem;
namespace {

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

bool is_sha256_name(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

http::Response not_found() { return http::error_response(ErrorCode::not_found, "no such blob"); }

// Writes `data` at `offset`, cuts the file there, and flushes it to disk before the chunk is
// acknowledged (an acknowledged byte is never asked for again).
bool write_chunk(const fs::path& path, std::int64_t offset, std::string_view data) {
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
  ok = ok && ::fdatasync(fd) == 0;
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

// The first record referring to the blob that the caller may read, if any.
std::optional<storage::BlobReference> readable_reference(storage::BlobStore& store, const scope::Caller& caller,
                                                         const std::string& sha) {
  const scope::ReadScope scope(caller);
  for (auto& ref : store.references(sha))
    if (scope.can_read(ref.buckets)) return ref;
  return std::nullopt;
}

http::Response offset_answer(int status, const std::string& sha, std::int64_t received, std::int64_t total) {
  auto r = http::json_response(status, boost::json::object{{"sha256", sha}, {"received", received}, {"total", total}});
  r.headers.emplace_back("Upload-Offset", std::to_string(received));
  r.headers.emplace_back("Upload-Length", std::to_string(total));
  return r;
}

}  // namespace

http::Response put_blob(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                        const std::string& sha) {
  if (!is_sha256_name(sha)) return http::error_response(ErrorCode::bad_request, "a blob is named by its lower-case hex SHA-256");
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

  const auto now = now_seconds();
  const std::string key = caller.user_id + "." + sha;
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
    store.start_upload(caller.user_id, sha, caller.tenant_id, range.total, now);
    tx.commit();
    ctx.upload_hashes.forget(key);
    state = storage::UploadState{caller.tenant_id, range.total, 0};
  }
  if (state->total != range.total)
    return http::error_response(ErrorCode::bad_request, "the total size differs from the upload in progress; start again at byte 0");
  if (range.first > state->received) return offset_answer(409, sha, state->received, state->total);

  const auto partial = store.partial_path(caller.user_id, sha);
  if (!write_chunk(partial, range.first, request.body))
    return http::error_response(ErrorCode::internal, "the server could not store the upload (is its disk full?)");
  ctx.upload_hashes.feed(key, range.first, request.body);
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
  if (fs::exists(final_path, ec)) {
    fs::remove(partial, ec);  // stored once per hash; the uploader still sent every byte
  } else {
    fs::create_directories(final_path.parent_path(), ec);
    fs::rename(partial, final_path, ec);
    if (ec) return http::error_response(ErrorCode::internal, "the server could not store the upload (is its disk full?)");
  }
  storage::Transaction tx(db);
  if (auto existing = store.blob(sha)) info.mime = existing->mime;
  store.complete(caller.user_id, caller.tenant_id, info, now);
  tx.commit();
  auto r = offset_answer(201, sha, info.size, info.size);
  r.body = boost::json::serialize(boost::json::object{{"sha256", sha}, {"size", info.size}, {"mime", info.mime}});
  return r;
}

http::Response head_blob(ServerContext& ctx, const scope::Caller& caller, const std::string& sha) {
  if (!is_sha256_name(sha)) return not_found();
  auto& db = ctx.db();
  storage::BlobStore store(db, ctx.data_dir);
  storage::Transaction read(db, false);
  if (auto state = store.upload(caller.user_id, sha)) {
    auto r = offset_answer(200, sha, state->received, state->total);
    r.body.clear();
    r.head_content_length = 0;
    return r;
  }
  auto info = store.blob(sha);
  if (!info || (!store.owned_by(sha, caller.user_id) && !readable_reference(store, caller, sha))) return not_found();
  auto r = offset_answer(200, sha, info->size, info->size);
  r.body.clear();
  r.content_type = info->mime;
  r.head_content_length = static_cast<std::uint64_t>(info->size);
  r.headers.emplace_back("Accept-Ranges", "bytes");
  return r;
}

http::Response get_blob(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                        const std::string& sha) {
  if (!is_sha256_name(sha)) return not_found();
  auto& db = ctx.db();
  storage::BlobStore store(db, ctx.data_dir);
  std::optional<storage::BlobInfo> info;
  std::optional<storage::BlobReference> via;
  bool owner = false;
  {
    storage::Transaction read(db, false);
    info = store.blob(sha);
    if (!info) return not_found();
    via = readable_reference(store, caller, sha);
    owner = !via && store.owned_by(sha, caller.user_id);
    read.commit();
  }
  if (!via && !owner) return not_found();

  http::Response r;
  r.content_type = info->mime;
  r.headers.emplace_back("Content-Disposition", "attachment");
  r.headers.emplace_back("Accept-Ranges", "bytes");
  r.headers.emplace_back("ETag", "\"" + sha + "\"");
  blobs::ByteRange range{0, info->size};
  if (auto header = request.header("range")) {
    auto parsed = blobs::parse_range(*header, info->size);
    if (!parsed) {
      auto e = http::error_response(ErrorCode::bad_request, "the requested range is not in this file");
      e.status = 416;
      e.headers.emplace_back("Content-Range", "bytes */" + std::to_string(info->size));
      return e;
    }
    range = *parsed;
    r.status = 206;
    r.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                std::to_string(range.first + range.length - 1) + "/" +
                                                std::to_string(info->size));
  }
  if (via) {
    for (const auto& bucket : via->buckets)
      if (const auto audited = scope::audited_read(caller, bucket); audited.audited()) {
        audit_read(ctx.read_audit, caller, request, "read_blob",
                   {audited.tenant_id, audited.user_id, via->collection, via->record_id}, sha);
        break;
      }
  }
  r.file = http::FileSlice{store.blob_path(sha).string(), static_cast<std::uint64_t>(range.first),
                           static_cast<std::uint64_t>(range.length)};
  return r;
}

bool may_use_blob(ServerContext& ctx, const scope::Caller& caller, const std::string& sha) {
  storage::BlobStore store(ctx.db(), ctx.data_dir);
  if (!store.blob(sha)) return false;
  return store.owned_by(sha, caller.user_id) || readable_reference(store, caller, sha).has_value();
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
      storage::Transaction read(db, false);
      if (!store.blob(sha)) fs::remove(store.blob_path(sha), ec);
    }
    result.blobs_removed += static_cast<int>(gone.size());
    if (gone.size() < 100) break;
  }
  std::vector<std::pair<std::string, std::string>> stale;
  {
    storage::Transaction tx(db);
    stale = store.take_stale_uploads(now - ctx.blob_settings.stale_upload_seconds, 1000);
    tx.commit();
  }
  for (const auto& [user, sha] : stale) {
    fs::remove(store.partial_path(user, sha), ec);
    ctx.upload_hashes.forget(user + "." + sha);
  }
  result.uploads_dropped = static_cast<int>(stale.size());
  return result;
}

}  // namespace kete::domain
