#include "storage/migrations.h"

#include <array>
#include <string_view>

#include "storage/sqlite_database.h"

namespace kete::storage {
namespace {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

constexpr std::array kMigrations{
    Migration{1, "identity", R"sql(
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta(key, value) VALUES ('epoch', lower(hex(randomblob(16))));
      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('internal', 'client', 'partner')),
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX tenants_one_internal ON tenants(kind) WHERE kind = 'internal';
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'staff', 'client', 'partner')),
        manager_id TEXT REFERENCES users(id),
        password_hash TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX users_tenant ON users(tenant_id);
    )sql"},
    Migration{2, "sessions_audit_assignments", R"sql(
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        token_sha256 TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        device TEXT NOT NULL DEFAULT '',
        remote_address TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        absolute_expires_at INTEGER NOT NULL,
        ended_at INTEGER
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE auth_failures (
        kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),
        key TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX auth_failures_key ON auth_failures(kind, key, at);
      CREATE TABLE assignments (
        user_id TEXT NOT NULL REFERENCES users(id),
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        PRIMARY KEY (user_id, tenant_id)
      );
      CREATE INDEX assignments_tenant ON assignments(tenant_id);
      CREATE TABLE invites (
        code_sha256 TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL,
        actor_id TEXT NOT NULL DEFAULT '',
        actor_name TEXT NOT NULL DEFAULT '',
        actor_tenant_id TEXT NOT NULL DEFAULT '',
        subject_tenant_id TEXT NOT NULL DEFAULT '',
        subject_user_id TEXT NOT NULL DEFAULT '',
        collection TEXT NOT NULL DEFAULT '',
        record_id TEXT NOT NULL DEFAULT '',
        remote_address TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX audit_subject_tenant ON audit_log(subject_tenant_id, seq);
      CREATE INDEX audit_actor ON audit_log(actor_id, seq);
    )sql"},
    Migration{3, "records", R"sql(
      CREATE TABLE records (
        id TEXT PRIMARY KEY,
        collection TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        buckets TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE record_buckets (
        bucket TEXT NOT NULL,
        record_id TEXT NOT NULL REFERENCES records(id),
        PRIMARY KEY (bucket, record_id)
      ) WITHOUT ROWID;
      CREATE INDEX record_buckets_record ON record_buckets(record_id);
      CREATE TABLE applied_mutations (
        user_id TEXT NOT NULL,
        mutation_id TEXT NOT NULL,
        result TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (user_id, mutation_id)
      ) WITHOUT ROWID;
    )sql"},
    Migration{4, "two_factor", R"sql(
      ALTER TABLE users ADD COLUMN totp_secret TEXT;
      ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tenants ADD COLUMN require_totp INTEGER NOT NULL DEFAULT 0;
    )sql"},
    Migration{5, "change_log", R"sql(
      CREATE TABLE bucket_seq (
        bucket TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE change_log (
        bucket TEXT NOT NULL,
        seq INTEGER NOT NULL,
        collection TEXT NOT NULL,
        record_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        PRIMARY KEY (bucket, seq)
      ) WITHOUT ROWID;
      INSERT INTO change_log(bucket, seq, collection, record_id, version, deleted)
        SELECT b.bucket, row_number() OVER (PARTITION BY b.bucket ORDER BY r.updated_at, r.id),
               r.collection, r.id, r.version, r.deleted
        FROM record_buckets b JOIN records r ON r.id = b.record_id;
      INSERT INTO bucket_seq(bucket, last_seq) SELECT bucket, max(seq) FROM change_log GROUP BY bucket;
    )sql"},
    Migration{6, "blobs", R"sql(
      -- Complete blobs, each stored once under blobs/<first two hex>/<sha256>.
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mime TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- Who uploaded which blob: they may read it back, and it counts against their tenant's quota.
      CREATE TABLE blob_owners (
        sha256 TEXT NOT NULL,
        user_id TEXT NOT NULL,
        uploaded_at INTEGER NOT NULL,
        PRIMARY KEY (sha256, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX blob_owners_by_user ON blob_owners(user_id);
      -- Uploads in progress, one per uploader and hash: nobody sees or resumes another's.
      CREATE TABLE blob_uploads (
        user_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        total INTEGER NOT NULL,
        received INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, sha256)
      ) WITHOUT ROWID;
      -- Which records refer to which blobs: a blob is served only through a record one may read.
      CREATE TABLE record_blobs (
        sha256 TEXT NOT NULL,
        record_id TEXT NOT NULL,
        PRIMARY KEY (sha256, record_id)
      ) WITHOUT ROWID;
      CREATE INDEX record_blobs_by_record ON record_blobs(record_id);
    )sql"},
    Migration{7, "client_billing", R"sql(
      -- The business decides per client contact whether they see invoices and payments.
      ALTER TABLE users ADD COLUMN sees_invoices INTEGER NOT NULL DEFAULT 1;
      -- Invoices and payments move from client:<t> to client-billing:<t>, so that a contact without
      -- invoice access is simply not given that bucket.
      UPDATE records SET buckets = 'client-billing:' || substr(buckets, 8)
        WHERE collection IN ('invoices', 'payments') AND buckets LIKE 'client:%';
      UPDATE record_buckets SET bucket = 'client-billing:' || substr(bucket, 8)
        WHERE bucket LIKE 'client:%'
          AND record_id IN (SELECT id FROM records WHERE collection IN ('invoices', 'payments'));
      DELETE FROM change_log WHERE collection IN ('invoices', 'payments') AND bucket LIKE 'client:%';
      INSERT INTO change_log(bucket, seq, collection, record_id, version, deleted)
        SELECT b.bucket, row_number() OVER (PARTITION BY b.bucket ORDER BY r.updated_at, r.id),
               r.collection, r.id, r.version, r.deleted
        FROM record_buckets b JOIN records r ON r.id = b.record_id
        WHERE b.bucket LIKE 'client-billing:%';
      INSERT INTO bucket_seq(bucket, last_seq)
        SELECT bucket, max(seq) FROM change_log WHERE bucket LIKE 'client-billing:%' GROUP BY bucket;
      -- Apps holding invoices under the old bucket must start again, or they would keep them.
      UPDATE meta SET value = lower(hex(randomblob(16)))
        WHERE key = 'epoch' AND EXISTS (SELECT 1 FROM records WHERE collection IN ('invoices', 'payments'));
    )sql"},
};

}  // namespace

int latest_schema_version() { return kMigrations.back().version; }

Result<Done> apply_migrations(SqliteDatabase& db) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
          "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
  auto query = db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  query.step();
  const auto current = query.integer(0);
  if (current > latest_schema_version())
    return make_error(ErrorCode::internal, "database schema version " + std::to_string(current) +
                                               " is newer than this kete-server understands (" +
                                               std::to_string(latest_schema_version()) + "); upgrade kete-server");
  for (const auto& m : kMigrations) {
    if (m.version <= current) continue;
    Transaction tx(db);
    db.exec(m.sql);
    db.prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)").bind(1, m.version).bind(2, m.name).run();
    tx.commit();
  }
  return Done{};
}

}  // namespace kete::storage
