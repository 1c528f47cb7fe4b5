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
    return false;
  }
  if (c.tenant_kind == "client") return bucket == "client:" + c.tenant_id;
  if (c.tenant_kind == "partner") return bucket == "partners" || bucket == "partner:" + c.tenant_id;
  return false;  // deny by default
}

bool ReadScope::can_read(const std::vector<std::string>& buckets) const {
  return std::any_of(buckets.begin(), buckets.end(), [&](const std::string& b) { return can_read_bucket(caller_, b); });
}

}  // namespace kete::scope
