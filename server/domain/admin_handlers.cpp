#include "domain/admin_handlers.h"

#include <map>

#include <charconv>
#include <ctime>

#include "auth/password_hash.h"
#include "auth/password_policy.h"
#include "auth/authenticator.h"
#include "auth/random.h"
#include "domain/audit.h"
#include "http/json_body.h"
#include "http/json_response.h"
#include "http/query_string.h"
#include "kete/email_address.h"
#include "kete/time_format.h"
#include "kete/uuid.h"
#include "kete/collections.h"
#include "scope/bucket_rules.h"
#include "storage/identity_store.h"
#include "storage/record_store.h"
#include "storage/sqlite_database.h"

namespace kete::domain {
namespace {

boost::json::object tenant_json(const storage::Tenant& t) { return {{"id", t.id}, {"kind", t.kind}, {"name", t.name}}; }

bool role_fits_tenant(const std::string& role, const std::string& kind) {
  if (kind == "internal") return role == "admin" || role == "manager" || role == "staff";
  if (kind == "client") return role == "client";
  if (kind == "partner") return role == "partner";
  return false;
}

}  // namespace

http::Response create_tenant(ServerContext& ctx, const http::Request& request, const scope::Caller& admin) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"kind", "name"}); !ok) return http::error_response(ok.error());
  auto kind = http::string_field(*body, "kind", true, 16);
  auto name = http::string_field(*body, "name", true, 200);
  if (!kind) return http::error_response(kind.error());
  if (!name) return http::error_response(name.error());
  if (**kind != "client" && **kind != "partner")
    return http::error_response(ErrorCode::bad_request, "kind must be client or partner (the business itself exists already)");
  auto& db = ctx.db();
  storage::Transaction tx(db);
  auto tenant = storage::IdentityStore(db).create_tenant(**kind, **name);
  if (!tenant) return http::error_response(tenant.error());
  audit(db, admin, request, "create_tenant", "ok", {tenant->id, ""}, **kind + " " + **name);
  tx.commit();
  return http::json_response(201, tenant_json(*tenant));
}

http::Response list_tenants(ServerContext& ctx) {
  boost::json::array list;
  for (const auto& t : storage::IdentityStore(ctx.db()).tenants()) list.push_back(tenant_json(t));
  return http::json_response(200, boost::json::object{{"tenants", std::move(list)}});
}

http::Response create_user(ServerContext& ctx, const http::Request& request, const scope::Caller& admin) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"email", "name", "role", "tenant_id", "password", "manager_id", "sees_invoices"});
      !ok)
    return http::error_response(ok.error());
  auto email = http::string_field(*body, "email", true, 254);
  auto name = http::string_field(*body, "name", true, 200);
  auto role = http::string_field(*body, "role", true, 16);
  auto tenant_id = http::string_field(*body, "tenant_id", true, 36);
  auto password = http::string_field(*body, "password", false, auth::kMaximumPasswordLength);
  auto manager_id = http::string_field(*body, "manager_id", false, 36);
  for (const auto* f : {&email, &name, &role, &tenant_id, &password, &manager_id})
    if (!*f) return http::error_response(f->error());
  auto normalized = normalize_email(**email);
  if (!normalized) return http::error_response(ErrorCode::bad_request, "email is not an e-mail address");
  if (password->has_value()) {
    if (auto ok = auth::check_new_password(**password); !ok) return http::error_response(ok.error());
  }
  const auto* sees_invoices = body->if_contains("sees_invoices");
  if (sees_invoices && (!sees_invoices->is_bool() || **role != "client"))
    return http::error_response(ErrorCode::bad_request, "sees_invoices is true or false, for client contacts only");

  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  auto tenant = is_canonical_uuid(**tenant_id) ? identities.tenant_by_id(**tenant_id) : std::nullopt;
  if (!tenant) return http::error_response(ErrorCode::bad_request, "tenant_id names no tenant");
  if (!role_fits_tenant(**role, tenant->kind))
    return http::error_response(ErrorCode::bad_request, "role '" + **role + "' does not fit a " + tenant->kind + " tenant");
  if (manager_id->has_value()) {
    auto manager = is_canonical_uuid(**manager_id) ? identities.user_by_id(**manager_id) : std::nullopt;
    if (!manager || tenant->kind != "internal" || manager->tenant_id != tenant->id ||
        (manager->role != "manager" && manager->role != "admin"))
      return http::error_response(ErrorCode::bad_request, "manager_id must name a manager or admin of the business");
  }

  storage::User user;
  user.tenant_id = tenant->id;
  user.email = *normalized;
  user.name = **name;
  user.role = **role;
  user.manager_id = manager_id->value_or("");
  user.sees_invoices = !sees_invoices || sees_invoices->as_bool();
  if (password->has_value()) user.password_hash = auth::hash_password(**password);

  storage::Transaction tx(db);
  auto created = identities.create_user(user);
  if (!created) return http::error_response(created.error());
  boost::json::object out{{"id", created->id},     {"email", created->email},         {"name", created->name},
                          {"role", created->role}, {"tenant_id", created->tenant_id}};
  if (!created->manager_id.empty()) out["manager_id"] = created->manager_id;
  if (created->role == "client") out["sees_invoices"] = created->sees_invoices;
  if (!password->has_value()) {
    const std::string code = auth::random_token_hex(16);
    const auto expires = unix_now() + ctx.auth.invite_lifetime_seconds;
    identities.create_invite(created->id, auth::token_hash(code), expires);
    out["invite_code"] = code;
    out["invite_expires_at"] = rfc3339_utc(std::chrono::system_clock::time_point(std::chrono::seconds(expires)));
  }
  audit(db, admin, request, "create_user", "ok", {created->tenant_id, created->id}, created->role + " " + created->email);
  tx.commit();
  return http::json_response(201, out);
}

http::Response change_assignment(ServerContext& ctx, const http::Request& request, const scope::Caller& admin,
                                 bool assign) {
  auto body = http::parse_json_object(request);
  if (!body) return http::error_response(body.error());
  if (auto ok = http::only_fields(*body, {"user_id", "tenant_id"}); !ok) return http::error_response(ok.error());
  auto user_id = http::string_field(*body, "user_id", true, 36);
  auto tenant_id = http::string_field(*body, "tenant_id", true, 36);
  if (!user_id) return http::error_response(user_id.error());
  if (!tenant_id) return http::error_response(tenant_id.error());
  auto& db = ctx.db();
  storage::IdentityStore identities(db);
  auto user = is_canonical_uuid(**user_id) ? identities.user_by_id(**user_id) : std::nullopt;
  auto tenant = is_canonical_uuid(**tenant_id) ? identities.tenant_by_id(**tenant_id) : std::nullopt;
  if (!user || (user->role != "staff" && user->role != "manager"))
    return http::error_response(ErrorCode::bad_request, "user_id must name a staff member or manager");
  if (!tenant || tenant->kind != "client") return http::error_response(ErrorCode::bad_request, "tenant_id must name a client");
  storage::Transaction tx(db);
  if (assign) identities.assign(user->id, tenant->id);
  else identities.unassign(user->id, tenant->id);
  audit(db, admin, request, assign ? "assign" : "unassign", "ok", {tenant->id, user->id});
  tx.commit();
  return http::no_content();
}

http::Response read_audit(ServerContext& ctx, const http::Request& request, const scope::Caller& caller) {
  storage::AuditQuery q;
  const auto params = http::parse_query(request.query);
  q.subject_tenant_id = http::query_value(params, "tenant_id");
  q.actor_id = http::query_value(params, "actor_id");
  q.action = http::query_value(params, "action");
  const auto number = [&](const char* key, std::int64_t fallback) {
    const std::string text = http::query_value(params, key);
    std::int64_t v = fallback;
    if (!text.empty()) std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
  };
  q.before_seq = number("before", 0);
  q.limit = static_cast<int>(std::clamp<std::int64_t>(number("limit", 100), 1, 1000));
  if (!caller.admin()) {
    if (caller.tenant_kind != "client") return http::error_response(ErrorCode::forbidden, "the audit log is for admins and clients");
    q.subject_tenant_id = caller.tenant_id;  // a client reads about its own tenant, whatever it asked for
  }
  boost::json::array entries;
  ctx.read_audit.flush();  // reads queued before this request are part of the answer
  std::map<std::string, std::string> tenant_kinds;  // of the actors on this page
  const auto kind_of = [&](const std::string& tenant_id) -> const std::string& {
    auto [it, fresh] = tenant_kinds.try_emplace(tenant_id);
    if (fresh && !tenant_id.empty())
      if (auto t = storage::IdentityStore(ctx.db()).tenant_by_id(tenant_id)) it->second = t->kind;
    return it->second;
  };
  const auto page = storage::AuditStore(ctx.db()).query(q);
  for (const auto& e : page) {
    if (!caller.internal() && !scope::may_see_audit_actor(caller, e.actor_tenant_id, kind_of(e.actor_tenant_id))) continue;
    if (!caller.internal()) {  // a client sees only entries about what it may read itself
      const bool pull = e.action == "sync_read";  // detail: "<bucket>: <n> change(s)"
      const auto bucket = pull ? e.detail.substr(0, e.detail.find(": ")) : std::string();
      const bool readable = !pull && !e.record_id.empty() && find_collection(e.collection) &&
                            storage::RecordStore(ctx.db()).get(scope::ReadScope(caller), e.collection, e.record_id);
      if (!scope::may_see_audit_entry(caller, bucket, e.collection, e.subject_tenant_id, readable)) continue;
    }
    boost::json::object o{{"seq", e.seq},         {"at", e.at},
                          {"action", e.action},   {"outcome", e.outcome},
                          {"actor", boost::json::object{{"id", e.actor_id}, {"name", e.actor_name}}},
                          {"tenant_id", e.subject_tenant_id}, {"user_id", e.subject_user_id},
                          {"collection", e.collection}, {"record_id", e.record_id}};
    if (caller.admin()) {
      o["remote_address"] = e.remote_address;
      o["detail"] = e.detail;
    }
    entries.push_back(std::move(o));
  }
  boost::json::object out{{"entries", std::move(entries)}};
  // Entries a client may not see are left out of its page, so a page can be short while older
  // ones remain: where the next page starts is said, rather than left to the entries shown.
  if (static_cast<int>(page.size()) == q.limit) out["next_before"] = page.back().seq;
  return http::json_response(200, std::move(out));
}

}  // namespace kete::domain
