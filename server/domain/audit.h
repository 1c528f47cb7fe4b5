#pragma once
// One way to write the audit log from handlers, so every entry names actor, subject and address.
#include <string>

#include "http/message.h"
#include "scope/caller.h"
#include "storage/audit_store.h"

namespace kete::domain {

struct AuditSubject {
  std::string tenant_id;
  std::string user_id;
  std::string collection;
  std::string record_id;
};

void audit(storage::SqliteDatabase& db, const scope::Caller& actor, const http::Request& request,
           std::string action, std::string outcome, const AuditSubject& subject = {}, std::string detail = {});

}  // namespace kete::domain
