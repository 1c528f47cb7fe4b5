#pragma once
// Blob metadata (complete blobs, owners, uploads in progress, which records refer to which blob)
// and where their bytes live on disk. Names on disk are only ever hex SHA-256 digests and user
// ids (UUIDs), never anything a user typed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kete::storage {

class SqliteDatabase;

struct BlobInfo {
  std::string sha256;
  std::int64_t size = 0;
  std::string mime;
};

struct UploadState {
  std::string tenant_id;
  std::int64_t total = 0;
  std::int64_t received = 0;
};

struct BlobReference {
  std::string record_id;
  std::string collection;
  std::vector<std::string> buckets;
};

class BlobStore {
 public:
  BlobStore(SqliteDatabase& db, std::filesystem::path data_dir) : db_(db), dir_(std::move(data_dir) / "blobs") {}

  std::filesystem::path blob_path(const std::string& sha256) const;
  std::filesystem::path partial_path(const std::string& user_id, const std::string& sha256) const;

  std::optional<BlobInfo> blob(const std::string& sha256);
  bool owned_by(const std::string& sha256, const std::string& user_id);
  std::vector<BlobReference> references(const std::string& sha256);  // live records only

  std::optional<UploadState> upload(const std::string& user_id, const std::string& sha256);
  void start_upload(const std::string& user_id, const std::string& sha256, const std::string& tenant_id,
                    std::int64_t total, std::int64_t now);
  void set_received(const std::string& user_id, const std::string& sha256, std::int64_t received, std::int64_t now);
  void drop_upload(const std::string& user_id, const std::string& sha256);
  // The blob row (once per hash) and its owner; the upload row goes.
  void complete(const std::string& user_id, const std::string& tenant_id, const BlobInfo& info, std::int64_t now);
  // Bytes a tenant holds: its distinct complete blobs plus the declared size of its uploads.
  std::int64_t tenant_usage(const std::string& tenant_id);

  void set_record_blobs(const std::string& record_id, const std::vector<std::string>& sha256s);

  // Garbage collection: complete blobs no record refers to, uploaded before the cutoff; their
  // rows are deleted here (in the caller's transaction) and the caller removes the files.
  std::vector<std::string> take_unreferenced(std::int64_t uploaded_before, int limit);
  std::vector<std::pair<std::string, std::string>> take_stale_uploads(std::int64_t updated_before, int limit);

 private:
  SqliteDatabase& db_;
  std::filesystem::path dir_;
};

}  // namespace kete::storage
