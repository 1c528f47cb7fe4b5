#pragma once
// One way to write the audit log from handlers, so every entry names actor, subject and address.
#include <string>
#include <vector>

#include "http/message.h"
#include "scope/caller.h"
#include "server_context.h"
#include "storage/audit_store.h"

namespace kete::storage {
class AuditWriter;
}

namespace kete::domain {

struct AuditSubject {
  AuditSubject(std::string tenant = {}, std::string user = {}, std::string collection_name = {}, std::string record = {})
      : tenant_id(std::move(tenant)), user_id(std::move(user)), collection(std::move(collection_name)),
        record_id(std::move(record)) {}
  std::string tenant_id;
  std::string user_id;
  std::string collection;
  std::string record_id;
};

// Written in the caller's transaction, with what it describes.
void audit(storage::SqliteDatabase& db, const scope::Caller& actor, const http::Request& request,
           std::string action, std::string outcome, const AuditSubject& subject = {}, std::string detail = {});

// A denied request, within the caller's budget (denial_budget.h): the entry that uses the last of
// it says so, and later ones in the window are left out.
void audit_denial(ServerContext& ctx, const scope::Caller& actor, const http::Request& request, std::string action,
                  const AuditSubject& subject = {}, std::string detail = {});

// A read of someone else's records: queued and written in a batch (storage/audit_writer.h).
void audit_read(storage::AuditWriter& writer, const scope::Caller& actor, const http::Request& request,
                std::string action, const AuditSubject& subject, std::string detail = {});

// A read of a record (or of its file): one queued entry under the first of its buckets that
// scope says is audited for this caller (scope::audited_read), none when no bucket is.
void audit_record_read(storage::AuditWriter& writer, const scope::Caller& actor, const http::Request& request,
                       std::string action, const std::vector<std::string>& buckets, const std::string& collection,
                       const std::string& record_id, std::string detail = {});

}  // namespace kete::domain
