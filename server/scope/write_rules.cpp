#include "scope/write_rules.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "scope/bucket_rules.h"

namespace kete::scope {
namespace {

using Fields = std::initializer_list<std::string_view>;
using Json = boost::json::object;

Error not_found() { return make_error(ErrorCode::not_found, "no such record"); }
Error forbidden(std::string why) { return make_error(ErrorCode::forbidden, std::move(why)); }

std::string text_of(const Json& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool in(std::string_view value, Fields set) { return std::find(set.begin(), set.end(), value) != set.end(); }

std::vector<std::string> changed_fields(const Json& before, const Json& after) {
  std::vector<std::string> out;
  for (const auto& [k, v] : after) {
    const auto* old = before.if_contains(k);
    if (!old || *old != v) out.emplace_back(k);
  }
  for (const auto& [k, v] : before)
    if (!after.contains(k)) out.emplace_back(k);
  return out;
}

Result<Done> only_changes(const std::vector<std::string>& changed, Fields allowed, std::string_view who) {
  for (const auto& f : changed)
    if (!in(f, allowed)) return forbidden("field '" + f + "' may not be set by " + std::string(who));
  return Done{};
}

// Collections whose writers are named internal roles, for all fields.
bool content_writer(std::string_view collection, const Caller& c) {
  if (!c.internal()) return false;
  if (in(collection, {"announcements", "procedures", "shifts"})) return c.role == "admin" || c.role == "manager";
  if (in(collection, {"policies", "form_templates", "partner_resources", "partner_metrics", "payslips",
                      "employment_records", "leave_balances"}))
    return c.admin();
  // Client work: any internal role; the bucket check then limits staff to their assigned clients.
  if (in(collection, {"documents", "document_requests", "jobs", "invoices", "payments", "signature_envelopes",
                      "client_notes", "accounting_contacts"}))
    return true;
  return false;
}

bool has_tenant_field(const CollectionSpec& spec) { return find_field(spec, "tenant_id") != nullptr; }

// Fills server-decided fields on create and checks the ids a body names.
Result<Done> prepare_create(const Caller& c, const CollectionSpec& spec, Json& next, const Directory& dir) {
  const std::string_view name = spec.name;
  if (spec.buckets == BucketFamily::user_approvals) {
    if (!c.internal()) return forbidden("only staff make requests");
    if (!text_of(next, "user_id").empty() && text_of(next, "user_id") != c.user_id) return not_found();
    if (next.contains("approver_id")) return forbidden("field 'approver_id' is set by the server");
    if (next.contains("decision_note")) return forbidden("field 'decision_note' is for the approver");
    if (next.contains("status") && text_of(next, "status") != "pending") return forbidden("a new request is pending");
    if (c.manager_id.empty()) return forbidden("you have no manager to approve requests; ask an admin to set one");
    next["user_id"] = c.user_id;
    next["approver_id"] = c.manager_id;
    next["status"] = "pending";
    return Done{};
  }
  if (name == "acknowledgements") {
    if (!text_of(next, "user_id").empty() && text_of(next, "user_id") != c.user_id) return not_found();
    if (c.internal()) {
      if (next.contains("tenant_id")) return forbidden("field 'tenant_id' is set by the server");
    } else if (c.tenant_kind == "partner") {
      if (!text_of(next, "tenant_id").empty() && text_of(next, "tenant_id") != c.tenant_id) return not_found();
      next["tenant_id"] = c.tenant_id;
    } else {
      return forbidden("clients do not acknowledge policies");
    }
    next["user_id"] = c.user_id;
    return Done{};
  }
  if (has_tenant_field(spec)) {
    const bool client_author = c.tenant_kind == "client" && in(name, {"documents", "messages"});
    if (client_author) {
      if (!text_of(next, "tenant_id").empty() && text_of(next, "tenant_id") != c.tenant_id) return not_found();
      next["tenant_id"] = c.tenant_id;
      if (name == "documents") {
        if (next.contains("client_visible") && next["client_visible"] != true)
          return forbidden("field 'client_visible' may not be set by a client");
        next["client_visible"] = true;
      }
      return Done{};
    }
    if (!c.internal() || !(content_writer(name, c) || name == "messages")) return forbidden("not yours to create");
    const std::string tenant = text_of(next, "tenant_id");
    if (tenant.empty()) return make_error(ErrorCode::bad_request, "field 'tenant_id' is required");
    const std::string kind = dir.tenant_kind(tenant);
    if (kind != (spec.buckets == BucketFamily::partner ? "partner" : "client")) return not_found();
    return Done{};
  }
  if (!content_writer(name, c)) return forbidden("not yours to create");
  if (find_field(spec, "user_id")) {
    const std::string user = text_of(next, "user_id");
    if (user.empty()) return make_error(ErrorCode::bad_request, "field 'user_id' is required");
    if (dir.user_tenant_kind(user) != "internal") return not_found();
  }
  return Done{};
}

Result<Done> check_update(const Caller& c, const CollectionSpec& spec, const Json& current, const Json& next,
                          const Directory& directory) {
  const auto changed = changed_fields(current, next);
  for (const auto& f : changed)
    if (in(f, {"tenant_id", "user_id", "approver_id"})) return forbidden("field '" + f + "' cannot change");
  const std::string_view name = spec.name;
  if (spec.append_only) return forbidden("this collection is append-only");

  if (spec.buckets == BucketFamily::user_approvals) {
    if (text_of(current, "status") != "pending") return forbidden("the request has been decided");
    const std::string status = text_of(next, "status");
    if (text_of(current, "approver_id") == c.user_id) {
      if (auto ok = only_changes(changed, {"status", "decision_note"}, "the approver"); !ok) return ok;
      if (status != "approved" && status != "declined") return forbidden("an approver sets status approved or declined");
      return Done{};
    }
    if (text_of(current, "user_id") == c.user_id) {
      if (auto ok = only_changes(changed, {"leave_type", "start", "end", "hours", "reason", "values", "template_id",
                                           "status"},
                                 "the requester");
          !ok)
        return ok;
      if (status != "pending" && status != "cancelled") return forbidden("a requester may only cancel");
      return Done{};
    }
    return forbidden("only the requester or the approver may change a request");
  }
  if (c.tenant_kind == "client") {
    if (name == "documents")  // a new version of a document the client can see; nothing else (the
                              // server then sets its size and type from the stored file)
      return only_changes(changed, {"blob"}, "a client");
    if (name == "document_requests") {
      // The checklist is ticked by the server when a document naming the request arrives; a
      // client may only mark the request done, naming a document it can see.
      if (auto ok = only_changes(changed, {"status", "fulfilled_document_id"}, "a client"); !ok) return ok;
      if (text_of(next, "status") != "fulfilled" && text_of(next, "status") != text_of(current, "status"))
        return forbidden("a client may only mark a request fulfilled");
      if (const auto doc = text_of(next, "fulfilled_document_id");
          doc != text_of(current, "fulfilled_document_id") && !doc.empty() && !directory.readable_document(doc))
        return make_error(ErrorCode::bad_request, "fulfilled_document_id must name one of your documents");
      return Done{};
    }
    if (name == "signature_envelopes") {
      if (auto ok = only_changes(changed, {"status", "signer_name"}, "a client"); !ok) return ok;
      const std::string status = text_of(next, "status");
      if (text_of(current, "status") != "sent" || (status != "signed" && status != "declined"))
        return forbidden("a client may only sign or decline an envelope that was sent");
      return Done{};
    }
    return forbidden("not yours to change");
  }
  if (!content_writer(name, c)) return forbidden("not yours to change");
  return Done{};
}

}  // namespace

Result<Done> authorize_write(const Caller& c, const CollectionSpec& spec, WriteOp op, const Json* current, Json& next,
                             const Directory& directory) {
  if (!c.signed_in()) return make_error(ErrorCode::unauthorized, "sign in first");
  if (op == WriteOp::create) {
    if (auto ok = prepare_create(c, spec, next, directory); !ok) return ok;
    // Whatever was named, the new record must land where its author can see it.
    auto buckets = record_buckets(spec, next);
    if (!buckets) return buckets.error();
    if (!ReadScope(c).can_read(buckets.value())) return not_found();
    return Done{};
  }
  if (!current) return not_found();
  if (op == WriteOp::remove) {
    if (spec.append_only) return forbidden("this collection is append-only");
    if (spec.buckets == BucketFamily::user_approvals) return forbidden("cancel a request instead of deleting it");
    if (c.tenant_kind == "client" || !content_writer(spec.name, c)) return forbidden("not yours to delete");
    return Done{};
  }
  return check_update(c, spec, *current, next, directory);
}

}  // namespace kete::scope
