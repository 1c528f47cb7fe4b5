#include "domain/blob_handlers.h"

#include <fcntl.h>
#include <cerrno>
#include <cstdint>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "blobs/content_range.h"
#include "kete/file_types.h"
#include "blobs/write_behind.h"
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

// One request's bytes of an upload, written at their offset as they arrive. Not flushed as they
// go (a flush per chunk costs more than receiving it): a crash of the server loses nothing the
// kernel holds, and bytes a power cut loses are caught by the hash check at the end, which
// discards the upload. The complete file is flushed before it is acknowledged (sync_file).
// On a failed write errno says why, and cut_back() gives back what the failed request took.
//
// Where the system allows it, whole pages at a page-aligned place in the file go straight to disk
// (O_DIRECT) from the upload's buffers, which WriteBehind aligns: copying them into the page cache
// cost as much processor time as decrypting and storing the rest together, and the flush at the
// end would write them out anyway. Anything else (the part of a page where a file ends, the few
// bytes up to the first page boundary of a chunk that starts off one, a body read whole) goes
// through the page cache, and the kernel keeps the two coherent.
class ChunkFile {
 public:
  ChunkFile(const fs::path& path, std::int64_t offset) : offset_(offset) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
#ifdef O_DIRECT
    // A file system without direct writes refuses the open (or the first write): page cache only.
    if (fd_ >= 0) direct_fd_ = ::open(path.c_str(), O_WRONLY | O_DIRECT | O_CLOEXEC);
#endif
  }
  ~ChunkFile() {
    if (fd_ >= 0) ::close(fd_);
    if (direct_fd_ >= 0) ::close(direct_fd_);
  }
  ChunkFile(const ChunkFile&) = delete;
  ChunkFile& operator=(const ChunkFile&) = delete;

  bool is_open() const { return fd_ >= 0; }
  std::int64_t end() const { return offset_ + written_; }

  bool write(std::string_view data) {
    std::size_t done = 0;
    while (done < data.size()) {
      const auto at = end() + static_cast<std::int64_t>(done);
      const std::size_t pages = direct_fd_ >= 0 ? whole_pages(at, data.data() + done, data.size() - done) : 0;
      const bool direct = pages > 0;
      const auto n = ::pwrite(direct ? direct_fd_ : fd_, data.data() + done, direct ? pages : data.size() - done,
                              static_cast<off_t>(at));
      if (n < 0 && direct && errno == EINVAL) {  // this file system takes no direct writes after all
        ::close(direct_fd_);
        direct_fd_ = -1;
        continue;
      }
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    written_ += static_cast<std::int64_t>(data.size());
#ifdef __linux__
    // Starts writing out what went through the page cache, without waiting: the flush of the
    // complete file at the end then has little left to do, instead of a whole file's worth of
    // dirty pages.
    if (written_ - started_out_ >= kWriteOutBytes) {
      ::sync_file_range(fd_, static_cast<off_t>(offset_ + started_out_), static_cast<off_t>(written_ - started_out_), SYNC_FILE_RANGE_WRITE);
      started_out_ = written_;
    }
#endif
    return true;
  }

  // The file ends at `size` (where this request's bytes end, or further when they stopped short
  // of bytes already acknowledged).
  bool cut_at(std::int64_t size) { return ::ftruncate(fd_, static_cast<off_t>(size)) == 0; }
  // After a failed write: back to the `kept` bytes already acknowledged, so that a full disk gets
  // back what this request took. errno is kept.
  void cut_back(std::int64_t kept) {
    const int failure = errno;
    if (!cut_at(kept)) {
      // Nothing more to do: the next request at `kept` writes over it.
    }
    errno = failure;
  }

 private:
  static constexpr std::int64_t kWriteOutBytes = 8 << 20;
  // What every file system and disk that takes direct writes accepts.
  static constexpr std::size_t kPage = blobs::WriteBehind::kBufferAlignment;
  // How many of `size` bytes from `from`, to be written at `at`, are whole pages at page-aligned
  // places, in memory and in the file: those can go straight to disk, the rest cannot.
  static std::size_t whole_pages(std::int64_t at, const char* from, std::size_t size) {
    const bool aligned = at % static_cast<std::int64_t>(kPage) == 0 && reinterpret_cast<std::uintptr_t>(from) % kPage == 0;
    return aligned ? size / kPage * kPage : 0;
  }

  int fd_ = -1;
  int direct_fd_ = -1;
  std::int64_t offset_;
  std::int64_t written_ = 0;
  std::int64_t started_out_ = 0;
};

// Hands the body piece by piece to `hash` and `store`: as it arrives when it is streamed, or the
// whole body in pieces of the same size. A streamed piece is hashed on one thread and stored on
// another while the next one arrives (see WriteBehind): without SHA instructions in the processor,
// hashing alone takes longer than decrypting and storing together, so it must not wait for them.
// False when `store` refused a piece; nothing more is read then. `offset` is where in the file
// the body starts: a streamed body that starts off a page boundary (a chunk resumed where a broken
// one stopped, or from a client with chunks of any size) first takes only the bytes up to the next
// one, so that all its other pieces are whole pages at page-aligned places, which ChunkFile writes
// straight to disk.
template <class Hash, class Store>
bool each_piece(const http::Request& request, std::int64_t offset, Hash hash, Store store) {
  constexpr std::size_t kPiece = blobs::WriteBehind::kPieceBytes;
  if (!request.body_reader) {
    const std::string_view body = request.body;
    for (std::size_t at = 0; at < body.size(); at += kPiece) {
      hash(body.substr(at, kPiece));
      if (!store(body.substr(at, kPiece))) return false;
    }
    return true;
  }
  blobs::WriteBehind behind({[&](std::string_view piece) {
                               hash(piece);
                               return true;
                             },
                             store});
  constexpr auto kPage = static_cast<std::int64_t>(blobs::WriteBehind::kBufferAlignment);
  const auto to_page = static_cast<std::size_t>((kPage - offset % kPage) % kPage);
  std::size_t want = to_page > 0 ? to_page : kPiece;
  while (char* piece = behind.buffer()) {
    const auto n = request.body_reader->read(piece, want);
    if (n == 0) break;
    behind.hand_over(n);
    want = kPiece;
  }
  return behind.finish();
}

// How much of an upload arrived. Not flushed to disk (a flush per chunk took a sixth of its
// time): the bytes it counts are not flushed either, and what a power cut loses of either is
// caught by the hash check at the end.
void record_progress(storage::BlobStore& store, storage::SqliteDatabase& db, const std::string& user,
                     const std::string& sha, std::int64_t received, std::int64_t now) {
  storage::Unflushed unflushed(db);
  storage::Transaction tx(db);
  store.set_received(user, sha, received, now);
  tx.commit();
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

// The answer to the chunk that completed an upload, and to a retry of a chunk of an upload that
// has since completed.
http::Response completed_answer(const storage::BlobInfo& info) {
  auto r = http::json_response(201, boost::json::object{{"sha256", info.sha256}, {"size", info.size}, {"mime", info.mime}});
  add_offsets(r, info.size, info.size);
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
  // Everything up to the first byte of the body is decided from the header: a refused chunk is
  // never sent (a client that waits for 100 Continue is not told to go on).
  const auto length = static_cast<std::int64_t>(request.body_reader ? request.body_length : request.body.size());
  blobs::ContentRange range{0, length - 1, length};
  if (auto header = request.header("content-range")) {
    auto parsed = blobs::parse_content_range(*header);
    if (!parsed) return http::error_response(ErrorCode::bad_request, "Content-Range must be 'bytes FIRST-LAST/TOTAL'");
    if (parsed->length() != length)
      return http::error_response(ErrorCode::bad_request, "the body's length does not match its Content-Range");
    range = *parsed;
  }
  const auto& limits = ctx.blob_settings;
  if (range.total > limits.max_bytes)
    return http::error_response(ErrorCode::payload_too_large,
                                "files may be at most " + std::to_string(limits.max_bytes) + " bytes on this server");

  const std::string key = storage::upload_key(caller.user_id, sha);
  // A retry may come while the connection it replaces is still open on the server. A streamed
  // chunk (on a reader thread of its own) waits for that one to end, at its read deadline at the
  // latest, unless the server stops or this chunk's own client leaves meanwhile (then its place
  // goes to the next retry); a body read whole is handled where waiting would
  // hold up other requests, so it is told to come back instead, as is a third request while one
  // already waits.
  const auto wait = request.body_reader ? std::chrono::milliseconds(60'000) : std::chrono::milliseconds(0);
  auto claim = ctx.upload_hashes.claim(key, wait, [&] { return request.body_reader && request.body_reader->stopped(); });
  if (!claim) {
    auto busy = http::error_response(ErrorCode::busy, "an earlier request is still sending this file; try again shortly");
    busy.headers.emplace_back("Retry-After", "5");
    return busy;
  }
  const auto now = unix_now();
  auto& db = ctx.db();
  storage::BlobStore store(db, ctx.data_dir);
  std::optional<storage::UploadState> state;
  {
    std::lock_guard lock(ctx.upload_hashes.lock_for(sha));
    state = store.upload(caller.user_id, sha);
    if (!state || (range.first == 0 && state->total != range.total)) {
      if (range.first != 0) {
        // A retry of a chunk whose upload completed meanwhile (the request it replaced finished
        // it, and its answer was lost): done, rather than "start again at byte 0". Only for a blob
        // the caller may read, exactly as HEAD tells it; for any other, nothing of it is here.
        if (!state)
          if (auto done = readable_blob(store, caller, sha); done && done->info.size == range.total)
            return completed_answer(done->info);
        return offset_answer(409, sha, 0, range.total);  // nothing of it here: start at byte 0
      }
      storage::Unflushed unflushed(db);  // like its progress (record_progress)
      storage::Transaction tx(db);
      if (state) store.drop_upload(caller.user_id, sha);
      // Bytes the organisation already holds cost it nothing more when one of its people sends
      // them again (one who may read them: nobody learns from this what else it holds). Only at
      // their real size: any other total cannot hash to the name, and must not be a way to store
      // bytes past the quota for a week.
      const auto readable = store.held_by_tenant(sha, caller.tenant_id) ? readable_blob(store, caller, sha) : std::nullopt;
      const bool held = readable && readable->info.size == range.total;
      if (!held &&
          store.tenant_usage(caller.tenant_id) + range.total > limits.tenant_quota_bytes)
        return http::error_response(ErrorCode::payload_too_large, "this would go over your organisation's storage quota");
      store.start_upload(caller.user_id, sha, range.total, now);
      tx.commit();
      ctx.upload_hashes.forget(key);
      state = storage::UploadState{range.total, 0};
    }
  }
  if (state->total != range.total)
    return http::error_response(ErrorCode::bad_request, "the total size differs from the upload in progress; start again at byte 0");
  const auto partial = store.partial_path(caller.user_id, sha);
  if (state->received > 0) {
    // The upload goes on from what its file holds. Neither the file nor its recorded progress is
    // flushed per chunk, so after a power cut (or should the file go missing) the file may hold
    // less than was recorded: going on from where it really ends costs those bytes again, where
    // going on from the record would cost the whole upload at the hash check.
    std::error_code size_ec;
    const auto size = fs::file_size(partial, size_ec);
    const std::int64_t on_disk = size_ec ? 0 : static_cast<std::int64_t>(size);
    if (on_disk < state->received) {
      state->received = on_disk;
      record_progress(store, db, caller.user_id, sha, on_disk, now);
      ctx.upload_hashes.forget(key);
    }
  }
  if (range.first > state->received) return offset_answer(409, sha, state->received, state->total);

  // Each piece is written and hashed as it arrives.
  ChunkFile file(partial, range.first);
  if (!file.is_open()) return not_stored();
  std::int64_t hashed = range.first;
  int write_errno = 0;
  const bool stored = each_piece(
      request, range.first,
      [&](std::string_view piece) {
        ctx.upload_hashes.feed(key, hashed, piece);
        hashed += static_cast<std::int64_t>(piece.size());
      },
      [&](std::string_view piece) {
        if (file.write(piece)) return true;
        write_errno = errno;
        return false;
      });
  if (!stored) {
    errno = write_errno;
    file.cut_back(state->received);
    ctx.upload_hashes.forget(key);  // it went past what is on disk: hashed from the file at the end instead
    return not_stored();
  }
  if (request.body_reader && request.body_reader->failed()) {
    // The connection broke off mid-chunk: what arrived is kept, so that the upload goes on from
    // there. Nobody hears this answer.
    const auto kept = std::max(file.end(), state->received);
    if (!file.cut_at(kept)) return not_stored();
    if (kept > state->received) record_progress(store, db, caller.user_id, sha, kept, now);
    return http::error_response(ErrorCode::bad_request, "the body was cut short");
  }
  if (!file.cut_at(file.end())) return not_stored();
  const std::int64_t received = file.end();
  if (received < state->total) {
    record_progress(store, db, caller.user_id, sha, received, now);
    return offset_answer(200, sha, received, state->total);
  }

  // Complete: the bytes must hash to the name, or they are thrown away.
  auto digest = ctx.upload_hashes.finish(key, state->total);
  if (digest.empty()) digest = blobs::sha256_of_file(partial.string(), state->total);
  if (digest.empty())  // not a mismatch: the bytes could not be read back, and are kept
    return http::error_response(ErrorCode::internal, "the server could not read the upload back to check it; send the last chunk again");
  std::error_code ec;
  if (digest != sha) {
    fs::remove(partial, ec);
    store.drop_upload(caller.user_id, sha);
    return http::error_response(ErrorCode::bad_request,
                                "the bytes received do not hash to " + sha + "; the upload was discarded, send it again");
  }
  std::lock_guard lock(ctx.upload_hashes.lock_for(sha));  // into the one file stored for this hash
  storage::BlobInfo info{sha, state->total, sniff_mime(read_head(partial))};
  const auto final_path = store.blob_path(sha);
  // Flushed the same way whether or not these bytes are stored here already, so that the answer
  // takes as long either way: its timing must not tell anyone that somebody else holds them.
  fs::create_directories(final_path.parent_path(), ec);
  if (!sync_file(partial)) return not_stored();
  const bool moved = !fs::exists(final_path, ec);
  if (moved) {
    fs::rename(partial, final_path, ec);
    if (ec) {
      errno = ec.value();
      return not_stored();
    }
  }
  if (!sync_directory(final_path.parent_path())) return not_stored();
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
  return completed_answer(info);
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

namespace {

// Files the database has no row for: a crash between a file's rename and its row's commit, or
// between a row's deletion and its file's, leaves one, and nothing else would ever remove it. A
// stored file's row is written, and removed, under its hash's lock, and an upload's row under its
// claim: holding the same and finding no row, the file is a stray.
int remove_strays(ServerContext& ctx, storage::BlobStore& store) {
  auto& db = ctx.db();
  int removed = 0;
  for (const auto& file : store.files_on_disk()) {
    // An upload's file: under its claim (none while a chunk arrives: not a stray then).
    std::optional<blobs::UploadHashes::Claim> claim;
    if (file.user_id) {
      claim.emplace(ctx.upload_hashes.claim(storage::upload_key(*file.user_id, file.sha256), std::chrono::milliseconds(0)));
      if (!*claim) continue;
    }
    std::lock_guard lock(ctx.upload_hashes.lock_for(file.sha256));
    storage::Transaction read(db, false);
    const bool recorded = file.user_id ? store.upload(*file.user_id, file.sha256).has_value() : store.blob(file.sha256).has_value();
    read.commit();
    std::error_code ec;
    if (!recorded && fs::remove(file.path, ec)) {
      ++removed;
      log::info("stray_blob_file_removed", {{"file", file.path.filename().string()}});
    }
  }
  return removed;
}

}  // namespace

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
  // Abandoned uploads, each under its claim so that a chunk arriving meanwhile either comes
  // first (and the upload is no longer idle) or finds the upload gone.
  const auto idle_before = now - ctx.blob_settings.stale_upload_seconds;
  for (const auto& [user, sha] : store.idle_uploads(idle_before, 1000)) {
    // One whose chunk is arriving right now is not idle, whatever its record says.
    auto claim = ctx.upload_hashes.claim(storage::upload_key(user, sha), std::chrono::milliseconds(0));
    if (!claim) continue;
    std::lock_guard lock(ctx.upload_hashes.lock_for(sha));
    storage::Transaction tx(db);
    if (!store.drop_upload_if_idle(user, sha, idle_before)) continue;
    tx.commit();
    if (!fs::remove(store.partial_path(user, sha), ec) && ec)
      log::error("upload_not_removed", {{"user_id", user}, {"sha256", sha}, {"error", ec.message()}});
    ctx.upload_hashes.forget(storage::upload_key(user, sha));
    ++result.uploads_dropped;
  }
  result.strays_removed = remove_strays(ctx, store);
  return result;
}

}  // namespace kete::domain
