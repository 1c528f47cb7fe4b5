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
