#pragma once
// The append-only audit log: sign-ins, admin actions, denials, reads of others' personal records.
#include <cstdint>
#include <string>
#include <vector>

namespace kete::storage {

class SqliteDatabase;

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;
  std::string action;   // "sign_in", "create_user", "read_record", "denied", ...
  std::string outcome;  // "ok" | "failed" | "denied"
  std::string actor_id;
  std::string actor_name;
  std::string actor_tenant_id;
  std::string subject_tenant_id;  // whose data it concerns; what a client tenant may read
  std::string subject_user_id;
  std::string collection;
  std::string record_id;
  std::string remote_address;
  std::string detail;
};

struct AuditQuery {
  std::string subject_tenant_id;  // empty: any
  std::string actor_id;           // empty: any
  std::string action;             // empty: any
  std::int64_t before_seq = 0;    // 0: newest first from the end
  int limit = 100;
};

class AuditStore {
 public:
  explicit AuditStore(SqliteDatabase& db) : db_(db) {}
  void append(const AuditEntry& entry);
  std::vector<AuditEntry> query(const AuditQuery& q);

 private:
  SqliteDatabase& db_;
};

}  // namespace kete::storage
