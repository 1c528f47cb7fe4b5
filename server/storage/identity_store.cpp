#include "storage/identity_store.h"

#include <sqlite3.h>

#include "auth/random.h"
#include "kete/time_format.h"
#include "storage/sqlite_database.h"

namespace kete::storage {
namespace {

constexpr std::string_view kUserColumns =
    "id, tenant_id, email, name, role, coalesce(manager_id, ''), coalesce(password_hash, ''), "
    "coalesce(totp_secret, ''), totp_enabled, totp_last_step, sees_invoices";

User read_user(const Statement& s) {
  return User{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
              s.text(7), s.integer(8) != 0, s.integer(9), s.integer(10) != 0};
}

Tenant read_tenant(const Statement& s) { return Tenant{s.text(0), s.text(1), s.text(2), s.integer(3) != 0}; }

}  // namespace

Tenant IdentityStore::internal_tenant(const std::string& name_if_new) {
  auto q = db_.prepare("SELECT id, kind, name, require_totp FROM tenants WHERE kind = 'internal'");
  if (q.step()) return read_tenant(q);
  return create_tenant("internal", name_if_new).value();
}

Result<Tenant> IdentityStore::create_tenant(const std::string& kind, const std::string& name) {
  Tenant t{auth::random_uuid(), kind, name, false};
  db_.prepare("INSERT INTO tenants(id, kind, name, created_at) VALUES (?, ?, ?, ?)")
      .bind(1, t.id).bind(2, t.kind).bind(3, t.name).bind(4, rfc3339_utc_now())
      .run();
  db_.note_identity_change();
  return t;
}

std::vector<Tenant> IdentityStore::tenants() {
  std::vector<Tenant> out;
  auto q = db_.prepare("SELECT id, kind, name, require_totp FROM tenants ORDER BY kind, name");
  while (q.step()) out.push_back(read_tenant(q));
  return out;
}

std::vector<std::string> IdentityStore::tenant_ids(const std::string& kind) {
  std::vector<std::string> out;
  auto q = db_.prepare("SELECT id FROM tenants WHERE kind = ? ORDER BY id");
  q.bind(1, kind);
  while (q.step()) out.push_back(q.text(0));
  return out;
}

std::vector<std::string> IdentityStore::user_ids_of_tenant(const std::string& tenant_id) {
  std::vector<std::string> out;
  auto q = db_.prepare("SELECT id FROM users WHERE tenant_id = ? ORDER BY id");
  q.bind(1, tenant_id);
  while (q.step()) out.push_back(q.text(0));
  return out;
}

Result<User> IdentityStore::create_user(User user) {
  if (user_by_email(user.email)) return make_error(ErrorCode::conflict, "a user with that e-mail address already exists");
  if (user.id.empty()) user.id = auth::random_uuid();
  auto insert = db_.prepare(
      "INSERT INTO users(id, tenant_id, email, name, role, manager_id, password_hash, created_at, sees_invoices) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, user.id).bind(2, user.tenant_id).bind(3, user.email).bind(4, user.name).bind(5, user.role);
  if (user.manager_id.empty()) insert.bind_null(6); else insert.bind(6, user.manager_id);
  if (user.password_hash.empty()) insert.bind_null(7); else insert.bind(7, user.password_hash);
  insert.bind(8, rfc3339_utc_now());
  insert.bind(9, std::int64_t{user.sees_invoices});
  insert.run();
  db_.note_identity_change();
  return user;
}

std::optional<User> IdentityStore::user_by_email(const std::string& email) {
  auto q = db_.prepare("SELECT " + std::string(kUserColumns) + " FROM users WHERE email = ?");
  q.bind(1, email);
  if (!q.step()) return std::nullopt;
  return read_user(q);
}

std::optional<User> IdentityStore::user_by_id(const std::string& id) {
  auto q = db_.prepare("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_user(q);
}

std::int64_t IdentityStore::user_count() {
  auto q = db_.prepare("SELECT count(*) FROM users");
  q.step();
  return q.integer(0);
}

std::optional<Tenant> IdentityStore::tenant_by_id(const std::string& id) {
  auto q = db_.prepare("SELECT id, kind, name, require_totp FROM tenants WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_tenant(q);
}

void IdentityStore::set_password_hash(const std::string& user_id, const std::string& phc) {
  db_.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(1, phc).bind(2, user_id).run();
  db_.note_identity_change(user_id);
}

void IdentityStore::set_totp(const std::string& user_id, const std::string& secret, bool enabled) {
  db_.prepare("UPDATE users SET totp_secret = ?, totp_enabled = ?, totp_last_step = 0 WHERE id = ?")
      .bind(1, secret).bind(2, std::int64_t{enabled}).bind(3, user_id)
      .run();
  db_.note_identity_change(user_id);
}

void IdentityStore::set_sees_invoices(const std::string& user_id, bool sees) {
  db_.prepare("UPDATE users SET sees_invoices = ? WHERE id = ?").bind(1, std::int64_t{sees}).bind(2, user_id).run();
  db_.note_identity_change(user_id);  // their bucket list changes: the next pull removes or adds billing
}

bool IdentityStore::use_totp_step(const std::string& user_id, std::int64_t step) {
  db_.prepare("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
      .bind(1, step).bind(2, user_id).bind(3, step)
      .run();
  return sqlite3_changes(db_.handle()) > 0;
}

void IdentityStore::clear_totp(const std::string& user_id) {
  db_.prepare("UPDATE users SET totp_secret = NULL, totp_enabled = 0, totp_last_step = 0 WHERE id = ?")
      .bind(1, user_id)
      .run();
  db_.note_identity_change(user_id);
}

void IdentityStore::set_require_totp(const std::string& tenant_id, bool required) {
  db_.prepare("UPDATE tenants SET require_totp = ? WHERE id = ?").bind(1, std::int64_t{required}).bind(2, tenant_id).run();
  db_.note_identity_change();
}

void IdentityStore::assign(const std::string& user_id, const std::string& tenant_id) {
  db_.prepare("INSERT OR IGNORE INTO assignments(user_id, tenant_id) VALUES (?, ?)").bind(1, user_id).bind(2, tenant_id).run();
  db_.note_identity_change(user_id);
}

void IdentityStore::unassign(const std::string& user_id, const std::string& tenant_id) {
  db_.prepare("DELETE FROM assignments WHERE user_id = ? AND tenant_id = ?").bind(1, user_id).bind(2, tenant_id).run();
  db_.note_identity_change(user_id);
}

std::vector<std::string> IdentityStore::assigned_tenants(const std::string& user_id) {
  auto q = db_.prepare("SELECT tenant_id FROM assignments WHERE user_id = ? ORDER BY tenant_id");
  q.bind(1, user_id);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  return out;
}

void IdentityStore::create_invite(const std::string& user_id, const std::string& code_sha256_hex,
                                  std::int64_t expires_at) {
  db_.prepare("INSERT INTO invites(code_sha256, user_id, expires_at) VALUES (?, ?, ?)")
      .bind(1, code_sha256_hex).bind(2, user_id).bind(3, expires_at)
      .run();
}

bool IdentityStore::invite_open(const std::string& code_sha256_hex, std::int64_t now) {
  auto q = db_.prepare("SELECT 1 FROM invites WHERE code_sha256 = ? AND used_at IS NULL AND expires_at > ?");
  q.bind(1, code_sha256_hex).bind(2, now);
  return q.step();
}

std::optional<std::string> IdentityStore::take_invite(const std::string& code_sha256_hex, std::int64_t now) {
  auto q = db_.prepare("SELECT user_id FROM invites WHERE code_sha256 = ? AND used_at IS NULL AND expires_at > ?");
  q.bind(1, code_sha256_hex).bind(2, now);
  if (!q.step()) return std::nullopt;
  std::string user_id = q.text(0);
  q.reset();
  db_.prepare("UPDATE invites SET used_at = ? WHERE code_sha256 = ? AND used_at IS NULL").bind(1, now).bind(2, code_sha256_hex).run();
  if (sqlite3_changes(db_.handle()) == 0) return std::nullopt;  // taken by another request meanwhile
  return user_id;
}

}  // namespace kete::storage
