#pragma once
// What every request handler may use: the data folder's stores and the server's settings.
#include <filesystem>
#include <string>

#include "auth/auth_settings.h"
#include "auth/session_cache.h"
#include "blobs/blob_settings.h"
#include "blobs/upload_hashes.h"
#include "domain/denial_budget.h"
#include "storage/audit_writer.h"
#include "storage/database_pool.h"
#include "sync/live_hub.h"

namespace kete {

struct ServerContext {
  ServerContext(std::filesystem::path dir, storage::DatabasePool& pool, auth::AuthSettings settings,
                blobs::BlobSettings blob_limits = {})
      : data_dir(std::move(dir)), databases(pool), auth(std::move(settings)), blob_settings(blob_limits),
        read_audit(pool) {}

  std::filesystem::path data_dir;
  storage::DatabasePool& databases;
  auth::AuthSettings auth;
  blobs::BlobSettings blob_settings;
  blobs::UploadHashes upload_hashes;
  sync::LiveHub live;
  auth::SessionCache sessions;
  storage::AuditWriter read_audit;  // entries for reads; see storage/audit_writer.h
  domain::DenialBudget denials;      // how many denials per person the audit log takes

  storage::SqliteDatabase& db() { return databases.for_this_thread(); }
  const storage::CommittedState& committed() const { return databases.committed(); }
};

}  // namespace kete
