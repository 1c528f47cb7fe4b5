#pragma once
// Blob metadata (complete blobs, who uploaded them, uploads in progress, which records refer to
// which blob) and where their bytes live on disk. Names on disk are only ever hex SHA-256
// digests and user ids (UUIDs), never anything a user typed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scope/bucket_rules.h"

namespace kete::storage {

class SqliteDatabase;

struct BlobInfo {
  std::string sha256;
  std::int64_t size = 0;
  std::string mime;
};

struct UploadState {
  std::int64_t total = 0;
  std::int64_t received = 0;
};

struct BlobReference {
  std::string record_id;
  std::string collection;
  std::vector<std::string> buckets;
};

// The name of one person's upload of one hash: its partial file and its running hash.
std::string upload_key(const std::string& user_id, const std::string& sha256);

class BlobStore {
 public:
  BlobStore(SqliteDatabase& db, std::filesystem::path data_dir) : db_(db), dir_(std::move(data_dir) / "blobs") {}

  std::filesystem::path blob_path(const std::string& sha256) const;
  std::filesystem::path partial_path(const std::string& user_id, const std::string& sha256) const;
  // Every file in the blob folder that is named like a stored blob (no user) or an upload's
  // partial file (its user), whether or not a row says it should be there.
  struct FileOnDisk {
    std::filesystem::path path;
    std::string sha256;
    std::optional<std::string> user_id;
  };
  std::vector<FileOnDisk> files_on_disk() const;

  std::optional<BlobInfo> blob(const std::string& sha256);
  bool owned_by(const std::string& sha256, const std::string& user_id);
  // Live records referring to the blob that the scope may read (like RecordStore::get, reads
  // go through a scope).
  std::vector<BlobReference> readable_references(const std::string& sha256, const scope::ReadScope& scope);

  std::optional<UploadState> upload(const std::string& user_id, const std::string& sha256);
  void start_upload(const std::string& user_id, const std::string& sha256, std::int64_t total, std::int64_t now);
  void set_received(const std::string& user_id, const std::string& sha256, std::int64_t received, std::int64_t now);
  void drop_upload(const std::string& user_id, const std::string& sha256);
  // The blob row (once per hash) and its uploader; the upload row goes.
  void complete(const std::string& user_id, const BlobInfo& info, std::int64_t now);
  // Bytes a tenant holds: distinct complete blobs its people uploaded, plus the declared size
  // of their uploads in progress.
  std::int64_t tenant_usage(const std::string& tenant_id);
  // A complete blob one of the tenant's people uploaded: already counted in its usage.
  bool held_by_tenant(const std::string& sha256, const std::string& tenant_id);

  void set_record_blobs(const std::string& record_id, const std::vector<std::string>& sha256s);

  // Garbage collection: complete blobs no record refers to, last uploaded before the cutoff;
  // their rows are deleted here (in the caller's transaction) and the caller removes the files.
  std::vector<std::string> take_unreferenced(std::int64_t uploaded_before, int limit);
  // Uploads untouched since the cutoff (user id, hash), and dropping one if it still is.
  std::vector<std::pair<std::string, std::string>> idle_uploads(std::int64_t updated_before, int limit);
  bool drop_upload_if_idle(const std::string& user_id, const std::string& sha256, std::int64_t updated_before);

 private:
  SqliteDatabase& db_;
  std::filesystem::path dir_;
};

}  // namespace kete::storage
