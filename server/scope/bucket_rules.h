#pragma once
// Where a record lives (its buckets, computed from its fields) and which buckets a caller may
// read (computed from the session). The only place that compares tenants and users for reading.
#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kete/collections.h"
#include "kete/result.h"
#include "scope/caller.h"

namespace kete::scope {

// The buckets of a record with these fields; an error when a field the bucket needs is missing.
Result<std::vector<std::string>> record_buckets(const CollectionSpec& spec, const boost::json::object& data);

bool can_read_bucket(const Caller& caller, std::string_view bucket);

// Whose actions a client's access log shows: the business's and its own company's, never another
// client's (whose denied writes could otherwise be made to land there).
bool may_see_audit_actor(const Caller& c, std::string_view actor_tenant_id, std::string_view actor_tenant_kind);
// Whose access log a denied write goes to: a client's or partner's own tenant, whatever the body
// named; for the business's people, the client named only when they look after it (else none),
// so that nobody fills the log of a client they do not look after.
std::string denial_subject_tenant(const Caller& c, std::string_view named_tenant_id);

// Whether an audit entry about the caller's own tenant may be shown to a client or partner user:
// only what it could read itself. `bucket`: the bucket a pull entry names (else empty);
// `record_readable`: the entry's record still exists and the caller can read it. A record that
// is gone is judged by where such a record would live, the least visible place (a document:
// staff-only), so a contact never learns that invoices or internal notes were opened.
bool may_see_audit_entry(const Caller& caller, std::string_view bucket, std::string_view collection,
                         std::string_view subject_tenant_id, bool record_readable);

// An internal user who may work on this client's records (an admin, or staff assigned to it).
bool looks_after_client(const Caller& caller, std::string_view tenant_id);

// Whose data a read of this bucket by this caller exposes, when the audit log must record it:
// another person's personal bucket, or a client's or partner's bucket read by the business.
// Both empty: an ordinary read that is not audited.
struct AuditedRead {
  std::string tenant_id;
  std::string user_id;
  bool audited() const { return !tenant_id.empty() || !user_id.empty(); }
};
AuditedRead audited_read(const Caller& caller, std::string_view bucket);

// Lists storage provides so that scope can name a caller's buckets.
struct BucketDirectory {
  std::function<std::vector<std::string>(const std::string& kind)> tenant_ids;  // "client" | "partner"
  std::function<std::vector<std::string>()> internal_user_ids;
};

// Every bucket the caller may read, sorted.
std::vector<std::string> readable_buckets(const Caller& caller, const BucketDirectory& directory);

// What storage's read API takes: nothing can be read without one.
class ReadScope {
 public:
  explicit ReadScope(const Caller& caller) : caller_(caller) {}
  bool can_read(const std::vector<std::string>& buckets) const;
  const Caller& caller() const { return caller_; }

 private:
  const Caller& caller_;
};

}  // namespace kete::scope
