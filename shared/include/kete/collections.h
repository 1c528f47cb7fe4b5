#pragma once
// The collection schema registry (DESIGN.md §2): every collection, its fields and which bucket
// family its records live in. Shared by server and apps; who may read or write is decided by the
// server's scope module from this, never here.
#include <cstddef>
#include <span>
#include <string_view>

namespace kete {

enum class FieldType { text, integer, boolean, uuid, timestamp, date, sha256, object, array };

struct FieldSpec {
  std::string_view name;
  FieldType type;
  std::size_t max_bytes = 0;  // text: longest value; 0 = the default of 10,000
};

enum class BucketFamily {
  internal,         // internal
  user,             // user:<user_id>
  user_approvals,   // user:<user_id> + approvals:<approver_id>
  acknowledgement,  // user:<user_id> for internal readers, partner:<tenant_id> for partners
  client,           // client:<tenant_id>
  client_document,  // client:<tenant_id>, or client-internal:<tenant_id> unless client_visible
  client_internal,  // client-internal:<tenant_id>
  client_billing,   // client-billing:<tenant_id>: invoices and payments, for the contacts allowed to see them
  partners,         // partners
  partner,          // partner:<tenant_id>
};

struct CollectionSpec {
  std::string_view name;
  BucketFamily buckets;
  bool append_only;
  std::span<const FieldSpec> fields;
};

const CollectionSpec* find_collection(std::string_view name);
std::span<const CollectionSpec> all_collections();
const FieldSpec* find_field(const CollectionSpec& spec, std::string_view name);

}  // namespace kete
