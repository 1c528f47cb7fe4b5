#pragma once
// Who may create, change or delete which records, and which fields each may set (DESIGN.md §2).
// Together with bucket_rules this is the whole security model; handlers only ask.
#include <boost/json/object.hpp>
#include <functional>
#include <string>

#include "kete/collections.h"
#include "kete/result.h"
#include "scope/caller.h"

namespace kete::scope {

enum class WriteOp { create, update, remove };

// Facts about ids named in a body, looked up by storage (scope itself runs no SQL).
struct Directory {
  std::function<std::string(const std::string& tenant_id)> tenant_kind;       // "" when there is no such tenant
  std::function<std::string(const std::string& user_id)> user_tenant_kind;    // "" when there is no such user
  std::function<bool(const std::string& document_id)> readable_document;    // a document the caller can read
};

// Decides one write and fills the fields the server decides (tenant_id of a client or partner,
// user_id and approver_id of one's own requests, the first status).
//  - current: the stored record (update, remove), already known to be readable by the caller;
//  - next: the proposed data on create, the merged data on update.
// Errors: not_found when the target lies outside the caller's scope (exactly as if it did not
// exist), forbidden when the record is visible but not the caller's to change or a field is not
// theirs to set, bad_request for malformed values.
Result<Done> authorize_write(const Caller& caller, const CollectionSpec& spec, WriteOp op,
                             const boost::json::object* current, boost::json::object& next, const Directory& directory);

}  // namespace kete::scope
