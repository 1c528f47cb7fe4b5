#include "storage/blob_store.h"

#include <sqlite3.h>


#include "kete/hex.h"
#include "storage/record_store.h"
#include "storage/sqlite_database.h"

namespace kete::storage {
namespace fs = std::filesystem;

std::string upload_key(const std::string& user_id, const std::string& sha256) { return user_id + "." + sha256; }

fs::path BlobStore::blob_path(const std::string& sha256) const { return dir_ / sha256.substr(0, 2) / sha256; }

fs::path BlobStore::partial_path(const std::string& user_id, const std::string& sha256) const {
  return dir_ / "partial" / upload_key(user_id, sha256);
}

std::vector<BlobStore::FileOnDisk> BlobStore::files_on_disk() const {
  std::vector<FileOnDisk> out;
  std::error_code ec;
  for (const auto& file : fs::directory_iterator(dir_ / "partial", ec)) {
    const auto key = file.path().filename().string();
    const auto dot = key.rfind('.');
    if (dot != std::string::npos && is_sha256_hex(std::string_view(key).substr(dot + 1)))
      out.push_back({file.path(), key.substr(dot + 1), key.substr(0, dot)});
  }
  for (const auto& dir : fs::directory_iterator(dir_, ec)) {
    const auto prefix = dir.path().filename().string();
    if (prefix.size() != 2 || !dir.is_directory(ec)) continue;
    for (const auto& file : fs::directory_iterator(dir.path(), ec)) {
      auto sha = file.path().filename().string();
      if (is_sha256_hex(sha) && sha.compare(0, 2, prefix) == 0) out.push_back({file.path(), std::move(sha), std::nullopt});
    }
  }
  return out;
}

std::optional<BlobInfo> BlobStore::blob(const std::string& sha256) {
  auto q = db_.prepare("SELECT sha256, size, mime FROM blobs WHERE sha256 = ?");
  q.bind(1, sha256);
  if (!q.step()) return std::nullopt;
  return BlobInfo{q.text(0), q.integer(1), q.text(2)};
}

bool BlobStore::owned_by(const std::string& sha256, const std::string& user_id) {
  auto q = db_.prepare("SELECT 1 FROM blob_owners WHERE sha256 = ? AND user_id = ?");
  q.bind(1, sha256).bind(2, user_id);
  return q.step();
}

std::vector<BlobReference> BlobStore::readable_references(const std::string& sha256, const scope::ReadScope& scope) {
  auto q = db_.prepare(
      "SELECT r.id, r.collection, r.buckets FROM record_blobs b JOIN records r ON r.id = b.record_id "
      "WHERE b.sha256 = ? AND r.deleted = 0");
  q.bind(1, sha256);
  std::vector<BlobReference> out;
  while (q.step()) {
    BlobReference ref{q.text(0), q.text(1), parse_bucket_list(q.text(2))};
    if (scope.can_read(ref.buckets)) out.push_back(std::move(ref));
  }
  return out;
}

std::optional<UploadState> BlobStore::upload(const std::string& user_id, const std::string& sha256) {
  auto q = db_.prepare("SELECT total, received FROM blob_uploads WHERE user_id = ? AND sha256 = ?");
  q.bind(1, user_id).bind(2, sha256);
  if (!q.step()) return std::nullopt;
  return UploadState{q.integer(0), q.integer(1)};
}

void BlobStore::start_upload(const std::string& user_id, const std::string& sha256, std::int64_t total,
                             std::int64_t now) {
  db_.prepare(
         "INSERT INTO blob_uploads(user_id, sha256, total, received, updated_at) VALUES (?, ?, ?, 0, ?) "
         "ON CONFLICT(user_id, sha256) DO UPDATE SET total = excluded.total, received = 0, "
         "updated_at = excluded.updated_at")
      .bind(1, user_id).bind(2, sha256).bind(3, total).bind(4, now)
      .run();
}

void BlobStore::set_received(const std::string& user_id, const std::string& sha256, std::int64_t received,
                             std::int64_t now) {
  db_.prepare("UPDATE blob_uploads SET received = ?, updated_at = ? WHERE user_id = ? AND sha256 = ?")
      .bind(1, received).bind(2, now).bind(3, user_id).bind(4, sha256)
      .run();
}

void BlobStore::drop_upload(const std::string& user_id, const std::string& sha256) {
  db_.prepare("DELETE FROM blob_uploads WHERE user_id = ? AND sha256 = ?").bind(1, user_id).bind(2, sha256).run();
}

void BlobStore::complete(const std::string& user_id, const BlobInfo& info, std::int64_t now) {
  db_.prepare("INSERT OR IGNORE INTO blobs(sha256, size, mime, created_at) VALUES (?, ?, ?, ?)")
      .bind(1, info.sha256).bind(2, info.size).bind(3, info.mime).bind(4, now)
      .run();
  db_.prepare(
         "INSERT INTO blob_owners(sha256, user_id, uploaded_at) VALUES (?, ?, ?) "
         "ON CONFLICT(sha256, user_id) DO UPDATE SET uploaded_at = excluded.uploaded_at")
      .bind(1, info.sha256).bind(2, user_id).bind(3, now)
      .run();
  drop_upload(user_id, info.sha256);
}

std::int64_t BlobStore::tenant_usage(const std::string& tenant_id) {
  auto q = db_.prepare(
      "SELECT (SELECT coalesce(sum(b.size), 0) FROM blobs b WHERE b.sha256 IN "
      "         (SELECT o.sha256 FROM blob_owners o JOIN users u ON u.id = o.user_id WHERE u.tenant_id = ?)) "
      "     + (SELECT coalesce(sum(p.total), 0) FROM blob_uploads p JOIN users u ON u.id = p.user_id WHERE u.tenant_id = ?)");
  q.bind(1, tenant_id).bind(2, tenant_id);
  q.step();
  return q.integer(0);
}

bool BlobStore::held_by_tenant(const std::string& sha256, const std::string& tenant_id) {
  auto q = db_.prepare(
      "SELECT 1 FROM blobs b JOIN blob_owners o ON o.sha256 = b.sha256 JOIN users u ON u.id = o.user_id "
      "WHERE b.sha256 = ? AND u.tenant_id = ? LIMIT 1");
  q.bind(1, sha256).bind(2, tenant_id);
  return q.step();
}

void BlobStore::set_record_blobs(const std::string& record_id, const std::vector<std::string>& sha256s) {
  db_.prepare("DELETE FROM record_blobs WHERE record_id = ?").bind(1, record_id).run();
  auto insert = db_.prepare("INSERT OR IGNORE INTO record_blobs(sha256, record_id) VALUES (?, ?)");
  for (const auto& sha : sha256s) {
    insert.bind(1, sha).bind(2, record_id);
    insert.run();
    insert.reset();
  }
}

std::vector<std::string> BlobStore::take_unreferenced(std::int64_t uploaded_before, int limit) {
  auto q = db_.prepare(
      "SELECT b.sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM record_blobs r WHERE r.sha256 = b.sha256) "
      "AND NOT EXISTS (SELECT 1 FROM blob_owners o WHERE o.sha256 = b.sha256 AND o.uploaded_at >= ?) LIMIT ?");
  q.bind(1, uploaded_before).bind(2, static_cast<std::int64_t>(limit));
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  for (const auto& sha : out) {
    db_.prepare("DELETE FROM blob_owners WHERE sha256 = ?").bind(1, sha).run();
    db_.prepare("DELETE FROM blobs WHERE sha256 = ?").bind(1, sha).run();
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> BlobStore::idle_uploads(std::int64_t updated_before, int limit) {
  auto q = db_.prepare("SELECT user_id, sha256 FROM blob_uploads WHERE updated_at < ? LIMIT ?");
  q.bind(1, updated_before).bind(2, static_cast<std::int64_t>(limit));
  std::vector<std::pair<std::string, std::string>> out;
  while (q.step()) out.emplace_back(q.text(0), q.text(1));
  return out;
}

bool BlobStore::drop_upload_if_idle(const std::string& user_id, const std::string& sha256, std::int64_t updated_before) {
  db_.prepare("DELETE FROM blob_uploads WHERE user_id = ? AND sha256 = ? AND updated_at < ?")
      .bind(1, user_id).bind(2, sha256).bind(3, updated_before)
      .run();
  return sqlite3_changes(db_.handle()) > 0;
}

}  // namespace kete::storage
