#include "domain/audit.h"

#include "kete/time_format.h"
#include "scope/bucket_rules.h"
#include "storage/audit_writer.h"

namespace kete::domain {

namespace {

storage::AuditEntry entry(const scope::Caller& actor, const http::Request& request, std::string action,
                          std::string outcome, const AuditSubject& subject, std::string detail) {
  storage::AuditEntry e;
  e.action = std::move(action);
  e.outcome = std::move(outcome);
  e.actor_id = actor.user_id;
  e.actor_name = actor.name;
  e.actor_tenant_id = actor.tenant_id;
  e.subject_tenant_id = subject.tenant_id;
  e.subject_user_id = subject.user_id;
  e.collection = subject.collection;
  e.record_id = subject.record_id;
  e.remote_address = request.remote_address;
  e.detail = std::move(detail);
  return e;
}

}  // namespace

void audit(storage::SqliteDatabase& db, const scope::Caller& actor, const http::Request& request, std::string action,
           std::string outcome, const AuditSubject& subject, std::string detail) {
  storage::AuditStore(db).append(entry(actor, request, std::move(action), std::move(outcome), subject, std::move(detail)));
}

void audit_denial(ServerContext& ctx, const scope::Caller& actor, const http::Request& request, std::string action,
                  const AuditSubject& subject, std::string detail) {
  const auto verdict = ctx.denials.take(actor.user_id, unix_now());
  if (verdict == DenialBudget::Verdict::skip) return;
  if (verdict == DenialBudget::Verdict::write_last)
    detail += " (further denials of this person in the next " + std::to_string(DenialBudget::kWindowSeconds / 60) +
              " minutes are not logged)";
  audit(ctx.db(), actor, request, std::move(action), "denied", subject, std::move(detail));
}

void audit_read(storage::AuditWriter& writer, const scope::Caller& actor, const http::Request& request,
                std::string action, const AuditSubject& subject, std::string detail) {
  writer.append(entry(actor, request, std::move(action), "ok", subject, std::move(detail)));
}

}  // namespace kete::domain

namespace kete::domain {

void audit_record_read(storage::AuditWriter& writer, const scope::Caller& actor, const http::Request& request,
                       std::string action, const std::vector<std::string>& buckets, const std::string& collection,
                       const std::string& record_id, std::string detail) {
  for (const auto& bucket : buckets)
    if (const auto read = scope::audited_read(actor, bucket); read.audited()) {
      audit_read(writer, actor, request, std::move(action), {read.tenant_id, read.user_id, collection, record_id},
                 std::move(detail));
      return;
    }
}

}  // namespace kete::domain
