#include "storage/audit_store.h"

#include "kete/time_format.h"
#include "storage/sqlite_database.h"

namespace kete::storage {

void AuditStore::append(const AuditEntry& e) {
  db_.prepare(
         "INSERT INTO audit_log(at, action, outcome, actor_id, actor_name, actor_tenant_id, subject_tenant_id, "
         "subject_user_id, collection, record_id, remote_address, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, e.at.empty() ? rfc3339_utc_now(true) : e.at).bind(2, e.action).bind(3, e.outcome).bind(4, e.actor_id)
      .bind(5, e.actor_name).bind(6, e.actor_tenant_id).bind(7, e.subject_tenant_id).bind(8, e.subject_user_id)
      .bind(9, e.collection).bind(10, e.record_id).bind(11, e.remote_address).bind(12, e.detail)
      .run();
}

std::vector<AuditEntry> AuditStore::query(const AuditQuery& f) {
  auto q = db_.prepare(
      "SELECT seq, at, action, outcome, actor_id, actor_name, actor_tenant_id, subject_tenant_id, subject_user_id, "
      "collection, record_id, remote_address, detail FROM audit_log "
      "WHERE (?1 = '' OR subject_tenant_id = ?1) AND (?2 = '' OR actor_id = ?2) AND (?3 = '' OR action = ?3) "
      "AND (?4 = 0 OR seq < ?4) ORDER BY seq DESC LIMIT ?5");
  q.bind(1, f.subject_tenant_id).bind(2, f.actor_id).bind(3, f.action).bind(4, f.before_seq)
      .bind(5, static_cast<std::int64_t>(f.limit));
  std::vector<AuditEntry> out;
  while (q.step())
    out.push_back(AuditEntry{q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7),
                             q.text(8), q.text(9), q.text(10), q.text(11), q.text(12)});
  return out;
}

}  // namespace kete::storage
