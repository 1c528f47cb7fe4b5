#include "scope/bucket_rules.h"

#include <algorithm>

namespace kete::scope {
namespace {

std::string text_of(const boost::json::object& data, std::string_view key) {
  const auto* v = data.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<std::string> required_id(const boost::json::object& data, std::string_view key) {
  auto id = text_of(data, key);
  if (id.empty()) return make_error(ErrorCode::bad_request, "field '" + std::string(key) + "' is required");
  return id;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

Result<std::vector<std::string>> record_buckets(const CollectionSpec& spec, const boost::json::object& data) {
  using B = BucketFamily;
  switch (spec.buckets) {
    case B::internal:
      return std::vector<std::string>{"internal"};
    case B::partners:
      return std::vector<std::string>{"partners"};
    case B::user: {
      auto user = required_id(data, "user_id");
      if (!user) return user.error();
      return std::vector<std::string>{"user:" + user.value()};
    }
    case B::user_approvals: {
      auto user = required_id(data, "user_id");
      if (!user) return user.error();
      std::vector<std::string> out{"user:" + user.value()};
      if (auto approver = text_of(data, "approver_id"); !approver.empty()) out.push_back("approvals:" + approver);
      return out;
    }
    case B::acknowledgement: {
      if (auto tenant = text_of(data, "tenant_id"); !tenant.empty()) return std::vector<std::string>{"partner:" + tenant};
      auto user = required_id(data, "user_id");
      if (!user) return user.error();
      return std::vector<std::string>{"user:" + user.value()};
    }
    case B::client:
    case B::client_internal:
    case B::client_document: {
      auto tenant = required_id(data, "tenant_id");
      if (!tenant) return tenant.error();
      bool visible = spec.buckets == B::client;
      if (spec.buckets == B::client_document) {
        const auto* flag = data.if_contains("client_visible");
        visible = !flag || !flag->is_bool() || flag->as_bool();
      }
      return std::vector<std::string>{(visible ? "client:" : "client-internal:") + tenant.value()};
    }
    case B::client_billing: {
      auto tenant = required_id(data, "tenant_id");
      if (!tenant) return tenant.error();
      return std::vector<std::string>{"client-billing:" + tenant.value()};
    }
    case B::partner: {
      auto tenant = required_id(data, "tenant_id");
      if (!tenant) return tenant.error();
      return std::vector<std::string>{"partner:" + tenant.value()};
    }
  }
  return make_error(ErrorCode::internal, "collection without a bucket rule");
}

bool can_read_bucket(const Caller& c, std::string_view bucket) {
  if (!c.signed_in()) return false;
  const auto assigned = [&](std::string_view tenant) {
    return std::find(c.assigned_client_tenants.begin(), c.assigned_client_tenants.end(), tenant) !=
           c.assigned_client_tenants.end();
  };
  if (c.internal()) {
    if (bucket == "internal" || bucket == "partners") return true;
    if (starts_with(bucket, "partner:")) return true;
    if (bucket == "user:" + c.user_id || bucket == "approvals:" + c.user_id) return true;
    if (starts_with(bucket, "user:")) return c.admin();
    if (starts_with(bucket, "client:")) return c.admin() || assigned(bucket.substr(7));
    if (starts_with(bucket, "client-internal:")) return c.admin() || assigned(bucket.substr(16));
    if (starts_with(bucket, "client-billing:")) return c.admin() || assigned(bucket.substr(15));
    return false;
  }
  if (c.tenant_kind == "client")
    return bucket == "client:" + c.tenant_id || (c.sees_invoices && bucket == "client-billing:" + c.tenant_id);
  if (c.tenant_kind == "partner") return bucket == "partners" || bucket == "partner:" + c.tenant_id;
  return false;  // deny by default
}

AuditedRead audited_read(const Caller& c, std::string_view bucket) {
  const auto rest = [&](std::string_view prefix) { return std::string(bucket.substr(prefix.size())); };
  if (starts_with(bucket, "user:") && bucket.substr(5) != c.user_id) return {"", rest("user:")};
  if (!c.internal()) return {};
  if (starts_with(bucket, "client:")) return {rest("client:"), ""};
  if (starts_with(bucket, "client-internal:")) return {rest("client-internal:"), ""};
  if (starts_with(bucket, "client-billing:")) return {rest("client-billing:"), ""};
  if (starts_with(bucket, "partner:")) return {rest("partner:"), ""};
  return {};
}

std::vector<std::string> readable_buckets(const Caller& c, const BucketDirectory& dir) {
  std::vector<std::string> out;
  if (!c.signed_in()) return out;
  if (c.internal()) {
    out = {"internal", "partners", "user:" + c.user_id, "approvals:" + c.user_id};
    for (const auto& t : dir.tenant_ids("partner")) out.push_back("partner:" + t);
    const auto clients = c.admin() ? dir.tenant_ids("client") : c.assigned_client_tenants;
    for (const auto& t : clients) {
      out.push_back("client:" + t);
      out.push_back("client-internal:" + t);
      out.push_back("client-billing:" + t);
    }
    if (c.admin())
      for (const auto& u : dir.internal_user_ids())
        if (u != c.user_id) out.push_back("user:" + u);
  } else if (c.tenant_kind == "client") {
    out = {"client:" + c.tenant_id, "client-billing:" + c.tenant_id};
  } else if (c.tenant_kind == "partner") {
    out = {"partners", "partner:" + c.tenant_id};
  }
  // Whatever was listed, only what can_read_bucket allows is returned: one rule, two views of it.
  std::erase_if(out, [&](const std::string& b) { return !can_read_bucket(c, b); });
  std::sort(out.begin(), out.end());
  return out;
}

bool may_see_audit_actor(const Caller& c, std::string_view actor_tenant_id, std::string_view actor_tenant_kind) {
  return c.internal() || actor_tenant_kind == "internal" || (!actor_tenant_id.empty() && actor_tenant_id == c.tenant_id);
}

std::string denial_subject_tenant(const Caller& c, std::string_view named) {
  if (!c.internal()) return c.tenant_id;
  // Only clients read their access log; the business reads all of it, subject or not.
  return looks_after_client(c, named) ? std::string(named) : std::string();
}

bool may_see_audit_entry(const Caller& c, std::string_view bucket, std::string_view collection,
                         std::string_view subject_tenant_id, bool record_readable) {
  if (c.internal() || subject_tenant_id.empty()) return true;
  if (!bucket.empty()) return can_read_bucket(c, bucket);
  const auto* spec = find_collection(collection);
  if (!spec || record_readable) return true;
  boost::json::object probe{{"tenant_id", subject_tenant_id}, {"client_visible", false}};
  const auto buckets = record_buckets(*spec, probe);
  return buckets && ReadScope(c).can_read(buckets.value());
}

bool looks_after_client(const Caller& c, std::string_view tenant_id) {
  return c.internal() && can_read_bucket(c, "client-internal:" + std::string(tenant_id));
}

bool ReadScope::can_read(const std::vector<std::string>& buckets) const {
  return std::any_of(buckets.begin(), buckets.end(), [&](const std::string& b) { return can_read_bucket(caller_, b); });
}

}  // namespace kete::scope
