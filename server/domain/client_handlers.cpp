#include "domain/client_handlers.h"

#include <algorithm>

#include "domain/audit.h"
#include "http/json_body.h"
#include "http/json_response.h"
#include "kete/uuid.h"
#include "scope/bucket_rules.h"
#include "storage/identity_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {
namespace {

boost::json::object contact_json(const storage::User& u) {
  return {{"id", u.id}, {"name", u.name}, {"email", u.email}, {"sees_invoices", u.sees_invoices}};
}

}  // namespace

http::Response list_clients(ServerContext& ctx, const scope::Caller& caller) {
  if (!caller.internal()) return http::error_response(ErrorCode::forbidden, "the client list is for the business");
  storage::IdentityStore identities(ctx.db());
  boost::json::array clients;
  for (const auto& tenant : identities.tenants()) {
    if (tenant.kind != "client" || !scope::looks_after_client(caller, tenant.id)) continue;
    std::vector<storage::User> people;
    for (const auto& id : identities.user_ids_of_tenant(tenant.id))
      if (auto user = identities.user_by_id(id)) people.push_back(std::move(*user));
    std::sort(people.begin(), people.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    boost::json::array contacts;
    for (const auto& user : people) contacts.push_back(contact_json(user));
    clients.push_back(boost::json::object{{"id", tenant.id}, {"name", tenant.name}, {"contacts", std::move(contacts)}});
  }
  return http::json_response(200, boost::json::object{{"clients", std::move(clients)}});
}

http::Response update_contact(ServerContext& ctx, const http::Request& request, const scope::Caller& caller,
                              const std::string& user_id) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"sees_invoices"}); !ok) return http::error_response(ok.error());
  const auto* sees = body->if_contains("sees_invoices");
  if (!sees || !sees->is_bool()) return http::error_response(ErrorCode::bad_request, "sees_invoices must be true or false");

  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  auto user = is_canonical_uuid(user_id) ? identities.user_by_id(user_id) : std::nullopt;
  // Someone the caller does not look after is answered exactly like no one.
  if (!user || user->role != "client" || !scope::looks_after_client(caller, user->tenant_id)) {
    audit_denial(ctx, caller, request, "set_invoice_access", {"", ""}, user_id.substr(0, 36));
    return http::error_response(ErrorCode::not_found, "no such user");
  }
  storage::Transaction tx(db);
  identities.set_sees_invoices(user->id, sees->as_bool());
  audit(db, caller, request, "set_invoice_access", "ok", {user->tenant_id, user->id}, sees->as_bool() ? "on" : "off");
  tx.commit();
  user->sees_invoices = sees->as_bool();
  return http::json_response(200, contact_json(*user));
}

}  // namespace kete::domain
