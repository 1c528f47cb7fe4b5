#pragma once
// Tenants and users as stored; callers above storage never see SQL.
#include <optional>
#include <string>
#include <vector>

#include "kete/result.h"

namespace kete::storage {

class SqliteDatabase;

struct Tenant {
  std::string id;
  std::string kind;  // internal | client | partner
  std::string name;
  bool require_totp = false;
};

struct User {
  std::string id;
  std::string tenant_id;
  std::string email;
  std::string name;
  std::string role;
  std::string manager_id;     // empty when none
  std::string password_hash;  // empty until an invite is taken
  std::string totp_secret;    // raw bytes; empty until enrolment starts
  bool totp_enabled = false;
  std::int64_t totp_last_step = 0;
  bool sees_invoices = true;  // client contacts: invoices and payments are shown to them
};

class IdentityStore {
 public:
  explicit IdentityStore(SqliteDatabase& db) : db_(db) {}

  // The business itself; created with the given name on first use.
  Tenant internal_tenant(const std::string& name_if_new);
  Result<Tenant> create_tenant(const std::string& kind, const std::string& name);
  std::vector<Tenant> tenants();
  std::vector<std::string> tenant_ids(const std::string& kind);
  std::vector<std::string> user_ids_of_tenant(const std::string& tenant_id);

  Result<User> create_user(User user);
  std::optional<User> user_by_email(const std::string& email);
  std::optional<User> user_by_id(const std::string& id);
  std::int64_t user_count();
  std::optional<Tenant> tenant_by_id(const std::string& id);
  void set_password_hash(const std::string& user_id, const std::string& phc);

  void set_totp(const std::string& user_id, const std::string& secret, bool enabled);
  // Marks a two-factor time step used, only if it is later than the last one used: false when it
  // was not (a code sent twice, or by two requests at once, works once).
  bool use_totp_step(const std::string& user_id, std::int64_t step);
  void clear_totp(const std::string& user_id);  // back to no two-factor at all (a lost phone)
  void set_require_totp(const std::string& tenant_id, bool required);
  void set_sees_invoices(const std::string& user_id, bool sees);

  // Staff ↔ client assignments.
  void assign(const std::string& user_id, const std::string& tenant_id);
  void unassign(const std::string& user_id, const std::string& tenant_id);
  std::vector<std::string> assigned_tenants(const std::string& user_id);

  // One-time invite codes (only their SHA-256 is kept).
  void create_invite(const std::string& user_id, const std::string& code_sha256_hex, std::int64_t expires_at);
  bool invite_open(const std::string& code_sha256_hex, std::int64_t now);  // unused and unexpired
  // The user id of an unused, unexpired invite, marking it used.
  std::optional<std::string> take_invite(const std::string& code_sha256_hex, std::int64_t now);

 private:
  SqliteDatabase& db_;
};

}  // namespace kete::storage
